import Foundation
import Testing

@testable import HRA

/// The output folder never destroys what hra did not write, is replaced atomically, is
/// locked against a second run, and leaves nothing half-written on failure (issue 13 item 2).
@Suite struct OutputTargetTests {
  /// A fresh scratch folder under the system temporary folder.
  static func scratch() throws -> String {
    let d = NSTemporaryDirectory() + "hra-out-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }

  static func read(_ p: String) -> String? { try? String(contentsOfFile: p, encoding: .utf8) }

  /// Writes a minimal output of hra (manifest + one file) into `path`.
  static func writeOutput(_ path: String, files: [String: String] = ["a.csv": "x\n"], overwrite: Bool = false) throws {
    try OutputTarget(path, overwrite: overwrite).write { out in
      for (n, t) in files.sorted(by: { $0.key < $1.key }) { try out.write(t, name: n) }
      try out.write(#"{"codeVersion":"test"}"#, name: "manifest.json")
    }
  }

  static func hidden(_ dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasPrefix(".") }
  }

  @Test func foreignFolderIsRefusedAndKeptIntact() throws {
    let d = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: d) }
    let project = d + "/project"
    try FileManager.default.createDirectory(atPath: project + "/sub", withIntermediateDirectories: true)
    try "keep me".write(toFile: project + "/important.txt", atomically: true, encoding: .utf8)
    try "notes".write(toFile: project + "/sub/notes.txt", atomically: true, encoding: .utf8)
    do {
      _ = try OutputTarget(project, overwrite: false)
      Issue.record("a foreign folder was accepted")
    } catch let e as OutputError {
      #expect(e.refused)
      #expect(e.message.contains("not an output folder of hra") && e.message.contains("--overwrite"))
    }
    #expect(Self.read(project + "/important.txt") == "keep me")
    #expect(Self.read(project + "/sub/notes.txt") == "notes")
    #expect(Self.hidden(d).isEmpty, "no lock or staging debris: \(Self.hidden(d))")
  }

  @Test func overwriteReplacesOnlyOwnFiles() throws {
    let d = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: d) }
    let project = d + "/project"
    try FileManager.default.createDirectory(atPath: project + "/sub", withIntermediateDirectories: true)
    try "keep me".write(toFile: project + "/important.txt", atomically: true, encoding: .utf8)
    try "notes".write(toFile: project + "/sub/notes.txt", atomically: true, encoding: .utf8)
    try Self.writeOutput(project, files: ["a.csv": "1\n", "lists/b.csv": "2\n"], overwrite: true)
    #expect(Self.read(project + "/important.txt") == "keep me")
    #expect(Self.read(project + "/sub/notes.txt") == "notes")
    #expect(Self.read(project + "/a.csv") == "1\n" && Self.read(project + "/lists/b.csv") == "2\n")
    // Now hra's output shares the folder with foreign files: without --overwrite it is refused …
    #expect(throws: OutputError.self) { try Self.writeOutput(project, files: ["a.csv": "3\n"]) }
    // … with it, hra's old files are replaced (b.csv was ours and is not written again: removed).
    try Self.writeOutput(project, files: ["a.csv": "3\n"], overwrite: true)
    #expect(Self.read(project + "/a.csv") == "3\n")
    #expect(!FileManager.default.fileExists(atPath: project + "/lists/b.csv"))
    #expect(Self.read(project + "/important.txt") == "keep me" && Self.read(project + "/sub/notes.txt") == "notes")
    #expect(Self.hidden(d).isEmpty)
  }

  @Test func ownOutputIsReplacedWholeWithChecksums() throws {
    let d = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: d) }
    let out = d + "/run"
    try Self.writeOutput(out, files: ["a.csv": "1\n", "old.csv": "o\n"])
    let sums = try #require(Self.read(out + "/SHA256SUMS"))
    #expect(sums.contains("\(SHA256.hex(Data("1\n".utf8)))  a.csv"))
    #expect(sums.split(separator: "\n").count == 3)  // a.csv, old.csv, manifest.json
    try Self.writeOutput(out, files: ["a.csv": "2\n"])
    #expect(Self.read(out + "/a.csv") == "2\n")
    #expect(!FileManager.default.fileExists(atPath: out + "/old.csv"))
    #expect(Self.hidden(d).isEmpty)
    // The listed digests are those of the files (what `sha256sum -c SHA256SUMS` checks).
    for line in try #require(Self.read(out + "/SHA256SUMS")).split(separator: "\n") {
      let p = line.split(separator: " ", maxSplits: 1)
      #expect(try SHA256.hex(file: out + "/" + p[1].dropFirst()) == String(p[0]))
    }
  }

  @Test func dangerousPathsAreRefused() throws {
    let d = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: d) }
    let cwd = FileManager.default.currentDirectoryPath
    for p in ["", ".", "./", cwd, (cwd as NSString).deletingLastPathComponent, "/"] {
      #expect(throws: OutputError.self, "path '\(p)'") { _ = try OutputTarget(p, overwrite: true) }
    }
    try "data".write(toFile: d + "/file.csv", atomically: true, encoding: .utf8)
    #expect(throws: OutputError.self) { _ = try OutputTarget(d + "/file.csv", overwrite: true) }
    #expect(Self.read(d + "/file.csv") == "data")
    // An output folder that holds an input of the run.
    try FileManager.default.createDirectory(atPath: d + "/in", withIntermediateDirectories: true)
    try "e".write(toFile: d + "/in/exposure.csv", atomically: true, encoding: .utf8)
    #expect(throws: OutputError.self) {
      _ = try OutputTarget(d + "/in", overwrite: true, inputs: [d + "/in/exposure.csv"])
    }
    #expect(throws: OutputError.self) { _ = try OutputTarget(d, overwrite: true, inputs: [d + "/in/exposure.csv"]) }
  }

  /// `--out LINK`: the link is followed before the ownership check (a link to someone's
  /// folder is refused like the folder itself, issue 29), a link to an earlier output is
  /// replaced through the link, and a dangling or looping link is refused naming `--out`.
  @Test func symbolicLinksAreFollowedBeforeTheOwnershipCheck() throws {
    let d = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: d) }
    let fm = FileManager.default
    try fm.createDirectory(atPath: d + "/project", withIntermediateDirectories: true)
    try "keep".write(toFile: d + "/project/summary.txt", atomically: true, encoding: .utf8)
    try fm.createSymbolicLink(atPath: d + "/link", withDestinationPath: d + "/project")
    #expect(throws: OutputError.self) { _ = try OutputTarget(d + "/link", overwrite: false) }
    #expect(Self.read(d + "/project/summary.txt") == "keep")
    // A link to an earlier output: the real folder is replaced, the link stays a link.
    try Self.writeOutput(d + "/real")
    try fm.createSymbolicLink(atPath: d + "/toReal", withDestinationPath: "real")
    let t = try OutputTarget(d + "/toReal", overwrite: false)
    #expect(t.mode == .replace)
    #expect(t.path.hasSuffix("/real"))
    t.release()
    try Self.writeOutput(d + "/toReal", files: ["b.csv": "y\n"])
    #expect(Self.read(d + "/real/b.csv") == "y\n")
    #expect((try? fm.destinationOfSymbolicLink(atPath: d + "/toReal")) == "real")
    // Dangling (also as a parent of the folder) and looping links.
    try fm.createSymbolicLink(atPath: d + "/dangling", withDestinationPath: d + "/nowhere")
    try fm.createSymbolicLink(atPath: d + "/loopA", withDestinationPath: d + "/loopB")
    try fm.createSymbolicLink(atPath: d + "/loopB", withDestinationPath: d + "/loopA")
    for (p, what) in [
      ("dangling", "which does not exist"), ("dangling/sub", "on its path"), ("loopA", "loops"),
      ("loopA/sub", "loops"),
    ] {
      do {
        _ = try OutputTarget(d + "/" + p, overwrite: true)
        Issue.record("\(p) was accepted")
      } catch let e as OutputError {
        #expect(e.refused, "\(p)")
        #expect(e.message.hasPrefix("--out '\(d)/\(p)': ") && e.message.contains(what), "\(p): \(e.message)")
      }
    }
    #expect(!fm.fileExists(atPath: d + "/nowhere"))
    #expect(Self.hidden(d).isEmpty, "no lock or staging debris: \(Self.hidden(d))")
  }

  @Test func secondRunIntoTheSameFolderIsRefusedWhileTheFirstHoldsIt() throws {
    let d = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: d) }
    let first = try OutputTarget(d + "/run", overwrite: false)
    do {
      _ = try OutputTarget(d + "/run", overwrite: false)
      Issue.record("two runs held the same output folder")
    } catch let e as OutputError {
      #expect(e.refused && e.message.contains("another hra run") && e.message.contains("pid \(getpid())"))
    }
    try first.write {
      try $0.write("1", name: "a.csv")
      try $0.write(#"{"codeVersion":"t"}"#, name: "manifest.json")
    }
    // Released after the commit: the next run may take it.
    try Self.writeOutput(d + "/run")
    #expect(Self.hidden(d).isEmpty)
  }

  @Test func failedRunLeavesThePreviousOutputAndNoDebris() throws {
    let d = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: d) }
    try Self.writeOutput(d + "/run", files: ["a.csv": "old\n"])
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try OutputTarget(d + "/run", overwrite: false).write { out in
        try out.write("new\n", name: "a.csv")
        throw Boom()
      }
    }
    #expect(Self.read(d + "/run/a.csv") == "old\n")
    #expect(Self.hidden(d).isEmpty)
    // A run that fails before writing leaves no folder at all where there was none.
    #expect(throws: Boom.self) { try OutputTarget(d + "/new/deep/run", overwrite: false).write { _ in throw Boom() } }
    #expect(!FileManager.default.fileExists(atPath: d + "/new"))
  }

  @Test func debrisOfAKilledRunIsRepaired() throws {
    let d = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: d) }
    try Self.writeOutput(d + "/run", files: ["a.csv": "old\n"])
    // A run killed between the two renames of the fallback commit: old output aside, none in place.
    #expect(rename(d + "/run", d + "/.run.old-999999") == 0)
    try FileManager.default.createDirectory(atPath: d + "/.run.staging-999999-1", withIntermediateDirectories: true)
    let t = try OutputTarget(d + "/run", overwrite: false)
    #expect(Self.read(d + "/run/a.csv") == "old\n", "the previous output is put back")
    #expect(t.mode == .replace)
    t.release()
    #expect(Self.hidden(d).isEmpty, "\(Self.hidden(d))")
  }

  @Test func fullDiskIsOneSentenceAndLeavesThePreviousOutput() throws {
    let d = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: d) }
    // A 256 KiB tmpfs (CI and the project machines run as root; elsewhere this cannot be set up).
    let mount = Process()
    mount.executableURL = URL(fileURLWithPath: "/bin/mount")
    mount.arguments = ["-t", "tmpfs", "-o", "size=256k", "tmpfs", d]
    mount.standardError = Pipe()
    try mount.run()
    mount.waitUntilExit()
    try #require(mount.terminationStatus == 0, "mounting a tmpfs needs root")
    defer {
      let u = Process()
      u.executableURL = URL(fileURLWithPath: "/bin/umount")
      u.arguments = [d]
      try? u.run()
      u.waitUntilExit()
    }
    try Self.writeOutput(d + "/run", files: ["a.csv": "old\n"])
    let big = Data(repeating: 0x41, count: 400 * 1024)
    do {
      try OutputTarget(d + "/run", overwrite: false).write { out in
        try out.write("new\n", name: "a.csv")
        try out.write(big, name: "big.csv")
      }
      Issue.record("writing 400 KiB into a 256 KiB file system succeeded")
    } catch let e as OutputError {
      #expect(!e.refused)
      #expect(e.message.contains("No space left on device") && e.message.contains("big.csv"), "\(e.message)")
    }
    #expect(Self.read(d + "/run/a.csv") == "old\n")
    #expect(Self.hidden(d).isEmpty, "\(Self.hidden(d))")
  }

  @Test func singleFilesAreReplacedOnlyWithOverwrite() throws {
    let d = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: d) }
    try "mine".write(toFile: d + "/x.csv", atomically: true, encoding: .utf8)
    #expect(throws: OutputError.self) { try AtomicOutput.checkFile(d + "/x.csv", overwrite: false) }
    try AtomicOutput.checkFile(d + "/x.csv", overwrite: true)
    #expect(throws: OutputError.self) { try AtomicOutput.checkFile(d, overwrite: true) }
    #expect(throws: OutputError.self) { try AtomicOutput.writeFile(Data("x".utf8), to: d) }
  }
}
