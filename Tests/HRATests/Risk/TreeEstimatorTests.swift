import Foundation
import Testing

@testable import HRA

/// The logic-tree estimator on a reduced tree (ground-motion sets fixed, so one table group):
/// sampling converges to enumeration, results do not depend on the thread count, and the
/// weighted mean equals the mix-weighted mean of the enumerated branches.
@Suite(.serialized) struct TreeEstimatorTests {
  static func setup() throws -> (models: String, c: RunConfiguration, exposure: ExposureDatabase, ms: ModelSet) {
    let s = try LPRRunTests.tinySetup()
    var c = LPRRunTests.config(s, out: s.models + "/out", threads: 2)
    c.fixedBranches = [
      "gmm_median": "CentralUpper", "gmm_tau": "Central", "gmm_phi_ss": "Lower", "gmm_s2s": "Central",
      "rate_model": "elastic_plastic", "b_model": "split_thickness",
    ]
    let ms = try ModelSet(directory: s.models)
    let e = try ms.exposure(path: s.exposure, buildings: 0, seed: 0)
    return (s.models, c, ExposureDatabase(file: e.file, buildings: Array(e.buildings.prefix(6))), ms)
  }

  @Test func samplingConvergesToEnumeration() throws {
    let s = try TreeEstimatorTests.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    var c = s.c
    c.logicTree = .enumerate
    let exact = try TreeRun.compute(c, models: s.ms, exposure: s.exposure, exact: true).result
    c.logicTree = .sample
    c.logicTreeSamples = 1_000
    let sampled = try TreeRun.compute(c, models: s.ms, exposure: s.exposure, exact: true).result
    let S = Double(c.logicTreeSamples)
    for i in 0..<exact.mean.count {
      let v = exact.values[i]
      let w = exact.weights[i]
      let tw = w.reduce(0, +)
      let mu = zip(v, w).reduce(0) { $0 + $1.0 * $1.1 } / tw
      let variance = zip(v, w).reduce(0) { $0 + $1.1 * ($1.0 - mu) * ($1.0 - mu) } / tw
      #expect(close(mu, exact.mean[i], rel: Tolerance.algebra * 100))  // weighted mean = mix-weighted mean
      // The sampled mean lies within 4 standard errors of the exact mean.
      #expect(abs(sampled.mean[i] - exact.mean[i]) <= Tolerance.monteCarloSigmas * (variance / S).squareRoot())
      // A sampled q-quantile lies between the exact quantiles at q ∓ 4·√(q(1−q)/S) (the
      // empirical CDF's sampling error), the convergence criterion for a discrete distribution.
      for (q, got) in [(0.5, sampled.p50[i]), (0.9, sampled.p90[i])] {
        let d = Tolerance.monteCarloSigmas * (q * (1 - q) / S).squareRoot()
        let lo = WeightedQuantile.quantile(v, weights: w, q: max(1e-9, q - d))
        let hi = WeightedQuantile.quantile(v, weights: w, q: min(1, q + d))
        #expect(got >= lo && got <= hi, "q \(q): sampled \(got) outside [\(lo), \(hi)]")
      }
      #expect(exact.p50[i] <= exact.p90[i])
    }
  }

