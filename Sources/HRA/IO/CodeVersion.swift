import Foundation

/// The code version recorded in every manifest: the release number, the git commit the code was
/// built from and whether tracked files had uncommitted changes (`0.1.0+<commit>[-dirty]`).
package enum CodeVersion {
  package static let release = "0.1.0"

  /// The version of this build, `release+commit[-dirty]` or `release+unknown`, fixed when the
  /// library was compiled.
  ///
  /// The build-tool plugin `CodeVersionPlugin` runs `Scripts/code-version.sh` on every build; it
  /// writes the generated `buildCodeVersion` from the git state of the package folder (`unknown`
  /// outside a git checkout, e.g. from a source tarball). Nothing is read at run time, so the version
  /// does not depend on the working folder or on where the models are.
  package static var current: String { buildCodeVersion }

  /// `release+commit[-dirty]` of the git checkout at `repository`, read by running git now, or
  /// `release+unknown` outside a checkout. Prefer ``current``: this describes whatever checkout
  /// `repository` is, not necessarily the code that is running.
  package static func describe(repository: String) -> String {
    guard let head = git(["-C", repository, "rev-parse", "HEAD"]), !head.isEmpty else { return release + "+unknown" }
    let status = git(["-C", repository, "status", "--porcelain", "--untracked-files=no"]) ?? ""
    return "\(release)+\(head)\(status.isEmpty ? "" : "-dirty")"
  }

  static func git(_ args: [String]) -> String? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git"] + args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = Pipe()
    do { try p.run() } catch { return nil }
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    return String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
