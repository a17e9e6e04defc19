import Foundation

/// The LPR's response columns of a zone table (``ZoneTables``): per fragility/consequence pair
/// (column group) and typology present in the zone the event risk
/// P(collapse)·P(death | collapse), stored as Float `[typology][active bin][distance node]`
/// (node stride padded to a multiple of 8 for ``RateContraction/column(a:binStride:stride:years:bins:rows:out:)``,
/// padding zero).
///
/// ```
/// T(m, r) = Σ_j H(m, r, j) · R(j)      on the R_rup grid (as ``EventRiskTable``; the rupture
///                                      kernel is applied to the rates: ``RateBlocks``)
/// ```
/// Work sharing (the cost of a logic-tree run is here):
/// - one surface-motion quadrature per (τ, φ_ss, median, bin, distance) serves the three ε
///   branches and both wierde flags (``SurfaceMotion/NodeBuffer``: they enter linearly);
/// - the intensity histograms of one (ε, wierde) are contracted with the responses of every
///   fragility/consequence pair and typology in one dgemm; the chimney response depends only on
///   the consequence file, so identical chimney columns are contracted once;
/// - intensity nodes whose response is below `response_floor` for every typology and branch
///   (`Models/risk/numerics.csv`) are left out of the contraction (their mass contributes less
///   than the floor per earthquake);
/// - only the (median, bin) pairs some sample uses are computed.
struct LPRColumns: ZoneColumns {
  /// What every zone shares: the branch combinations in use and the responses.
  struct Plan: Sendable {
    let branches: ZoneTables.Branches
    /// Per (τ, φ) pair and ε index: the fragility/consequence pairs (f·3+c) used.
    let pairs: [[[Int]]]
    /// Response per fc pair, `[j][t]` over the full intensity grid: w_in·P_in + w_out·P_out (ln AvgSa).
    let responseY: [[Double]]
    /// Chimney response classes `[j][t]` (w_out·P_chimney, ln PGA) and the class of each fc pair.
    let responseP: [[Double]]
    let chimneyClass: [Int]
    /// First intensity node kept in the contraction.
    let jLow: Int
    let intensityCount: Int
    let intensityMin: Double
    let intensityStep: Double
    let stride: Int
    let typologyCount: Int
    /// Magnitude per active bin.
    var magnitudes: [Double] { branches.magnitudes }
  }

  let plan: Plan
  let zoneIndex: Int
  /// The zone's typologies per wierde flag.
  let typologies: [Bool: [Int]]

  func groups(pair tp: Int, epsilonIndex ei: Int) -> [Int] { plan.pairs[tp][ei] }

  func blockSize(wierde w: Bool) -> Int { typologies[w]!.count * plan.branches.magnitudes.count * plan.stride }

  /// The histograms of the (pair, median) for every (ε, wierde) variant
  /// (``histograms(pair:medianIndex:flags:nodes:)``), then their contraction with the responses
  /// into the blocks (``contract(pair:epsilonIndex:bins:typologies:hy:hp:variant:blocks:into:)``).
  func fill(
    branches b: ZoneTables.Branches, pair tp: Int, medianIndex ki: Int, flags: [Bool], offset: [ZoneTables.Key: Int],
    into dst: UnsafeMutablePointer<Float>
  ) {
    let k = b.medians[tp][ki]
    var nodes = [Double](repeating: 0, count: 5 * b.rule.count)
    let (hy, hp) = histograms(pair: tp, medianIndex: ki, flags: flags, nodes: &nodes)
    for (ei, e) in b.epsilons[tp].enumerated() {
      for (wi, w) in flags.enumerated() {
        let v = ei * flags.count + wi
        let blocks = plan.pairs[tp][ei].map {
          offset[ZoneTables.Key(tp: tp, median: k, eps: e, wierde: w ? 1 : 0, group: $0)]!
        }
        contract(
          pair: tp, epsilonIndex: ei, bins: b.bins[tp][ki], typologies: typologies[w]!, hy: hy, hp: hp, variant: v,
          blocks: blocks, into: dst)
      }
    }
  }

