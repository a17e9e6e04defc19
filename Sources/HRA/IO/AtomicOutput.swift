import Foundation

/// Writes a run's output folder all at once: files are staged in a hidden sibling folder
/// and the folder is moved into place only when every file has been written.
///
/// A failed run leaves the previous output folder untouched and no partial files. Single
/// files are written with ``AtomicOutput/writeFile(_:to:)``: temporary file + `rename(2)`.
public struct AtomicOutput {
  /// The final output folder.
  public let destination: URL
  /// The staging folder files are written into until ``commit()``.
  public let staging: URL

  /// Creates a staging folder next to `destination`.
  public init(destination: String) throws {
    let dest = URL(fileURLWithPath: destination).standardizedFileURL
    self.destination = dest
    let parent = dest.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    let tag = "\(getpid())-\(UInt64(Date().timeIntervalSince1970 * 1e6))"
    self.staging = parent.appendingPathComponent(".\(dest.lastPathComponent).staging-\(tag)")
    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
  }

  /// Writes one file of the run into the staging folder.
  public func write(_ data: Data, name: String) throws {
    let url = staging.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
  }

  /// Writes UTF-8 text into the staging folder.
  public func write(_ text: String, name: String) throws { try write(Data(text.utf8), name: name) }

  /// Moves the staged folder into place, replacing an earlier output folder of the same name.
  public func commit() throws {
    let fm = FileManager.default
    if fm.fileExists(atPath: destination.path) {
      let old = destination.deletingLastPathComponent()
        .appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())")
      try fm.moveItem(at: destination, to: old)
      try fm.moveItem(at: staging, to: destination)
      try? fm.removeItem(at: old)
    } else {
      try fm.moveItem(at: staging, to: destination)
    }
  }

  /// Stages a folder, lets `body` write its files, and moves it into place; on any error the
  /// staging folder is removed and the error rethrown (nothing half-written is left).
  public static func folder(_ destination: String, _ body: (AtomicOutput) throws -> Void) throws {
    let out = try AtomicOutput(destination: destination)
    do {
      try body(out)
      try out.commit()
    } catch {
      out.abandon()
      throw error
    }
  }

  /// Removes the staging folder (after a failure).
  public func abandon() { try? FileManager.default.removeItem(at: staging) }

  /// Writes one file atomically: a temporary file in the same folder, then `rename(2)`.
  public static func writeFile(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    try data.write(to: tmp)
    if rename(tmp.path, url.path) != 0 {
      try? FileManager.default.removeItem(at: tmp)
      throw InputError(file: path, "cannot move the written file into place (errno \(errno))")
    }
  }
}
