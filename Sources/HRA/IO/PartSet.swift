import Foundation

/// The header fields every shard's part has, whatever the command: what kind of job it is
/// (`run`, `scenarios`, `group-risk`, `hazard`), the identity of its inputs, and which shard of
/// how many it is.
package protocol ShardPartHeader: PartHeader {
  var kind: String { get }
  /// SHA-256 of everything that determines the results (code version, configuration, inputs, split).
  var identity: String { get }
  var shard: Int { get }
  var shards: Int { get }
}

/// The parts of one split job, found, read and checked against each other: one kind, one split,
/// one identity, every shard exactly once. Shared by every command that writes parts
/// (`hra run|scenarios|group-risk|hazard --shard I/N`) and by `hra merge`.
package enum PartSet {
  /// The fields common to every part header: enough to tell the kind and the split.
  package struct AnyHeader: ShardPartHeader {
    package var kind: String
    package var identity: String
    package var shard: Int
    package var shards: Int
    package var payloadBytes: Int
    package var payloadSHA256: String
  }

  /// The part file name of shard `i` of `n`.
  package static func name(_ i: Int, of n: Int) -> String { "part-\(i)-of-\(n).\(PartFile.pathExtension)" }

  /// The part files among `paths`: files as given, folders by their `*.hrapart` files (sorted).
  /// - Throws: ``InputError`` naming a path that does not exist.
  package static func files(_ paths: [String]) throws -> [String] {
    var out: [String] = []
    for p in paths {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
        throw InputError(file: p, field: "parts", "no such part file or folder")
      }
      if isDir.boolValue {
        let names = try FileManager.default.contentsOfDirectory(atPath: p)
        out += names.filter { $0.hasSuffix("." + PartFile.pathExtension) }.sorted().map { p + "/" + $0 }
      } else {
        out.append(p)
      }
    }
    return out
  }

  /// The kind of the job whose parts are at `paths` (the first part's).
  /// - Throws: ``InputError`` when there is no part or the first cannot be read.
  package static func kind(_ paths: [String]) throws -> String {
    guard let f = try files(paths).first else {
      throw InputError(
        file: paths.joined(separator: ", "), field: "parts", "no part files (*.\(PartFile.pathExtension))")
    }
    return try PartFile.read(AnyHeader.self, from: f).header.kind
  }

  /// Reads the parts at `paths` as headers of type `H` and checks them against each other.
  /// - Parameter kind: the kind every part must have.
  /// - Returns: the parts in shard order.
  /// - Throws: ``InputError`` naming the part of another kind, split or identity, the duplicate,
  ///   or the missing shards.
  package static func read<H: ShardPartHeader>(_ type: H.Type, kind: String, from paths: [String]) throws
    -> [(path: String, header: H, payload: Data)]
  {
    let files = try files(paths)
    guard !files.isEmpty else {
      throw InputError(
        file: paths.joined(separator: ", "), field: "parts", "no part files (*.\(PartFile.pathExtension))")
    }
    let parts = try files.map { f -> (path: String, header: H, payload: Data) in
      let k = try PartFile.read(AnyHeader.self, from: f).header.kind
      guard k == kind else {
        throw InputError(file: f, field: "kind", "a part of 'hra \(k) --shard', not of 'hra \(kind) --shard'")
      }
      let (h, d) = try PartFile.read(H.self, from: f)
      return (f, h, d)
    }
    try check(parts.map { ($0.path, $0.header as any ShardPartHeader) }, given: paths)
    return parts.sorted { $0.header.shard < $1.header.shard }
  }

  /// One split, one identity, every shard once.
  static func check(_ parts: [(path: String, header: any ShardPartHeader)], given paths: [String]) throws {
    let first = parts[0]
    var byShard: [Int: String] = [:]
    for p in parts {
      guard p.header.shards == first.header.shards else {
        throw InputError(
          file: p.path, field: "shards",
          "a part of a \(p.header.shards)-shard split, while \(first.path) is of a \(first.header.shards)-shard split")
      }
      guard p.header.identity == first.header.identity else {
        throw InputError(
          file: p.path, field: "identity",
          "comes from other inputs than \(first.path) (configuration, model files, exposure, forecast or code version differ)"
        )
      }
      if let q = byShard[p.header.shard] {
        throw InputError(file: p.path, field: "shard", "shard \(p.header.shard) given twice: \(q) and \(p.path)")
      }
      byShard[p.header.shard] = p.path
    }
    let missing = (0..<first.header.shards).filter { byShard[$0] == nil }
    guard missing.isEmpty else {
      throw InputError(
        file: paths.joined(separator: ", "), field: "shard",
        "missing shard(s) \(missing.map(String.init).joined(separator: ", ")) of \(first.header.shards) (hra merge --missing lists them; run each with --shard I/\(first.header.shards))"
      )
    }
  }

  /// The shard indices of the split in `folder` that have no complete part (an unreadable or
  /// damaged part counts as missing), and the shard count; `count` when no part says it.
  package static func missing(in folder: String, count: Int? = nil) throws -> (shards: Int, missing: [Int]) {
    var headers: [AnyHeader] = []
    for f in try files([folder]) {
      if let (h, _) = try? PartFile.read(AnyHeader.self, from: f) { headers.append(h) }
    }
    guard let n = count ?? headers.first?.shards else {
      throw InputError(file: folder, field: "parts", "no readable part: the shard count is not known")
    }
    let done = Set(headers.filter { $0.shards == n && $0.identity == headers.first?.identity }.map(\.shard))
    return (n, (0..<n).filter { !done.contains($0) })
  }

  /// Parses `I/N` (0 ≤ I < N ≤ 10,000), the `--shard` option.
  /// - Throws: ``InputError`` naming `source` otherwise.
  package static func parse(_ text: String, source: String) throws -> (index: Int, count: Int) {
    let p = text.split(separator: "/", omittingEmptySubsequences: false)
    guard p.count == 2, let i = Int(p[0]), let n = Int(p[1]), n >= 1, n <= 10_000, i >= 0, i < n else {
      throw InputError(
        file: source, field: "shard",
        "a shard is I/N with 0 <= I < N <= 10000 (0-based: SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX), got '\(text)'")
    }
    return (i, n)
  }

  /// Makes the parts folder `path` if missing (shards of one job share it).
  /// - Throws: ``OutputError`` when it is a file or cannot be made.
  package static func folder(_ path: String) throws {
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
      guard isDir.boolValue else {
        throw OutputError(
          path: path, "the parts folder '\(path)' (output.out) is a file; a shard writes its part into a folder",
          refused: true)
      }
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw OutputError(path: path, "cannot make the parts folder '\(path)': \(error.localizedDescription)")
    }
  }
}
