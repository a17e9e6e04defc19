import Foundation
import Testing

@testable import HRA

/// Progress of a command through the binary (issue 14): with standard error redirected to a
/// file it holds timestamped stage lines, standard output holds only the result (`--json`
/// parses, and is the same with `--quiet`), and `--quiet` leaves standard error empty.
@Suite(.serialized) struct ProgressCommandTests {
  /// `2026-12-07T07:01:02Z hra run [+3.2 s] message`
  static func isStageLine(_ line: Substring, command: String) -> Bool {
    let parts = line.split(separator: " ", maxSplits: 3)
    guard parts.count == 4, parts[1] == "hra", parts[2] == Substring(command) else { return false }
    return parts[0].count == 20 && parts[0].hasSuffix("Z") && parts[0].dropFirst(10).first == "T"
      && parts[3].hasPrefix("[+")
  }

  @Test func stageLinesOnStandardErrorAndJSONUnchangedByProgress() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let args = [
      "run", "--logic-tree", "central", "--models", s.models, "--exposure", s.exposure, "--from", "2019", "--to",
      "2019", "--threads", "2", "--out", s.models + "/out/run",
    ]
    let plain = try CLITests.hra(args, timeout: 600)
    #expect(plain.status == 0, "\(plain.stderr)")
    let lines = plain.stderr.split(separator: "\n")
    #expect(lines.count >= 4, "\(plain.stderr)")
    #expect(lines.allSatisfy { Self.isStageLine($0, command: "run") }, "\(plain.stderr)")
    #expect(lines.first?.hasSuffix("started") == true && lines.last?.contains("finished after") == true)
    #expect(lines.contains { $0.contains("risk computed in") }, "\(plain.stderr)")
    #expect(!plain.stdout.contains("risk computed in"), "progress on stdout: \(plain.stdout)")
    #expect(plain.stdout.contains("gas year"), "\(plain.stdout)")

    let json = try CLITests.hra(args + ["--json"], timeout: 600)
    #expect(json.status == 0, "\(json.stderr)")
    #expect(json.stderr.contains("risk computed in"), "--json no longer switches progress off")
    let quiet = try CLITests.hra(args + ["--json", "--quiet"], timeout: 600)
    #expect(quiet.status == 0)
    #expect(quiet.stderr.isEmpty, "--quiet wrote to stderr: \(quiet.stderr)")
    // The JSON is the same whether progress is on or off, but for the measured runtime.
    var a = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    var b = try #require(try JSONSerialization.jsonObject(with: Data(quiet.stdout.utf8)) as? [String: Any])
    #expect(a["runtimeSeconds"] != nil)
    a["runtimeSeconds"] = nil
    b["runtimeSeconds"] = nil
    #expect(NSDictionary(dictionary: a).isEqual(to: b), "\(json.stdout)\n\(quiet.stdout)")
    let plainQuiet = try CLITests.hra(args + ["--quiet"], timeout: 600)
    #expect(plainQuiet.status == 0 && plainQuiet.stderr.isEmpty, "\(plainQuiet.stderr)")
  }

  @Test func everyLongRunningCommandTakesQuiet() throws {
    for c in ["run", "scenarios", "hazard", "group-risk", "ijkmoment", "generic-hazard", "report"] {
      let r = try CLITests.hra([c, "--help"], timeout: 10)
      #expect(r.status == 0 && r.stdout.contains("\n  --quiet "), "hra \(c) --help: \(r.stdout)")
    }
  }
}
