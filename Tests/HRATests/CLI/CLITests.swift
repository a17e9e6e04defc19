import Foundation
import Testing

@testable import HRA

/// The built `hra` binary, run as a subprocess: help is printed without computing anything,
/// usage errors exit 2, and `--version` reports the version stamped at build time.
@Suite struct CLITests {
  /// What a finished run of `hra` printed and how it ended.
  struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Wall-clock seconds from launch to exit.
    var seconds: Double
  }

  /// The `hra` executable: `$HRA_BINARY`, else the one next to the test bundle in the build folder
  /// (`<scratch>/debug/hra`, beside `GroningenHRAPackageTests.xctest`).
  static let binary: String? = {
    let fm = FileManager.default
    if let p = ProcessInfo.processInfo.environment["HRA_BINARY"], !p.isEmpty { return p }
    var folders: [URL] = []
    if let exe = Bundle.main.executableURL { folders.append(exe.deletingLastPathComponent()) }
    for b in Bundle.allBundles { folders.append(b.bundleURL.deletingLastPathComponent()) }
    folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    for f in folders {
      let p = f.appendingPathComponent("hra").path
      if fm.isExecutableFile(atPath: p) { return p }
    }
    return nil
  }()

  /// Runs `hra args` in the package folder; a run longer than `timeout` seconds is killed (status -1).
  static func hra(_ args: [String], timeout: Double = 30) throws -> Outcome {
    guard let binary else { throw MissingBinary() }
    return try run(binary, args, in: TestModels.root, timeout: timeout)
  }

  /// Runs a program with its output captured in files (no pipe to fill up); a run longer than
  /// `timeout` seconds is killed (status -1).
  static func run(_ executable: String, _ args: [String], in folder: String? = nil, timeout: Double) throws -> Outcome {
    let dir = NSTemporaryDirectory() + "hra-cli-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let outPath = dir + "/stdout"
    let errPath = dir + "/stderr"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    if let folder { p.currentDirectoryURL = URL(fileURLWithPath: folder) }
    p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    p.standardInput = FileHandle.nullDevice
    let start = Date()
    try p.run()
    while p.isRunning && Date().timeIntervalSince(start) < timeout { usleep(2_000) }
    var status: Int32 = -1
    if p.isRunning {
      p.terminate()
      p.waitUntilExit()
    } else {
      p.waitUntilExit()
      status = p.terminationStatus
    }
    let seconds = Date().timeIntervalSince(start)
    let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    return Outcome(status: status, stdout: read(outPath), stderr: read(errPath), seconds: seconds)
  }

  struct MissingBinary: Error, CustomStringConvertible {
    var description: String { "the hra executable is not next to the test bundle: build it or set HRA_BINARY" }
  }

  /// The first line of `run`'s help.
  static let runHelp = "usage: hra run [options]"

  @Test func runHelpIsPrintedAtOnce() throws {
    for args in [["run", "-h"], ["run", "--help"], ["run", "--samples", "5", "-h"], ["help", "run"]] {
      let r = try Self.hra(args, timeout: 10)
      #expect(r.status == 0, "\(args): \(r.stderr)")
      #expect(r.stdout.hasPrefix(Self.runHelp), "\(args)")
      #expect(r.seconds < 1, "hra \(args.joined(separator: " ")) took \(r.seconds) s: it must not start the job")
    }
  }

  @Test func everyCommandHasHelp() throws {
    for c in ["run", "calibrate", "conditional", "scenario", "explain", "exposure", "ijkmoment", "scenarios"] {
      let viaFlag = try Self.hra([c, "-h"], timeout: 10)
      let viaHelp = try Self.hra(["help", c], timeout: 10)
      #expect(viaFlag.status == 0 && viaHelp.status == 0, "\(c)")
      #expect(viaFlag.stdout.hasPrefix("usage: hra \(c)"), "\(c)")
      #expect(viaFlag.stdout == viaHelp.stdout, "\(c)")
    }
    let usage = try Self.hra(["help"], timeout: 10)
    #expect(usage.status == 0 && usage.stdout.hasPrefix("usage: hra <command>"))
    let unknown = try Self.hra(["help", "nope"], timeout: 10)
    #expect(unknown.status == 2 && unknown.stderr.contains("unknown command 'nope'"))
  }

  @Test func usageErrorsExit2BeforeAnyWork() throws {
    let cases: [([String], String)] = [
      (["run", "stray"], "run: unexpected argument 'stray'"),
      (["run", "--samples=5", "--samples", "6"], "run: --samples given twice"),
      (["run", "--out", "--json"], "run: option --out needs a value"),
      // Each option's domain is its configuration key's (OptionDomainTests).
      (["run", "--seed", "99999999999999999999"], "run: --seed: expected an integer in 0...9223372036854775807"),
      (["run", "--norm", "nan"], "run: --norm: expected a finite number in (0, 1], found \"nan\""),
      (["calibrate", "stray"], "calibrate: unexpected argument 'stray'"),
      (["explain", "B1", "B2"], "explain: unexpected argument 'B2'"),
      (["exposure", "generate", "extra"], "exposure generate: unexpected argument 'extra'"),
      (["version", "x"], "version takes no arguments"),
    ]
    for (args, message) in cases {
      let r = try Self.hra(args, timeout: 10)
      #expect(r.status == 2, "\(args): \(r.stderr)")
      #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
      #expect(r.stdout.isEmpty, "\(args)")
    }
  }

  /// Every command that writes an output folder follows a symbolic `--out` before the
  /// ownership check: a link to a folder hra did not write is refused like the folder, and a
  /// dangling or looping link is refused naming `--out`, at once (nothing computed; issue 29).
  @Test func symbolicLinkOutIsResolvedByEveryWritingCommand() throws {
    let fm = FileManager.default
    let d = NSTemporaryDirectory() + "hra-link-\(UUID().uuidString)"
    try fm.createDirectory(atPath: d + "/project", withIntermediateDirectories: true)
    defer { try? fm.removeItem(atPath: d) }
    try "keep".write(toFile: d + "/project/summary.txt", atomically: true, encoding: .utf8)
    try fm.createSymbolicLink(atPath: d + "/foreign", withDestinationPath: d + "/project")
    try fm.createSymbolicLink(atPath: d + "/dangling", withDestinationPath: d + "/nowhere")
    try fm.createSymbolicLink(atPath: d + "/loop", withDestinationPath: d + "/loop")
    let commands: [[String]] = [
      ["run", "--logic-tree", "central"], ["run", "--samples", "2"], ["hazard", "--samples", "2"],
      ["group-risk", "--samples", "2"], ["generic-hazard", "--config", "examples/area-source-dost2004.ini"],
      ["ijkmoment", "--year", "2019", "--results", d + "/none.csv", "--capacity", "10"],
      ["scenarios", "--paths", "phase-out-actual,no-phase-out-12bcm", "--samples", "2"],
    ]
    for c in commands {
      for (link, message) in [
        ("foreign", "refusing to write into '\(d)/foreign'"), ("dangling", "--out '\(d)/dangling': "),
        ("loop", "--out '\(d)/loop': "),
      ] {
        let r = try Self.hra(c + ["--out", d + "/" + link], timeout: 60)
        #expect(r.status == 2, "\(c) \(link): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(c) \(link): \(r.stderr)")
        #expect(r.seconds < 10, "\(c) \(link) took \(r.seconds) s: it must not compute")
      }
    }
    #expect(try String(contentsOfFile: d + "/project/summary.txt", encoding: .utf8) == "keep")
    #expect(try fm.contentsOfDirectory(atPath: d + "/project") == ["summary.txt"])
    #expect(!fm.fileExists(atPath: d + "/nowhere"))
  }

  /// `hra conditional` at M 10 was computed (outside every model's range); it now has the bounds
  /// of `hra scenario` (Mmin … 7.0), and a set given twice in `--fix`/`--branch` is refused
  /// naming both pairs (issue 29).
  @Test func conditionalMagnitudeOutsideTheModelsAndSetsGivenTwiceAreRefused() throws {
    let base = ["conditional", "--rrup", "5", "--zone", "1101", "--typology", "URM1F_B"]
    // Above 7.0: outside the option's domain (the table of option domains); below the models'
    // Mmin: outside the range the models are defined for.
    for (m, extra) in [("10", [String]()), ("7.01", ["--logic-tree", "mean"])] {
      let r = try Self.hra(base + ["--magnitude", m] + extra, timeout: 60)
      #expect(r.status == 2, "M \(m): \(r.stderr)")
      #expect(r.stderr.contains("conditional: --magnitude: expected a finite number in (0, 7], found"), "\(r.stderr)")
      #expect(r.stdout.isEmpty)
    }
    let low = try Self.hra(base + ["--magnitude", "1.0"], timeout: 60)
    #expect(low.status == 2, "\(low.stderr)")
    #expect(low.stderr.contains("--magnitude: magnitude 1.0 is outside "), "\(low.stderr)")
    #expect(low.stderr.contains(" … 7.0, the range the models are defined for"), "\(low.stderr)")
    let fine = try Self.hra(base + ["--magnitude", "7.0"], timeout: 60)
    #expect(fine.status == 0 && fine.stdout.hasPrefix("M 7.0 at R_rup 5.0 km"), "\(fine.stderr)")
    let twice: [([String], String)] = [
      (["run", "--fix", "mmax=4.5,mmax=5.0"], "--fix: set 'mmax' given twice (mmax=4.5 and mmax=5.0)"),
      (
        base + ["--magnitude", "5", "--branch", "fragility=Lower,fragility=Upper"],
        "--branch: set 'fragility' given twice"
      ),
    ]
    for (args, message) in twice {
      let r = try Self.hra(args, timeout: 10)
      #expect(r.status == 2 && r.stderr.contains(message), "\(args): \(r.stderr)")
    }
  }

  /// Every command's help has one option per line (the shared options' help ran into
  /// `--config FILE`: `(default 20190401)  --config FILE …`), and `hra hazard` neither lists nor
  /// takes `--fcm`, which it does not use (issue 29).
  @Test func helpHasOneOptionPerLineAndHazardNoFcm() throws {
    for c in ["run", "hazard", "group-risk", "scenario", "scenarios", "explain", "conditional", "ijkmoment"] {
      let h = try Self.hra([c, "--help"], timeout: 10)
      #expect(h.status == 0, "\(c)")
      for line in h.stdout.split(separator: "\n") where line.contains("--config FILE") {
        #expect(line.hasPrefix("  --config FILE") || line.hasPrefix("usage:") || line.hasPrefix(" "), "\(c): \(line)")
        #expect(!line.contains(")  --config"), "\(c): \(line)")
      }
    }
    let run = try Self.hra(["run", "--help"], timeout: 10)
    #expect(run.stdout.contains("(default 20190401)\n  --config FILE"))
    #expect(run.stdout.contains("  --fcm V"))
    let hazard = try Self.hra(["hazard", "--help"], timeout: 10)
    #expect(!hazard.stdout.contains("--fcm") && hazard.stdout.contains("  --gmm V"))
    #expect(hazard.stdout.contains("(default 20190401)\n  --config FILE"))
    let fcm = try Self.hra(["hazard", "--fcm", "V6"], timeout: 10)
    #expect(fcm.status == 2 && fcm.stderr.contains("hazard: unknown option --fcm"), "\(fcm.stderr)")
    #expect(!CommandConfiguration.keys(for: "hazard").contains { $0.key == "fcm" })
  }

  @Test func versionIsTheBuildStamp() throws {
    for flag in ["--version", "version"] {
      let r = try Self.hra([flag], timeout: 10)
      #expect(r.status == 0)
      let v = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      #expect(v == CodeVersion.current)
      if FileManager.default.fileExists(atPath: TestModels.root + "/.git") {
        #expect(CodeVersionTests.isCommitVersion(v), "\(v)")
      }
    }
  }
}
