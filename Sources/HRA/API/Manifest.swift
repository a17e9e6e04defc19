import Foundation

/// The run manifest: what went in (files with SHA-256), which branches, seed, estimator,
/// code version and runtime: enough to reproduce and audit the run.
public struct Manifest: Codable, Sendable {
  public typealias FileHash = HRA.FileHash
  public var codeVersion: String
  public var createdUTC: String
  public var configuration: RunConfiguration
  public var branches: BranchCombination
  public var modelFiles: [FileHash]
  public var exposure: FileHash
  public var exposureBuildings: Int
  /// The production path (empty for a forecast run).
  public var production: [ProductionInterval]
  /// The model parts: GMM and FCM versions and the seismicity source.
  public var models: ModelParts? = nil
  /// Warnings about the model combination.
  public var warnings: [String] = []
  /// Buildings assigned to the nearest zone within the snap distance.
  public var snapped: [ExposureDatabase.Snap] = []

  public struct ModelParts: Codable, Sendable {
    public var gmm: String
    public var fcm: String
    public var seismicity: String
    /// The forecast file with its SHA-256 (forecast runs).
    public var forecast: FileHash?
  }
  public var runtimeSeconds: Double
  /// Logic-tree settings (tree runs only).
  public var logicTree: TreeInfo? = nil
  /// A hazard run's settings (IMTs, sites, component, horizon, fractiles) and its sites file.
  public var hazard: HazardSettings? = nil
  /// A group-risk run's settings (events, correlation, parameters and guidance-line files).
  public var groupRisk: GroupRiskSettings? = nil
  public var sitesFile: FileHash? = nil

  public struct TreeInfo: Codable, Sendable {
    public var mode: String
    public var samples: Int
    public var seed: UInt64
    public var fixed: [String: String]
    public var estimator: String
    /// Enumeration: the number of GMM-median paths among the combinations (`samples`).
    public var medianPaths: Int? = nil
    /// Buildings per category per gas year (verhoogd, licht verhoogd, normaal, near the norm).
    public var categoryCounts: [TreeRun.YearCounts] = []
  }

  public struct ProductionInterval: Codable, Sendable {
    public var start: Double, end: Double, volumeBcm: Double, label: String
  }

  static func make(
    configuration c: RunConfiguration, models: ModelSet, exposure: ExposureDatabase, runtime: Double,
    production: ProductionPath? = nil
  ) throws -> Manifest {
    let path: ProductionPath? = models.forecast == nil ? try production ?? models.production(c.production) : nil
    let files = try models.files.map { FileHash(path: $0, sha256: try SHA256.hex(file: models.directory + "/" + $0)) }
    let exp: FileHash
    if let p = c.exposure {
      exp = FileHash(path: p, sha256: try SHA256.hex(file: p))
    } else {
      exp = FileHash(path: exposure.file, sha256: SHA256.hex(Data(exposure.csv().utf8)))
    }
    let f = ISO8601DateFormatter()
    return Manifest(
      codeVersion: CodeVersion.current,
      createdUTC: f.string(from: Date()), configuration: c, branches: models.branches, modelFiles: files, exposure: exp,
      exposureBuildings: exposure.buildings.count,
      production: (path?.intervals ?? []).map {
        ProductionInterval(start: $0.start, end: $0.end, volumeBcm: $0.volumeBcm, label: $0.label)
      },
      models: ModelParts(
        gmm: models.choice.gmm.rawValue, fcm: models.choice.fcm.rawValue,
        seismicity: path.map { "production-driven, \($0.name)" } ?? "forecast \(c.forecast ?? "")",
        forecast: try c.forecast.map { FileHash(path: $0, sha256: try SHA256.hex(file: $0)) }),
      warnings: models.warnings, snapped: exposure.snapped, runtimeSeconds: runtime)
  }
}
