import Foundation
import HRA

enum ScenarioCommand {
  static let help = """
    usage: hra scenario --magnitude M --x X --y Y [--out FILE] [--json] [exposure options]
    One earthquake with epicentre (X, Y) in RD metres, evaluated for every building of the
    exposure (rupture geometry and ground-motion variability integrated, central branches).
    Writes CSV (to --out, atomically, or stdout); --json prints a summary.

    \(CommonOptions.help)
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") { print(help); return }
    let a = try Arguments(args, options: CommonOptions.names + ["magnitude", "x", "y", "out"], flags: ["json"], command: "scenario")
    guard let m = try a.double("magnitude"), let x = try a.double("x"), let y = try a.double("y") else {
      throw Arguments.UsageError(description: "scenario needs --magnitude, --x and --y")
    }
    let c = try CommonOptions.configuration(a).config
    let models = try ModelSet(directory: c.models)
    let exposure = try models.exposure(path: c.exposure, buildings: c.exposureBuildings, seed: c.exposureSeed)
    let rows = try ScenarioCalculation.run(models: models, exposure: exposure, magnitude: m, x: x, y: y, threads: c.threads)
    let csv = ScenarioCalculation.csv(rows, exposure: exposure)
    if let o = a.string("out") { try AtomicOutput.writeFile(Data(csv.utf8), to: o) }
    if a.has("json") {
      struct S: Encodable { var magnitude, x, y: Double; var buildings: Int; var sum_p_death_inside: Double; var max_lpr_event: Double; var buildings_p_cs1_above_1pct: Int }
      let s = S(magnitude: m, x: x, y: y, buildings: rows.count, sum_p_death_inside: rows.reduce(0) { $0 + $1.risk.pDeathInside },
        max_lpr_event: rows.map(\.risk.lpr).max() ?? 0, buildings_p_cs1_above_1pct: rows.filter { $0.risk.pCS1 > 0.01 }.count)
      print(try JSONCoding.encode(s), terminator: "")
    } else if a.string("out") == nil {
      print(csv, terminator: "")
    } else {
      print("scenario M \(m) at (\(x), \(y)): \(rows.count) buildings written to \(a.string("out")!)")
    }
  }
}
