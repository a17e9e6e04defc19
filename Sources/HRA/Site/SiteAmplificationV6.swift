import Foundation

/// Site amplification from NS_B to the surface, GMM V6 (and V5: same form), per site-response zone.
///
/// Requires: zone, M, R_rup [km], ln Sa_NSB [cm/s²] per period. Computes ln AF per period:
/// ```
/// f_lin = a0 + a1·lnR + (b0 + b1·lnR)·min(M − Mref, 0)                              (eq. 5.8)
/// Mref  = M1 − (lnR − ln 3)/ln(60/3)·(M1 − M2)                                      (eq. 5.9)
/// f_nl  = f2·ln((Sa_NSB[g] + f3)/f3)                                                (eq. 5.7)
/// ln AF = clip(f_lin + f_nl, ln AFmin, ln AFmax) + ε_S2S·φ_S2S(Sa) + Δ_wierde(T)
/// φ_S2S = clip(s1 + (s2 − s1)(ln Sa[g] − ln Sa_low)/ln(Sa_high/Sa_low), min(s1,s2), max(s1,s2))
///                                                                                   (eq. 5.11)
/// ```
/// Mref is not clipped by TNO's public code (`models/gmm_V5V6.py:af_median_linear`): beyond 60 km
/// it keeps falling below M2. `af_mref_clip = 1` in `constants.csv` holds it in [min(M1,M2),
/// max(M1,M2)] instead (as V7's Mref1). The PGV variant (eq. 5.10, with `d`) is not implemented:
/// only the spectral periods are loaded.
///
/// Sa_NSB is converted to g (`af_scale` = 981 cm/s² per g) before the nonlinear term and the
/// φ_S2S interpolation; TNO's public `af_variance` compares ln Sa in cm/s² against Sa_low/Sa_high
/// in g (HRA.md §7): we do not reproduce that. Δ_wierde is the dwelling-mound increment that TNO
/// adopted from V7 (`convert/convert_GMMV6.py`): linear in T, 0 outside the tabulated periods.
/// TNO's chain treats the site-to-site term of V5/V6 as aleatory by default (`im_prep.py`); the
/// epistemic ε of ``lnAF(_:linear:lnSaCm:period:s2sEpsilon:wierde:)`` serves both uses.
///
/// Zones: the table's `Zone` ids. The V6 table is keyed by ID_V6 (the zonation of
/// `Models/site/`); the V5 table by ID_V4B, and an optional `zone-aliases.csv`
/// (`zone_id,table_zone`) maps the ID_V6 zones that V6 split off to their V4B zone.
/// Reference: Bommer et al. (2019), V6 GMM report, ch. 5; table `gmpeSurfaceAmplificationModel_*.csv`.
package struct SiteAmplificationV6: SiteResponseModel {
  /// Coefficients of one zone and period, flat for the hot loop.
  package struct Coefficients: Sendable {
    package var a0, a1, b0, b1, m1, m2, f2, f3, s1, s2, lnXl, lnXh, lnAFmin, lnAFmax: Double
    /// ln f3, so that the nonlinear term is f2·softplus(ln Sa[g] − ln f3).
    package var lnF3: Double
  }
  /// Zone ids of the table in table order.
  package let zones: [Int]
  /// `coefficients[zoneIndex * periodCount + k]`.
  package let coefficients: [Coefficients]
  /// The shared nonlinear/clipping/φ_S2S terms, same layout.
  package let terms: [AmplificationTerms]
  /// "V6" or "V5": the label the loader was given (V5 is V6's form on the V5 table).
  package let version: String
  package let periods: [Double]
  /// Wierde increment of ln AF per period (added for buildings on dwelling mounds).
  package let wierdeIncrement: [Double]
  /// cm/s² per g.
  package let afScale: Double
  /// ln(afScale).
  package let lnAFScale: Double
  /// ln of the distance [km] where Mref = M1, and ln(span/min) of the Mref interpolation.
  let lnRMref: Double
  let lnSpan: Double
  let clipMref: Bool
  private let zoneIndex: [Int: Int]

  /// Loads the table of a V6 or V5 folder; `periods` must be those of the GMM (each must be in the
  /// table for every zone; other periods and the PGV rows, T = −10, are skipped); `version` labels
  /// the tables ("V6", or "V5": the same form on the V5 tables, its registry entry passes it).
  /// - Throws: ``InputError`` naming file, line and field for a non-finite or invalid coefficient,
  ///   a zone without all periods, a duplicate row, or an inconsistent alias.
  package init(directory: String, periods: [Double], version: String = "V6") throws {
    let path = try ModelFolder.uniqueFile(in: directory, prefix: "gmpeSurfaceAmplificationModel_")
    let t = try CSVTable(contentsOf: path)
    let k = try ConstantsTable(path: directory + "/constants.csv")
    let mref = try SiteAmplificationV6.referenceMagnitudeConstants(k)
    afScale = mref.afScale
    lnAFScale = log(afScale)
    lnRMref = mref.lnRMref
    lnSpan = mref.lnSpan
    clipMref = mref.clip
    self.periods = periods
    let table = try ZonePeriodTable(t, periods: periods, otherPeriods: .skip) {
      try SiteAmplificationV6.coefficients(t, $0)
    }
    zones = table.zones
    coefficients = table.coefficients
    terms = table.coefficients.map(SiteAmplificationV6.terms)
    self.version = version
    zoneIndex = try SiteAmplificationV6.zoneIndex(table.zoneIndex, aliases: directory + "/zone-aliases.csv")
    wierdeIncrement = try WierdeIncrement.read(directory: directory, periods: periods, outside: .zero)
  }

  /// af_scale [cm/s² per g], ln of the distance where Mref = M1, ln(span/min) of the Mref
  /// interpolation (eq. 5.9) and whether Mref is clipped, from `constants.csv`.
  static func referenceMagnitudeConstants(
    _ k: ConstantsTable
  ) throws -> (afScale: Double, lnRMref: Double, lnSpan: Double, clip: Bool) {
    let afScale = try k.value("af_scale")
    let rmin = try k.value("af_mref_distance_min")
    let span = try k.value("af_mref_distance_span")
    guard afScale > 0, rmin > 0, span > rmin else {
      throw InputError(file: k.file, "need af_scale > 0 and 0 < af_mref_distance_min < af_mref_distance_span")
    }
    let clip = try k.value("af_mref_clip")
    guard clip == 0 || clip == 1 else { throw InputError(file: k.file, field: "af_mref_clip", "must be 0 or 1") }
    return (afScale, log(rmin), log(span / rmin), clip == 1)
  }

  /// The coefficients of one row (zone and period) of the V5/V6 amplification table, checked:
  /// 0 < Afmin ≤ Afmax, 0 < Sa_low < Sa_high, f3 > 0, φ_S2S ≥ 0.
  static func coefficients(_ t: CSVTable, _ row: CSVTable.Row) throws -> Coefficients {
    func v(_ n: String) throws -> Double { try t.double(row, n) }
    let afmin = try v("Afmin")
    let afmax = try v("Afmax")
    let xl = try v("Sa_low")
    let xh = try v("Sa_high")
    let f3 = try v("f3")
    let s1 = try v("phiS2S_1")
    let s2 = try v("phi_S2S_2")
    if !(afmin > 0 && afmax >= afmin) { throw t.error(row, "Afmin", "need 0 < Afmin ≤ Afmax") }
    if !(xl > 0 && xh > xl) { throw t.error(row, "Sa_low", "need 0 < Sa_low < Sa_high") }
    if !(f3 > 0) { throw t.error(row, "f3", "must be positive") }
    if s1 < 0 { throw t.error(row, "phiS2S_1", "negative standard deviation") }
    if s2 < 0 { throw t.error(row, "phi_S2S_2", "negative standard deviation") }
    return Coefficients(
      a0: try v("a0"), a1: try v("a1"), b0: try v("b0"), b1: try v("b1"), m1: try v("M1"), m2: try v("M2"),
      f2: try v("f2"), f3: f3, s1: s1, s2: s2, lnXl: log(xl), lnXh: log(xh), lnAFmin: log(afmin),
      lnAFmax: log(afmax), lnF3: log(f3))
  }

  /// The table's zone index extended by the optional `zone-aliases.csv` (`zone_id,table_zone`):
  /// the ID_V6 zones that V6 split off, mapped to the index of their V4B zone (V5).
  /// - Throws: ``InputError`` naming file, line and field for an alias to a zone not in the
  ///   table or an alias of a zone the table already has.
  static func zoneIndex(_ tableIndex: [Int: Int], aliases apath: String) throws -> [Int: Int] {
    var zi = tableIndex
    guard FileManager.default.fileExists(atPath: apath) else { return zi }
    let a = try CSVTable(contentsOf: apath)
    for r in a.rows {
      let from = try a.int(r, "zone_id")
      let to = try a.int(r, "table_zone")
      guard let target = tableIndex[to] else {
        throw a.error(r, "table_zone", "zone \(to) is not in the amplification table")
      }
      if zi[from] != nil {
        throw a.error(r, "zone_id", "zone \(from) is already a zone of the table (or given twice)")
      }
      zi[from] = target
    }
    return zi
  }

  /// The site parameters the V5/V6 and V7 site responses read: the site-response zone and
  /// whether the building stands on a dwelling mound.
  package static let siteParameters = ["zone", "wierde"]

  /// What the V5/V6 site response reads (M, R_rup, zone, wierde, Sa at NS_B at the GMM's
  /// periods) and gives (Sa at the surface at those periods).
  package static let requirements = ModelRequirements(
    rupture: ["magnitude"], distances: ["R_rup"], site: siteParameters, takes: ["SA(T) at NS_B"],
    offers: ["SA(T) at the surface"])

  /// The index of a zone id in ``zones`` (directly or through `zone-aliases.csv`), or nil if the
  /// zone has no coefficients (lakes in V6).
  package func index(ofZone z: Int) -> Int? { zoneIndex[z] }

  /// The reference magnitude Mref (eq. 5.9) at ln R.
  @inline(__always)
  package func referenceMagnitude(_ c: Coefficients, lnR: Double) -> Double {
    let v = c.m1 - (lnR - lnRMref) / lnSpan * (c.m1 - c.m2)
    return clipMref ? min(max(v, min(c.m1, c.m2)), max(c.m1, c.m2)) : v
  }

  /// The linear part f_lin (eq. 5.8–5.9) for one zone and period.
  @inline(__always)
  package func linearTerm(_ c: Coefficients, magnitude m: Double, lnR: Double) -> Double {
    c.a0 + c.a1 * lnR + (c.b0 + c.b1 * lnR) * min(m - referenceMagnitude(c, lnR: lnR), 0)
  }

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
}