  /// The intensity histograms of one (τ φ pair, median) (``IntensityHistograms``): one
  /// surface-motion quadrature per (bin, R_rup node) deposited for every (ε, wierde) variant
  /// v = ε index · flags + wierde index, `[v][row = bin index · N + r][j − jLow]` for ln AvgSa
  /// (`hy`) and ln PGA (`hp`). `nodes`: scratch of 5 · rule.count doubles.
  func histograms(pair tp: Int, medianIndex ki: Int, flags: [Bool], nodes: inout [Double]) -> (
    hy: [Double], hp: [Double]
  ) {
    let p = plan
    let b = p.branches
    return IntensityHistograms.build(
      motion: b.motions[tp][ki], magnitudes: b.bins[tp][ki].map { b.magnitudes[$0] }, distances: b.distances,
      zoneIndex: zoneIndex, epsilons: b.epsilons[tp].map { b.epsilonValues[$0] }, flags: flags,
      grid: IntensityGrid(lnMin: p.intensityMin, step: p.intensityStep, count: p.intensityCount), low: p.jLow,
      rule: b.rule, nodes: &nodes)
  }

  /// The contraction of variant v's histograms with the responses of the ε's fc pairs and the
  /// typologies `ts`: E = H_Y·R_Y + H_P·R_P(chimney class of fc) by two dgemms over the kept
  /// intensity nodes, clamped at 0 and stored as Float into `blocks[a] + (u·Mact + mi)·stride + r`
  /// (a: fc pair, u: typology, mi: active bin).
  func contract(
    pair tp: Int, epsilonIndex ei: Int, bins mis: [Int], typologies ts: [Int], hy: [Double], hp: [Double],
    variant v: Int, blocks: [Int], into dst: UnsafeMutablePointer<Float>
  ) {
    let p = plan
    let N = p.branches.distances.count
    let S = p.stride
    let Mact = p.branches.magnitudes.count
    let J = p.intensityCount - p.jLow
    let rows = mis.count * N
    let fcs = p.pairs[tp][ei]
    let classes = Array(Set(fcs.map { p.chimneyClass[$0] })).sorted()
    let T = ts.count
    let (ry, rp) = responses(pairs: fcs, classes: classes, typologies: ts)
    let cy = fcs.count * T
    let cp = classes.count * T
    var ey = [Double](repeating: 0, count: rows * cy)
    var ep = [Double](repeating: 0, count: rows * cp)
    hy.withUnsafeBufferPointer { h in
      LinearAlgebra.gemm(
        m: rows, n: cy, k: J, a: h.baseAddress! + v * rows * J, lda: J, b: ry, ldb: cy, c: &ey, ldc: cy)
    }
    hp.withUnsafeBufferPointer { h in
      LinearAlgebra.gemm(
        m: rows, n: cp, k: J, a: h.baseAddress! + v * rows * J, lda: J, b: rp, ldb: cp, c: &ep, ldc: cp)
    }
    // E = EY + EP(class of fc), stored per bin and R_rup node.
    let classOf = fcs.map { classes.firstIndex(of: p.chimneyClass[$0])! }
    for row in 0..<rows {
      for a in 0..<fcs.count {
        let c = classOf[a]
        for u in 0..<T { ey[row * cy + a * T + u] += ep[row * cp + c * T + u] }
      }
    }
    for (ii, mi) in mis.enumerated() {
      for a in 0..<fcs.count {
        let base = blocks[a]
        for u in 0..<T {
          let d = dst + base + (u * Mact + mi) * S
          for r in 0..<N { d[r] = Float(max(0, ey[(ii * N + r) * cy + a * T + u])) }
        }
      }
    }
  }

  /// The response matrices restricted to the kept intensity nodes and the typologies `ts`:
  /// J × (pairs · T) on ln AvgSa and J × (classes · T) on ln PGA.
  func responses(pairs fcs: [Int], classes: [Int], typologies ts: [Int]) -> (y: [Double], p: [Double]) {
    let p = plan
    let J = p.intensityCount - p.jLow
    let T = ts.count
    let cy = fcs.count * T
    let cp = classes.count * T
    var ry = [Double](repeating: 0, count: J * cy)
    var rp = [Double](repeating: 0, count: J * cp)
    for j in 0..<J {
      let g = (j + p.jLow) * p.typologyCount
      for (a, fc) in fcs.enumerated() {
        for (u, t) in ts.enumerated() { ry[j * cy + a * T + u] = p.responseY[fc][g + t] }
      }
      for (a, c) in classes.enumerated() {
        for (u, t) in ts.enumerated() { rp[j * cp + a * T + u] = p.responseP[c][g + t] }
      }
    }
    return (ry, rp)
  }
}

extension ZoneTables {
  /// The LPR tables of zone `zoneIndex` for the typologies per wierde flag present there
  /// (``LPRColumns``; wierde flags false before true).
  init(plan: LPRColumns.Plan, zoneIndex: Int, typologies: [Bool: [Int]]) {
    self.init(
      branches: plan.branches, columns: LPRColumns(plan: plan, zoneIndex: zoneIndex, typologies: typologies),
      flags: typologies.keys.sorted { !$0 && $1 })
  }
}
