import Foundation

/// One earthquake evaluated for every building over the ground-motion, fragility and
/// consequence branches of the logic tree: per building the weighted mean or a weighted
/// percentile (``WeightedQuantile``) of each quantity of ``ConditionalRisk``.
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
package struct ScenarioTreeContraction: Sendable {
  /// Per combination: its table (GMM branch, ε) and the column offsets of its quantities.
  struct Columns: Sendable { var table, cs1, cs2, cs3, inside, outside, chimney: Int }

  /// Responses on the intensity grid, columns [quantity][typology]: per fragility branch
  /// cs1..cs3 and per (fragility, consequence) death inside and outside on ln AvgSa (Y); per
  /// consequence branch death by chimney on ln PGA (P).
  struct Responses {
    var y: [[Double]] = []
    var labelsY: [String] = []
    var p: [[Double]] = []
    var labelsP: [String] = []
  }

  let base: RiskModel
  let tree: LogicTree
  let magnitude: Double
  let x: Double
  let y: Double
  let weights: [Double]
  let plan: [Columns]
  /// Surface motion per GMM branch in use, by (τ·φ pair, median).
  let motions: [SurfaceMotion]
  /// The ε_S2S branches in use.
  let epsUsed: [Int]
  /// Typologies, intensity nodes, distance nodes; Y and P quantities.
  let T: Int
  let J: Int
  let N: Int
  let QY: Int
  let QP: Int
  /// J × (QY·T) and J × (QP·T).
  let ry: [Double]
  let rp: [Double]
  let kernel: RuptureKernel

  /// The responses, GMM branches and column plan of the `combinations`
  /// ([median, τ, φ_ss, ε, fragility, consequence] and weight) of one earthquake.
  /// - Parameters:
  ///   - magnitude: moment magnitude.
  ///   - x, y: epicentre [RD m].
  package init(
    estimator est: TreeEstimator, combinations combos: [(branch: [Int], weight: Double)], magnitude: Double,
    x: Double, y: Double
  ) throws {
    let base = est.base
    let tree = est.tree
    self.base = base
    self.tree = tree
    self.magnitude = magnitude
    self.x = x
    self.y = y
    T = base.fcm.typologies.count
    J = base.intensityCount
    N = base.grid.count
    let resp = Self.responses(est, typologies: T)
    QY = resp.y.count
    QP = resp.p.count
    ry = Self.interleave(resp.y, J: J, T: T)
    rp = Self.interleave(resp.p, J: J, T: T)  // J × (Q·T)
    kernel = base.rupture.kernel(magnitude: magnitude, grid: base.grid)
    // GMM branches in use, by (τ·φ pair, median).
    let nPhi = tree.phiCount
    let gmmKeys = Array(Set(combos.map { [$0.branch[1] * nPhi + $0.branch[2], $0.branch[0]] })).sorted {
      $0.lexicographicallyPrecedes($1)
    }
    motions = try gmmKeys.map { k in
      try SurfaceMotion(
        gmm: base.motion.gmm, amplification: base.motion.amplification,
        branch: GMMBranch(median: k[1], tau: k[0] / nPhi, phi: k[0] % nPhi, s2sEpsilon: 0))
    }
    let gmmIndex = Dictionary(uniqueKeysWithValues: gmmKeys.enumerated().map { ($1, $0) })
    let epsUsed = Array(Set(combos.map { $0.branch[3] })).sorted()
    self.epsUsed = epsUsed
    let (T, QY) = (T, QY)
    plan = combos.map { c -> Columns in
      let g = gmmIndex[[c.branch[1] * nPhi + c.branch[2], c.branch[0]]]!
      let f = c.branch[4]
      let k = c.branch[5]
      func y(_ l: String) -> Int { resp.labelsY.firstIndex(of: l)! * T }
      return Columns(
        table: g * epsUsed.count + epsUsed.firstIndex(of: c.branch[3])!, cs1: y("cs1.\(f)"), cs2: y("cs2.\(f)"),
        cs3: y("cs3.\(f)"),
        inside: y("in.\(f).\(k)"), outside: y("out.\(f).\(k)"),
        chimney: (QY + resp.labelsP.firstIndex(of: "ch.\(k)")!) * T)
    }
    weights = combos.map(\.weight)
  }

  /// The responses of every fragility and consequence branch on the intensity grid.
  static func responses(_ est: TreeEstimator, typologies T: Int) -> Responses {
    var resp = Responses()
    let grid = est.base.intensityGrid
    func column(_ label: String, _ y: Bool, _ f: (Double, Int) -> Double) {
      let r = grid.tabulate(typologies: T, f)
      if y {
        resp.y.append(r)
        resp.labelsY.append(label)
      } else {
        resp.p.append(r)
        resp.labelsP.append(label)
      }
    }
    let nF = est.tree.fragilityCount
    let nC = est.tree.consequenceCount
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
    return resp
  }

  /// Columns [quantity][typology] of several J × T responses as one J × (Q·T) matrix.
  static func interleave(_ r: [[Double]], J: Int, T: Int) -> [Double] {
    var out = [Double](repeating: 0, count: J * r.count * T)
    for j in 0..<J {
      for (qi, m) in r.enumerated() { for t in 0..<T { out[j * r.count * T + qi * T + t] = m[j * T + t] } }
    }
    return out
  }

  /// Per building, in exposure order: the statistic of each quantity over the combinations.
  /// The zone loop is the tree pipeline's ``ZoneDriver`` (largest zone first, one zone per job);
  /// each zone's ``Zone`` reducer writes only its own buildings, so the order does not matter.
  package func run(
    sites: RiskSites, mixes: [MonteCarloEstimator.Mix], statistic: TreeStatistic, threads: Int
  ) -> [ScenarioBuildingRisk] {
    var siteBuildings = [[Int]](repeating: [], count: sites.siteCount)
    for (b, mix) in mixes.enumerated() { siteBuildings[mix.site].append(b) }
    let out = SharedBuffer<ScenarioBuildingRisk>(
      repeating: ScenarioBuildingRisk(buildingIndex: 0, hypocentralDistanceKm: 0, risk: .zero), count: mixes.count)
    let reducer = Zone(
      contraction: self, sites: sites, mixes: mixes, statistic: statistic, siteBuildings: siteBuildings, out: out)
    ZoneDriver(sites: sites).run(reducer, threads: threads)
    return out.array()
  }

  /// One zone of the scenario tree as a reducer of the ``ZoneDriver``: the zone's tables
  /// (``zoneTables(zone:flags:)``), then every site of the zone, every building, every combination
  /// (``site(_:sites:flags:tables:buildings:mixes:statistic:perCombo:out:)``).
  struct Zone: ZoneReducer {
    let contraction: ScenarioTreeContraction
    let sites: RiskSites
    let mixes: [MonteCarloEstimator.Mix]
    let statistic: TreeStatistic
    /// The buildings of each site, in exposure order.
    let siteBuildings: [[Int]]
    /// Per building, in exposure order.
    let out: SharedBuffer<ScenarioBuildingRisk>

    func reduce(zone z: Int, position: Int, sites members: [Int]) {
      let flags = Array(Set(members.map { sites.siteWierde[$0] })).sorted { !$0 && $1 }
      let tables = contraction.zoneTables(zone: z, flags: flags)
      var perCombo = [[Double]](repeating: [Double](repeating: 0, count: contraction.plan.count), count: 7)
      for s in members {
        contraction.site(
          s, sites: sites, flags: flags, tables: tables, buildings: siteBuildings[s], mixes: mixes,
          statistic: statistic, perCombo: &perCombo, out: out)
      }
    }
  }

  /// The tables of one zone: `tables[(g * eps + e) * flags + w]` = N (R_rup) × (QY + QP)·T, the
  /// surface-motion histograms of each GMM branch, ε and wierde flag (``IntensityHistograms``,
  /// the LPR columns' histograms at the one magnitude, on the full grid) contracted with the
  /// responses.
  func zoneTables(zone z: Int, flags: [Bool]) -> [[Double]] {
    var tables: [[Double]] = []
    var nodes = [Double](repeating: 0, count: 5 * base.rule.count)
    for motion in motions {
      let (hy, hp) = IntensityHistograms.build(
        motion: motion, magnitudes: [magnitude], distances: base.grid.nodes, zoneIndex: z,
        epsilons: epsUsed.map { tree.s2sEpsilons[$0] }, flags: flags, grid: base.intensityGrid, low: 0,
        rule: base.rule, nodes: &nodes)
      for v in 0..<(epsUsed.count * flags.count) { tables.append(contract(hy, hp, variant: v)) }
    }
    return tables
  }

  /// One table variant: N × J histograms of ln AvgSa (`hy`) and ln PGA (`hp`) times the responses.
  func contract(_ hy: [Double], _ hp: [Double], variant v: Int) -> [Double] {
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
    return e
  }

  /// Every building of site `s`: its tables interpolated at the site's hypocentral distance and
  /// direction, the quantities of each combination mixed over its typologies, and their statistic.
  func site(
    _ s: Int, sites: RiskSites, flags: [Bool], tables: [[Double]], buildings: [Int], mixes: [MonteCarloEstimator.Mix],
    statistic: TreeStatistic, perCombo: inout [[Double]], out: SharedBuffer<ScenarioBuildingRisk>
  ) {
    let C = (QY + QP) * T
    let d = base.rupture.depthKm
    var vals = [Double](repeating: 0, count: C)
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
    let wi = base.fcm.weightInside
    let wo = base.fcm.weightOutside
    for b in buildings {
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
      let st = (0..<7).map { k -> Double in statistic.of(perCombo[k], weights: weights) }
      out.pointer[b] = ScenarioBuildingRisk(
        buildingIndex: b, hypocentralDistanceKm: rh,
        risk: ConditionalRisk(
          pCS1: st[0], pCS2: st[1], pCS3: st[2], pDeathInside: st[3], pDeathOutsideStructural: st[4],
          pDeathChimney: st[5], lpr: st[6]))
    }
  }
}
