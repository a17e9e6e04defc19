import Foundation

/// A small command-line parser: `--name value` options, `--flag` switches and positionals.
struct Arguments {
  struct UsageError: Error, CustomStringConvertible { let description: String }

  private(set) var options: [String: String] = [:]
  private(set) var flags: Set<String> = []
  private(set) var positionals: [String] = []

  /// Parses `args` against the known option and flag names of a subcommand.
  init(_ args: [String], options known: [String], flags knownFlags: [String], command: String) throws {
    var i = 0
    while i < args.count {
      let a = args[i]
      if a.hasPrefix("--") {
        let name = String(a.dropFirst(2))
        if knownFlags.contains(name) {
          flags.insert(name)
        } else if known.contains(name) {
          guard i + 1 < args.count else { throw UsageError(description: "\(command): option --\(name) needs a value") }
          options[name] = args[i + 1]
          i += 1
        } else {
          throw UsageError(description: "\(command): unknown option \(a) (see 'hra \(command) --help')")
        }
      } else {
        positionals.append(a)
      }
      i += 1
    }
  }

  func string(_ n: String) -> String? { options[n] }
  func double(_ n: String) throws -> Double? {
    guard let s = options[n] else { return nil }
    guard let v = Double(s), v.isFinite else { throw UsageError(description: "--\(n): not a number: \(s)") }
    return v
  }
  func int(_ n: String) throws -> Int? {
    guard let s = options[n] else { return nil }
    guard let v = Int(s) else { throw UsageError(description: "--\(n): not an integer: \(s)") }
    return v
  }
  func has(_ f: String) -> Bool { flags.contains(f) }
}

/// The options shared by the commands that run the model chain.
enum CommonOptions {
  static let names = ["models", "exposure", "buildings", "exposure-seed", "production", "from", "to", "threads", "seed"]
  static let help = """
      --models DIR          model folder (default Models)
      --exposure FILE       EDB-layout exposure CSV (default: the synthetic exposure, generated)
      --buildings N         size of the generated exposure (default 150000)
      --exposure-seed S     seed of the generated exposure (default 2024)
      --production NAME     production scenario in Models/production (default phase-out-actual) or a CSV path
      --from YEAR           first gas year (2019 = 2019/20; default 2019)
      --to YEAR             last gas year (default 2030)
      --threads N           worker threads (default: all cores)
      --seed S              random seed (Monte Carlo estimator; default 20190401)
    """

  static func configuration(_ a: Arguments) throws -> RunConfigurationBuilder {
    var c = RunConfigurationBuilder()
    if let v = a.string("models") { c.config.models = v }
    c.config.exposure = a.string("exposure")
    if let v = try a.int("buildings") { guard v > 0 else { throw Arguments.UsageError(description: "--buildings must be positive") }; c.config.exposureBuildings = v }
    if let v = try a.int("exposure-seed") { c.config.exposureSeed = UInt64(truncatingIfNeeded: v) }
    if let v = a.string("production") { c.config.production = v }
    if let v = try a.int("from") { c.config.firstGasYear = v }
    if let v = try a.int("to") { c.config.lastGasYear = v }
    guard c.config.lastGasYear >= c.config.firstGasYear else { throw Arguments.UsageError(description: "--to must not be before --from") }
    c.config.threads = try a.int("threads") ?? ProcessInfo.processInfo.activeProcessorCount
    guard c.config.threads >= 1 else { throw Arguments.UsageError(description: "--threads must be at least 1") }
    if let v = try a.int("seed") { c.config.seed = UInt64(truncatingIfNeeded: v) }
    return c
  }
}

import HRA
struct RunConfigurationBuilder { var config = RunConfiguration() }
