import Foundation
import HRA

enum ModelsCommand {
  /// The help text; the version lists come from the model registry.
  static var help: String {
    func list(_ kind: ModelKind) -> String { ModelRegistry.versions(of: kind).joined(separator: ", ") }
    return """
      usage: hra models [--models DIR] [--json]
      Lists the model versions of the models folder (the model registry): seismicity sources
      (\(list(.seismicity))), GMM \(list(.gmm)), FCM \(list(.fcm)), and for hra generic-hazard the
      ground-motion models \(list(.genericGMM)) and \(list(.genericFragility)) fragility functions;
      for each what it requires, the branch sets it brings to the logic tree with their weights,
      and its files.
      """
  }

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    let a = try Arguments(args, options: ["models"], flags: ["json"], command: "models")
    let c = try ModelCatalogue.describe(models: a.string("models") ?? "Models")
    print(a.has("json") ? try JSONCoding.encode(c) : ModelCatalogue.text(c), terminator: "")
  }
}

enum SeismicityCommand {
  static let help = """
    usage: hra seismicity export --out FILE [--production NAME] [--from Y --to Y]
                                 [--fix rate_model=R,b_model=B] [--models DIR] [--overwrite] [--json]
    Writes the built-in production-driven model's rates as a gridded forecast CSV (the format
    --forecast reads: x_rd_m, y_rd_m, mmax, magnitude, rate_ge_per_yr, gas_year), per gas year
    and Mmax branch: the weighted mean over the rate-model and b-value branches, or the branches
    held with --fix. An existing FILE is replaced only with --overwrite.
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    guard args.first == "export" else {
      throw Arguments.UsageError(description: "seismicity: the subcommand is 'export' (see 'hra seismicity --help')")
    }
    let a = try Arguments(
      Array(args.dropFirst()), options: ["models", "production", "from", "to", "fix", "out"],
      flags: ["overwrite", "json"],
      command: "seismicity export")
    guard let out = a.string("out") else {
      throw Arguments.UsageError(description: "seismicity export needs --out FILE")
    }
    let first = try a.int("from") ?? 2019
    let last = try a.int("to") ?? 2030
    guard last >= first else { throw Arguments.UsageError(description: "--to must not be before --from") }
    var fixed: [String: String] = [:]
    for part in (a.string("fix") ?? "").split(separator: ",") {
      let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
      guard kv.count == 2 else {
        throw Arguments.UsageError(description: "--fix takes SET=BRANCH pairs separated by commas")
      }
      fixed[kv[0]] = kv[1]
    }
    let models = try ModelSet(directory: a.string("models") ?? "Models")
    let s = try SeismicityExport.run(
      models: models, production: a.string("production") ?? "phase-out-actual", gasYears: Array(first...last),
      fixed: fixed, out: out,
      overwrite: a.has("overwrite"))
    if a.has("json") {
      print(try JSONCoding.encode(s), terminator: "")
    } else {
      print(
        "wrote \(s.rows) rows to \(s.file): \(s.cells) cells × \(s.mmax.count) Mmax × \(s.thresholds) magnitudes × \(s.gasYears.count) gas years (\(s.branches))"
      )
    }
  }
}
