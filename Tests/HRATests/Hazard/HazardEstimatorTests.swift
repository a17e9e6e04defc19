import Foundation
import Testing

@testable import HRA

/// The logic-tree hazard estimator on a hand-made rate field (three source cells, a few
/// magnitude bins): against a Monte Carlo event set of the exact chain, against a Double
/// contraction of the same tables, for any thread count, and sampling against enumeration.
@Suite(.serialized) struct HazardEstimatorTests {
  static let models = Result { try ModelSet(directory: TestModels.models) }

  /// Three cells near Loppersum, bins M 2.5 … 5.0, two "gas years" (the second at half rate).
  static func field(_ ms: ModelSet) -> RateField {
    let mags = [2.5, 3.0, 3.5, 4.0, 4.5, 5.0]
    let cx = [245_000.0, 249_000, 240_000]
    let cy = [594_000.0, 597_000, 600_000]
    var r: [Double] = []
    for t in 0..<2 {
      for c in 0..<3 {
        for (m, mag) in mags.enumerated() {
          _ = m
          r.append((t == 0 ? 1 : 0.5) * 0.2 * pow(10, -(mag - 2.5)) * Double(c + 1))
        }
      }
    }
    return RateField(gasYears: [2019, 2020], cellX: cx, cellY: cy, magnitudes: mags, rates: r)
  }

  static let levels = HazardLevels(ranges: [
    "PGA": .init(min: 0.005, max: 0.5, count: 40), "SA": .init(min: 0.005, max: 0.5, count: 40),
    "AVGSA": .init(min: 0.005, max: 0.5, count: 40),
  ])

  static func sites(_ ms: ModelSet) -> RiskSites {
    let af = ms.risk.motion.amplification
    let z = [ms.zoneMap.zone(x: 246_000, y: 595_000)!, ms.zoneMap.zone(x: 238_000, y: 590_000)!]
    return RiskSites(
      nodeX: [246_000, 238_000], nodeY: [595_000, 590_000], zoneIndex: z.map { af.index(ofZone: $0)! },
      wierde: [false, true])
  }

  static let central = [
    "gmm_median": "CentralUpper", "gmm_tau": "Central", "gmm_phi_ss": "Lower", "gmm_s2s": "Central",
    "rate_model": "elastic_plastic", "b_model": "split_thickness", "mmax": "4.5", "fragility": "Middle",
    "consequence": "Middle",
  ]

  static func samples(_ ms: ModelSet, fixed: [String: String], count: Int? = nil) throws -> [LogicTree.Sample] {
    let f = try ms.tree.branchIndices(fixed, key: "test")
    return count.map { ms.tree.sample(count: $0, seed: 11, fixed: f) }
      ?? ms.tree.enumerate(fixed: f, magnitudes: ms.seismicity.bins.centres)
  }

  static func run(
    _ ms: ModelSet, _ imts: [IntensityMeasure], samples: [LogicTree.Sample], threads: Int = 2,
    fractiles: [Double] = [0.16, 0.5, 0.84]
  ) throws -> (HazardEstimator.Result, HazardMeasures) {
    let m = try HazardMeasures(
      imts: imts, levels: levels, periods: ms.risk.motion.gmm.periods, gmm: "V7", source: "test")
    let est = HazardEstimator(models: ms, measures: m, horizon: .surface, component: .arbitrary, threads: threads)
    let r = try est.run(
      sites: sites(ms), rates: [field(ms)], sourceOf: Array(repeating: 0, count: samples.count), samples: samples,
      fractiles: fractiles)
    return (r, m)
  }

