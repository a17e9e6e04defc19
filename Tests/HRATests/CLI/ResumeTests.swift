import Foundation
import Testing

@testable import HRA

/// `hra run --checkpoints K` keeps each finished part beside the output folder; after a kill -9
/// at a random point, `--resume` reuses the finished parts and gives the unsharded run's files
/// byte for byte; parts of another run are refused (issue 28).
@Suite(.serialized) struct ResumeTests {
  @Test func killedRunResumesToTheSameFiles() throws {
    let s = try ShardedRunTests.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let fm = FileManager.default
    let common = [
      "run", "--models", s.models, "--exposure", s.exposure, "--from", "2019", "--to", "2019", "--samples", "4",
      "--threads", "1", "--hazard-summary", "off",
    ]
    let a = try CLITests.hra(common + ["--out", s.models + "/out/a"], timeout: 600)
    try #require(a.status == 0, "\(a.stderr)")
    // Start the run in 4 parts and kill it (SIGKILL) once a random number of parts (1 to 3) is done.
    let b = s.models + "/out/b"
    let parts = ShardedRun.resumeFolder(b)
    let wanted = Int.random(in: 1...3)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try #require(CLITests.binary))
    p.arguments = common + ["--checkpoints", "4", "--out", b, "--quiet"]
    p.currentDirectoryURL = URL(fileURLWithPath: TestModels.root)
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    let start = Date()
    func done() -> Int {
      ((try? fm.contentsOfDirectory(atPath: parts)) ?? []).filter { $0.hasSuffix(".hrapart") }.count
    }
    while p.isRunning && done() < wanted && Date().timeIntervalSince(start) < 600 { usleep(20_000) }
    try #require(p.isRunning, "the run ended before it was killed (\(done()) parts)")
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    let kept = done()
    #expect(kept >= wanted && kept < 4, "\(kept) parts kept")
    #expect(!fm.fileExists(atPath: b), "no output folder after the kill")
    let saved = s.models + "/saved-parts"
    try fm.copyItem(atPath: parts, toPath: saved)
    // Parts of another run (another seed) are refused, naming the part; nothing is written.
    let foreign = try CLITests.hra(
      common + ["--checkpoints", "4", "--resume", "--seed", "99", "--out", b], timeout: 600)
    #expect(foreign.status == 2, "\(foreign.stderr)")
    #expect(
      foreign.stderr.contains(".hrapart") && foreign.stderr.contains("a part of another run"), "\(foreign.stderr)")
    #expect(!fm.fileExists(atPath: b))
    // Resume: the kept parts are reused, the rest computed; the files are the unsharded run's.
    try? fm.removeItem(atPath: parts)
    try fm.copyItem(atPath: saved, toPath: parts)
    let r = try CLITests.hra(common + ["--checkpoints", "4", "--resume", "--out", b], timeout: 600)
    try #require(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.components(separatedBy: "reused").count - 1 == kept, "\(r.stderr)")
    for f in ShardedRunTests.compared {
      let x = try ShardedRunTests.data(s.models + "/out/a/" + f)
      #expect(try ShardedRunTests.data(b + "/" + f) == x, "\(f) differs after resume")
    }
    #expect(!fm.fileExists(atPath: parts), "the parts folder is removed once the output is in place")
  }
}
