import Foundation
import HRA

enum ExplainCommand {
  static let help = """
    usage: hra explain <building-id> [--json] [run options]
    Shows what drives a building's LPR: per gas year the LPR and its inside/outside/chimney
    parts, and for the first year the contributions of magnitude bins, distance bands and
    the strongest source cells (integrated estimator, central branches).

    \(CommonOptions.help)
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") { print(help); return }
    let a = try Arguments(args, options: CommonOptions.names, flags: ["json"], command: "explain")
    guard a.positionals.count == 1 else { throw Arguments.UsageError(description: "explain needs exactly one building id") }
    let c = try CommonOptions.configuration(a).config
    let e = try Explanation.explain(buildingID: a.positionals[0], configuration: c)
    print(a.has("json") ? try JSONCoding.encode(e) : e.text(), terminator: "")
  }
}
