import Foundation
import Testing

@testable import HRA

@Suite struct SiteAmplificationV6Tests {
  let v6: SiteAmplificationV6
  let v5: SiteAmplificationV6
  init() throws {
    v6 = try SiteAmplificationV6(directory: TestModels.models + "/gmm/v6", periods: GMMV6.avgSaPeriods)
    v5 = try SiteAmplificationV6(directory: TestModels.models + "/gmm/v5", periods: GMMV6.avgSaPeriods, version: "V5")
  }

  func model(_ version: String) -> SiteAmplificationV6 { version == "V6" ? v6 : v5 }

  /// ln AF of one zone and period, with its linear term and φ_S2S.
  func evaluate(
    _ a: SiteAmplificationV6, zone: Int, t: Double, m: Double, r: Double, lnSaCm: Double, eps: Double, wierde: Bool
  ) throws -> (linear: Double, lnAF: Double, phi: Double) {
    let zi = try #require(a.index(ofZone: zone))
    let k = try #require(a.periods.firstIndex(of: t))
    let c = a.coefficients[zi * a.periods.count + k]
    let lin = a.linearTerm(c, magnitude: m, lnR: log(r))
    let v = a.lnAF(zoneIndex: zi, period: k, linear: lin, lnSaCm: lnSaCm, s2sEpsilon: eps, wierde: wierde).value
    return (lin, v, a.phiS2S(zoneIndex: zi, period: k, lnSaG: lnSaCm - a.lnAFScale))
  }

  // Reference values: f_lin, Mref, f_nl, the clip and φ_S2S as written in
  // shared/data/tno-shra/README.md (Sa in g = Sa[cm/s²]/981, φ_S2S linear in ln Sa[g] between
  // Sa_low and Sa_high), the wierde table of hardcoded-parameters.yml, evaluated by an independent
  // Python transcription straight from gmpeSurfaceAmplificationModel_20190326_v6.csv and
  // _20170826_v5.csv (exact log/exp, full double precision). Columns: version, zone, T [s], M,
  // R [km], Sa_NSB [cm/s²], ε, wierde, f_lin, ln AF, φ_S2S. Zone 1206 at 2000 cm/s² is clipped at
  // AFmin; V5 zone 606 is the ID_V4B zone of ID_V6 zones 631 and 632.
  @Test(arguments: [
    ("V6", 110, 0.01, 3.5, 5.0, 50.0, 0.0, false, -0.17334680917120998, -0.42451095130249034, 0.26483706),
    ("V6", 322, 0.3, 5.0, 12.0, 200.0, 1.645, false, 0.70876042, 0.9995682612741672, 0.3168018060757162),
    ("V6", 3111, 1.0, 4.2, 25.0, 8.0, -1.645, true, 0.78008626, 0.4773330287186237, 0.2490378),
    ("V6", 1206, 0.1, 6.5, 3.0, 2000.0, 0.0, true, -0.4270464658142081, -1.1362943611198906, 0.448642),
    ("V6", 110, 0.5, 4.0, 100.0, 1.0, 0.0, false, 0.73067986, 0.7295086760258493, 0.3),
    ("V5", 606, 0.2, 4.5, 7.0, 100.0, 1.645, false, 0.6624630669026526, 0.8480705262872011, 0.4195822973013388),
    ("V5", 631, 0.2, 4.5, 7.0, 100.0, 1.645, false, 0.6624630669026526, 0.8480705262872011, 0.4195822973013388),
    ("V5", 322, 0.85, 5.5, 15.0, 30.0, 0.0, true, 0.83466319, 1.015510456800013, 0.27225873),
  ])
  func lnAFMatchesIndependentEvaluation(
    version: String, zone: Int, t: Double, m: Double, r: Double, sa: Double, eps: Double, wierde: Bool,
    linear: Double, lnAF: Double, phi: Double
  ) throws {
    let e = try evaluate(model(version), zone: zone, t: t, m: m, r: r, lnSaCm: log(sa), eps: eps, wierde: wierde)
    #expect(close(e.linear, linear, rel: Tolerance.algebra))
    #expect(abs(e.lnAF - lnAF) <= Tolerance.softplusTable)
    #expect(close(e.phi, phi, rel: Tolerance.algebra))
  }

  /// Beyond 60 km Mref keeps falling below M2 unless `af_mref_clip = 1`. Zone 811, T = 0.1 s has
  /// M1 = 8.53, M2 = 4.5: at 100 km Mref = 3.81 (TNO) or 4.5 (clipped). Reference f_lin from the
  /// same Python script.
  @Test func referenceMagnitudeClipIsAConstant() throws {
    let tno = try evaluate(v6, zone: 811, t: 0.1, m: 4.2, r: 100, lnSaCm: 0, eps: 0, wierde: false)
    #expect(close(tno.linear, 0.1605235042306673, rel: Tolerance.algebra))
    let f = try GMMFolderFixture.altered("v6", prefix: "constants", rowKey: "af_mref_clip", column: "value", value: "1")
    defer { try? FileManager.default.removeItem(atPath: f.dir) }
    let clipped = try SiteAmplificationV6(directory: f.dir, periods: GMMV6.avgSaPeriods)
    let c = try evaluate(clipped, zone: 811, t: 0.1, m: 4.2, r: 100, lnSaCm: 0, eps: 0, wierde: false)
    #expect(close(c.linear, 0.08873725668832516, rel: Tolerance.algebra))
    // Inside 3–60 km both agree.
    let a = try evaluate(v6, zone: 811, t: 0.1, m: 4.2, r: 20, lnSaCm: 0, eps: 0, wierde: false)
    let b = try evaluate(clipped, zone: 811, t: 0.1, m: 4.2, r: 20, lnSaCm: 0, eps: 0, wierde: false)
    #expect(a.linear == b.linear)
  }

