import Foundation
import HRA

enum GenericHazardCommand {
  static let help = """
    usage: hra generic-hazard --config FILE [--out DIR] [--threads N] [--json] [--quiet]
    Hazard curves, hazard maps and damage-state rates at sites from an area source (truncated
    Gutenberg–Richter, point or finite ruptures) and the Dost et al. (2004) or Bommer et al. (2013)
    Groningen PGA/PGV model on a uniform site, for cross-code checks with OpenQuake. Sections
    [models], [area_source], [gmm], [sites], [fragility], [hazard], [output]: see
    docs/generic-models.md and examples/area-source-dost2004.ini.

    \(ProgressOptions.help)
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    let a = try Arguments(
      args, options: ["config", "out", "threads"], flags: ["json", "quiet"], command: "generic-hazard")
    guard let file = a.string("config") else {
      throw Arguments.UsageError(description: "generic-hazard needs --config FILE")
    }
    let c = try GenericHazardConfiguration(
      path: file, out: a.string("out"), threads: try a.int("threads"), json: a.has("json") ? true : nil)
    let progress = ProgressReporter(command: "generic-hazard", quiet: a.has("quiet"))
    defer { progress.finish() }
    let s = try GenericHazardRun.run(c, log: progress.log)
    progress.finish()
    if c.json {
      print(try JSONCoding.encode(s), terminator: "")
    } else {
      print(
        "generic hazard: \(s.sites) sites, \(s.cells) cells, \(s.magnitudeBins) bins, \(s.estimator); wrote \(s.output) in \(String(format: "%.1f", s.runtimeSeconds)) s"
      )
    }
  }
}
