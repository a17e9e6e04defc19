import Foundation

/// The event-risk tables of one site zone for every branch combination a logic-tree run uses:
/// per GMM branch (τ, φ_ss, median, ε_S2S), wierde flag and fragility/consequence pair, for the
/// typologies present in the zone, stored as Float `[typology][active bin][distance node]`
/// (node stride padded to a multiple of 8 for the SIMD contraction, padding zero).
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
struct ZoneTables {
  struct Key: Hashable { var tp: Int, median: Int, eps: Int, wierde: Int, fc: Int }
  /// Offset of a key's block in `values`; block = typologies(wierde) × bins × stride.
  let offset: [Key: Int]
  let values: [Float]

  /// What every zone shares: the branch combinations in use and the responses.
  struct Plan: Sendable {
    /// Surface motion per (τ, φ_ss) pair index and median branch (ε = 0).
    let motions: [[SurfaceMotion]]
    /// Per (τ, φ) pair: the median branches used and, per median, the active-bin indices used.
    let medians: [[Int]]
    let bins: [[[Int]]]
    /// Per (τ, φ) pair: ε branch indices used, and per ε the fragility/consequence pairs (f·3+c).
    let epsilons: [[Int]]
    let pairs: [[[Int]]]
    let epsilonValues: [Double]
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
    /// Magnitudes per active bin.
    let magnitudes: [Double]
    let distances: [Double]
    let stride: Int
    let rule: SurfaceMotion.Rule
    let typologyCount: Int
  }

  /// Builds the tables of zone `zoneIndex` for the wierde flags in `wierde` (typologies per flag):
  /// per (τ φ pair, median) the intensity histograms of every (ε, wierde) variant, then their
  /// contraction with the responses into the blocks of ``offset``.
  init(plan p: Plan, zoneIndex: Int, typologies: [Bool: [Int]]) {
    let flags = typologies.keys.sorted { !$0 && $1 }
    let (off, total) = ZoneTables.layout(plan: p, typologies: typologies, flags: flags)
    var out = [Float](repeating: 0, count: total)
    var nodes = [Double](repeating: 0, count: 5 * p.rule.count)
    out.withUnsafeMutableBufferPointer { outBuf in
      let dst = outBuf.baseAddress!
      for tp in 0..<p.motions.count {
        for (ki, k) in p.medians[tp].enumerated() where !p.bins[tp][ki].isEmpty {
          let (hy, hp) = ZoneTables.histograms(
            plan: p, zoneIndex: zoneIndex, pair: tp, medianIndex: ki, flags: flags, nodes: &nodes)
          for (ei, e) in p.epsilons[tp].enumerated() {
            for (wi, w) in flags.enumerated() {
              let v = ei * flags.count + wi
              let blocks = p.pairs[tp][ei].map { off[Key(tp: tp, median: k, eps: e, wierde: w ? 1 : 0, fc: $0)]! }
              ZoneTables.contract(
                plan: p, pair: tp, epsilonIndex: ei, bins: p.bins[tp][ki], typologies: typologies[w]!,
                hy: hy, hp: hp, variant: v, blocks: blocks, into: dst)
            }
          }
        }
      }
    }
    offset = off
    values = out
  }

  /// The layout of the tables: per key (τ φ pair, median, ε, wierde, fc pair) in that order the
  /// offset of its block of typologies(wierde) × active bins × stride floats, and the total.
  static func layout(plan p: Plan, typologies: [Bool: [Int]], flags: [Bool]) -> (offset: [Key: Int], total: Int) {
    var off: [Key: Int] = [:]
    var total = 0
    for tp in 0..<p.motions.count {
      for k in p.medians[tp] {
        for e in p.epsilons[tp] {
          for w in flags {
            for fc in p.pairs[tp][p.epsilons[tp].firstIndex(of: e)!] {
              off[Key(tp: tp, median: k, eps: e, wierde: w ? 1 : 0, fc: fc)] = total
              total += typologies[w]!.count * p.magnitudes.count * p.stride
            }
          }
        }
      }
    }
    return (off, total)
  }