  /// The median part of ln AF (ε = 0, no wierde) stays in [ln AFmin, ln AFmax] for every zone
  /// and period over a grid of M, R and Sa_NSB; φ_S2S stays between s1 and s2.
  @Test func amplificationStaysWithinItsBounds() {
    for a in [v6, v5] {
      for (i, c) in a.coefficients.enumerated() {
        let k = i % a.periods.count
        let zi = i / a.periods.count
        for m in [2.5, 4.0, 5.5, 7.0] {
          for r in [3.0, 10.0, 60.0, 120.0] {
            let lin = a.linearTerm(c, magnitude: m, lnR: log(r))
            for lnSa in [-6.0, 0.0, 4.0, 8.0] {
              let v = a.lnAF(zoneIndex: zi, period: k, linear: lin, lnSaCm: lnSa, s2sEpsilon: 0, wierde: false)
              #expect(v.value >= c.lnAFmin && v.value <= c.lnAFmax)
              let p = a.phiS2S(zoneIndex: zi, period: k, lnSaG: lnSa - a.lnAFScale)
              #expect(p >= min(c.s1, c.s2) && p <= max(c.s1, c.s2))
            }
          }
        }
      }
    }
  }

  /// Every zone of the ID_V6 zonation except the lakes has V6 coefficients, and, through
  /// `zone-aliases.csv`, V5 coefficients.
  @Test func everyZoneOfTheZonationHasCoefficients() {
    let map = SitePaths.zoneMap
    for z in map.zoneIDs where !map.lakeZones.contains(z) {
      #expect(v6.index(ofZone: z) != nil, "V6 zone \(z)")
      #expect(v5.index(ofZone: z) != nil, "V5 zone \(z)")
    }
    #expect(v6.zones.count == 160 && v5.zones.count == 160)
    #expect(v6.index(ofZone: 2813) == nil && v6.index(ofZone: 3411) == nil)
    #expect(v5.index(ofZone: 3322) == v5.index(ofZone: 3321) && v5.index(ofZone: 3321) != nil)
  }

  @Test func wierdeIncrementIsV7sInsideAndZeroOutsideTheTable() throws {
    let v7 = try SiteAmplificationV7(directory: TestModels.models + "/gmm/v7", periods: GMMV6.avgSaPeriods)
    #expect(v6.wierdeIncrement == v7.wierdeIncrement && v5.wierdeIncrement == v7.wierdeIncrement)
    // TNO (convert_GMMV6.py) interpolates linearly in T and sets 0 outside 0.01–2 s.
    let a = try SiteAmplificationV6(directory: TestModels.models + "/gmm/v6", periods: [0.01, 1.5, 3.0])
    #expect(a.wierdeIncrement[0] == 0.2 && a.wierdeIncrement[2] == 0)
    #expect(close(a.wierdeIncrement[1], 0.075, rel: Tolerance.algebra))  // halfway between 0.1 (1 s) and 0.05 (2 s)
    #expect(a.afScale == 981 && a.lnAFScale == log(981.0))
  }

  @Test func nanInAUsedCoefficientIsLocated() throws {
    // The altered row is zone 110's first row, T = 0.01 s, a period the model uses.
    let f = try GMMFolderFixture.altered(
      "v6", prefix: "gmpeSurfaceAmplificationModel_", rowKey: "110", column: "b1", value: "NaN")
    defer { try? FileManager.default.removeItem(atPath: f.dir) }
    #expect(throws: InputError(file: f.file, line: f.line, field: "b1", "not a finite number (\"NaN\")")) {
      try SiteAmplificationV6(directory: f.dir, periods: GMMV6.avgSaPeriods)
    }
    // Not read when 0.01 s is not among the periods.
    _ = try SiteAmplificationV6(directory: f.dir, periods: [0.1, 1.0])
  }

  @Test func aZoneWithoutAllPeriodsIsAnError() throws {
    let f = try GMMFolderFixture.altered(
      "v6", prefix: "gmpeSurfaceAmplificationModel_", rowKey: "110", column: "T", value: "0.011")
    defer { try? FileManager.default.removeItem(atPath: f.dir) }
    #expect(throws: InputError(file: f.file, field: "T", "zone 110 has 9 periods, expected 10")) {
      try SiteAmplificationV6(directory: f.dir, periods: GMMV6.avgSaPeriods)
    }
  }

  @Test func anAliasToAnUnknownZoneIsAnError() throws {
    let f = try GMMFolderFixture.altered(
      "v5", prefix: "zone-aliases", rowKey: "632", column: "table_zone", value: "9999")
    defer { try? FileManager.default.removeItem(atPath: f.dir) }
    let message = "zone 9999 is not in the amplification table"
    #expect(throws: InputError(file: f.file, line: f.line, field: "table_zone", message)) {
      try SiteAmplificationV6(directory: f.dir, periods: GMMV6.avgSaPeriods)
    }
  }
}
