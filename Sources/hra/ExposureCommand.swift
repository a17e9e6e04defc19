import Foundation
import HRA

enum ExposureCommand {
  static let help = """
    usage: hra exposure generate --buildings N --seed S --out FILE [--models DIR] [--overwrite]
    Writes the deterministic synthetic exposure database (EDB V7.1 layout plus municipality
    and owner_type) generated from Models/exposure; the same N and S give the same file.
    An existing FILE is replaced only with --overwrite.
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") || args.first != "generate" {
      print(help)
      if args.first != "generate" && !args.contains("--help") { exit(2) }
      return
    }
    let a = try Arguments(
      Array(args.dropFirst()), options: ["buildings", "seed", "out", "models"], flags: ["overwrite"],
      command: "exposure generate")
    guard let n = try a.int("buildings"), n > 0, let out = a.string("out") else {
      throw Arguments.UsageError(description: "exposure generate needs --buildings N (> 0) and --out FILE")
    }
    try AtomicOutput.checkFile(out, overwrite: a.has("overwrite"))
    let s = UInt64(truncatingIfNeeded: try a.int("seed") ?? 2024)
    let models = a.string("models") ?? "Models"
    let zones = try ZoneMap(geoJSONPath: models + "/site/site-response-zones-v6.geojson")
    let p = try ExposureGenerator.Parameters.load(directory: models + "/exposure")
    try p.validate(zoneMap: zones, directory: models + "/exposure")
    let db = ExposureDatabase(
      file: out, buildings: ExposureGenerator.generate(count: n, seed: s, zoneMap: zones, parameters: p))
    try db.write(to: out)
    print("wrote \(n) buildings (seed \(s)) to \(out)")
  }
}