  @Test func oneBranchAgreesWithAMonteCarloEventSetOfTheExactChain() throws {
    let ms = try Self.models.get()
    let s = try Self.samples(ms, fixed: Self.central)
    #expect(s.count == 1)
    let (r, m) = try Self.run(ms, [.pga, .avgSa], samples: s)
    // Event set: K events per (cell, bin) with weight N/K; each event draws the hypocentre position,
    // length and strike of its rupture (``RuptureModel``) and 10 standard normals, evaluated with
    // the exact surface motion.
    let rates = Self.field(ms)
    let sites = Self.sites(ms)
    let tree = ms.tree
    let g = GMMBranch(
      median: tree.medianBranch(s[0], magnitude: 4), tau: tree.tauIndex(s[0]), phi: tree.phiIndex(s[0]),
      s2sEpsilon: tree.s2sEpsilons[tree.s2sIndex(s[0])])
    let motion = try SurfaceMotion(gmm: ms.risk.motion.gmm, amplification: ms.risk.motion.amplification, branch: g)
    let rup = ms.risk.rupture
    let K = 3_000
    var rng = RandomStream(seed: 5, keys: [1])
    for site in 0..<2 {
      var sum = [Double](repeating: 0, count: 2 * m.count)
      var sq = sum
      for c in 0..<rates.cellCount {
        let dx = (rates.cellX[c] - sites.nodeX[site]) / 1000
        let dy = (rates.cellY[c] - sites.nodeY[site]) / 1000
        for (b, mag) in rates.magnitudes.enumerated() {
          let nu = rates.rates[c * rates.binCount + b]
          var hits = [Double](repeating: 0, count: 2 * m.count)
          for _ in 0..<K {
            let u = rng.uniform()
            let us = rng.uniform()
            let g = rup.sample(
              medianLengthKm: rup.lengthKm(magnitude: mag), z: rng.normal(), zStrike: Normal.quantile(us), uStrike: us,
              position: u)
            let rr = rup.rrup(east: -dx, north: -dy, lengthKm: g.lengthKm, strike: g.strike, position: g.position)
            let z = (0..<10).map { _ in rng.normal() }
            let ctx = SurfaceMotion.Context(
              magnitude: mag, rrup: max(rr, ms.risk.grid.rMin), zoneIndex: sites.siteZone[site],
              wierde: sites.siteWierde[site])
            let v = motion.sample(ctx, z: z)
            for l in 0..<m.levels[0].count where v.lnPGA > log(m.levels[0][l]) { hits[m.offsets[0] + l] += 1 }
            for l in 0..<m.levels[1].count where v.lnAvgSa > log(m.levels[1][l]) { hits[m.offsets[1] + l] += 1 }
          }
          for l in 0..<m.count {
            let p = hits[l] / Double(K)
            sum[l] += nu * p
            sq[l] += nu * nu * p * (1 - p) / Double(K)
          }
        }
      }
      let row = r.meanRow(site: site, year: 0)
      for l in 0..<m.count where sum[l] > 1e-4 {
        let got = row[row.startIndex + l]
        let se = sq[l].squareRoot()
        #expect(
          abs(got - sum[l]) <= Tolerance.monteCarloSigmas * se + Tolerance.hazardChain * sum[l],
          "site \(site) level \(l): \(got) vs MC \(sum[l]) ± \(se)")
      }
    }
  }

  @Test func resultsDoNotDependOnTheThreadCount() throws {
    let ms = try Self.models.get()
    var f = Self.central
    f["gmm_tau"] = nil
    f["gmm_s2s"] = nil
    let s = try Self.samples(ms, fixed: f, count: 40)
    let (a, _) = try Self.run(ms, [.pga, .sa(0.3), .avgSa], samples: s, threads: 1)
    let (b, _) = try Self.run(ms, [.pga, .sa(0.3), .avgSa], samples: s, threads: 3)
    #expect(a.mean == b.mean)
    #expect(a.fractileRates == b.fractileRates)
  }

  @Test func meanAndFractilesEqualTheWeightedStatisticsOfTheBranches() throws {
    let ms = try Self.models.get()
    var f = Self.central
    f["gmm_tau"] = nil
    f["gmm_s2s"] = nil
    let all = try Self.samples(ms, fixed: f)
    #expect(all.count == 9)
    let (r, m) = try Self.run(ms, [.pga, .avgSa], samples: all)
    // Each branch on its own (one sample, weight 1): the weighted mean and type-1 quantiles.
    var singles: [[Double]] = []
    for s in all {
      var one = s
      one.weight = 1
      singles.append(try Self.run(ms, [.pga, .avgSa], samples: [one], threads: 1).0.mean)
    }
    let w = all.map(\.weight)
    for cell in 0..<r.mean.count {
      let v = singles.map { $0[cell] }
      let mean = zip(v, w).reduce(0) { $0 + $1.0 * $1.1 } / w.reduce(0, +)
      #expect(close(r.mean[cell], mean, rel: Tolerance.summation, tiny: 1e-30))
      let q = WeightedQuantile.quantiles(v, weights: w, qs: [0.16, 0.5, 0.84])
      for k in 0..<3 { #expect(r.fractileRates[k][cell] == q[k]) }
    }
    _ = m
  }

  @Test func exactEnumerationIsTheWeightedMeanOfEveryCombination() throws {
    // `hra hazard --logic-tree enumerate`: every combination of the source and GMM sets, the
    // median as magnitude paths (a different median branch per bin), through the same zone
    // tables and contraction as the sampled tree. The mean (with fractiles, and on the mean-only
    // path) is the weight-averaged curve of the combinations, each run on its own.
    let ms = try Self.models.get()
    var f = Self.central
    f["gmm_median"] = nil
    f["gmm_s2s"] = nil
    let all = try Self.samples(ms, fixed: f)
    let bins = ms.seismicity.bins.centres
    #expect(all.count > 3 && Set(all.map { s in bins.map { ms.tree.medianBranch(s, magnitude: $0) } }).count > 3)
    let (r, _) = try Self.run(ms, [.pga, .avgSa], samples: all)
    let (meanOnly, _) = try Self.run(ms, [.pga, .avgSa], samples: all, fractiles: [])
    var singles: [[Double]] = []
    for s in all {
      var one = s
      one.weight = 1
      singles.append(try Self.run(ms, [.pga, .avgSa], samples: [one], threads: 1, fractiles: []).0.mean)
    }
    let w = all.map(\.weight)
    #expect(r.mean.contains { $0 > 1e-4 })
    for cell in 0..<r.mean.count {
      let mean = zip(singles.map { $0[cell] }, w).reduce(0) { $0 + $1.0 * $1.1 } / w.reduce(0, +)
      #expect(close(r.mean[cell], mean, rel: Tolerance.summation, tiny: 1e-30))
      #expect(close(meanOnly.mean[cell], mean, rel: Tolerance.singlePrecision, tiny: 1e-12))
    }
  }

  @Test func theMeanOnlyPathEqualsTheMeanOfTheSamples() throws {
    // With no fractiles the estimator sums the samples' rates per (bin, table key) before the
    // contraction: the same mean up to single-precision rounding, for sampled (equal weights)
    // and enumerated (unequal weights) trees, regular and wierde sites.
    let ms = try Self.models.get()
    var f = Self.central
    f["gmm_tau"] = nil
    f["gmm_s2s"] = nil
    f["gmm_median"] = nil
    for all in [try Self.samples(ms, fixed: f), try Self.samples(ms, fixed: [:], count: 60)] {
      let (full, _) = try Self.run(ms, [.pga, .sa(0.3), .avgSa], samples: all)
      let (mean, _) = try Self.run(ms, [.pga, .sa(0.3), .avgSa], samples: all, fractiles: [])
      #expect(mean.fractileRates.isEmpty && mean.mean.count == full.mean.count)
      #expect(mean.mean.contains { $0 > 1e-4 })
      for cell in 0..<full.mean.count {
        #expect(close(mean.mean[cell], full.mean[cell], rel: Tolerance.singlePrecision, tiny: 1e-12))
      }
    }
  }

  @Test func samplingConvergesToEnumeration() throws {
    let ms = try Self.models.get()
    var f = Self.central
    f["gmm_tau"] = nil
    f["gmm_s2s"] = nil
    let exact = try Self.run(ms, [.pga], samples: try Self.samples(ms, fixed: f)).0
    let sampled = try Self.run(ms, [.pga], samples: try Self.samples(ms, fixed: f, count: 2_000)).0
    for cell in 0..<exact.mean.count where exact.mean[cell] > 1e-5 {
      #expect(close(sampled.mean[cell], exact.mean[cell], rel: Tolerance.treeSampling), "cell \(cell)")
    }
  }
}

