/// The intensity histograms of one GMM branch (τ, φ_ss, median) in one zone: the distribution of
/// surface ln AvgSa and ln PGA on the intensity grid (``IntensityGrid``) at every (magnitude,
/// R_rup node) row, for every site-to-site ε and wierde flag. The first step of every table of
/// the tree pipeline built by histogram × response: the LPR columns (``LPRColumns``) and the
/// scenario tree's tables (``ScenarioTreeContraction``).
///
/// ```
/// H_v(row, j) = Σ_i w_i · Λ_j(y0_i + ε·yΦ_i + Δ_wierde)     v = ε index · flags + wierde index
/// ```
/// (Λ_j the linear mass assignment of ``IntensityGrid/deposit(_:weight:into:low:)``, i the nodes of
/// the surface-motion quadrature). One quadrature per (magnitude, distance) serves every ε and
/// both wierde flags (they enter linearly: ``SurfaceMotion/NodeBuffer``).
enum IntensityHistograms {
  /// - Parameters:
  ///   - magnitudes: the magnitude of each row block (rows `ii · N + r`, N = `distances.count`);
  ///   - distances: R_rup nodes [km];
  ///   - epsilons: ε_S2S values, in variant order;
  ///   - flags: wierde flags (false before true);
  ///   - low: first grid node kept (nodes below are dropped);
  ///   - nodes: scratch of 5 · rule.count doubles.
  /// - Returns: `[v][row][j − low]` for ln AvgSa (`hy`) and ln PGA (`hp`).
  static func build(
    motion: SurfaceMotion, magnitudes: [Double], distances: [Double], zoneIndex: Int, epsilons: [Double],
    flags: [Bool], grid: IntensityGrid, low jLow: Int, rule: SurfaceMotion.Rule, nodes: inout [Double]
  ) -> (hy: [Double], hp: [Double]) {
    let N = distances.count
    let J = grid.count - jLow
    let q = rule.count
    let rows = magnitudes.count * N
    let (dY, dP) = motion.wierdeShift
    let V = epsilons.count * flags.count
    var hy = [Double](repeating: 0, count: V * rows * J)
    var hp = hy
    hy.withUnsafeMutableBufferPointer { hyb in
      hp.withUnsafeMutableBufferPointer { hpb in
        nodes.withUnsafeMutableBufferPointer { nb in
          let buf = SurfaceMotion.NodeBuffer(base: nb.baseAddress!, count: q)
          for (ii, m) in magnitudes.enumerated() {
            for r in 0..<N {
              let ctx = SurfaceMotion.Context(magnitude: m, rrup: distances[r], zoneIndex: zoneIndex, wierde: false)
              motion.quadratureNodes(ctx, rule: rule, into: buf)
              let row = ii * N + r
              for (ei, ev) in epsilons.enumerated() {
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
}
