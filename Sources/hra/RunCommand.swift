import Foundation
import HRA

enum RunCommand {
  static let help = """
    usage: hra run [options]
    Computes the LPR of every building for every gas year and writes an output folder
    (buildings-lpr.csv, summary.txt, summary.json, manifest.json) atomically.

    \(CommonOptions.help)
      --estimator E         integrated (default) or montecarlo
      --catalogues N        synthetic catalogues per gas year (montecarlo; default 2000)
      --norm X              norm reported in the summary (default 1e-5)
      --out DIR             output folder (default out/run)
      --json                print the summary as JSON
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") { print(help); return }
    let a = try Arguments(args, options: CommonOptions.names + ["estimator", "catalogues", "norm", "out"], flags: ["json"], command: "run")
    var c = try CommonOptions.configuration(a).config
    if let e = a.string("estimator") {
      guard let v = RunConfiguration.Estimator(rawValue: e) else { throw Arguments.UsageError(description: "--estimator must be integrated or montecarlo") }
      c.estimator = v
    }
    if let n = try a.int("catalogues") { guard n >= 2 else { throw Arguments.UsageError(description: "--catalogues must be at least 2") }; c.catalogues = n }
    if let n = try a.double("norm") { c.norm = n }
    if let o = a.string("out") { c.output = o }
    let json = a.has("json")
    let s = try LPRRun.run(c) { if !json { print($0) } }
    print(json ? try JSONCoding.encode(s) : ResultTable.summaryText(s), terminator: "")
  }
}
