import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The staging folder of one output: files are written into a hidden sibling of the
/// destination and the folder is put in place by ``OutputTarget`` only when every file has
/// been written.
///
/// Every file is written with `open(O_EXCL)` + `write` + `fsync` and its SHA-256 recorded;
/// ``OutputTarget`` writes the list as `SHA256SUMS` (the format of `sha256sum -c`) last,
/// after `manifest.json`: a folder without `SHA256SUMS` is not a complete output of hra.
/// Single files are written with ``AtomicOutput/writeFile(_:to:)``: temporary file +
/// `rename(2)`.
package final class AtomicOutput {
  /// The staging folder (hidden, beside the destination).
  package let staging: String
  /// Relative names written so far, in order, with their SHA-256.
  package private(set) var files: [(name: String, sha256: String)] = []

  init(staging: String) { self.staging = staging }

  /// Writes one file of the output into the staging folder; a CSV with RD New coordinate
  /// columns also gets its `.prj` sidecar (``CoordinateReference``).
  /// - Parameter name: relative path inside the output folder (`lists/p90-2019-20.csv`);
  ///   no `..`, no absolute path, no name written twice.
  package func write(_ data: Data, name: String) throws {
    let parts = name.split(separator: "/", omittingEmptySubsequences: false)
    guard !name.isEmpty, !name.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
      throw OutputError(path: name, "output file name '\(name)' is not a plain relative path")
    }
    guard name != OutputTarget.checksumFile, !files.contains(where: { $0.name == name }) else {
      throw OutputError(path: name, "output file '\(name)' written twice")
    }
    var dir = staging
    for p in parts.dropLast() {
      dir += "/" + p
      if mkdir(dir, 0o755) != 0 && errno != EEXIST { throw OutputError.posix("create the folder", dir, errno: errno) }
    }
    try AtomicOutput.writeNew(data, to: staging + "/" + name)
    files.append((name, SHA256.hex(data)))
    // A CSV with RD New coordinate columns names its CRS in a .prj sidecar (CoordinateReference).
    if let prj = CoordinateReference.sidecar(for: name, data: data), !files.contains(where: { $0.name == prj }) {
      try write(Data((CoordinateReference.rdNewWKT + "\n").utf8), name: prj)
    }
  }

  /// Writes UTF-8 text into the staging folder.
  package func write(_ text: String, name: String) throws { try write(Data(text.utf8), name: name) }

  /// The `SHA256SUMS` text of the files written (two spaces between digest and name, as
  /// `sha256sum` writes it).
  var checksums: String { files.map { "\($0.sha256)  \($0.name)\n" }.joined() }

  /// Creates `path` (which must not exist) and writes `data` to it completely and durably;
  /// on any failure the partial file is removed and the C library's reason is reported.
  static func writeNew(_ data: Data, to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw OutputError.posix("create", path, errno: errno) }
    var failure: Int32 = 0
    data.withUnsafeBytes { raw in
      var off = 0
      while off < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
        if n < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        off += n
      }
    }
    if failure == 0 && fsync(fd) != 0 { failure = errno }
    if close(fd) != 0 && failure == 0 { failure = errno }
    if failure != 0 {
      unlink(path)
      throw OutputError.posix("write", path, errno: failure)
    }
  }

  /// Stages a folder, lets `body` write its files, and moves it into place (see
  /// ``OutputTarget``): the destination is checked and locked first.
  package static func folder(_ destination: String, overwrite: Bool = false, _ body: (AtomicOutput) throws -> Void)
    throws
  {
    try OutputTarget(destination, overwrite: overwrite).write(body)
  }

  /// Writes one file atomically: a temporary file in the same folder, then `rename(2)`.
  /// The destination must not be a folder.
  package static func writeFile(_ data: Data, to path: String) throws {
    guard !path.isEmpty else { throw OutputError(path: path, "empty output path", refused: true) }
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent().path
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
      throw OutputError(path: path, "refusing to write the file '\(path)': a folder of that name exists", refused: true)
    }
    do {
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    } catch {
      throw OutputError(path: dir, "cannot create the folder '\(dir)'")
    }
    let tmp = dir + "/.\(url.lastPathComponent).tmp-\(getpid())"
    unlink(tmp)
    try writeNew(data, to: tmp)
    if rename(tmp, path) != 0 {
      let e = errno
      unlink(tmp)
      throw OutputError.posix("move the written file into place at", path, errno: e)
    }
  }

  /// Checks, before any computation, that a single output file may be written at `path`:
  /// not a folder, and an existing file only with `overwrite`.
  package static func checkFile(_ path: String, overwrite: Bool) throws {
    guard !path.isEmpty else { throw OutputError(path: path, "empty output path", refused: true) }
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return }
    if isDir.boolValue {
      throw OutputError(path: path, "refusing to write the file '\(path)': a folder of that name exists", refused: true)
    }
    if !overwrite {
      throw OutputError(
        path: path, "refusing to replace the existing file '\(path)' (give --overwrite to replace it)", refused: true)
    }
  }
}
