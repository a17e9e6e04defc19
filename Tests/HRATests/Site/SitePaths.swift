import Foundation

@testable import HRA

/// Locations of the repository's model files and of the shared TNO data, for tests.
enum SitePaths {
  static let root = TestModels.root
  static let zonesGeoJSON = root + "/Models/site/site-response-zones-v6.geojson"
  static let lakeZones = root + "/Models/site/lake-zones.csv"
  /// The shared data folder lies beside the checkout (as in CI: a copy of shared/ next to the clone).
  static let sharedTNO = URL(fileURLWithPath: root + "/../shared/data/tno-shra").standardizedFileURL.path
  static let exampleEDB = sharedTNO + "/exposure-and-zonation/example_EDB.csv"
  static let fragilityV7 = sharedTNO + "/fcm/V7/Fragility_v7_MiddleBranch_20200127.csv"
  static let amplificationV7 = sharedTNO + "/gmm/V7/gmpeSurfaceAmplificationModel_20211010_v7.csv"

  /// The zone map, loaded once.
  static let zoneMap: ZoneMap = try! ZoneMap(geoJSONPath: zonesGeoJSON)
}
