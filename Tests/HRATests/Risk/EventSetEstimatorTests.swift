import Foundation
import Testing

@testable import HRA

/// Group risk from event sets agrees with individual risk from the same model: the PLL equals
/// Σ occupants × annual death probability of the integrated LPR estimator whatever the
/// correlation, and per building (one site per building) the event sets' death frequency is the
/// integrated LPR; correlation fattens the FN tail; results do not depend on the thread count.
@Suite struct EventSetEstimatorTests {
  struct Setup {
    let model: RiskModel
    /// The same chain with all weight inside (1, 0) and all outside (0, 1).
    let inside: RiskModel
    let outside: RiskModel
    let sites: RiskSites
    let rates: RateField
    let mixes: [MonteCarloEstimator.Mix]
    let occupantsIn: [Double]
    let occupantsOut: [Double]
  }

  static func setup() throws -> Setup {
    let model = try TestModels.riskModel()
    let k = try ConstantsTable(path: TestModels.models + "/risk/numerics.csv")
    let mid = FCMVersion.branchNames.firstIndex(of: "Middle")!
    func chain(_ wi: Double, _ wo: Double) throws -> RiskModel {
      let f = try FCMBranches.load(version: .v7, directory: TestModels.models, weightInside: wi, weightOutside: wo)
      let fcm = try f.forExposure(f.typologyMap.exposureTypologies)[mid][mid]
      return try RiskModel(motion: model.motion, fcm: fcm, rupture: model.rupture, numerics: k)
    }
    let af = model.motion.amplification
    // Four buildings at different distances and site conditions around two source cells, each
    // at its own node (3 km apart at least), so that sites are buildings.
    let x: [Double] = [240_000, 243_000, 246_000, 249_000]
    let y: [Double] = [590_000, 591_000, 589_000, 591_000]
    let zones = [af.zones[3], af.zones[20], af.zones[60], af.zones[90]].map { af.index(ofZone: $0)! }
    let sites = RiskSites(
      x: x, y: y, zoneIndex: zones, wierde: [false, true, false, false], spacing: model.exposureSpacing)
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
    return Setup(
      model: model, inside: try chain(1, 0), outside: try chain(0, 1), sites: sites, rates: rates, mixes: mixes,
      occupantsIn: [2.2, 1.1, 8, 3.5], occupantsOut: [0.05, 0.4, 0.02, 0.3])
  }

  /// The integrated annual death probability of each building for a chain, `[b * years + t]`.
  static func integrated(_ s: Setup, _ m: RiskModel) -> [Double] {
    let r = IntegratedEstimator(model: m, threads: 2).run(sites: s.sites, rates: s.rates)
    var out: [Double] = []
    for mix in s.mixes {
      for t in 0..<2 {
        var v = 0.0
        for (k, ty) in mix.typologies.enumerated() {
          v += mix.probabilities[k] * r.lpr(site: mix.site, typology: ty, year: t)
        }
        out.append(v)
      }
    }
    return out
  }

  static func branch(_ m: RiskModel, bins: Int) -> EventSetEstimator.Branch {
    let g = m.motion.branch
    return EventSetEstimator.Branch(
      index: 0, weight: 1, source: 0, tau: g.tau, phi: g.phi, s2sEpsilon: g.s2sEpsilon,
      medianOfBin: Array(repeating: g.median, count: bins), fcm: m.fcm)
  }

  static func run(
    _ s: Setup, correlation: EventSetEstimator.Correlation, inside: [Double], outside: [Double], events: Int,
    threads: Int = 2, thresholds: [Double] = GroupRiskSettings.thresholds
  ) throws -> EventSetEstimator.Result {
    let field = try SpatialCorrelation(
      x: s.sites.nodeX, y: s.sites.nodeY, rangeKm: 16.5, correlated: correlation == .full, source: "test")
    let ge = GroupExposure(siteCount: s.sites.siteCount, mixes: s.mixes, inside: inside, outside: outside)
    let est = EventSetEstimator(base: s.model, field: field, correlation: correlation, threads: threads)
    return est.run(
      sites: s.sites, exposure: ge, rates: [s.rates], branches: [branch(s.model, bins: 2)], eventsPerStratum: events,
      thresholds: thresholds, seed: 11, perSite: true)
  }