/// Selection against sorting, and the sampled tree's fractiles against the weighted quantiles of
/// its samples taken one at a time.
@Suite struct HazardFractileTests {
  @Test func quickSelectFindsTheOrderStatistic() {
    var rng = RandomStream(seed: 3, keys: [9])
    for n in [1, 2, 3, 10, 101, 1000] {
      let v = (0..<n).map { _ in Float(rng.uniform() < 0.2 ? 0.5 : rng.uniform()) }  // with ties
      let sorted = v.sorted()
      for k in Set([0, n / 3, n / 2, n - 1]) {
        var a = v
        let got = a.withUnsafeMutableBufferPointer { QuickSelect.select($0.baseAddress!, count: n, k: k) }
        #expect(got == sorted[k], "n \(n) k \(k)")
        #expect(a[..<k].allSatisfy { $0 <= got } && a[(k + 1)...].allSatisfy { $0 >= got })
      }
    }
  }

  @Test func sampledFractilesAreTheOrderStatisticsOfTheSamples() throws {
    let ms = try HazardEstimatorTests.models.get()
    var f = HazardEstimatorTests.central
    f["gmm_tau"] = nil
    f["gmm_s2s"] = nil
    let s = try HazardEstimatorTests.samples(ms, fixed: f, count: 8)
    #expect(Set(s.map(\.weight)).count == 1)
    let (r, _) = try HazardEstimatorTests.run(ms, [.pga], samples: s)
    let singles = try s.map { one -> [Double] in
      var x = one
      x.weight = 1
      return try HazardEstimatorTests.run(ms, [.pga], samples: [x], threads: 1).0.mean
    }
    for cell in 0..<r.mean.count {
      let v = singles.map { $0[cell] }
      let q = WeightedQuantile.quantiles(v, weights: s.map(\.weight), qs: [0.16, 0.5, 0.84])
      for k in 0..<3 { #expect(r.fractileRates[k][cell] == q[k], "cell \(cell) fractile \(k)") }
    }
  }
}
