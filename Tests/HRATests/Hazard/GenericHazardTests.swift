import Foundation
import Testing

@testable import HRA

/// Closed forms and estimator agreement for the generic area-source hazard and damage.
@Suite struct GenericHazardTests {
  static let dost = try! Dost2004(directory: TestModels.models + "/gmm/dost2004")
  static let bommer = try! Bommer2013(directory: TestModels.models + "/gmm/bommer2013")
  static let levels = try! HazardLevels(path: TestModels.models + "/hazard/levels.csv")
  static let fragility = try! LognormalFragility(path: TestModels.models + "/fragility-generic/lognormal-pga.csv")

  /// One cell at (500, 500) m, one magnitude bin [3.0, 3.1) (m = 3.05) at rate ν, depth 3 km.
  static func oneRupture(rate: Double) throws -> AreaSource {
    try AreaSource(
      polygon: try AreaSourceTests.square(0, 0, 1000), activity: .rateAboveMmin(rate), b: 1, mmin: 3.0, mmax: 3.1,
      binWidth: 0.1, depthKm: 3, spacingM: 1000, scaling: AreaSourceTests.wc)
  }

  /// λ(x) = ν·P(IM > x) for one rupture: the distance grid starts at the hypocentral distance
  /// (3 km, a node), so the interpolation is exact there.
  @Test(arguments: [0.0, 3.0, 1.5]) func oneSourceOneMagnitudeClosedForm(truncation: Double) throws {
    let nu = 0.7
    let src = try GenericHazardTests.oneRupture(rate: nu)
    let grid = LogDistanceGrid(rMin: 3, rMax: 100, count: 40)
    let h = GenericHazard(source: src, gmm: GenericHazardTests.dost, truncation: truncation, grid: grid)
    let lv = try GenericHazardTests.levels.levels(.pga)
    let siteX = [500.0, 500.0 + 4000]
    let siteY = [500.0, 500.0]
    let rates = h.curves(siteX: siteX, siteY: siteY, imts: [(.pga, lv)])[0]
    let mo = GenericHazardTests.dost.moments(.pga, magnitude: 3.05, distanceKm: 3)
    for (l, x) in lv.enumerated() {
      let z = (log(x) - mo.lnMedian) / mo.sigma
      var p: Double
      if truncation == 0 {
        p = Normal.ccdf(z)
      } else {
        p =
          z >= truncation
          ? 0 : (z <= -truncation ? 1 : (Normal.ccdf(z) - Normal.ccdf(truncation)) / (1 - 2 * Normal.ccdf(truncation)))
      }
      #expect(abs(rates[l] - nu * p) <= Tolerance.special * nu, "level \(x): \(rates[l]) vs \(nu * p)")
    }
    // The second site is 5 km away (3-4-5): between nodes, so compare to the exact value loosely.
    let m5 = GenericHazardTests.dost.moments(.pga, magnitude: 3.05, distanceKm: 5)
    let l0 = 20
    let z5 = (log(lv[l0]) - m5.lnMedian) / m5.sigma
    let exact = nu * TruncatedExceedance(level: truncation).survival(z5)
    #expect(close(rates[lv.count + l0], exact, rel: 1e-3), "5 km: \(rates[lv.count + l0]) vs \(exact)")
  }

  /// Hazard curve ⊗ lognormal fragility (OpenQuake's classical_damage discretisation) equals the
  /// direct integral ν·Φ((μ − ln θ)/√(σ² + β²)) for an untruncated lognormal ground motion: within
  /// the trapezoid-rule error of the level spacing (see ``Tolerance/levelConvolution``): 48 levels
  /// (the default, ratio 1.25) and 400 levels (ratio 1.027) over the same range.
  @Test(arguments: [48, 400]) func convolutionEqualsConditionalRiskIntegral(count: Int) throws {
    let nu = 0.7
    let src = try GenericHazardTests.oneRupture(rate: nu)
    let h = GenericHazard(
      source: src, gmm: GenericHazardTests.dost, truncation: 0, grid: LogDistanceGrid(rMin: 3, rMax: 100, count: 40))
    let lv = HazardLevels.Range(min: 1e-4, max: 4, count: count).levels
    let tol = count == 48 ? Tolerance.levelConvolutionCoarse : Tolerance.levelConvolution
    let curves = h.curves(siteX: [500], siteY: [500], imts: [(.pga, lv)])
    let f = GenericHazardTests.fragility
    let r = ClassicalDamage.rates(curves: curves, imts: [(.pga, lv)], fragility: f, sites: 1)
    let mo = GenericHazardTests.dost.moments(.pga, magnitude: 3.05, distanceKm: 3)
    var j = 0
    for t in f.typologies {
      for d in 0..<t.states.count {
        let exact =
          nu
          * Normal.cdf((mo.lnMedian - log(t.medians[d])) / (mo.sigma * mo.sigma + t.betas[d] * t.betas[d]).squareRoot())
        #expect(close(r[j], exact, rel: tol), "\(t.name) \(t.states[d]): \(r[j]) vs \(exact)")
        j += 1
      }
    }
  }

