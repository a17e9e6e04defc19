import Foundation
import Testing

@testable import HRA

/// The factorised exact tree (``ExactTreeEstimator``) against every combination run through the
/// per-combination path of ``TreeEstimator`` and weighted (``WeightedQuantile``), on a small
/// field and a reduced tree that keeps the median paths, τ, fragility and consequence.
@Suite(.serialized) struct ExactTreeEstimatorTests {
  static func setup(fixed: [String: String]) throws -> (RunConfiguration, ExposureDatabase, ModelSet, String) {
    let s = try LPRRunTests.tinySetup()
    var c = LPRRunTests.config(s, out: s.models + "/out", threads: 2)
    c.fixedBranches = fixed
    c.logicTree = .enumerate
    let ms = try ModelSet(directory: s.models)
    let e = try ms.exposure(path: s.exposure, buildings: 0, seed: 0)
    return (c, ExposureDatabase(file: e.file, buildings: Array(e.buildings.prefix(8))), ms, s.models)
  }

  static let reduced = [
    "gmm_phi_ss": "Lower", "gmm_s2s": "Central", "rate_model": "elastic_plastic", "b_model": "split_thickness",
  ]

  @Test func factorisedEqualsEveryCombinationWeighted() throws {
    let (c, exposure, ms, dir) = try Self.setup(fixed: Self.reduced)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let fast = try TreeRun.compute(c, models: ms, exposure: exposure).result
    let slow = try TreeRun.compute(c, models: ms, exposure: exposure, exact: true).result
    #expect(fast.samples == slow.samples && fast.samples == 6 * 46 * 3 * 9)  // mmax × paths × τ × fc
    var compared = 0
    for i in 0..<fast.mean.count {
      let q = WeightedQuantile.quantiles(slow.values[i], weights: slow.weights[i], qs: [0.5, 0.9])
      // Both contract the same single-precision tables and rate blocks, in a different order.
      let rel = Tolerance.singlePrecision * 10
      #expect(
        close(fast.mean[i], slow.mean[i], rel: rel, tiny: 1e-14), "cell \(i) mean \(fast.mean[i]) vs \(slow.mean[i])")
      #expect(close(fast.p50[i], q[0], rel: rel, tiny: 1e-14), "cell \(i) P50 \(fast.p50[i]) vs \(q[0])")
      #expect(close(fast.p90[i], q[1], rel: rel, tiny: 1e-14), "cell \(i) P90 \(fast.p90[i]) vs \(q[1])")
      if slow.mean[i] > 1e-12 { compared += 1 }
    }
    #expect(compared >= 8)
  }

  @Test func exactResultsDoNotDependOnThreadsOrSeed() throws {
    var fixed = Self.reduced
    fixed["fragility"] = "Middle"
    let (c0, exposure, ms, dir) = try Self.setup(fixed: fixed)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var c = c0
    c.threads = 1
    c.seed = 1
    let one = try TreeRun.compute(c, models: ms, exposure: exposure).result
    c.threads = 2
    c.seed = 99
    let two = try TreeRun.compute(c, models: ms, exposure: exposure).result
    #expect(one.mean == two.mean && one.p50 == two.p50 && one.p90 == two.p90)
  }

  /// The mixture quantile against ``WeightedQuantile`` on the merged values, with ties and zeros.
  @Test func mixtureQuantilesEqualTheMergedWeightedQuantiles() throws {
    var rng = RandomStream(seed: 3, keys: [77])
    let n = 500
    let w = (0..<n).map { _ in rng.uniform() + 0.01 }
    let a = (0..<n).map { i in i % 7 == 0 ? 0 : exp(-12 * rng.uniform()) * 1e-4 }
    var b = (0..<n).map { _ in exp(-10 * rng.uniform()) * 1e-4 }
    b[10] = a[3]  // a tie across components
    let ca = a.withUnsafeBufferPointer { av in
      w.withUnsafeBufferPointer { MixtureQuantile.Component(values: av, weights: $0) }
    }
    let cb = b.withUnsafeBufferPointer { bv in
      w.withUnsafeBufferPointer { MixtureQuantile.Component(values: bv, weights: $0) }
    }
    for p in [0.0, 0.3, 1.0] {
      let parts = p == 0 ? [(cb, 1.0)] : p == 1 ? [(ca, 1.0)] : [(ca, p), (cb, 1 - p)]
      let qs = [0.01, 0.5, 0.9, 1.0]
      let got = MixtureQuantile.quantiles(parts, qs: qs)
      let want = WeightedQuantile.quantiles(
        p == 0 ? b : p == 1 ? a : a + b, weights: p == 0 ? w : p == 1 ? w : w.map { $0 * p } + w.map { $0 * (1 - p) },
        qs: qs)
      #expect(got == want, "mix \(p): \(got) vs \(want)")
    }
  }
}
