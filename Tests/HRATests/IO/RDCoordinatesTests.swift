import Foundation
import Testing

@testable import HRA

/// RD New ↔ WGS84 against published control points.
@Suite struct RDCoordinatesTests {
  /// Control points: ETRS89 latitude/longitude and RD New from RDNAPTRANS™2018 (the official
  /// transformation), as used in the tests of pyrdnap (github.com/mrJean1/PyRDNAP,
  /// `test/testRDNAP.py`): the geoforum.nl EPSG v12.054 example (Groningen province, near
  /// Bellingwolde), the SAS implementation's check point (north Friesland/Groningen border) and the
  /// first point of NSGI's self-validation file Z001_ETRS89andRDNAP.txt (id 30010000, Zuid-Holland).
  static let controls: [(name: String, lat: Double, lon: Double, x: Double, y: Double)] = [
    ("EPSG v12.054, Groningen", 53.148288321, 7.180899528, 275_000.000, 575_000.000),
    ("SAS check, north-east", 53.19939233, 6.05939747, 199_920.042533, 579_403.423305),
    ("Z001 id 30010000", 51.728601274, 4.712120126, 108_360.8790, 415_757.2745),
  ]

  /// Metres per degree of latitude and of longitude at latitude φ (spherical, R = 6371 km: only
  /// used to turn angle differences into distances for the tolerance).
  static func metres(dLat: Double, dLon: Double, lat: Double) -> Double {
    let k = 6_371_000 * Double.pi / 180
    return ((dLat * k) * (dLat * k) + (dLon * k * cos(lat * .pi / 180)) * (dLon * k * cos(lat * .pi / 180)))
      .squareRoot()
  }

  @Test func amersfootIsTheOrigin() {
    let g = RDCoordinates.toWGS84(x: 155_000, y: 463_000)
    #expect(g.lat == 52.155_174_40 && g.lon == 5.387_206_21)
    let r = RDCoordinates.toRD(lon: 5.387_206_21, lat: 52.155_174_40)
    #expect(r.x == 155_000 && r.y == 463_000)
  }

  @Test(arguments: controls.indices) func controlPointsWithinTheStatedAccuracy(i: Int) {
    let c = RDCoordinatesTests.controls[i]
    let r = RDCoordinates.toRD(lon: c.lon, lat: c.lat)
    let dxy = ((r.x - c.x) * (r.x - c.x) + (r.y - c.y) * (r.y - c.y)).squareRoot()
    #expect(dxy <= Tolerance.rdPolynomialMetres, "\(c.name): WGS84 → RD off by \(dxy) m")
    let g = RDCoordinates.toWGS84(x: c.x, y: c.y)
    let d = RDCoordinatesTests.metres(dLat: g.lat - c.lat, dLon: g.lon - c.lon, lat: c.lat)
    #expect(d <= Tolerance.rdPolynomialMetres, "\(c.name): RD → WGS84 off by \(d) m")
  }

  @Test func roundTripOverTheGroningenField() {
    for x in stride(from: 200_000.0, through: 280_000, by: 20_000) {
      for y in stride(from: 550_000.0, through: 620_000, by: 10_000) {
        let g = RDCoordinates.toWGS84(x: x, y: y)
        let r = RDCoordinates.toRD(lon: g.lon, lat: g.lat)
        let d = ((r.x - x) * (r.x - x) + (r.y - y) * (r.y - y)).squareRoot()
        #expect(d <= Tolerance.rdRoundTripMetres, "round trip at (\(x), \(y)) off by \(d) m")
      }
    }
  }
}
