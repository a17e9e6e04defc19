import Foundation

/// The exceedance tables of one site-response zone for a logic-tree hazard run: per GMM branch
/// in use (τ, φ_ss pair, median), site-to-site ε and wierde flag, the probability that an
/// earthquake of each active magnitude bin at each rupture-distance node exceeds each level.
///
/// ```
/// E(m, r, l) = P(IM > x_l | m, R_rup = r)         (``ExceedanceProbability``)
/// ```
/// on the R_rup grid (the rupture kernel is applied to the rates, ``RateBlocks``, as for the
/// risk tables). Stored as Float `[mi][r][l (padded)]` per key, clamped to [0, 1].
struct HazardZoneTables {
  struct Key: Hashable {
    var tp: Int, median: Int, eps: Int, wierde: Int
  }

  /// What every zone's tables need: the branches in use and the numerical grids.
  struct Plan: Sendable {
    /// Surface motion per (τ, φ_ss) pair index and median branch in use.
    let motions: [[SurfaceMotion]]
    let medians: [[Int]]
    /// Per pair and median: the active-bin indices used.
    let bins: [[[Int]]]
    /// Per pair: ε branch indices used.
    let epsilons: [[Int]]
    let epsilonValues: [Double]
    let magnitudes: [Double]
    let distances: [Double]
    let measures: HazardMeasures
    let rule: SurfaceMotion.Rule
    let horizon: ExceedanceProbability.Horizon
  }

  let offset: [Key: Int]
  let values: [Float]

  /// Builds the tables of zone `zoneIndex` for the wierde flags in `flags`: the roots of the
  /// one-period measures once per zone, then per (τ φ pair, median, bin) the exceedance
  /// probabilities of every (ε, wierde) variant into the blocks of ``offset``.
  init(plan p: Plan, zoneIndex: Int, wierde flags: [Bool]) {
    let N = p.distances.count
    let L = p.measures.padded
    let (off, total) = HazardZoneTables.layout(plan: p, flags: flags)
    var out = [Float](repeating: 0, count: total)
    let allEps = Array(Set(p.epsilons.flatMap { $0 })).sorted()
    let roots = HazardZoneTables.roots(plan: p, zoneIndex: zoneIndex, flags: flags, epsilons: allEps)
    out.withUnsafeMutableBufferPointer { ob in
      let dst = ob.baseAddress!
      for tp in 0..<p.motions.count {
        let eps = p.epsilons[tp]
        let V = eps.count * flags.count
        var e = [Double](repeating: 0, count: V * N * L)
        var pairRoots = [Double](repeating: 0, count: V * L)
        for (ki, k) in p.medians[tp].enumerated() {
          for mi in p.bins[tp][ki] {
            HazardZoneTables.exceedance(
              plan: p, zoneIndex: zoneIndex, pair: tp, motion: p.motions[tp][ki], bin: mi, flags: flags,
              epsilonRows: eps.map { allEps.firstIndex(of: $0)! }, roots: roots,
              rootBlock: allEps.count * flags.count * L,
              pairRoots: &pairRoots, into: &e)
            for (ei, ev) in eps.enumerated() {
              for (wi, w) in flags.enumerated() {
                let v = ei * flags.count + wi
                let base = off[Key(tp: tp, median: k, eps: ev, wierde: w ? 1 : 0)]! + mi * N * L
                for i in 0..<(N * L) { dst[base + i] = Float(min(1, max(0, e[v * N * L + i]))) }
              }
            }
          }
        }
      }
    }
    offset = off
    values = out
  }

  /// The layout: per key (τ φ pair, median, ε, wierde) in that order the offset of its block of
  /// active bins × R_rup nodes × padded levels floats, and the total.
  static func layout(plan p: Plan, flags: [Bool]) -> (offset: [Key: Int], total: Int) {
    let block = p.magnitudes.count * p.distances.count * p.measures.padded
    var off: [Key: Int] = [:]
    var total = 0
    for tp in 0..<p.motions.count {
      for k in p.medians[tp] {
        for e in p.epsilons[tp] {
          for w in flags {
            off[Key(tp: tp, median: k, eps: e, wierde: w ? 1 : 0)] = total
            total += block
          }
        }
      }
    }
    return (off, total)
  }

  /// Roots of the one-period IMTs per (bin, R_rup node) for every ε in `epsilons` and wierde
  /// flag: independent of the GMM branch, so computed once per zone
  /// (``ExceedanceProbability/roots(amplification:context:measures:horizon:epsilons:wierde:out:)``),
  /// `[(mi · N + r) · rootBlock + (ε row · W + w) · L + l]`; zeros when no measure has one period.
  static func roots(plan p: Plan, zoneIndex: Int, flags: [Bool], epsilons allEps: [Int]) -> [Double] {
    let N = p.distances.count
    let rootBlock = allEps.count * flags.count * p.measures.padded
    var roots = [Double](repeating: 0, count: p.magnitudes.count * N * rootBlock)
    let needsRoots = p.measures.kinds.contains { if case .period = $0 { return true } else { return false } }
    guard needsRoots else { return roots }
    let af = p.motions.first!.first!.amplification
    let epsValues = allEps.map { p.epsilonValues[$0] }
    let binsUsed = Set(p.bins.flatMap { $0.flatMap { $0 } })
    roots.withUnsafeMutableBufferPointer { rb in
      for mi in binsUsed {
        for r in 0..<N {
          let ctx = SurfaceMotion.Context(
            magnitude: p.magnitudes[mi], rrup: p.distances[r], zoneIndex: zoneIndex, wierde: false)
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
  static func exceedance(
    plan p: Plan, zoneIndex: Int, pair tp: Int, motion: SurfaceMotion, bin mi: Int, flags: [Bool],
    epsilonRows epsRow: [Int], roots: [Double], rootBlock: Int, pairRoots: inout [Double], into e: inout [Double]
  ) {
    let N = p.distances.count
    let L = p.measures.padded
    let W = flags.count
    let V = epsRow.count * W
    let epsValues = p.epsilons[tp].map { p.epsilonValues[$0] }
    e.withUnsafeMutableBufferPointer { eb in
      withUnsafeTemporaryAllocation(of: Double.self, capacity: V * L) { tmp in
        for r in 0..<N {
          let ctx = SurfaceMotion.Context(
            magnitude: p.magnitudes[mi], rrup: p.distances[r], zoneIndex: zoneIndex, wierde: false)
          let src = (mi * N + r) * rootBlock
          for (ei, row) in epsRow.enumerated() {
            for w in 0..<W {
              for l in 0..<L { pairRoots[(ei * W + w) * L + l] = roots[src + (row * W + w) * L + l] }
            }
          }
          pairRoots.withUnsafeBufferPointer { pr in
            ExceedanceProbability.compute(
              motion: motion, context: ctx, measures: p.measures, rule: p.rule, horizon: p.horizon,
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
