import Foundation
import Testing

@testable import HRA
@testable import hra

/// One table of option domains (issue 29): every option of every command has the domain of its
/// configuration key (``CommandConfiguration``), checked the same way on the command line and in
/// a file. `--threads 100000` and `--buildings 20000000` were accepted as flags, but the
/// `config.ini` the run wrote was then refused when rerun.
@Suite(.serialized) struct OptionDomainTests {
  static let commands = [
    "run", "hazard", "group-risk", "scenarios", "explain", "scenario", "conditional", "ijkmoment", "generic-hazard",
    "merge",
  ]

  /// A value outside `kind`'s domain, or nil for a kind that takes any text (strings, paths).
  static func outside(_ kind: ConfigKey.Kind) -> String? {
    switch kind {
    case .integer(let r):
      if r.upperBound < Int.max { return String(r.upperBound + 1) }
      return r.lowerBound > Int.min ? String(r.lowerBound - 1) : nil
    case .double(let lo, let hi, _, _):
      if let hi { return String(hi + 1) }
      if let lo { return String(lo - 1) }
      return "abc"
    case .enumeration: return "no-such-value"
    case .doubles(_, _, _, _, let count?):
      return Array(repeating: "50", count: count.upperBound + 1).joined(separator: ",")
    case .doubles: return "abc"
    case .pairs: return "novalue"
    case .boolean, .string, .path: return nil
    }
  }

  @Test func theReportedLimitsAreRefusedAsFlags() throws {
    let dir = NSTemporaryDirectory() + "hra-domain-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for (option, value, expected) in [
      ("threads", "100000", "expected an integer in 1...1024"),
      ("buildings", "20000000", "expected an integer in 1...10000000"),
    ] {
      let r = try CLITests.hra(["run", "--\(option)", value, "--out", dir])
      #expect(r.status == 2, "\(option): \(r.stderr)")
      #expect(r.stderr.contains("run: --\(option): \(expected), found \"\(value)\""), "\(r.stderr)")
      #expect(!FileManager.default.fileExists(atPath: dir))
    }
  }

  /// Walks every option of every command: a value outside its domain is refused on the command
  /// line (exit 2, the option named, no output folder) and in a configuration file (file, line
  /// and `section.key` named) with the same words; each command's help names all of them.
  @Test func everyOptionOutsideItsDomainIsRefusedAsFlagAndInAFile() throws {
    let dir = NSTemporaryDirectory() + "hra-domain-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var checked = 0
    for command in Self.commands {
      let keys = CommandConfiguration.keys(for: command)
      #expect(!keys.isEmpty, "\(command)")
      // The help names every option of the table.
      let help = try CLITests.hra([command, "--help"])
      for key in keys { #expect(help.stdout.contains("--\(key.option)"), "\(command) --help lacks --\(key.option)") }
      for key in keys where !key.isFlag {
        guard let bad = Self.outside(key.kind) else { continue }
        let problem = try #require(key.kind.problem(bad), "\(command) \(key.key): \(bad)")
        #expect(CommandConfiguration.key(option: key.option, command: command)?.key == key.key)
        let out = dir + "/out-\(command)-\(key.option)"
        var args = [command, "--\(key.option)", bad]
        if keys.contains(where: { $0.key == "out" }) { args += ["--out", out] }
        let r = try CLITests.hra(args)
        #expect(r.status == 2, "\(args): \(r.stderr)")
        #expect(r.stderr.contains("\(command): --\(key.option): \(problem)"), "\(args): \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "\(args)")
        checked += 1
        guard command != "generic-hazard" else { continue }  // its file has a schema of its own
        let job = dir + "/job.ini"
        try "# \(command)\n[\(key.section)]\n\(key.key) = \(bad)\n".write(
          toFile: job, atomically: true, encoding: .utf8)
        let e = #expect(throws: InputError.self) { _ = try CommandConfiguration.arguments(file: job, command: command) }
        #expect(e?.line == 3 && e?.field == key.section + "." + key.key, "\(command): \(String(describing: e))")
        #expect(e?.message.contains(problem) == true, "\(command) \(key.key): \(String(describing: e?.message))")
      }
    }
    #expect(checked >= 60, "\(checked) options walked")
  }

  /// Every option given as a flag is written into `config.ini` with its value, and the run of
  /// that file gives the same results, byte for byte.
  @Test func flagsRoundTripThroughTheWrittenConfiguration() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    // (option, value given, value written): numbers are written in their canonical form.
    let given: [(option: String, value: String, written: String)] = [
      ("gmm", "V7", "V7"), ("fcm", "V7", "V7"), ("production", "phase-out-actual", "phase-out-actual"),
      ("from", "2019", "2019"), ("to", "2020", "2020"), ("logic-tree", "sample", "sample"),
      ("samples", "3", "3"), ("seed", "11", "11"), ("fix", "mmax=5.0", "mmax=5.0"),
      ("percentiles", "40,80", "40.0,80.0"), ("norm", "2e-5", "2e-05"), ("threads", "1", "1"),
      ("hazard-summary", "off", "off"), ("group-risk", "off", "off"), ("snap-distance", "25", "25.0"),
    ]
    let a = s.models + "/out/a"
    let b = s.models + "/out/b"
    let args =
      ["run", "--models", s.models, "--exposure", s.exposure, "--out", a]
      + given.flatMap { ["--" + $0.option, $0.value] }
    let r = try CLITests.hra(args, timeout: 600)
    try #require(r.status == 0, "\(r.stderr)")
    let written = try ConfigFile(
      contentsOf: a + "/config.ini", schema: CommandConfiguration.schema(for: "run"))
    for g in given {
      let key = try #require(CommandConfiguration.key(option: g.option, command: "run"))
      #expect(written.entry(key.section, key.key)?.value == g.written, "\(g.option)")
    }
    let rerun = try CLITests.hra(["run", "--config", a + "/config.ini", "--out", b], timeout: 600)
    try #require(rerun.status == 0, "\(rerun.stderr)")
    for f in ["buildings-risk.csv", "lists/p80-2019_20.csv", "config.ini"] {
      let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + f))
      let y = try Data(contentsOf: URL(fileURLWithPath: b + "/" + f))
      #expect(x == y, "\(f) differs")
    }
  }
}