  /// With every set held at the central branches the tree (one combination, single-precision
  /// tables through ``ZoneTables``) reproduces the central run of the integrated estimator.
  @Test func centralCombinationReproducesTheCentralRun() throws {
    let s = try TreeEstimatorTests.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    var c = s.c
    c.logicTree = .enumerate
    let central = s.ms.branches
    c.fixedBranches = [
      "rate_model": central.label("rate_model")!, "b_model": central.label("b_model")!, "mmax": "4.5",
      "gmm_median": "CentralUpper", "gmm_tau": "Central",
      "gmm_phi_ss": "Lower", "gmm_s2s": "Central", "fragility": "Middle", "consequence": "Middle",
    ]
    let tree = try TreeRun.compute(c, models: s.ms, exposure: s.exposure).result
    #expect(tree.samples == 1)
    let (sites, mixes) = try s.ms.sites(for: s.exposure)
    let rates = try s.ms.rates(try s.ms.source(production: c.production), gasYears: c.gasYears)
    let r = IntegratedEstimator(model: s.ms.risk, threads: 1).run(sites: sites, rates: rates)
    let Y = c.gasYears.count
    for (b, mix) in mixes.enumerated() {
      for t in 0..<Y {
        var want = 0.0
        for (k, ty) in mix.typologies.enumerated() {
          want += mix.probabilities[k] * r.lpr(site: mix.site, typology: ty, year: t)
        }
        // Float tables and rate blocks; intensity nodes below the response floor (1e-15 per event) dropped.
        #expect(
          close(tree.mean[b * Y + t], want, rel: Tolerance.singlePrecision * 10, tiny: 1e-13),
          "building \(b) year \(t): \(tree.mean[b * Y + t]) vs \(want)")
        #expect(want > 1e-12)
      }
    }
  }

  @Test func identicalForAnyThreadCount() throws {
    let s = try TreeEstimatorTests.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    var c = s.c
    c.logicTree = .sample
    c.logicTreeSamples = 60
    c.fixedBranches = ["gmm_median": "Upper", "gmm_tau": "Central", "gmm_phi_ss": "Lower", "gmm_s2s": "Central"]
    c.threads = 1
    let one = try TreeRun.compute(c, models: s.ms, exposure: s.exposure).result
    c.threads = 2
    let two = try TreeRun.compute(c, models: s.ms, exposure: s.exposure).result
    #expect(
      one.mean == two.mean && one.p50 == two.p50 && one.p90 == two.p90 && one.flipProbability == two.flipProbability)
  }

  @Test func badTreeInputsAreLocated() throws {
    let s = try TreeEstimatorTests.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    var c = s.c
    c.fixedBranches = ["mmax": "7.5"]
    #expect(throws: InputError.self) { _ = try TreeRun.compute(c, models: s.ms, exposure: s.exposure) }
    c.fixedBranches = [:]
    c.percentiles = [90, 50]
    #expect(throws: InputError.self) { _ = try TreeRun.compute(c, models: s.ms, exposure: s.exposure) }
    let p = s.models + "/logic-tree/source-branches.csv"
    let t = try String(contentsOfFile: p, encoding: .utf8).replacingOccurrences(
      of: "mmax,6.5,0.005", with: "mmax,6.5,0.05")
    try t.write(toFile: p, atomically: true, encoding: .utf8)
    #expect(throws: InputError.self) { _ = try LogicTree(models: s.models) }
  }
}

/// The typology mix is epistemic: with one branch combination, a 50/50 mix of two classes gives
/// two equally weighted values; the mean is their average, P50 the lower, P90 the higher.
@Suite(.serialized) struct TypologyUncertaintyTests {
  @Test func mixIsTreatedAsEpistemic() throws {
    let s = try TreeEstimatorTests.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let b0 = s.exposure.buildings[0]
    let b = try Building(
      id: b0.id, x: b0.x, y: b0.y, typologies: ["URM1F_B", "RC1L"], probabilities: [0.5, 0.5], wierde: b0.wierde,
      populationInsideDay: 1, populationInsideNight: 1, passersDay: 0, passersNight: 0, runnersOutDay: 0,
      runnersOutNight: 0,
      municipality: b0.municipality, place: b0.place, ownerType: b0.ownerType, zone: b0.zone)
    let one = ExposureDatabase(file: "mix", buildings: [b])
    var c = s.c
    c.logicTree = .enumerate
    c.fixedBranches = [
      "gmm_median": "CentralUpper", "gmm_tau": "Central", "gmm_phi_ss": "Lower", "gmm_s2s": "Central",
      "rate_model": "elastic_plastic",
      "b_model": "split_thickness", "mmax": "5.0", "fragility": "Middle", "consequence": "Middle",
    ]
    let r = try TreeRun.compute(c, models: s.ms, exposure: one, exact: true).result
    let v = r.values[0].sorted()
    #expect(v.count == 2 && v[0] < v[1])
    #expect(r.p50[0] == v[0] && r.p90[0] == v[1])
    #expect(close(r.mean[0], (v[0] + v[1]) / 2, rel: Tolerance.algebra))
    // The factorised exact tree treats the mix the same way (its own summation order).
    let f = try TreeRun.compute(c, models: s.ms, exposure: one).result
    #expect(
      close(f.p50[0], v[0], rel: Tolerance.singlePrecision * 10)
        && close(f.p90[0], v[1], rel: Tolerance.singlePrecision * 10))
    #expect(close(f.mean[0], r.mean[0], rel: Tolerance.singlePrecision * 10))
  }
}
