import Foundation

/// Site amplification from NS_B to the surface, GMM V7, per site-response zone.
///
/// Requires: zone, M, R_rup [km], ln Sa_NSB [cm/s²] per period. Computes ln AF per period:
/// ```
/// f_lin = a0 + a1·lnR + (b0 + b1·lnR)(min(M,Mref1) − Mref1) + a2(lnR − lnRref)²
///         + b2(min(M,Mref1) − Mref2)² + a3(max(M,Mref1) − Mref1)                  (eq. 9.13)
/// Mref1 = clip(Ma + (Mb − Ma)(lnR − ln 3)/ln(60/3), min(Ma,Mb), max(Ma,Mb))       (eq. 9.14)
/// f_nl  = f2·ln((Sa_NSB[g] + f3)/f3)                                              (eq. 9.12)
/// ln AF = clip(f_lin + f_nl, ln AFmin, ln AFmax) + ε_S2S·φ_S2S(Sa) + Δ_wierde(T)
/// φ_S2S = clip(s1 + (s2 − s1)(ln Sa[g] − ln xl)/ln(xh/xl), min(s1,s2), max(s1,s2)) (eq. 9.15)
/// ```
/// Sa_NSB is converted to g (981 cm/s² per g) before the nonlinear term and the φ_S2S
/// interpolation; TNO's public `af_variance` compares ln Sa in cm/s² against thresholds in g
/// (HRA.md §7): we do not reproduce that. Δ_wierde is the dwelling-mound increment,
/// linear in T (TNO `models/gmm_V7.py:wierde_factors`).
/// Reference: Bommer et al. (2021), V7 GMM report, ch. 9; table `gmpeSurfaceAmplificationModel_20211010_v7.csv`.
package struct SiteAmplificationV7: SiteResponseModel {
  package var version: String { "V7" }
  /// Coefficients of one zone and period, flat for the hot loop.
  package struct Coefficients: Sendable {
    package var a0, a1, b0, b1, a2, b2, a3, ma, mb, mref2, lnRref, f2, f3, s1, s2, lnXl, lnXh, lnAFmin, lnAFmax: Double
    /// ln f3, so that the nonlinear term is f2·softplus(ln Sa[g] − ln f3).
    package var lnF3: Double
  }
  /// Zone ids (ID_V6) in table order.
  package let zones: [Int]
  /// `coefficients[zoneIndex * periodCount + k]`.
  package let coefficients: [Coefficients]
  /// The shared nonlinear/clipping/φ_S2S terms, same layout.
  package let terms: [AmplificationTerms]
  package let periods: [Double]
  /// Wierde increment of ln AF per period (added for buildings on dwelling mounds).
  package let wierdeIncrement: [Double]
  /// cm/s² per g.
  package let afScale: Double
  /// ln(afScale).
  package let lnAFScale: Double
  let lnSpan: Double
  private let zoneIndex: [Int: Int]

  /// Loads the table; `periods` must be those of the GMM (validated).
  /// - Throws: ``InputError`` naming file, line and field for a non-finite or invalid coefficient,
  ///   a period not of the GMM, a zone without all periods or a duplicate row.
  package init(directory: String, periods: [Double]) throws {
    let path = directory + "/gmpeSurfaceAmplificationModel_20211010_v7.csv"
    let t = try CSVTable(contentsOf: path)
    let k = try ConstantsTable(path: directory + "/constants.csv")
    afScale = try k.value("af_scale")
    lnAFScale = log(afScale)
    lnSpan = log(try k.value("af_mref1_distance_span") / 3.0)
    self.periods = periods
    let table = try ZonePeriodTable(t, periods: periods, otherPeriods: .refuse) {
      try SiteAmplificationV7.coefficients(t, $0)
    }
    zones = table.zones
    coefficients = table.coefficients
    terms = table.coefficients.map(SiteAmplificationV7.terms)
    zoneIndex = table.zoneIndex
    wierdeIncrement = try WierdeIncrement.read(directory: directory, periods: periods, outside: .endValue)
  }

  /// The coefficients of one row (zone and period) of the V7 amplification table, checked:
  /// 0 < AFmin ≤ AFmax, 0 < xl < xh, Rref > 0, f3 > 0.
  static func coefficients(_ t: CSVTable, _ row: CSVTable.Row) throws -> Coefficients {
    func v(_ n: String) throws -> Double { try t.double(row, n) }
    let afmin = try v("AFmin")
    let afmax = try v("AFmax")
    let xl = try v("xl")
    let xh = try v("xh")
    let rref = try v("Rref")
    if !(afmin > 0 && afmax >= afmin) { throw t.error(row, "AFmin", "need 0 < AFmin ≤ AFmax") }
    if !(xl > 0 && xh > xl) { throw t.error(row, "xl", "need 0 < xl < xh") }
    if !(rref > 0) { throw t.error(row, "Rref", "must be positive") }
    if !(try v("f3") > 0) { throw t.error(row, "f3", "must be positive") }
    return Coefficients(
      a0: try v("a0"), a1: try v("a1"), b0: try v("b0"), b1: try v("b1"), a2: try v("a2"), b2: try v("b2"),
      a3: try v("a3"), ma: try v("Ma"), mb: try v("Mb"), mref2: try v("Mref2"), lnRref: log(rref), f2: try v("f2"),
      f3: try v("f3"), s1: try v("s1"), s2: try v("s2"), lnXl: log(xl), lnXh: log(xh), lnAFmin: log(afmin),
      lnAFmax: log(afmax), lnF3: log(try v("f3")))
  }

  /// What the V7 site response reads and gives (as ``SiteAmplificationV6/requirements``).
  package static let requirements = SiteAmplificationV6.requirements

  /// The index of a zone id in ``zones``, or nil if the zone has no coefficients (lakes).
  package func index(ofZone z: Int) -> Int? { zoneIndex[z] }

  static func terms(_ c: Coefficients) -> AmplificationTerms {
    AmplificationTerms(
      f2: c.f2, lnF3: c.lnF3, s1: c.s1, s2: c.s2, lnXl: c.lnXl, lnXh: c.lnXh, lnAFmin: c.lnAFmin, lnAFmax: c.lnAFmax)
  }

  package func linearTerm(zoneIndex: Int, period k: Int, magnitude m: Double, lnR: Double) -> Double {
    linearTerm(coefficients[zoneIndex * periods.count + k], magnitude: m, lnR: lnR)
  }

  package func linearTerms(zoneIndex: Int, magnitude m: Double, lnR: Double, into out: UnsafeMutablePointer<Double>) {
    let n = periods.count
    coefficients.withUnsafeBufferPointer { c in
      let base = c.baseAddress! + zoneIndex * n
      for k in 0..<n { out[k] = linearTerm(base[k], magnitude: m, lnR: lnR) }
    }
  }

  /// The linear part f_lin (eq. 9.13–9.14) for one zone and period.
  @inline(__always)
  package func linearTerm(_ c: Coefficients, magnitude m: Double, lnR: Double) -> Double {
    let lo = min(c.ma, c.mb)
    let hi = max(c.ma, c.mb)
    let mref1 = min(max(c.ma + (c.mb - c.ma) * (lnR - log(3.0)) / lnSpan, lo), hi)
    let mlo = min(m, mref1)
    let d = lnR - c.lnRref
    let e = mlo - c.mref2
    return c.a0 + c.a1 * lnR + (c.b0 + c.b1 * lnR) * (mlo - mref1) + c.a2 * d * d + c.b2 * e * e
      + c.a3 * (max(m, mref1) - mref1)
  }
}
