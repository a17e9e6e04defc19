import Foundation

/// The code version recorded in every manifest: the release number and, when run from a git
/// checkout, the commit and whether the working tree had uncommitted changes.
public enum CodeVersion {
  public static let release = "0.1.0"

  /// The version of this build (see ``describe(repository:)``).
  public static var current: String { describe(repository: FileManager.default.currentDirectoryPath) }

  /// `release+commit[-dirty]`, or `release+unknown` outside a checkout.
  public static func describe(repository: String) -> String {
    guard let head = git(["-C", repository, "rev-parse", "HEAD"]), !head.isEmpty else { return release + "+unknown" }
    let dirty = (git(["-C", repository, "status", "--porcelain", "--untracked-files=no"]) ?? "").isEmpty ? "" : "-dirty"
    return "\(release)+\(head)\(dirty)"
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
    return String(data: out.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
