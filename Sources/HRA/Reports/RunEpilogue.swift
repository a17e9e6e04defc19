import Foundation

/// The files every run folder ends with, written by one code path for every command (`hra run`,
/// `hazard`, `group-risk`, `scenarios`, `generic-hazard`, the `group-risk/` folder of
/// `hra run --group-risk on` and the merges): `summary.txt`, `summary.json`, `config.ini` (the
/// effective configuration, ``CommandConfiguration``) and `manifest.json`, in this order, after
/// the command's own tables. A command without a summary or configuration file leaves it out.
///
/// ``OutputTarget`` writes `SHA256SUMS` after them: a folder without it is not a complete output.
package struct RunEpilogue {
  /// `summary.txt`, `summary.json`, `config.ini` and `manifest.json`, as written.
  var summaryText: String?
  var summaryJSON: String?
  var configuration: String?
  var manifest: String

  /// The epilogue of a run.
  /// - Parameters:
  ///   - text: the summary as text (`summary.txt`), nil: none;
  ///   - summary: the summary encoded as `summary.json`, nil: none;
  ///   - configuration: the text of `config.ini`, nil: none;
  ///   - manifest: encoded as `manifest.json`.
  package init(
    text: String?, summary: (any Encodable)?, configuration: String?, manifest: any Encodable
  ) throws {
    summaryText = text
    summaryJSON = try summary.map { try JSONCoding.encode($0) }
    self.configuration = configuration
    self.manifest = try JSONCoding.encode(manifest)
  }

  /// Writes the files into `out`, below `folder` (`""` or a sub-folder such as `"group-risk/"`).
  package func write(to out: AtomicOutput, folder: String = "") throws {
    if let t = summaryText { try out.write(t, name: folder + "summary.txt") }
    if let j = summaryJSON { try out.write(j, name: folder + "summary.json") }
    if let c = configuration { try out.write(c, name: folder + "config.ini") }
    try out.write(manifest, name: folder + "manifest.json")
  }
}
