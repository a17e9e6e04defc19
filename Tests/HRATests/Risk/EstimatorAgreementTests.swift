import Foundation
import Testing

@testable import HRA

/// The integrated and the Monte Carlo estimator compute the same expected LPR: on a small
/// configuration every building's MC estimate lies within 4 standard errors of the
/// integrated value, and the standard error shrinks as 1/√N.
@Suite struct EstimatorAgreementTests {
  struct Setup {
    let model: RiskModel
    let sites: RiskSites
    let rates: RateField
    let mixes: [MonteCarloEstimator.Mix]
  }

  static func setup() throws -> Setup {
    let model = try TestModels.riskModel()
    let af = model.motion.amplification
    // Four buildings at different distances and site conditions around two source cells.
    let x: [Double] = [240_000, 242_000, 244_500, 246_000]
    let y: [Double] = [590_000, 591_000, 589_500, 591_000]
    let zones = [af.zones[3], af.zones[20], af.zones[60], af.zones[90]].map { af.index(ofZone: $0)! }
    let sites = RiskSites(
      x: x, y: y, zoneIndex: zones, wierde: [false, true, false, false], spacing: model.exposureSpacing)
    // Two cells, two magnitude bins with rates high enough for a quick MC; two years.
    let rates = RateField(
      gasYears: [2019, 2020], cellX: [241_000, 244_000], cellY: [590_500, 590_000], magnitudes: [4.5, 5.5],
      rates: [0.6, 0.08, 0.4, 0.05, 0.3, 0.04, 0.2, 0.02])
    let t = { (n: String) in model.fcm.index(of: n)! }
    let mixes = [
      MonteCarloEstimator.Mix(site: sites.siteOfLocation[0], typologies: [t("URM4L")], probabilities: [1]),
      MonteCarloEstimator.Mix(
        site: sites.siteOfLocation[1], typologies: [t("URM3L"), t("RC1L")], probabilities: [0.6, 0.4]),
      MonteCarloEstimator.Mix(site: sites.siteOfLocation[2], typologies: [t("URM1F_HA")], probabilities: [1]),
      MonteCarloEstimator.Mix(
        site: sites.siteOfLocation[3], typologies: [t("URM2L"), t("W3"), t("URM7L")], probabilities: [0.5, 0.3, 0.2]),
    ]
    return Setup(model: model, sites: sites, rates: rates, mixes: mixes)
  }

  static func integrated(_ s: Setup) -> [Double] {
    let res = IntegratedEstimator(model: s.model, threads: 2).run(sites: s.sites, rates: s.rates)
    var out: [Double] = []
    for mix in s.mixes {
      for y in 0..<2 {
        var v = 0.0
        for (k, t) in mix.typologies.enumerated() {
          v += mix.probabilities[k] * res.lpr(site: mix.site, typology: t, year: y)
        }
        out.append(v)
      }
    }
    return out
  }

  @Test func monteCarloAgreesWithIntegrationWithinItsStandardError() throws {
    let s = try EstimatorAgreementTests.setup()
    let exact = EstimatorAgreementTests.integrated(s)
    let mc = MonteCarloEstimator(model: s.model, threads: 2).run(
      sites: s.sites, rates: s.rates, mixes: s.mixes, catalogues: 40_000, seed: 7)
    for i in 0..<exact.count {
      #expect(exact[i] > 0)
      let z = abs(mc.mean[i] - exact[i]) / mc.standardError[i]
      #expect(
        z <= Tolerance.monteCarloSigmas,
        "building \(i / 2) year \(i % 2): MC \(mc.mean[i]) ± \(mc.standardError[i]) vs integrated \(exact[i])")
      // The MC standard error must be small enough for the comparison to mean something. For
      // the lowest-risk buildings death comes from the far tail of the residuals only, so MC is
      // slow there: every entry must have SE < 50 %, and most below 10 %.
      #expect(mc.standardError[i] < 0.5 * exact[i])
    }
    let precise = (0..<exact.count).filter { mc.standardError[$0] < 0.1 * exact[$0] }.count
    #expect(precise * 2 >= exact.count, "only \(precise) of \(exact.count) entries have SE < 10 %")
  }

  @Test func standardErrorShrinksAsInverseSquareRoot() throws {
    let s = try EstimatorAgreementTests.setup()
    let e = MonteCarloEstimator(model: s.model, threads: 2)
    let a = e.run(sites: s.sites, rates: s.rates, mixes: s.mixes, catalogues: 5_000, seed: 3)
    let b = e.run(sites: s.sites, rates: s.rates, mixes: s.mixes, catalogues: 20_000, seed: 3)
    // Expected ratio 2 for 4× the catalogues. A single SE from heavy-tailed samples is itself
    // uncertain by 10–30 %, so the test uses the mean ratio over all buildings and years.
    let ratios = (0..<a.standardError.count).map { a.standardError[$0] / b.standardError[$0] }
    let mean = ratios.reduce(0, +) / Double(ratios.count)
    #expect(mean > 1.7 && mean < 2.3, "ratios \(ratios)")
  }

  @Test func monteCarloIsIdenticalForAnyThreadCount() throws {
    let s = try EstimatorAgreementTests.setup()
    let one = MonteCarloEstimator(model: s.model, threads: 1).run(
      sites: s.sites, rates: s.rates, mixes: s.mixes, catalogues: 300, seed: 5)
    let two = MonteCarloEstimator(model: s.model, threads: 2).run(
      sites: s.sites, rates: s.rates, mixes: s.mixes, catalogues: 300, seed: 5)
    #expect(one.mean == two.mean && one.standardError == two.standardError)
    let i1 = IntegratedEstimator(model: s.model, threads: 1).run(sites: s.sites, rates: s.rates)
    let i2 = IntegratedEstimator(model: s.model, threads: 2).run(sites: s.sites, rates: s.rates)
    #expect(i1.values == i2.values)
  }
}