  /// A small field: 4 × 3 km, 500 m cells, M 1.5–5.0 at 5/yr, two sites.
  static func smallSource(ruptures: AreaSource.Ruptures) throws -> AreaSource {
    let p = try SourcePolygon(x: [0, 4000, 4000, 0], y: [0, 0, 3000, 3000], file: "t", field: "polygon")
    return try AreaSource(
      polygon: p, activity: .rateAboveMmin(5), b: 1, mmin: 1.5, mmax: 5.0, binWidth: 0.25, depthKm: 3, spacingM: 500,
      ruptures: ruptures, aspectRatio: 1.5, strikes: [(-30, 0.6), (60, 0.4)], scaling: AreaSourceTests.wc)
  }

  /// The event-based Monte Carlo estimator agrees with the integrated one within 4 standard errors
  /// at every level with an integrated rate above 1e-4/yr (hazard), and the damage rates agree
  /// within 4 SE plus the level-discretisation tolerance of the classical convolution.
  @Test(arguments: [(AreaSource.Ruptures.point, 3.0, "dost2004"), (.finite, 0.0, "bommer2013")])
  func eventBasedAgreesWithIntegrated(ruptures: AreaSource.Ruptures, truncation: Double, model: String) throws {
    let src = try GenericHazardTests.smallSource(ruptures: ruptures)
    let gmm: any GenericGroundMotionModel = model == "dost2004" ? GenericHazardTests.dost : GenericHazardTests.bommer
    let h = GenericHazard(source: src, gmm: gmm, truncation: truncation, grid: GenericHazard.defaultGrid, threads: 2)
    let imts: [(imt: IntensityMeasure, levels: [Double])] = [
      (.pga, try GenericHazardTests.levels.levels(.pga)), (.pgv, try GenericHazardTests.levels.levels(.pgv)),
    ]
    let siteX = [2000.0, 9000.0]
    let siteY = [1500.0, -2000.0]
    let curves = h.curves(siteX: siteX, siteY: siteY, imts: imts)
    let mc = EventBasedHazard(hazard: h, years: 20_000, seed: 20_240_101).run(
      siteX: siteX, siteY: siteY, imts: imts, fragility: GenericHazardTests.fragility)
    var checked = 0
    for (i, spec) in imts.enumerated() {
      let L = spec.levels.count
      for s in 0..<siteX.count {
        for l in 0..<L where curves[i][s * L + l] > 1e-4 {
          let (r, se) = mc.rate(imt: i, site: s, level: l, levels: L)
          #expect(
            abs(r - curves[i][s * L + l]) <= Tolerance.monteCarloSigmas * se,
            "\(spec.imt) site \(s) level \(spec.levels[l]): MC \(r) ± \(se) vs \(curves[i][s * L + l])")
          checked += 1
        }
      }
    }
    #expect(checked > 40)
    let dmg = ClassicalDamage.rates(curves: curves, imts: imts, fragility: GenericHazardTests.fragility, sites: 2)
    let D = mc.damageColumns
    for s in 0..<2 {
      for j in 0..<D where dmg[s * D + j] > 1e-4 {
        let (r, se) = mc.damage(site: s, column: j)
        #expect(
          abs(r - dmg[s * D + j]) <= Tolerance.monteCarloSigmas * se + Tolerance.levelConvolutionCoarse
            * dmg[s * D + j],
          "damage site \(s) column \(j): MC \(r) ± \(se) vs \(dmg[s * D + j])")
      }
    }
  }

  @Test func eventBasedIsThreadInvariant() throws {
    let src = try GenericHazardTests.smallSource(ruptures: .point)
    let imts: [(imt: IntensityMeasure, levels: [Double])] = [(.pga, try GenericHazardTests.levels.levels(.pga))]
    func run(_ threads: Int) -> [Double] {
      let h = GenericHazard(
        source: src, gmm: GenericHazardTests.dost, truncation: 3, grid: GenericHazard.defaultGrid, threads: threads)
      return EventBasedHazard(hazard: h, years: 200, seed: 7).run(
        siteX: [0, 1000, 5000], siteY: [0, 0, 0], imts: imts
      ).counts[0]
    }
    #expect(run(1) == run(3))
  }

  @Test func truncatedSamplesStayWithinTheTruncation() {
    let t = TruncatedExceedance(level: 2)
    for u in [1e-300, 1e-12, 0.3, 0.5, 1 - 1e-16] {
      let z = t.sample(u)
      #expect(abs(z) <= 2 + 1e-9, "u \(u) → \(z)")
    }
    #expect(t.survival(2) == 0 && t.survival(-2) == 1)
    #expect(close(t.survival(0), 0.5, rel: Tolerance.special))
  }
}
