import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An output folder of hra, checked and locked before any computation and replaced
/// atomically at the end; it never destroys what hra did not write.
///
/// Rules (checked by the initialiser, before anything is computed):
/// - the path must not be empty, `/`, the current directory or one of its ancestors, an
///   existing file, or a folder that holds one of the run's inputs;
/// - a folder that exists must be a complete earlier output of hra: it has `manifest.json`
///   and `SHA256SUMS` (the list of the files hra wrote), and no file outside that list.
///   Anything else is refused unless `overwrite` is given; even then only hra's own files are
///   replaced (files listed in the old `SHA256SUMS`, and the new ones) and every other file
///   is kept;
/// - one run at a time: a lock file `.NAME.lock` beside the folder (`flock(2)`, holding the
///   pid) makes a second run into the same folder fail at once, naming the holder.
///
/// Commit (``write(_:)``): files are staged in `.NAME.staging-PID-TIME` beside the folder,
/// `manifest.json` then `SHA256SUMS` last; the staged folder replaces the old one with one
/// `renameat2(RENAME_EXCHANGE)` (Linux; no moment without a folder), or is renamed into place
/// when there was none. A killed run leaves at most a hidden staging folder, which the next
/// run into the same folder removes; a failed run removes it itself and leaves the previous
/// output untouched.
package final class OutputTarget: @unchecked Sendable {
  /// How the destination is put in place.
  package enum Mode: Equatable, Sendable {
    /// No folder there: rename the staging folder into place.
    case create
    /// A complete earlier output of hra with only its own files: exchange atomically.
    case replace
    /// A folder with files hra did not write (only with `overwrite`): replace hra's files
    /// one by one, `manifest.json` and `SHA256SUMS` removed first and written last.
    case merge(ownFiles: [String])
  }

  /// The name of the file listing an output's files and their SHA-256, written last.
  package static let checksumFile = "SHA256SUMS"

  /// The destination, absolute and normalised.
  package let path: String
  /// How it will be replaced.
  package private(set) var mode: Mode = .create
  private let parent: String
  private let name: String
  private var lockFD: Int32 = -1
  private var createdFolders: [String] = []
  private var committed = false

  /// Checks the destination and takes the lock.
  /// - Parameters:
  ///   - destination: the output folder as given by the user.
  ///   - overwrite: write into a folder that is not a complete output of hra, replacing
  ///     only hra's own files.
  ///   - inputs: files and folders the run reads; a destination that contains one is refused.
  /// - Throws: ``OutputError`` with `refused == true`.
  package init(_ destination: String, overwrite: Bool, inputs: [String] = []) throws {
    guard !destination.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw OutputError(path: destination, "the output folder is an empty path", refused: true)
    }
    let cwd = FileManager.default.currentDirectoryPath
    // Symbolic links are followed first: every check below is made on the folder that would
    // really be written (a link to someone's folder is that folder), and a dangling or
    // looping link is refused here, before anything is computed.
    let abs = try OutputTarget.resolveLinks(OutputTarget.normalise(destination, cwd: cwd), display: destination)
    path = abs
    guard abs != "/" else { throw OutputError(path: abs, "refusing to write output into '/'", refused: true) }
    let resolvedCwd = OutputTarget.realPath(cwd) ?? cwd
    let resolvedDest = OutputTarget.realPath(abs) ?? abs
    if OutputTarget.contains(resolvedDest, resolvedCwd) {
      throw OutputError(
        path: destination, "refusing to write output into '\(destination)': it is the current folder or contains it",
        refused: true)
    }
    for input in inputs where !input.isEmpty {
      let r = OutputTarget.realPath(OutputTarget.normalise(input, cwd: cwd)) ?? OutputTarget.normalise(input, cwd: cwd)
      if OutputTarget.contains(resolvedDest, r) {
        throw OutputError(
          path: destination, "refusing to write output into '\(destination)': it holds the input '\(input)'",
          refused: true)
      }
    }
    parent = (abs as NSString).deletingLastPathComponent
    name = (abs as NSString).lastPathComponent
    var isDir: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: abs, isDirectory: &isDir)
    if exists && !isDir.boolValue {
      throw OutputError(
        path: destination, "refusing to write the output folder '\(destination)': a file of that name exists",
        refused: true)
    }
    try createParents()
    try lock(display: destination)
    do {
      try recoverAndClean()
      if !FileManager.default.fileExists(atPath: abs) {
        mode = .create
      } else {
        let own = OutputTarget.ownFiles(abs)
        let present = try OutputTarget.listFiles(abs)
        let foreign = present.filter { !(own?.contains($0) ?? false) && $0 != OutputTarget.checksumFile }
        let isOurs = own != nil && OutputTarget.hasManifest(abs)
        if isOurs && foreign.isEmpty {
          mode = .replace
        } else if overwrite {
          mode = .merge(ownFiles: (own ?? []) + (own == nil ? [] : [OutputTarget.checksumFile]))
        } else if isOurs {
          let shown = foreign.prefix(5).joined(separator: ", ") + (foreign.count > 5 ? ", …" : "")
          throw OutputError(
            path: destination,
            "refusing to replace '\(destination)': it is an output of hra but also holds files hra did not write (\(shown)); "
              + "give --overwrite to replace only hra's files and keep the others", refused: true)
        } else if present.isEmpty {
          mode = .merge(ownFiles: [])
        } else {
          let why =
            OutputTarget.hasManifest(abs)
            ? "an output of an older hra that did not list its files (no SHA256SUMS)"
            : "not an output folder of hra (no manifest.json and SHA256SUMS)"
          throw OutputError(
            path: destination,
            "refusing to write into '\(destination)': it exists and is \(why); give --overwrite to write hra's files into it "
              + "(other files are kept), or choose another --out", refused: true)
        }
      }
    } catch {
      release()
      throw error
    }
  }

  deinit { release() }

  /// Stages the output, lets `body` write its files, writes `SHA256SUMS` and puts the folder
  /// in place; on any error the staging folder is removed and the previous output is left
  /// as it was. Releases the lock.
  package func write(_ body: (AtomicOutput) throws -> Void) throws {
    defer { release() }
    let tag = "\(getpid())-\(UInt64(Date().timeIntervalSince1970 * 1e6))"
    let stagingPath = parent + "/." + name + ".staging-" + tag
    guard mkdir(stagingPath, 0o755) == 0 else {
      throw OutputError.posix("create the folder", stagingPath, errno: errno)
    }
    let out = AtomicOutput(staging: stagingPath)
    do {
      try body(out)
      try AtomicOutput.writeNew(Data(out.checksums.utf8), to: stagingPath + "/" + OutputTarget.checksumFile)
      try commit(out)
      committed = true
    } catch {
      try? FileManager.default.removeItem(atPath: stagingPath)
      throw error
    }
  }

  /// Releases the lock (idempotent); folders created for a run that did not commit are
  /// removed again if still empty.
  package func release() {
    guard lockFD >= 0 else { return }
    unlink(lockPath)
    flock(lockFD, LOCK_UN)
    close(lockFD)
    lockFD = -1
    if !committed { for d in createdFolders.reversed() { rmdir(d) } }
  }

  private var lockPath: String { parent + "/." + name + ".lock" }

  private func commit(_ out: AtomicOutput) throws {
    let staging = out.staging
    switch mode {
    case .create:
      if rename(staging, path) != 0 { throw OutputError.posix("move the output into place at", path, errno: errno) }
    case .replace:
      if OutputTarget.exchange(staging, path) {
        // The old output now sits at the staging path.
        try? FileManager.default.removeItem(atPath: staging)
      } else {
        // No RENAME_EXCHANGE on this file system: two renames; a run killed between them is
        // repaired by the next run (recoverAndClean puts the old folder back).
        let old = parent + "/." + name + ".old-\(getpid())"
        if rename(path, old) != 0 { throw OutputError.posix("move the previous output aside from", path, errno: errno) }
        if rename(staging, path) != 0 {
          let e = errno
          rename(old, path)
          throw OutputError.posix("move the output into place at", path, errno: e)
        }
        try? FileManager.default.removeItem(atPath: old)
      }
    case .merge(let own):
      // Hide completeness first, then replace hra's files one by one, manifest and list last.
      for f in [OutputTarget.checksumFile, "manifest.json"] where own.contains(f) || f == OutputTarget.checksumFile {
        let p = path + "/" + f
        if unlink(p) != 0 && errno != ENOENT { throw OutputError.posix("remove", p, errno: errno) }
      }
      let new = Set(out.files.map(\.name))
      for f in own where !new.contains(f) && f != OutputTarget.checksumFile { unlink(path + "/" + f) }
      let last = ["manifest.json"]
      let ordered =
        out.files.map(\.name).filter { !last.contains($0) } + out.files.map(\.name).filter { last.contains($0) }
      for f in ordered + [OutputTarget.checksumFile] {
        let dst = path + "/" + f
        var dir = path
        for p in f.split(separator: "/").dropLast() {
          dir += "/" + p
          if mkdir(dir, 0o755) != 0 && errno != EEXIST {
            throw OutputError.posix("create the folder", dir, errno: errno)
          }
        }
        if rename(staging + "/" + f, dst) != 0 {
          throw OutputError.posix("move the output file into place at", dst, errno: errno)
        }
      }
      try? FileManager.default.removeItem(atPath: staging)
    }
  }

  private func createParents() throws {
    var missing: [String] = []
    var p = parent
    while !FileManager.default.fileExists(atPath: p) && p != "/" {
      missing.append(p)
      p = (p as NSString).deletingLastPathComponent
    }
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue {
      throw OutputError(path: p, "cannot create the output folder: '\(p)' is a file", refused: true)
    }
    for d in missing.reversed() {
      if mkdir(d, 0o755) != 0 && errno != EEXIST {
        let e = errno
        for c in createdFolders.reversed() { rmdir(c) }
        throw OutputError(path: d, "cannot create '\(d)': \(String(cString: strerror(e)))", refused: true)
      }
      createdFolders.append(d)
    }
    if access(parent, W_OK) != 0 {
      throw OutputError(
        path: parent, "cannot write into '\(parent)': \(String(cString: strerror(errno)))", refused: true)
    }
  }

  private func lock(display: String) throws {
    for _ in 0..<20 {
      let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard fd >= 0 else {
        throw OutputError(
          path: lockPath, "cannot create the lock file '\(lockPath)': \(String(cString: strerror(errno)))",
          refused: true)
      }
      if flock(fd, LOCK_EX | LOCK_NB) != 0 {
        var buf = [UInt8](repeating: 0, count: 64)
        let n = read(fd, &buf, 63)
        close(fd)
        let holder =
          n > 0 ? String(decoding: buf[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
        throw OutputError(
          path: display,
          "'\(display)' is being written by another hra run (pid \(holder), lock \(lockPath)); wait for it or choose another --out",
          refused: true)
      }
      // The lock holds only if the file is still the one at the path (a releasing run unlinks it).
      var a = stat()
      var b = stat()
      if fstat(fd, &a) == 0 && stat(lockPath, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev {
        let pid = Array("\(getpid())\n".utf8)
        ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        lockFD = fd
        return
      }
      close(fd)
    }
    throw OutputError(path: lockPath, "could not take the lock '\(lockPath)'", refused: true)
  }

  /// Under the lock: puts back an old output a killed two-rename commit left aside, and
  /// removes staging folders of runs that were killed.
  private func recoverAndClean() throws {
    let fm = FileManager.default
    let entries = (try? fm.contentsOfDirectory(atPath: parent)) ?? []
    let old = entries.filter { $0.hasPrefix("." + name + ".old-") }
    if !fm.fileExists(atPath: path), let o = old.first {
      if rename(parent + "/" + o, path) != 0 {
        throw OutputError.posix("restore the previous output from", parent + "/" + o, errno: errno)
      }
    }
    for e in entries
    where e.hasPrefix("." + name + ".staging-") || (e.hasPrefix("." + name + ".old-") && fm.fileExists(atPath: path)) {
      try? fm.removeItem(atPath: parent + "/" + e)
    }
  }

  // MARK: - Helpers

  /// Whether `folder` is `inner` or one of its ancestors.
  static func contains(_ folder: String, _ inner: String) -> Bool {
    let f = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    return inner == f || inner.hasPrefix(f + "/")
  }

  static func normalise(_ p: String, cwd: String) -> String {
    let s = p.hasPrefix("/") ? p : cwd + "/" + p
    var out: [Substring] = []
    for part in s.split(separator: "/") {
      if part == "." || part.isEmpty { continue }
      if part == ".." {
        if !out.isEmpty { out.removeLast() }
        continue
      }
      out.append(part)
    }
    return "/" + out.joined(separator: "/")
  }

  /// `abs` with every symbolic link followed, also in a part of the path that does not exist
  /// yet (its existing head is resolved and the rest appended).
  /// - Throws: ``OutputError`` (refused) naming `--out` when a link on the path dangles or loops.
  static func resolveLinks(_ abs: String, display: String) throws -> String {
    var st = stat()
    var head = abs
    var tail: [String] = []
    // The deepest part of the path that exists (as a name: a dangling link exists too).
    while head != "/" && lstat(head, &st) != 0 {
      if errno == ELOOP { break }
      tail.insert((head as NSString).lastPathComponent, at: 0)
      head = (head as NSString).deletingLastPathComponent
    }
    guard let r = realPath(head) else {
      let e = errno
      var target = ""
      var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n = readlink(head, &buf, buf.count - 1)
      if n >= 0 { target = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
      let link = head == abs ? "it" : "'\(head)' on its path"
      let why: String
      switch e {
      case ELOOP: why = "\(link) is a symbolic link that loops (too many levels of links)"
      case ENOENT where !target.isEmpty:
        why = "\(link) is a symbolic link to '\(target)', which does not exist (a dangling link)"
      default: why = "\(link) cannot be resolved: \(String(cString: strerror(e)))"
      }
      throw OutputError(
        path: display, "--out '\(display)': \(why); remove the link or choose another --out", refused: true)
    }
    return tail.isEmpty ? r : (r == "/" ? "" : r) + "/" + tail.joined(separator: "/")
  }

  static func realPath(_ p: String) -> String? {
    guard let r = realpath(p, nil) else { return nil }
    defer { free(r) }
    return String(cString: r)
  }

  /// The files an earlier output of hra lists in its `SHA256SUMS`, or nil.
  static func ownFiles(_ folder: String) -> [String]? {
    guard let d = FileManager.default.contents(atPath: folder + "/" + checksumFile),
      let t = String(data: d, encoding: .utf8)
    else {
      return nil
    }
    var names: [String] = []
    for line in t.split(separator: "\n") {
      let parts = line.split(separator: " ", maxSplits: 1)
      guard parts.count == 2, parts[0].count == 64, parts[1].hasPrefix(" ") else { return nil }
      names.append(String(parts[1].dropFirst()))
    }
    return names
  }

  /// Whether the folder has a manifest written by hra (a JSON object with `codeVersion`).
  static func hasManifest(_ folder: String) -> Bool {
    guard let d = FileManager.default.contents(atPath: folder + "/manifest.json"),
      let o = try? JSONSerialization.jsonObject(with: d) as? [String: Any]
    else { return false }
    return o["codeVersion"] != nil
  }

  /// Every regular file (and link) below `folder`, as relative paths.
  static func listFiles(_ folder: String) throws -> [String] {
    guard let e = FileManager.default.enumerator(atPath: folder) else {
      throw OutputError(path: folder, "cannot read the folder '\(folder)'", refused: true)
    }
    var out: [String] = []
    while let f = e.nextObject() as? String {
      var isDir: ObjCBool = false
      if FileManager.default.fileExists(atPath: folder + "/" + f, isDirectory: &isDir), isDir.boolValue { continue }
      out.append(f)
    }
    return out.sorted()
  }

  /// `renameat2(a, b, RENAME_EXCHANGE)`: swaps two paths atomically; false where the C
  /// library or the file system does not offer it.
  static func exchange(_ a: String, _ b: String) -> Bool {
    typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, "renameat2") else { return false }
    let f = unsafeBitCast(sym, to: Renameat2.self)
    let atFDCWD: Int32 = -100
    let renameExchange: UInt32 = 2
    return f(atFDCWD, a, atFDCWD, b, renameExchange) == 0
  }
}
