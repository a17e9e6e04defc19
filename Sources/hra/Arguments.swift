import Foundation
import HRA

/// The command line of one hra subcommand: ``CommandLineArguments`` (the grammar is documented
/// there) with each subcommand's limit on positional arguments.
struct Arguments {
  typealias UsageError = CommandLineArguments.UsageError

  /// The most positional arguments each subcommand takes, by the `command` name it parses under;
  /// a subcommand not listed takes any number. A stray word is an error rather than ignored.
  static let positionalLimits: [String: Int] = [
    "models": 0, "seismicity export": 0,
    "run": 0, "calibrate": 0, "conditional": 0, "scenario": 0, "scenarios": 0, "ijkmoment": 0,
    "explain": 1, "exposure generate": 0, "hazard": 0, "group-risk": 0,
  ]

  private let parsed: CommandLineArguments
  /// The subcommand parsed (its defaults: ``RunConfiguration/init(command:)``).
  let command: String

  /// Parses `args` against the known option and flag names of a subcommand; `positionals` (the
  /// most positional arguments allowed) defaults to the subcommand's entry in ``positionalLimits``.
  init(_ args: [String], options: [String], flags: [String], command: String, positionals: Int? = nil) throws {
    self.command = command
    parsed = try CommandLineArguments(
      args, options: options, flags: flags, command: command,
      positionals: positionals ?? Self.positionalLimits[command] ?? .max)
    // Each option's domain is its configuration key's (CommandConfiguration): one table for the
    // command line, the file and the written config.ini (--threads 100000 was accepted here but
    // refused when the written file was rerun).
    for name in args.compactMap(Self.optionName) {
      guard let value = parsed.options[name], let key = CommandConfiguration.key(option: name, command: command),
        let problem = key.kind.problem(value)
      else { continue }
      throw UsageError(description: "\(command): --\(name): \(problem)")
    }
  }

  /// The option name of a word `--name` or `--name=value`, or nil for any other word.
  private static func optionName(_ word: String) -> String? {
    guard word.hasPrefix("--") else { return nil }
    return String(word.dropFirst(2).prefix { $0 != "=" })
  }

  /// Whether any element of `args` is `-h` or `--help`.
  static func wantsHelp(_ args: [String]) -> Bool { CommandLineArguments.wantsHelp(args) }

  var options: [String: String] { parsed.options }
  var flags: Set<String> { parsed.flags }
  var positionals: [String] { parsed.positionals }
  var helpRequested: Bool { parsed.helpRequested }

  func string(_ n: String) -> String? { parsed.string(n) }
  func double(_ n: String) throws -> Double? { try parsed.double(n) }
  func int(_ n: String) throws -> Int? { try parsed.int(n) }
  func has(_ f: String) -> Bool { parsed.has(f) }
}

/// The options shared by the commands that run the model chain.
enum CommonOptions {
  static let names = [
    "models", "exposure", "buildings", "exposure-seed", "production", "from", "to", "threads", "seed",
    "gmm", "fcm", "forecast", "mmax-weights", "snap-distance",
  ]
  /// The help of the shared options and `--config`, one option per line; `omitting` leaves out
  /// options a command does not use (their line and its continuation lines).
  static func help(omitting: Set<String> = []) -> String {
    var out: [Substring] = []
    var skipping = false
    for line in baseHelp.split(separator: "\n", omittingEmptySubsequences: false) {
      let t = line.drop { $0 == " " }
      if t.hasPrefix("--") {
        let name = t.dropFirst(2).prefix { $0 != " " }
        skipping = omitting.contains(String(name))
      }
      if !skipping { out.append(line) }
    }
    // The base ends without a line break: the config option starts a line of its own.
    return out.joined(separator: "\n") + "\n" + ConfigOptions.help
  }

  /// The shared options' help with every option.
  static let help = help()

