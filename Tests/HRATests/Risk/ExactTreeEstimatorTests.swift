import Foundation
import Testing

@testable import HRA

/// The factorised exact tree (``ExactTreeEstimator``) against every combination run through the
/// per-combination path of ``TreeEstimator`` and weighted (``WeightedQuantile``), on a small
/// field and a reduced tree that keeps the median paths, τ, fragility and consequence.
@Suite(.serialized) struct ExactTreeEstimatorTests {
  static func setup(fixed: [String: String], buildings: Int = 8) throws -> (
    RunConfiguration, ExposureDatabase, ModelSet, String
  ) {
    let s = try LPRRunTests.tinySetup()
    var c = LPRRunTests.config(s, out: s.models + "/out", threads: 2)
    c.fixedBranches = fixed
    c.logicTree = .enumerate
    let ms = try ModelSet(directory: s.models)
    let e = try ms.exposure(path: s.exposure, buildings: 0, seed: 0)
    return (c, ExposureDatabase(file: e.file, buildings: Array(e.buildings.prefix(buildings))), ms, s.models)
  }

  static let reduced = [
    "gmm_phi_ss": "Lower", "gmm_s2s": "Central", "rate_model": "elastic_plastic", "b_model": "split_thickness",
  ]

  /// Every cell's mean and percentiles, and near the norm the percentiles with each set held at
  /// each branch, against ``WeightedQuantile`` over every combination (or over the sub-tree of
  /// combinations that take the branch). One per-combination run serves both (it is the slow part).
  @Test func factorisedEqualsEveryCombinationWeighted() throws {
    var (c, exposure, ms, dir) = try Self.setup(fixed: Self.reduced)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let slow = try TreeRun.compute(c, models: ms, exposure: exposure, exact: true).result
    let qs = slow.values.indices.map {
      WeightedQuantile.quantiles(slow.values[$0], weights: slow.weights[$0], qs: [0.5, 0.9])
    }
    // A norm at the median of the field's P90: about half of the cells are near it.
    let p90s = qs.map { $0[1] }.filter { $0 > 1e-12 }.sorted()
    c.norm = p90s[p90s.count / 2]
    let run = try TreeRun.computeTree(c, models: ms, exposure: exposure)
    let fast = run.result
    #expect(fast.samples == slow.samples && fast.samples == 6 * 46 * 3 * 9)  // mmax × paths × τ × fc
    var compared = 0
    for i in 0..<fast.mean.count {
      // Both contract the same single-precision tables and rate blocks, in a different order.
      let rel = Tolerance.singlePrecision * 10
      #expect(
        close(fast.mean[i], slow.mean[i], rel: rel, tiny: 1e-14), "cell \(i) mean \(fast.mean[i]) vs \(slow.mean[i])")
      #expect(close(fast.p50[i], qs[i][0], rel: rel, tiny: 1e-14), "cell \(i) P50 \(fast.p50[i]) vs \(qs[i][0])")
      #expect(close(fast.p90[i], qs[i][1], rel: rel, tiny: 1e-14), "cell \(i) P90 \(fast.p90[i]) vs \(qs[i][1])")
      if slow.mean[i] > 1e-12 { compared += 1 }
    }
    #expect(compared >= 8)
    try Self.expectHeldPercentiles(run, slow: slow, norm: c.norm)
    // `hra explain --logic-tree enumerate`: the same exact statistics for one building, and its
    // sensitivity rows are the held percentiles of every set (near the norm or not).
    let view = try Explanation.exactTreeView(buildingID: exposure.buildings[0].id, configuration: c)
    #expect(view.exact == true && view.samples == fast.samples)
    #expect(view.years[0].p50 == fast.p50[0] && view.years[0].p90 == fast.p90[0] && view.years[0].mean == fast.mean[0])
    let held = view.sensitivity.map {
      BranchHold(set: $0.set, branch: $0.branch, weight: $0.weight, combinations: $0.samples, p50: $0.p50, p90: $0.p90)
    }
    #expect(try Self.expectHolds(held, cell: 0, run: run, slow: slow) == held.count && held.count >= 15)
  }

  /// The same comparison for GMM V6 with FCM V6 (median and τ paired, its own magnitude paths)
  /// and for a gridded forecast (only the Mmax set as source branches), on a tree reduced to
  /// Mmax × the median paths × fragility (4 km source grid, 4 buildings).
  @Test(arguments: ["V6", "forecast"]) func otherTreesFactorisedEqualEveryCombination(_ kind: String) throws {
    let s = try ModelPartsTests.setup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    var c = LPRRunTests.config(s, out: s.models + "/out", threads: 2)
    c.logicTree = .enumerate
    if kind == "V6" {
      (c.gmm, c.fcm) = (.v6, .v6)
    } else {
      _ = try SeismicityExport.run(
        models: try ModelSet(directory: s.models), production: "phase-out-actual", gasYears: c.gasYears, fixed: [:],
        out: s.models + "/fc.csv", overwrite: false)
      c.forecast = s.models + "/fc.csv"
    }
    let ms = try ModelSet(directory: s.models, choice: c.choice)
    let keep: Set = ["mmax", "gmm_median", "gmm_median_tau", "fragility"]
    for set in ms.tree.names where !keep.contains(set) {
      c.fixedBranches[set] = ms.branches.label(set)
      #expect(c.fixedBranches[set] != nil, "no central branch for \(set)")
    }
    let e = try ms.exposure(path: s.exposure, buildings: 0, seed: 0)
    let exposure = ExposureDatabase(file: e.file, buildings: Array(e.buildings.prefix(4)))
    let slow = try TreeRun.compute(c, models: ms, exposure: exposure, exact: true).result
    let fast = try TreeRun.compute(c, models: ms, exposure: exposure).result
    #expect(fast.samples == slow.samples && fast.samples >= 6 * 3 * 4)
    var compared = 0
    for i in 0..<fast.mean.count {
      let q = WeightedQuantile.quantiles(slow.values[i], weights: slow.weights[i], qs: [0.5, 0.9])
      let rel = Tolerance.singlePrecision * 10
      #expect(close(fast.mean[i], slow.mean[i], rel: rel, tiny: 1e-14), "\(kind) cell \(i) mean")
      #expect(close(fast.p50[i], q[0], rel: rel, tiny: 1e-14), "\(kind) cell \(i) P50 \(fast.p50[i]) vs \(q[0])")
      #expect(close(fast.p90[i], q[1], rel: rel, tiny: 1e-14), "\(kind) cell \(i) P90 \(fast.p90[i]) vs \(q[1])")
      if slow.mean[i] > 1e-12 { compared += 1 }
    }
    #expect(compared >= 4)
  }

  /// The held percentiles of the cells near `norm` against the filtered sub-trees of `slow`.
  static func expectHeldPercentiles(_ run: TreeRun.Computed, slow: TreeEstimator.Result, norm: Double) throws {
    let fast = run.result
    #expect(fast.holds.count >= 4)
    var checked = 0
    for (cell, holds) in fast.holds {
      #expect(fast.p90[cell] > norm / 2 && fast.p90[cell] < norm * 2)
      checked += try expectHolds(holds, cell: cell, run: run, slow: slow)
    }
    #expect(checked >= 4 * 15)
  }

  /// One cell's held percentiles against ``WeightedQuantile`` over the combinations of `slow`
  /// that take the branch; returns the number of holds checked.
  static func expectHolds(
    _ holds: [BranchHold], cell: Int, run: TreeRun.Computed, slow: TreeEstimator.Result
  ) throws -> Int {
    let tree = run.tree
    // The sets that vary in the reduced tree: mmax, the median (paths), τ, fragility, consequence.
    #expect(Set(holds.map(\.set)) == ["mmax", "gmm_median", "gmm_tau", "fragility", "consequence"])
    for h in holds {
      let k = try #require(tree.setIndex(h.set))
      let j = try #require(tree.sets[k].branches.firstIndex(of: h.branch))
      let idx = slow.values[cell].indices.filter { i in
        let s = run.samples[slow.sampleIndices[cell][i]]
        return (k == tree.medianSet ? tree.medianBranch(s, magnitude: tree.mLow) : s.branch[k]) == j
      }
      let q = WeightedQuantile.quantiles(
        idx.map { slow.values[cell][$0] }, weights: idx.map { slow.weights[cell][$0] }, qs: [0.5, 0.9])
      let rel = Tolerance.singlePrecision * 10
      #expect(close(h.p50, q[0], rel: rel, tiny: 1e-14), "cell \(cell) \(h.set)=\(h.branch) P50 \(h.p50) vs \(q[0])")
      #expect(close(h.p90, q[1], rel: rel, tiny: 1e-14), "cell \(cell) \(h.set)=\(h.branch) P90 \(h.p90) vs \(q[1])")
    }
    // The branch weights of each set sum to 1.
    for set in Set(holds.map(\.set)) {
      #expect(abs(holds.filter { $0.set == set }.reduce(0) { $0 + $1.weight } - 1) < 1e-12)
    }
    return holds.count
  }

  @Test func exactResultsDoNotDependOnThreadsOrSeed() throws {
    var fixed = Self.reduced
    fixed["fragility"] = "Middle"
    fixed["consequence"] = "Middle"
    let (c0, exposure, ms, dir) = try Self.setup(fixed: fixed, buildings: 4)
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
