import Foundation

/// What `manifest.json` records: the study settings and, per run, the full run manifest
/// (configuration with the production path and fixes, production intervals, model-file
/// hashes, exposure hash, code version, logic-tree samples and seed).
package struct ScenarioStudyManifest: Codable, Sendable {
  package var format = "groningen-hra-scenario-study"
  package var version = 1
  package var codeVersion: String
  package var paths: [String]
  package var variants: [ScenarioVariant]
  package var ijkmomentYear: Int
  package var capacityPeriod: String
  package var capacityTotal: Int?
  package var runs: [Manifest]
}
