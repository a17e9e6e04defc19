import Foundation
import Testing

@testable import HRA

/// The code version is stamped at build time by the CodeVersionPlugin (Scripts/code-version.sh).
@Suite struct CodeVersionTests {
  /// Whether `v` is `release+<40 hex digits>[-dirty]`.
  static func isCommitVersion(_ v: String) -> Bool {
    let prefix = CodeVersion.release + "+"
    guard v.hasPrefix(prefix) else { return false }
    var commit = v.dropFirst(prefix.count)
    if commit.hasSuffix("-dirty") { commit = commit.dropLast(6) }
    return commit.count == 40 && commit.allSatisfy { $0.isHexDigit && !$0.isUppercase }
  }

  @Test func currentIsTheGeneratedStamp() {
    #expect(CodeVersion.current == buildCodeVersion)
    #expect(CodeVersion.current.hasPrefix(CodeVersion.release + "+"))
  }

  /// In a git checkout the stamp names the checked-out commit (the build and the test run are
  /// assumed to see the same HEAD; the dirty mark may differ if files changed in between).
  @Test func currentNamesTheCheckedOutCommit() throws {
    guard FileManager.default.fileExists(atPath: TestModels.root + "/.git") else { return }
    #expect(Self.isCommitVersion(CodeVersion.current), "\(CodeVersion.current)")
    let now = CodeVersion.describe(repository: TestModels.root)
    func commit(_ v: String) -> Substring { v.dropFirst(CodeVersion.release.count + 1).prefix(40) }
    #expect(commit(CodeVersion.current) == commit(now))
  }

  @Test func scriptWritesUnknownOutsideACheckoutAndRewritesOnlyOnChange() throws {
    let dir = NSTemporaryDirectory() + "hra-version-\(UUID().uuidString)"
    let package = dir + "/package"
    let out = dir + "/out"
    try FileManager.default.createDirectory(atPath: package, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    func run() throws -> String {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/bin/sh")
      p.arguments = [TestModels.root + "/Scripts/code-version.sh", package, out]
      var env = ProcessInfo.processInfo.environment
      env["HRA_CODE_VERSION_SUFFIX"] = nil
      env["GIT_CEILING_DIRECTORIES"] = dir
      p.environment = env
      try p.run()
      p.waitUntilExit()
      #expect(p.terminationStatus == 0)
      return try String(contentsOfFile: out + "/BuildCodeVersion.swift", encoding: .utf8)
    }
    let text = try run()
    #expect(text.contains(#"let buildCodeVersion = CodeVersion.release + "+unknown""#))
    let file = out + "/BuildCodeVersion.swift"
    let old = Date(timeIntervalSince1970: 1_000_000_000)
    try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: file)
    #expect(try run() == text)
    let mtime = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
    #expect(mtime == old, "an unchanged version must not touch the file")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["BuildCodeVersion.swift"])
  }
}
