import Foundation
@testable import HRA

/// Locations of the repository's model files and of the shared TNO data, for tests.
enum SitePaths {
  /// The package root (three levels above this file).
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }()
  static let zonesGeoJSON = root + "/Models/site/site-response-zones-v6.geojson"
  static let lakeZones = root + "/Models/site/lake-zones.csv"
  static let sharedTNO = "/work/shared/data/tno-shra"
  static let exampleEDB = sharedTNO + "/exposure-and-zonation/example_EDB.csv"
  static let fragilityV7 = sharedTNO + "/fcm/V7/Fragility_v7_MiddleBranch_20200127.csv"
  static let amplificationV7 = sharedTNO + "/gmm/V7/gmpeSurfaceAmplificationModel_20211010_v7.csv"

  /// The zone map, loaded once.
  static let zoneMap: ZoneMap = try! ZoneMap(geoJSONPath: zonesGeoJSON)
}

