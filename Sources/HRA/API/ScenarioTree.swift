import Foundation

/// One earthquake evaluated for every building over the ground-motion, fragility and
/// consequence branches of the logic tree: per building the weighted mean or a weighted
/// percentile (``WeightedQuantile``) of each quantity of ``ScenarioCalculation``.
///
/// For every combination c (weight w_c: median weights at the earthquake's magnitude, Bommer
/// et al. 2021 eq. 9.8, times the other set weights; sets in `fixed` held):
/// ```
/// Q_c(b) = Σ_τ p_b(τ) Σ_j H_c(zone, wierde; R_hyp(b), j) · R_q(j, τ)
/// ```
/// with H the distribution of surface ln AvgSa (or ln PGA) on the intensity grid, averaged over
/// the rupture geometry (the LPR run's ``RuptureKernel`` for the site's distance and direction), and R_q the response of quantity q
/// (collapse state, death inside/outside, chimney) on the grid. One surface-motion quadrature per
/// (τ, φ_ss, median, distance) serves the three ε branches and both wierde flags; the
/// histograms are contracted with all responses in one dgemm (the route of ``ZoneTables``),
/// so the 648 combinations cost about as much as a few central scenarios.
/// Quantities are reported per combination, mixed over the typology mix (the mix is aleatory
/// for one earthquake), and then summarised over the combinations, quantity by quantity.
public enum ScenarioTree {
  /// Per building, in exposure order; statistic of each quantity; `combinations` evaluated.
  public static func run(
    models: ModelSet, exposure: ExposureDatabase, magnitude: Double, x: Double, y: Double,
    statistic: ConditionalTree.Statistic,
    fixed: [String: String], threads: Int
  ) throws -> (rows: [ScenarioCalculation.Row], combinations: Int) {
    try models.validateEarthquake(magnitude: magnitude, x: x, y: y)
    LinearAlgebra.setBLASThreads(1)
    let tree = models.tree
    let fx = try ConditionalTree.resolve(fixed, tree: tree)
    let est = try TreeEstimator(models: models, threads: threads)
    let base = est.base
    let (sites, mixes) = try models.sites(for: exposure)
    // [median, tau, phi, s2s, frag, cons] per combination.
    let combos = ConditionalTree.combinations(tree: tree, magnitude: magnitude, fixed: fx)
    let T = base.fcm.typologies.count
    let J = base.intensityCount
    let N = base.grid.count
    // Responses on the intensity grid: per fragility branch cs1..cs3 (Y); per (frag, cons) inside
    // and outside (Y); per consequence branch chimney (P). Columns [quantity][typology].
    var respY: [[Double]] = []
    var labelsY: [String] = []
    var respP: [[Double]] = []
    var labelsP: [String] = []
    let grid = base.intensityGrid
    func column(_ label: String, _ y: Bool, _ f: (Double, Int) -> Double) {
      let r = grid.tabulate(typologies: T, f)
      if y {
        respY.append(r)
        labelsY.append(label)
      } else {
        respP.append(r)
        labelsP.append(label)
      }
    }
    let nF = tree.fragilityCount
    let nC = tree.consequenceCount
    for f in 0..<nF {
      let m = est.fcms[f][nC / 2]
      column("cs1.\(f)", true) { m.collapseProbabilities(typology: $1, lnAvgSa: $0).0 }
      column("cs2.\(f)", true) { m.collapseProbabilities(typology: $1, lnAvgSa: $0).1 }
      column("cs3.\(f)", true) { m.collapseProbabilities(typology: $1, lnAvgSa: $0).2 }
      for c in 0..<nC {
        let mc = est.fcms[f][c]
        column("in.\(f).\(c)", true) { mc.deathStructural(typology: $1, lnAvgSa: $0).inside }
        column("out.\(f).\(c)", true) { mc.deathStructural(typology: $1, lnAvgSa: $0).outside }
      }
    }
    for c in 0..<nC {
      let m = est.fcms[nF / 2][c]
      column("ch.\(c)", false) { m.deathChimney(typology: $1, lnPGA: $0) }
    }
    let QY = respY.count
    let QP = respP.count
    let ry = interleave(respY, J: J, T: T)
    let rp = interleave(respP, J: J, T: T)  // J × (Q·T)
    let kernel = base.rupture.kernel(magnitude: magnitude, grid: base.grid)
    let d = base.rupture.depthKm
    // GMM branches in use, by (τ·φ pair, median).
    let nPhi = tree.phiCount
    let gmmKeys = Array(Set(combos.map { [$0.branch[1] * nPhi + $0.branch[2], $0.branch[0]] })).sorted {
      $0.lexicographicallyPrecedes($1)
    }
    let motions = try gmmKeys.map { k in
      try SurfaceMotion(
        gmm: base.motion.gmm, amplification: base.motion.amplification,
        branch: GMMBranch(median: k[1], tau: k[0] / nPhi, phi: k[0] % nPhi, s2sEpsilon: 0))
    }
    let gmmIndex = Dictionary(uniqueKeysWithValues: gmmKeys.enumerated().map { ($1, $0) })
    let epsUsed = Array(Set(combos.map { $0.branch[3] })).sorted()
    // Sites per zone.
    var zoneSites: [Int: [Int]] = [:]
    for s in 0..<sites.siteCount { zoneSites[sites.siteZone[s], default: []].append(s) }
    let zones = zoneSites.keys.sorted()
    var siteBuildings = [[Int]](repeating: [], count: sites.siteCount)
    for (b, mix) in mixes.enumerated() { siteBuildings[mix.site].append(b) }
    let out = SharedBuffer<ScenarioCalculation.Row>(
      repeating: ScenarioCalculation.Row(buildingIndex: 0, hypocentralDistanceKm: 0, risk: .zero), count: mixes.count)
    let rule = base.rule
    let q = rule.count
    let wi = base.fcm.weightInside
    let wo = base.fcm.weightOutside
    let zs = zoneSites
    let sb = siteBuildings
    // Per combination: its table (GMM branch, ε) and the column offsets of its quantities.
    struct Columns { var table, cs1, cs2, cs3, inside, outside, chimney: Int }
    let plan = combos.map { c -> Columns in
      let g = gmmIndex[[c.branch[1] * nPhi + c.branch[2], c.branch[0]]]!
      let f = c.branch[4]
      let k = c.branch[5]
      func y(_ l: String) -> Int { labelsY.firstIndex(of: l)! * T }
      return Columns(
        table: g * epsUsed.count + epsUsed.firstIndex(of: c.branch[3])!, cs1: y("cs1.\(f)"), cs2: y("cs2.\(f)"),
        cs3: y("cs3.\(f)"),
        inside: y("in.\(f).\(k)"), outside: y("out.\(f).\(k)"), chimney: (QY + labelsP.firstIndex(of: "ch.\(k)")!) * T)
    }
    let weights = combos.map(\.weight)
    parallelFor(zones.count, threads: threads) { zi in
      let z = zones[zi]
      let flags = Array(Set(zs[z]!.map { sites.siteWierde[$0] })).sorted { !$0 && $1 }
      // tables[(g * eps + e) * flags + w] = N (R_rup) × (QY + QP)·T.
      var tables: [[Double]] = []
      var nodes = [Double](repeating: 0, count: 5 * q)
      for motion in motions {
        let V = epsUsed.count * flags.count
        var hy = [Double](repeating: 0, count: V * N * J)
        var hp = hy
        let (dY, dP) = motion.wierdeShift
        nodes.withUnsafeMutableBufferPointer { nb in
          hy.withUnsafeMutableBufferPointer { hyb in
            hp.withUnsafeMutableBufferPointer { hpb in
              let buf = SurfaceMotion.NodeBuffer(base: nb.baseAddress!, count: q)
              let hyp = hyb.baseAddress!
              let hpp = hpb.baseAddress!
              for r in 0..<N {
                motion.quadratureNodes(
                  SurfaceMotion.Context(magnitude: magnitude, rrup: base.grid.nodes[r], zoneIndex: z, wierde: false),
                  rule: rule, into: buf)
                for (ei, e) in epsUsed.enumerated() {
                  let ev = tree.s2sEpsilons[e]
                  for (wi, w) in flags.enumerated() {
                    let v = ei * flags.count + wi
                    for i in 0..<q {
                      grid.deposit(
                        buf.y0[i] + ev * buf.yPhi[i] + (w ? dY : 0), weight: buf.weight[i], into: hyp + (v * N + r) * J)
                      grid.deposit(
                        buf.p0[i] + ev * buf.pPhi[i] + (w ? dP : 0), weight: buf.weight[i], into: hpp + (v * N + r) * J)
                    }
                  }
                }
              }
            }
          }
        }
        for v in 0..<V {
          let C = (QY + QP) * T
          var e = [Double](repeating: 0, count: N * C)
          hy.withUnsafeBufferPointer { h in
            LinearAlgebra.gemm(
              m: N, n: QY * T, k: J, a: h.baseAddress! + v * N * J, lda: J, b: ry, ldb: QY * T, c: &e, ldc: C)
          }
          hp.withUnsafeBufferPointer { h in
            e.withUnsafeMutableBufferPointer { eb in
              LinearAlgebra.gemm(
                m: N, n: QP * T, k: J, a: h.baseAddress! + v * N * J, lda: J, b: rp, ldb: QP * T,
                c: eb.baseAddress! + QY * T, ldc: C)
            }
          }
          tables.append(e)
        }
      }
      // Every site of the zone, every building, every combination.
      let C = (QY + QP) * T
      var vals = [Double](repeating: 0, count: C)
      var perCombo = [[Double]](repeating: [Double](repeating: 0, count: combos.count), count: 7)
      for s in zs[z]! {
        let n = sites.siteNode[s]
        let dx = (sites.nodeX[n] - x) / 1000
        let dy = (sites.nodeY[n] - y) / 1000
        let rh = (dx * dx + dy * dy + d * d).squareRoot()
        let wflag = flags.firstIndex(of: sites.siteWierde[s])!
        let row = kernel.row(
          hypocentralKm: rh, azimuth: RuptureKernel.azimuth(east: dx, north: dy), grid: base.grid)
        // Interpolated values per table variant, computed lazily.
        var cache: [Int: [Double]] = [:]
        func values(_ t: Int) -> [Double] {
          if let v = cache[t] { return v }
          var v = [Double](repeating: 0, count: C)
          for (r, w) in row.enumerated() where w != 0 { for c in 0..<C { v[c] += w * tables[t][r * C + c] } }
          cache[t] = v
          return v
        }
        for b in sb[s] {
          let mix = mixes[b]
          for (ci, cc) in plan.enumerated() {
            vals = values(cc.table * flags.count + wflag)
            var r = ConditionalRisk.zero
            for (k, t) in mix.typologies.enumerated() {
              let one = ConditionalRisk(
                pCS1: min(max(vals[cc.cs1 + t], 0), 1), pCS2: min(max(vals[cc.cs2 + t], 0), 1),
                pCS3: min(max(vals[cc.cs3 + t], 0), 1),
                pDeathInside: max(0, vals[cc.inside + t]), pDeathOutsideStructural: max(0, vals[cc.outside + t]),
                pDeathChimney: max(0, vals[cc.chimney + t]), lpr: 0)
              r.add(one, weight: mix.probabilities[k])
            }
            r.lpr = wi * r.pDeathInside + wo * r.pDeathOutside
            perCombo[0][ci] = r.pCS1
            perCombo[1][ci] = r.pCS2
            perCombo[2][ci] = r.pCS3
            perCombo[3][ci] = r.pDeathInside
            perCombo[4][ci] = r.pDeathOutsideStructural
            perCombo[5][ci] = r.pDeathChimney
            perCombo[6][ci] = r.lpr
          }
          let st = (0..<7).map { k -> Double in
            switch statistic {
            case .mean: return zip(perCombo[k], weights).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
            case .percentile(let p): return WeightedQuantile.quantile(perCombo[k], weights: weights, q: p)
            }
          }
          out.pointer[b] = ScenarioCalculation.Row(
            buildingIndex: b, hypocentralDistanceKm: rh,
            risk: ConditionalRisk(
              pCS1: st[0], pCS2: st[1], pCS3: st[2], pDeathInside: st[3], pDeathOutsideStructural: st[4],
              pDeathChimney: st[5], lpr: st[6]))
        }
      }
    }
    return (out.array(), combos.count)
  }

  /// Columns [quantity][typology] of several J × T responses as one J × (Q·T) matrix.
  static func interleave(_ r: [[Double]], J: Int, T: Int) -> [Double] {
    var out = [Double](repeating: 0, count: J * r.count * T)
    for j in 0..<J {
      for (qi, m) in r.enumerated() { for t in 0..<T { out[j * r.count * T + qi * T + t] = m[j * T + t] } }
    }
    return out
  }
}
