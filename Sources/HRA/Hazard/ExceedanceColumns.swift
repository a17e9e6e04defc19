import Foundation

/// The hazard's response columns of a zone table (``ZoneTables``): per (IMT, level) column the
/// probability that an earthquake of each active magnitude bin at each rupture-distance node
/// exceeds the level, one column group per key (τ φ_ss pair, median, ε, wierde flag).
///
/// ```
/// E(m, r, l) = P(IM > x_l | m, R_rup = r)         (``ExceedanceProbability``)
/// ```
/// on the R_rup grid (the rupture kernel is applied to the rates, ``RateBlocks``, as for the
/// LPR columns). Stored as Float `[mi][r][l (padded)]` per key, clamped to [0, 1], for the
/// 16-column kernel ``RateContraction/columnBlock(a:binStride:stride:years:nodes:bins:rows:levelStride:l0:out:)``.
/// The roots of the one-period measures do not depend on the GMM branch: computed once per zone
/// (at ``init(plan:zoneIndex:flags:)``).
struct ExceedanceColumns: ZoneColumns {
  /// What every zone shares: the branches in use, the measures and the horizon.
  struct Plan: Sendable {
    let branches: ZoneTables.Branches
    let measures: HazardMeasures
    let horizon: ExceedanceProbability.Horizon
    /// Magnitude per active bin.
    var magnitudes: [Double] { branches.magnitudes }
  }

  let plan: Plan
  let zoneIndex: Int
  /// The ε branches of every pair (ascending) and the zone's roots
  /// `[(mi · N + r) · rootBlock + (ε row · W + w) · L + l]` (``roots(plan:zoneIndex:flags:epsilons:)``).
  let allEpsilons: [Int]
  let roots: [Double]
  let rootBlock: Int

  init(plan p: Plan, zoneIndex: Int, flags: [Bool]) {
    plan = p
    self.zoneIndex = zoneIndex
    allEpsilons = Array(Set(p.branches.epsilons.flatMap { $0 })).sorted()
    roots = ExceedanceColumns.roots(plan: p, zoneIndex: zoneIndex, flags: flags, epsilons: allEpsilons)
    rootBlock = allEpsilons.count * flags.count * p.measures.padded
  }

  func groups(pair: Int, epsilonIndex: Int) -> [Int] { [0] }

  func blockSize(wierde: Bool) -> Int {
    plan.branches.magnitudes.count * plan.branches.distances.count * plan.measures.padded
  }

  /// Per bin of the (pair, median) the exceedance probabilities of every (ε, wierde) variant
  /// (``exceedance(pair:motion:bin:flags:epsilonRows:pairRoots:into:)``), clamped to [0, 1]
  /// into row mi of each block.
  func fill(
    branches b: ZoneTables.Branches, pair tp: Int, medianIndex ki: Int, flags: [Bool], offset: [ZoneTables.Key: Int],
    into dst: UnsafeMutablePointer<Float>
  ) {
    let N = b.distances.count
    let L = plan.measures.padded
    let k = b.medians[tp][ki]
    let eps = b.epsilons[tp]
    let V = eps.count * flags.count
    var e = [Double](repeating: 0, count: V * N * L)
    var pairRoots = [Double](repeating: 0, count: V * L)
    let epsRows = eps.map { allEpsilons.firstIndex(of: $0)! }
    for mi in b.bins[tp][ki] {
      exceedance(
        pair: tp, motion: b.motions[tp][ki], bin: mi, flags: flags, epsilonRows: epsRows, pairRoots: &pairRoots,
        into: &e)
      for (ei, ev) in eps.enumerated() {
        for (wi, w) in flags.enumerated() {
          let v = ei * flags.count + wi
          let base = offset[ZoneTables.Key(tp: tp, median: k, eps: ev, wierde: w ? 1 : 0)]! + mi * N * L
          for i in 0..<(N * L) { dst[base + i] = Float(min(1, max(0, e[v * N * L + i]))) }
        }
      }
    }
  }

