import Foundation
import HRA

enum ExplainCommand {
  static let help = """
    usage: hra explain <building-id> [--json] [--samples N] [--fix SET=BRANCH,...] [--central-only] [run options]
    Shows what drives a building's LPR: per gas year the LPR and its inside/outside/chimney
    parts, and for the first year the contributions of magnitude bins, distance bands and
    the strongest source cells (integrated estimator, central branches); then over the logic
    tree (N sampled combinations, default 500): mean/P50/P90 per year and a sensitivity table
    (P50/P90 with each branch set held at each of its branches), sets that move P90 most first;
    and the hazard at the building's risk site: PGA and AvgSa [g] with return periods 475 and
    2475 years per gas year (surface; mean and P16/P50/P84 over the same N combinations, the
    central branches with --central-only).

    \(CommonOptions.help)
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    let args = try ConfigOptions.expand(args, command: "explain")
    let a = try Arguments(
      args, options: CommonOptions.names + ["samples", "norm", "fix"], flags: ["json", "central-only"],
      command: "explain")
    guard a.positionals.count == 1 else {
      throw Arguments.UsageError(description: "explain needs exactly one building id")
    }
    var c = try CommonOptions.configuration(a).config
    try TreeOptions.apply(a, to: &c)  // --fix (and --samples) for the tree view and the hazard
    var e = try Explanation.explain(buildingID: a.positionals[0], configuration: c)
    e.hazard = try Explanation.hazard(
      buildingID: a.positionals[0], configuration: c, samples: try a.int("samples") ?? 500,
      central: a.has("central-only"))
    if !a.has("central-only") {
      var cc = c
      if let n = try a.double("norm") { cc.norm = n }
      e.tree = try Explanation.treeView(
        buildingID: a.positionals[0], configuration: cc, samples: try a.int("samples") ?? 500)
    }
    print(a.has("json") ? try JSONCoding.encode(e) : e.text(), terminator: "")
  }
}
