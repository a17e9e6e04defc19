import Foundation

/// The run manifest: what went in (files with SHA-256), which branches, seed, estimator,
/// code version and runtime: enough to reproduce and audit the run.
package struct Manifest: Codable, Sendable {
  package typealias FileHash = HRA.FileHash
  package var codeVersion: String
  package var createdUTC: String
  package var configuration: RunConfiguration
  package var branches: BranchCombination
  package var modelFiles: [FileHash]
  package var exposure: FileHash
  package var exposureBuildings: Int
  /// The production path (empty for a forecast run).
  package var production: [ProductionInterval]
  /// The model parts: GMM and FCM versions and the seismicity source.
  package var models: ModelParts? = nil
  /// Warnings about the model combination.
  package var warnings: [String] = []
  /// Buildings assigned to the nearest zone within the snap distance.
  package var snapped: [ExposureDatabase.Snap] = []

  package struct ModelParts: Codable, Sendable {
    package var gmm: String
    package var fcm: String
    package var seismicity: String
    /// The forecast file with its SHA-256 (forecast runs).
    package var forecast: FileHash?
  }
  package var runtimeSeconds: Double
  /// Logic-tree settings (tree runs only).
  package var logicTree: TreeInfo? = nil
  /// A hazard run's settings (IMTs, sites, component, horizon, fractiles) and its sites file.
  package var hazard: HazardSettings? = nil
  /// A group-risk run's settings (events, correlation, parameters and guidance-line files).
  package var groupRisk: GroupRiskSettings? = nil
  package var sitesFile: FileHash? = nil

  package struct TreeInfo: Codable, Sendable {
    package var mode: String
    package var samples: Int
    package var seed: UInt64
    package var fixed: [String: String]
    package var estimator: String
    /// Enumeration: the number of GMM-median paths among the combinations (`samples`).
    package var medianPaths: Int? = nil
    /// Buildings per category per gas year (verhoogd, licht verhoogd, normaal, near the norm).
    package var categoryCounts: [TreeRunSummary.YearCounts] = []
  }

  package struct ProductionInterval: Codable, Sendable {
    package var start: Double, end: Double, volumeBcm: Double, label: String
  }

  package static func make(
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
