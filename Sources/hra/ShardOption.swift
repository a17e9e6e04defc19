import Foundation
import HRA

/// `--shard I/N` of `hra run|scenarios|group-risk|hazard`: compute shard I of N into the parts
/// folder `--out` (``PartSet``), merged by `hra merge`.
enum ShardOption {
  /// The shard asked for, or nil without `--shard`.
  /// - Parameter refusing: options that apply to the merged output only (e.g. `overwrite`, `json`).
  /// - Throws: ``Arguments/UsageError`` for such an option given with `--shard`; ``InputError`` for
  ///   a value that is not I/N.
  static func parse(_ a: Arguments, refusing: [String]) throws -> (index: Int, count: Int)? {
    guard let v = a.string("shard") else { return nil }
    let shard = try PartSet.parse(v, source: "--shard")
    if let o = refusing.first(where: { a.has($0) || a.string($0) != nil }) {
      throw Arguments.UsageError(description: "--\(o) applies to the merged output (hra merge), not to a shard")
    }
    return shard
  }
}