  /// The registered versions in words, the first the default (`V7 (default), V6 or V5`).
  private static func versions(_ names: [String]) -> String {
    Phrase.alternatives(names.enumerated().map { $0.offset == 0 ? $0.element + " (default)" : $0.element })
  }
  private static let gmmVersions = versions(GMMVersion.allCases.map(\.rawValue))
  private static let fcmVersions = versions(FCMVersion.allCases.map(\.rawValue))

  private static let baseHelp = """
      --models DIR          model folder (default Models)
      --gmm V               ground-motion model: \(gmmVersions) (with its site response
                            and logic-tree branches; 'hra models' lists them)
      --fcm V               fragility/consequence model: \(fcmVersions)
      --forecast FILE       gridded seismicity forecast CSV (x_rd_m, y_rd_m, mmax, magnitude,
                            rate_ge_per_yr[, gas_year]) instead of the built-in production-driven
                            model; the tree then has no rate_model/b_model sets
      --mmax-weights W      Mmax weights of a forecast, e.g. 4.0:0.27,4.5:0.405,... (default: the
                            mmax set of Models/logic-tree/source-branches.csv)
      --snap-distance M     give a building up to M metres outside every zone the nearest zone
                            (default 0: such a building is an error); snapped buildings are logged
      --exposure FILE       EDB-layout exposure CSV (default: the synthetic exposure, generated)
      --buildings N         size of the generated exposure (default 150000)
      --exposure-seed S     seed of the generated exposure (default 2024)
      --production NAME     production scenario in Models/production (default phase-out-actual) or a CSV path
      --from YEAR           first gas year (2019 = 2019/20; default 2019)
      --to YEAR             last gas year (default 2030)
      --threads N           worker threads (default: all cores)
      --seed S              seed of the logic-tree sample and of the Monte Carlo estimator
                            (default 20190401)
    """

  static func configuration(_ a: Arguments) throws -> RunConfigurationBuilder {
    var c = RunConfigurationBuilder(config: RunConfiguration(command: a.command))
    if let v = a.string("models") { c.config.models = v }
    c.config.exposure = a.string("exposure")
    if let v = try a.int("buildings") {
      guard v > 0 else { throw Arguments.UsageError(description: "--buildings must be positive") }
      c.config.exposureBuildings = v
    }
    if let v = try a.int("exposure-seed") { c.config.exposureSeed = UInt64(truncatingIfNeeded: v) }
    if let v = a.string("production") { c.config.production = v }
    if let v = try a.int("from") { c.config.firstGasYear = v }
    if let v = try a.int("to") { c.config.lastGasYear = v }
    guard c.config.lastGasYear >= c.config.firstGasYear else {
      throw Arguments.UsageError(description: "--to must not be before --from")
    }
    c.config.threads = try a.int("threads") ?? ProcessInfo.processInfo.activeProcessorCount
    guard c.config.threads >= 1 else { throw Arguments.UsageError(description: "--threads must be at least 1") }
    if let v = try a.int("seed") {
      guard v >= 0 else { throw Arguments.UsageError(description: "--seed must be a non-negative integer") }
      c.config.seed = UInt64(v)
    }
    if let v = a.string("gmm") { c.config.gmm = try GMMVersion(parsing: v) }
    if let v = a.string("fcm") { c.config.fcm = try FCMVersion(parsing: v) }
    if let v = a.string("forecast") {
      guard a.string("production") == nil else {
        throw Arguments.UsageError(
          description: "--forecast replaces the production-driven model: give --forecast or --production, not both")
      }
      c.config.forecast = v
    }
    if let v = a.string("mmax-weights") {
      guard c.config.forecast != nil else {
        throw Arguments.UsageError(
          description:
            "--mmax-weights applies to --forecast runs (the built-in model's weights are in Models/logic-tree)")
      }
      c.config.mmaxWeights = try RunConfiguration.mmaxWeights(v, source: "--mmax-weights")
    }
    if let v = try a.double("snap-distance") {
      guard v >= 0 && v <= 10_000 else {
        throw Arguments.UsageError(description: "--snap-distance must be in 0...10000 m")
      }
      c.config.snapDistance = v
    }
    return c
  }
}

struct RunConfigurationBuilder { var config: RunConfiguration }
