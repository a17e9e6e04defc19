import Foundation

/// RD New (EPSG:28992, Amersfoort / RD New) ↔ WGS84 longitude/latitude by the published
/// polynomial approximation.
///
/// ```
/// dX = 1e-5·(x − 155000),  dY = 1e-5·(y − 463000)                       [x, y in RD metres]
/// φ = 52.15517440 + (Σ K_pq·dX^p·dY^q)/3600,  λ = 5.38720621 + (Σ L_pq·dX^p·dY^q)/3600   [degrees]
/// dφ = 0.36·(φ − 52.15517440),  dλ = 0.36·(λ − 5.38720621)
/// x = 155000 + Σ R_pq·dφ^p·dλ^q,  y = 463000 + Σ S_pq·dφ^p·dλ^q
/// ```
/// Coefficients: Schreutelkamp, F.H. & Strang van Hees, G.L. (2001), "Benaderingsformules voor de
/// transformatie tussen RD- en WGS84-kaartcoördinaten", Stichting De Koepel (formulas and tables
/// for the RD → WGS84 and WGS84 → RD directions; 11, 12, 9 and 10 terms). Accuracy: about 1 m
/// over the Netherlands (the authors' figure; against three RDNAPTRANS™2018 control points, ETRS89,
/// the tests find 0.21–0.29 m, see `RDCoordinatesTests`); the approximation does not distinguish
/// WGS84 from ETRS89 (they differ by ~0.8 m in 2024). The two directions are separate fits: a round
/// trip over the Groningen field closes within 3 mm. This is not the official
/// RDNAPTRANS™ transformation and must not be used for survey work.
///
/// These are the constants of a fixed, published geodetic formula (like the EPSG parameters of
/// RD New), not model coefficients that a run could choose, so they live here and not in `Models/`.
package enum RDCoordinates {
  static let x0 = 155_000.0
  static let y0 = 463_000.0
  static let phi0 = 52.155_174_40
  static let lam0 = 5.387_206_21

  // (p, q, coefficient) of the four series, in the order of the paper's tables.
  static let k: [(Int, Int, Double)] = [
    (0, 1, 3235.65389), (2, 0, -32.58297), (0, 2, -0.24750), (2, 1, -0.84978), (0, 3, -0.06550),
    (2, 2, -0.01709), (1, 0, -0.00738), (4, 0, 0.00530), (2, 3, -0.00039), (4, 1, 0.00033), (1, 1, -0.00012),
  ]
  static let l: [(Int, Int, Double)] = [
    (1, 0, 5260.52916), (1, 1, 105.94684), (1, 2, 2.45656), (3, 0, -0.81885), (1, 3, 0.05594),
    (3, 1, -0.05607), (0, 1, 0.01199), (3, 2, -0.00256), (1, 4, 0.00128), (0, 2, 0.00022), (2, 0, -0.00022),
    (5, 0, 0.00026),
  ]
  static let r: [(Int, Int, Double)] = [
    (0, 1, 190094.945), (1, 1, -11832.228), (2, 1, -114.221), (0, 3, -32.391), (1, 0, -0.705),
    (3, 1, -2.340), (1, 3, -0.608), (0, 2, -0.008), (2, 3, 0.148),
  ]
  static let s: [(Int, Int, Double)] = [
    (1, 0, 309056.544), (0, 2, 3638.893), (2, 0, 73.077), (1, 2, -157.984), (3, 0, 59.788), (0, 1, 0.433),
    (2, 2, -6.439), (1, 1, -0.032), (0, 4, 0.092), (1, 4, -0.054),
  ]

  @inline(__always)
  static func series(_ terms: [(Int, Int, Double)], _ a: Double, _ b: Double) -> Double {
    var sum = 0.0
    for (p, q, c) in terms { sum += c * pow(a, Double(p)) * pow(b, Double(q)) }
    return sum
  }

  /// WGS84 (longitude, latitude) in degrees of an RD New point (x, y) in metres.
  package static func toWGS84(x: Double, y: Double) -> (lon: Double, lat: Double) {
    let dx = 1e-5 * (x - x0)
    let dy = 1e-5 * (y - y0)
    return (lam0 + series(l, dx, dy) / 3600, phi0 + series(k, dx, dy) / 3600)
  }

  /// RD New (x, y) in metres of a WGS84 point (longitude, latitude) in degrees.
  package static func toRD(lon: Double, lat: Double) -> (x: Double, y: Double) {
    let dphi = 0.36 * (lat - phi0)
    let dlam = 0.36 * (lon - lam0)
    return (x0 + series(r, dphi, dlam), y0 + series(s, dphi, dlam))
  }

  /// The WGS84 box accepted for Dutch coordinates (European Netherlands with a margin):
  /// longitude 3.2°–7.3° E, latitude 50.7°–53.7° N.
  package static let longitudeRange = 3.2...7.3
  package static let latitudeRange = 50.7...53.7
}