  /// Roots of the one-period IMTs per (bin, R_rup node) for every ε in `epsilons` and wierde
  /// flag: independent of the GMM branch, so computed once per zone
  /// (``ExceedanceProbability/roots(amplification:context:measures:horizon:epsilons:wierde:out:)``),
  /// `[(mi · N + r) · rootBlock + (ε row · W + w) · L + l]`; zeros when no measure has one period.
  static func roots(plan p: Plan, zoneIndex: Int, flags: [Bool], epsilons allEps: [Int]) -> [Double] {
    let b = p.branches
    let N = b.distances.count
    let rootBlock = allEps.count * flags.count * p.measures.padded
    var roots = [Double](repeating: 0, count: b.magnitudes.count * N * rootBlock)
    let needsRoots = p.measures.kinds.contains { if case .period = $0 { return true } else { return false } }
    guard needsRoots else { return roots }
    let af = b.motions.first!.first!.amplification
    let epsValues = allEps.map { b.epsilonValues[$0] }
    let binsUsed = Set(b.bins.flatMap { $0.flatMap { $0 } })
    roots.withUnsafeMutableBufferPointer { rb in
      for mi in binsUsed {
        for r in 0..<N {
          let ctx = SurfaceMotion.Context(
            magnitude: b.magnitudes[mi], rrup: b.distances[r], zoneIndex: zoneIndex, wierde: false)
          ExceedanceProbability.roots(
            amplification: af, context: ctx, measures: p.measures, horizon: p.horizon, epsilons: epsValues,
            wierde: flags, out: rb.baseAddress! + (mi * N + r) * rootBlock)
        }
      }
    }
    return roots
  }

  /// The exceedance probabilities of one GMM branch and bin at every R_rup node for every
  /// (ε, wierde) variant v = ε index · W + w of the pair: `e[(v · N + r) · L + l]`
  /// (``ExceedanceProbability/compute(motion:context:measures:rule:horizon:epsilons:wierde:roots:out:)``),
  /// with the zone's roots of the pair's ε rows gathered into `pairRoots` (scratch, V · L).
  func exceedance(
    pair tp: Int, motion: SurfaceMotion, bin mi: Int, flags: [Bool], epsilonRows epsRow: [Int],
    pairRoots: inout [Double], into e: inout [Double]
  ) {
    let p = plan
    let b = p.branches
    let N = b.distances.count
    let L = p.measures.padded
    let W = flags.count
    let V = epsRow.count * W
    let epsValues = b.epsilons[tp].map { b.epsilonValues[$0] }
    e.withUnsafeMutableBufferPointer { eb in
      withUnsafeTemporaryAllocation(of: Double.self, capacity: V * L) { tmp in
        for r in 0..<N {
          let ctx = SurfaceMotion.Context(
            magnitude: b.magnitudes[mi], rrup: b.distances[r], zoneIndex: zoneIndex, wierde: false)
          let src = (mi * N + r) * rootBlock
          for (ei, row) in epsRow.enumerated() {
            for w in 0..<W {
              for l in 0..<L { pairRoots[(ei * W + w) * L + l] = roots[src + (row * W + w) * L + l] }
            }
          }
          pairRoots.withUnsafeBufferPointer { pr in
            ExceedanceProbability.compute(
              motion: motion, context: ctx, measures: p.measures, rule: b.rule, horizon: p.horizon,
              epsilons: epsValues, wierde: flags, roots: pr.baseAddress!, out: tmp.baseAddress!)
          }
          for v in 0..<V {
            for l in 0..<L { eb[(v * N + r) * L + l] = tmp[v * L + l] }
          }
        }
      }
    }
  }
}

extension ZoneTables {
  /// The hazard tables of zone `zoneIndex` for the wierde flags `flags` (false before true):
  /// ``ExceedanceColumns``.
  init(plan: ExceedanceColumns.Plan, zoneIndex: Int, wierde flags: [Bool]) {
    self.init(
      branches: plan.branches, columns: ExceedanceColumns(plan: plan, zoneIndex: zoneIndex, flags: flags),
      flags: flags)
  }
}
