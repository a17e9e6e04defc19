import Foundation

/// The run manifest: what went in (files with SHA-256), which branches, seed, estimator,
/// code version and runtime: enough to reproduce and audit the run.
public struct Manifest: Codable, Sendable {
  public struct FileHash: Codable, Sendable { public var path: String; public var sha256: String }
  public var codeVersion: String
  public var createdUTC: String
  public var configuration: RunConfiguration
  public var branches: BranchCombination
  public var modelFiles: [FileHash]
  public var exposure: FileHash
  public var exposureBuildings: Int
  public var production: [ProductionInterval]
  public var runtimeSeconds: Double
  /// Logic-tree settings (tree runs only).
  public var logicTree: TreeInfo? = nil

  public struct TreeInfo: Codable, Sendable {
    public var mode: String
    public var samples: Int
    public var seed: UInt64
    public var fixed: [String: String]
    public var estimator: String
    /// Buildings per category per gas year (verhoogd, licht verhoogd, normaal, near the norm).
    public var categoryCounts: [TreeRun.YearCounts] = []
  }

  public struct ProductionInterval: Codable, Sendable {
    public var start: Double, end: Double, volumeBcm: Double, label: String
  }

  static func make(configuration c: RunConfiguration, models: ModelSet, exposure: ExposureDatabase, path: ProductionPath, runtime: Double) throws -> Manifest {
    let files = try models.files.map { FileHash(path: $0, sha256: try SHA256.hex(file: models.directory + "/" + $0)) }
    let exp: FileHash
    if let p = c.exposure { exp = FileHash(path: p, sha256: try SHA256.hex(file: p)) } else {
      exp = FileHash(path: exposure.file, sha256: SHA256.hex(Data(exposure.csv().utf8)))
    }
    let f = ISO8601DateFormatter()
    return Manifest(
      codeVersion: CodeVersion.describe(repository: (models.directory as NSString).appendingPathComponent("..")),
      createdUTC: f.string(from: Date()), configuration: c, branches: models.branches, modelFiles: files, exposure: exp,
      exposureBuildings: exposure.buildings.count,
      production: path.intervals.map { ProductionInterval(start: $0.start, end: $0.end, volumeBcm: $0.volumeBcm, label: $0.label) },
      runtimeSeconds: runtime)
  }
}
