import Foundation
import HRA

enum ScenarioCommand {
  static let help = """
    usage: hra scenario --magnitude M --x X --y Y [--out FILE] [--json] [exposure options]
                        [--logic-tree central|mean|p50|p90] [--branch SET=BRANCH,...]
    One earthquake with epicentre (X, Y) in RD metres, evaluated for every building of the
    exposure (rupture geometry and ground-motion variability integrated). Default: the central
    branches. --logic-tree mean|p50|p90 gives, per building and quantity, the weighted mean or
    percentile over the ground-motion, fragility and consequence branches (median weights at M);
    --branch holds sets fixed (gmm_median, gmm_tau, gmm_phi_ss, gmm_s2s, fragility,
    consequence); with all six held it is one picked combination.
    Writes CSV (to --out, atomically, or stdout); --json prints a summary. An existing --out
    file is replaced only with --overwrite.

    \(CommonOptions.help)
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    let args = try ConfigOptions.expand(args, command: "scenario")
    let a = try Arguments(
      args, options: CommonOptions.names + ["magnitude", "x", "y", "out", "logic-tree", "branch"],
      flags: ["json", "overwrite"], command: "scenario")
    guard let m = try a.double("magnitude"), let x = try a.double("x"), let y = try a.double("y") else {
      throw Arguments.UsageError(description: "scenario needs --magnitude, --x and --y")
    }
    if let o = ["production", "from", "to", "forecast", "mmax-weights", "seed"].first(where: { a.string($0) != nil }) {
      throw Arguments.UsageError(
        description: "scenario: --\(o) does not apply to one earthquake (it needs --magnitude, --x, --y)")
    }
    let c = try CommonOptions.configuration(a).config
    if let o = a.string("out") { try AtomicOutput.checkFile(o, overwrite: a.has("overwrite")) }
    let models = try ModelSet(directory: c.models, choice: c.choice)
    let exposure = try models.exposure(
      path: c.exposure, buildings: c.exposureBuildings, seed: c.exposureSeed, snapDistance: c.snapDistance)
    let mode = a.string("logic-tree") ?? (a.string("branch") == nil ? "central" : "mean")
    let rows: [ScenarioCalculation.Row]
    var label = "central branches"
    if mode == "central" {
      guard a.string("branch") == nil else {
        throw Arguments.UsageError(description: "--branch needs --logic-tree mean, p50 or p90")
      }
      rows = try ScenarioCalculation.run(
        models: models, exposure: exposure, magnitude: m, x: x, y: y, threads: c.threads)
    } else {
      let stat = try ConditionalCommand.statistic(mode)
      let r = try ScenarioTree.run(
        models: models, exposure: exposure, magnitude: m, x: x, y: y, statistic: stat,
        fixed: try ConditionalCommand.branches(a.string("branch")),
        threads: c.threads)
      rows = r.rows
      label = "\(mode) over \(r.combinations) branch combinations"
    }
    let csv = ScenarioCalculation.csv(rows, exposure: exposure)
    if let o = a.string("out") { try AtomicOutput.writeFile(Data(csv.utf8), to: o) }
    if a.has("json") {
      struct S: Encodable {
        var magnitude, x, y: Double
        var branches: String
        var buildings: Int
        var sum_p_death_inside: Double
        var max_lpr_event: Double
        var buildings_p_cs1_above_1pct: Int
      }
      let s = S(
        magnitude: m, x: x, y: y, branches: label, buildings: rows.count,
        sum_p_death_inside: rows.reduce(0) { $0 + $1.risk.pDeathInside },
        max_lpr_event: rows.map(\.risk.lpr).max() ?? 0,
        buildings_p_cs1_above_1pct: rows.filter { $0.risk.pCS1 > 0.01 }.count)
      print(try JSONCoding.encode(s), terminator: "")
    } else if a.string("out") == nil {
      print(csv, terminator: "")
    } else {
      print("scenario M \(m) at (\(x), \(y)), \(label): \(rows.count) buildings written to \(a.string("out")!)")
    }
  }
}