  @Test func pllEqualsOccupantsTimesIntegratedDeathProbabilityForAnyCorrelation() throws {
    let s = try Self.setup()
    #expect(s.sites.siteCount == 4)
    let pin = Self.integrated(s, s.inside)
    let pout = Self.integrated(s, s.outside)
    for corr in EventSetEstimator.Correlation.allCases {
      let r = try Self.run(s, correlation: corr, inside: s.occupantsIn, outside: s.occupantsOut, events: 4_000)
      for t in 0..<2 {
        var expected = 0.0
        for b in 0..<4 { expected += s.occupantsIn[b] * pin[b * 2 + t] + s.occupantsOut[b] * pout[b * 2 + t] }
        let q = r.index(branch: 0, year: t, quantity: r.thresholds.count)
        let se = r.variance[q].squareRoot()
        #expect(expected > 0 && se < 0.1 * expected, "\(corr) year \(t): se \(se) of \(expected)")
        #expect(
          abs(r.value[q] - expected) <= Tolerance.monteCarloSigmas * se + Tolerance.eventSetVsIntegrated * expected,
          "\(corr) year \(t): PLL \(r.value[q]) ± \(se) vs integrated \(expected)")
      }
    }
  }

  @Test func withoutCorrelationEachBuildingsDeathFrequencyIsItsIntegratedLPR() throws {
    let s = try Self.setup()
    let lpr = Self.integrated(s, s.model)
    // One person present as the LPR assumes: 0.99 inside, 0.01 outside.
    let r = try Self.run(
      s, correlation: .independent, inside: [Double](repeating: 0.99, count: 4),
      outside: [Double](repeating: 0.01, count: 4), events: 4_000)
    for b in 0..<4 {
      for t in 0..<2 {
        let i = t * 4 + s.mixes[b].site
        let v = r.siteFatalities[i]
        let se = r.siteVariance[i].squareRoot()
        #expect(se < 0.2 * lpr[b * 2 + t], "building \(b) year \(t): se \(se) of \(lpr[b * 2 + t])")
        #expect(
          abs(v - lpr[b * 2 + t]) <= Tolerance.monteCarloSigmas * se + Tolerance.eventSetVsIntegrated * lpr[b * 2 + t],
          "building \(b) year \(t): event sets \(v) ± \(se) vs integrated LPR \(lpr[b * 2 + t])")
      }
    }
  }

  /// 30 buildings of one typology within a few km of one cell, one M 5.5 bin: the same PLL with
  /// and without correlation, but with correlation the large-N frequencies are higher.
  @Test func correlationLeavesPLLUnchangedAndFattensTheTail() throws {
    let model = try TestModels.riskModel()
    let af = model.motion.amplification
    let z = af.index(ofZone: af.zones[20])!
    var x: [Double] = []
    var y: [Double] = []
    for i in 0..<6 {
      for j in 0..<5 {
        x.append(240_000 + Double(i) * 1_000)
        y.append(588_000 + Double(j) * 1_000)
      }
    }
    let sites = RiskSites(
      x: x, y: y, zoneIndex: Array(repeating: z, count: 30), wierde: Array(repeating: false, count: 30),
      spacing: model.exposureSpacing)
    let t = model.fcm.index(of: "URM4L")!
    let mixes = (0..<30).map {
      MonteCarloEstimator.Mix(site: sites.siteOfLocation[$0], typologies: [t], probabilities: [1])
    }
    let rates = RateField(gasYears: [2019], cellX: [242_500], cellY: [590_000], magnitudes: [5.5], rates: [0.01])
    let ge = GroupExposure(
      siteCount: sites.siteCount, mixes: mixes, inside: Array(repeating: 10, count: 30),
      outside: Array(repeating: 1, count: 30))
    let thresholds: [Double] = [0.5, 1, 2]
    var res: [EventSetEstimator.Correlation: EventSetEstimator.Result] = [:]
    for corr in [EventSetEstimator.Correlation.full, .independent] {
      let field = try SpatialCorrelation(
        x: sites.nodeX, y: sites.nodeY, rangeKm: 16.5, correlated: corr == .full, source: "test")
      let est = EventSetEstimator(base: model, field: field, correlation: corr, threads: 2)
      res[corr] = est.run(
        sites: sites, exposure: ge, rates: [rates], branches: [Self.branch(model, bins: 1)], eventsPerStratum: 3_000,
        thresholds: thresholds, seed: 5)
    }
    let full = res[.full]!
    let ind = res[.independent]!
    let pll = thresholds.count
    let d = abs(full.value[pll] - ind.value[pll])
    let se = (full.variance[pll] + ind.variance[pll]).squareRoot()
    #expect(d <= Tolerance.monteCarloSigmas * se, "PLL \(full.value[pll]) vs \(ind.value[pll]) ± \(se)")
    #expect(full.value[pll] > 0 && se < 0.2 * full.value[pll])
    // The tail: F(≥ 2), far above the mean N of an event (PLL / rate ≈ 0.14 here), is larger with
    // correlation, by more than the sampling error.
    let j = thresholds.firstIndex(of: 2)!
    let seTail = (full.variance[j] + ind.variance[j]).squareRoot()
    #expect(
      full.value[j] - ind.value[j] > Tolerance.monteCarloSigmas * seTail,
      "F(≥2): correlated \(full.value[j]) vs independent \(ind.value[j]) ± \(seTail)")
  }

  @Test func identicalForAnyThreadCount() throws {
    let s = try Self.setup()
    let a = try Self.run(s, correlation: .full, inside: s.occupantsIn, outside: s.occupantsOut, events: 40, threads: 1)
    let b = try Self.run(s, correlation: .full, inside: s.occupantsIn, outside: s.occupantsOut, events: 40, threads: 2)
    #expect(a.value == b.value && a.variance == b.variance && a.siteFatalities == b.siteFatalities)
    #expect(a.top == b.top && !a.top[0].isEmpty)
  }
}