  /// The intensity histograms of one (τ φ pair, median): one surface-motion quadrature per
  /// (bin, R_rup node) deposited for every (ε, wierde) variant v = ε index · flags + wierde index,
  /// `[v][row = bin index · N + r][j − jLow]` for ln AvgSa (`hy`) and ln PGA (`hp`).
  /// `nodes`: scratch of 5 · rule.count doubles.
  static func histograms(
    plan p: Plan, zoneIndex: Int, pair tp: Int, medianIndex ki: Int, flags: [Bool], nodes: inout [Double]
  ) -> (hy: [Double], hp: [Double]) {
    let N = p.distances.count
    let J = p.intensityCount - p.jLow
    let q = p.rule.count
    let jLow = p.jLow
    let grid = IntensityGrid(lnMin: p.intensityMin, step: p.intensityStep, count: p.intensityCount)
    let motion = p.motions[tp][ki]
    let mis = p.bins[tp][ki]
    let rows = mis.count * N
    let eps = p.epsilons[tp]
    let (dY, dP) = motion.wierdeShift
    let V = eps.count * flags.count
    var hy = [Double](repeating: 0, count: V * rows * J)
    var hp = hy
    hy.withUnsafeMutableBufferPointer { hyb in
      hp.withUnsafeMutableBufferPointer { hpb in
        nodes.withUnsafeMutableBufferPointer { nb in
          let buf = SurfaceMotion.NodeBuffer(base: nb.baseAddress!, count: q)
          for (ii, mi) in mis.enumerated() {
            for r in 0..<N {
              let ctx = SurfaceMotion.Context(
                magnitude: p.magnitudes[mi], rrup: p.distances[r], zoneIndex: zoneIndex, wierde: false)
              motion.quadratureNodes(ctx, rule: p.rule, into: buf)
              let row = ii * N + r
              for (ei, e) in eps.enumerated() {
                let ev = p.epsilonValues[e]
                for (wi, w) in flags.enumerated() {
                  let v = ei * flags.count + wi
                  let sy = w ? dY : 0
                  let sp = w ? dP : 0
                  let y = hyb.baseAddress! + (v * rows + row) * J
                  let pp = hpb.baseAddress! + (v * rows + row) * J
                  for i in 0..<q {
                    grid.deposit(buf.y0[i] + ev * buf.yPhi[i] + sy, weight: buf.weight[i], into: y, low: jLow)
                    grid.deposit(buf.p0[i] + ev * buf.pPhi[i] + sp, weight: buf.weight[i], into: pp, low: jLow)
                  }
                }
              }
            }
          }
        }
      }
    }
    return (hy, hp)
  }

  /// The contraction of variant v's histograms with the responses of the ε's fc pairs and the
  /// typologies `ts`: E = H_Y·R_Y + H_P·R_P(chimney class of fc) by two dgemms over the kept
  /// intensity nodes, clamped at 0 and stored as Float into `blocks[a] + (u·Mact + mi)·stride + r`
  /// (a: fc pair, u: typology, mi: active bin).
  static func contract(
    plan p: Plan, pair tp: Int, epsilonIndex ei: Int, bins mis: [Int], typologies ts: [Int], hy: [Double],
    hp: [Double], variant v: Int, blocks: [Int], into dst: UnsafeMutablePointer<Float>
  ) {
    let N = p.distances.count
    let S = p.stride
    let Mact = p.magnitudes.count
    let J = p.intensityCount - p.jLow
    let jLow = p.jLow
    let rows = mis.count * N
    let fcs = p.pairs[tp][ei]
    let classes = Array(Set(fcs.map { p.chimneyClass[$0] })).sorted()
    let T = ts.count
    // Response matrices restricted to the kept intensity nodes and the zone's typologies.
    let cy = fcs.count * T
    let cp = classes.count * T
    var ry = [Double](repeating: 0, count: J * cy)
    var rp = [Double](repeating: 0, count: J * cp)
    for j in 0..<J {
      let g = (j + jLow) * p.typologyCount
      for (a, fc) in fcs.enumerated() {
        for (u, t) in ts.enumerated() { ry[j * cy + a * T + u] = p.responseY[fc][g + t] }
      }
      for (a, c) in classes.enumerated() {
        for (u, t) in ts.enumerated() { rp[j * cp + a * T + u] = p.responseP[c][g + t] }
      }
    }
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
}
