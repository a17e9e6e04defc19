import Foundation

/// Group risk by event sets: synthetic earthquakes with spatially correlated ground-motion
/// fields, their fatalities and collapses, and the FN curve per gas year and logic-tree sample.
///
/// **Sampling (stratified by magnitude, shared by all gas years).** For tree sample s (source
/// branch with rates λ_t(c, m) per gas year t, cell c, magnitude bin m) each bin with rate is a
/// stratum with K events. Epicentres are drawn from the bin's rate summed over the run's years,
/// q_m(c) = Σ_t λ_t(c, m) / R_m, R_m = Σ_t Σ_c λ_t(c, m), and each event carries, for every year,
/// the weight
/// ```
/// w_t(e) = λ_t(c_e, m) / (K · q_m(c_e))          (events per year the sample event stands for)
/// F̂_s,t(≥ n) = Σ_m Σ_e w_t(e)·1[N_e ≥ n],   PLL̂_s,t = Σ_m Σ_e w_t(e)·N_e
/// Var̂ = Σ_m K/(K−1)·(Σ_e y_e² − (Σ_e y_e)²/K)    (y_e = w_t(e)·x_e, strata independent)
/// ```
/// an unbiased importance-sampling estimator of the annual frequencies (E[w_t·x] over q_m =
/// Σ_c λ_t(c, m)·E[x | c, m]). As in ``MonteCarloEstimator`` the magnitude is the bin centre,
/// the epicentre the cell centre, the hypocentre at fraction u ~ U(0,1) of a rupture whose
/// length and strike are drawn from the ``RuptureModel`` (log-normal about Leonard's L(m), strike
/// N(−30°, 30°) from north).
///
/// **Ground-motion field.** Per event one whitened between-event vector η ~ N(0, I₁₀) shared by
/// every site and a whitened within-event field ω = L·Z on the risk nodes (L the factor of
/// ``SpatialCorrelation``, ω_k independent across the ten periods before the GMM's period
/// correlation is applied by ``SurfaceMotion``); at site i with σ_k the arbitrary-component σ
/// of its (M, R_rup) and τ_k the branch's between-event σ:
/// ```
/// α_i = Σ_k τ_k² / Σ_k σ_k²(M, R_i),   z_k(i) = √α_i·η_k + √(1 − α_i)·ω_k(node(i))
/// (ln AvgSa, ln PGA) = SurfaceMotion.sample(M, R_i, zone, wierde; z(i))
/// ```
/// so the marginal distribution at every site is exactly the LPR's. The site-to-site term is
/// the sample's epistemic ε (V7) inside ``SurfaceMotion``.
///
/// **Fatalities** N_e = Σ_s Σ_τ inside·P_in + outside·(P_out + P_ch) (``GroupExposure``): the
/// conditional expectation given the field. Collapses: Σ buildings·P(≥ CSk), k = 1, 2, 3.
///
/// Determinism: the stream of event e of stratum m of sample s is keyed by (seed, s, m, e);
/// each (sample, stratum) job writes its own slots, combined in job order: bit-identical for
/// any thread count.
package struct EventSetEstimator: Sendable {
  /// How residuals are shared between sites.
  package enum Correlation: String, Sendable, Codable, CaseIterable {
    /// Between-event term shared, within-event field spatially correlated (the model).
    case full
    /// Between-event term shared, within-event residuals independent between nodes.
    case between_only
    /// Every site independent (α = 0, no spatial correlation): the LPR's Monte Carlo.
    case independent
  }

  /// One logic-tree sample as the estimator needs it.
  package struct Branch: Sendable {
    /// The sample index (stream key) and weight.
    package var index: Int
    package var weight: Double
    /// Index into the rate fields.
    package var source: Int
    package var tau: Int
    package var phi: Int
    package var s2sEpsilon: Double
    /// Median GMM branch per rate-field magnitude bin.
    package var medianOfBin: [Int]
    package var fcm: FragilityConsequence
    package init(
      index: Int, weight: Double, source: Int, tau: Int, phi: Int, s2sEpsilon: Double, medianOfBin: [Int],
      fcm: FragilityConsequence
    ) {
      self.index = index
      self.weight = weight
      self.source = source
      self.tau = tau
      self.phi = phi
      self.s2sEpsilon = s2sEpsilon
      self.medianOfBin = medianOfBin
      self.fcm = fcm
    }
  }

  /// One sampled earthquake of the top list.
  package struct Event: Sendable, Codable, Equatable {
    package var year: Int
    package var sample: Int
    package var stratum: Int
    package var event: Int
    package var magnitude: Double
    package var x: Double
    package var y: Double
    package var fatalities: Double
    package var collapses: [Double]
    /// Events per year this sample event stands for (w_t).
    package var weight: Double
  }

  /// Per gas year, per tree sample and quantity: the estimate and its Monte Carlo variance.
  package struct Result: Sendable {
    /// Fatality thresholds n of the FN curve.
    package let thresholds: [Double]
    package let yearCount: Int
    package let branchCount: Int
    /// Quantities per (branch, year): thresholds.count frequencies, then PLL, then expected
    /// collapses CS1, CS2, CS3 per year. `value[(b * years + t) * Q + q]`.
    package let value: [Double]
    package let variance: [Double]
    package let weights: [Double]
    /// The worst events per gas year (by N, ties by sample, stratum, event).
    package let top: [[Event]]
    package let events: Int
    package let siteEvents: Int
    /// With `perSite`: expected fatalities per year per site and its variance, `[(b*years + t)*sites + s]`.
    package var siteFatalities: [Double] = []
    package var siteVariance: [Double] = []
    package var quantityCount: Int { thresholds.count + 4 }
    package func index(branch b: Int, year t: Int, quantity q: Int) -> Int { (b * yearCount + t) * quantityCount + q }
  }

  package let gmm: any GroundMotionModel
  package let amplification: any SiteResponseModel
  package let rupture: RuptureModel
  package let rMax: Double
  package let field: SpatialCorrelation
  package let correlation: Correlation
  package let threads: Int
  /// Events kept per gas year in the top list (`events-top.csv`) unless a run asks otherwise.
  package static let topCount = 100
  package static let streamPurpose: UInt64 = 0x4752_4F55_5052_534B  // "GROUPRSK"
  /// Standard deviations below the lowest fragility median (CS1) and chimney median at which a
  /// site's terms are left out (Φ(−8) ≈ 6e-16).
  static let tailCut = 8.0
  /// Events whose fields are correlated in one triangular product.
  static let batch = 8

  /// - Parameters:
  ///   - base: the model chain (GMM, site response, rupture, distance cut-off) of the run.
  ///   - field: the spatial correlation on the risk nodes (`sites.nodeX/nodeY`).
  package init(base: RiskModel, field: SpatialCorrelation, correlation: Correlation, threads: Int) {
    gmm = base.motion.gmm
    amplification = base.motion.amplification
    rupture = base.rupture
    rMax = base.grid.rMax
    self.field = field
    self.correlation = correlation
    self.threads = max(1, threads)
  }

  /// A sampled event of a job's top list with its weight in every gas year.
  struct Candidate {
    var event: Event
    var weights: [Double]
  }

  struct JobOutput {
    var sums: [Double]
    var squares: [Double]
    var top: [Candidate]
    var siteSums: [Double]
    var siteSquares: [Double]
    var siteEvents: Int
  }

  /// Runs every (sample, stratum) of the branches over the rate fields.
  /// - Parameters:
  ///   - eventsPerStratum: K ≥ 2 for bins with centre magnitude ≥ `splitMagnitude`.
  ///   - eventsLow: K ≥ 2 for the bins below (small events: most of the rate, little of the risk).
  ///   - thresholds: n of F(≥ n), ascending.
  ///   - topCount: events kept per gas year.
  ///   - perSite: also the expected fatalities per site (tests; memory sites × years × jobs).
  ///   - only: compute only the branches with these indices (a shard of `hra group-risk --shard`);
  ///     the others keep value and variance 0 and add no events. A branch's numbers and events
  ///     depend on its own jobs only (streams keyed by sample, stratum and event), so the branches
  ///     of several such runs put together equal the run of all.
  package func run(
    sites: RiskSites, exposure: GroupExposure, rates: [RateField], branches: [Branch], eventsPerStratum: Int,
    eventsLow: Int? = nil, splitMagnitude: Double = -.infinity, thresholds: [Double], seed: UInt64,
    topCount: Int = EventSetEstimator.topCount, perSite: Bool = false, only: Range<Int>? = nil
  ) -> Result {
    let low = eventsLow ?? eventsPerStratum
    precondition(eventsPerStratum >= 2 && low >= 2 && !rates.isEmpty && field.count == sites.nodeCount)
    let kOf = rates[0].magnitudes.map { $0 >= splitMagnitude ? eventsPerStratum : low }
    LinearAlgebra.setBLASThreads(1)
    let jobs = EventSetEstimator.jobs(rates: rates, branches: branches, only: only)
    let out = SharedBuffer<JobOutput?>(repeating: nil, count: jobs.count)
    let me = self
    parallelFor(jobs.count, threads: threads) { j in
      let (b, m) = jobs[j]
      out.pointer[j] = me.job(
        sites: sites, exposure: exposure, rates: rates[branches[b].source], branch: branches[b], bin: m, K: kOf[m],
        thresholds: thresholds, seed: seed, topCount: topCount, perSite: perSite)
    }
    return EventSetEstimator.combine(
      jobs: jobs, outputs: (0..<jobs.count).map { out.pointer[$0]! }, kOf: kOf, gasYears: rates[0].gasYears,
      branches: branches, siteCount: sites.siteCount, thresholds: thresholds, topCount: topCount, perSite: perSite)
  }

  /// The jobs of a run: every (branch, bin) whose source branch has some rate in the bin, in
  /// branch order, for the branches in `only` (all when nil).
  static func jobs(rates: [RateField], branches: [Branch], only: Range<Int>?) -> [(b: Int, m: Int)] {
    let Y = rates[0].gasYears.count
    let M = rates[0].binCount
    let active = rates.map { r in
      var has = [Bool](repeating: false, count: M)
      let C = r.cellCount
      for t in 0..<Y { for c in 0..<C { for m in 0..<M where r.rates[(t * C + c) * M + m] > 0 { has[m] = true } } }
      return has
    }
    var jobs: [(b: Int, m: Int)] = []
    for (b, br) in branches.enumerated() where only?.contains(b) ?? true {
      for m in 0..<M where active[br.source][m] { jobs.append((b, m)) }
    }
    return jobs
  }

  /// Combines the jobs' outputs in job order: per (branch, year, quantity) the sums and the
  /// stratified variance K/(K−1)·(Σy² − (Σy)²/K), the top list per gas year, per site with
  /// `perSite`; weights normalised over the branches.
  static func combine(
    jobs: [(b: Int, m: Int)], outputs: [JobOutput], kOf: [Int], gasYears: [Int], branches: [Branch], siteCount S: Int,
    thresholds: [Double], topCount: Int, perSite: Bool
  ) -> Result {
    let B = branches.count
    let Y = gasYears.count
    let Q = thresholds.count + 4
    var value = [Double](repeating: 0, count: B * Y * Q)
    var variance = value
    var siteF = [Double](repeating: 0, count: perSite ? B * Y * S : 0)
    var siteV = siteF
    var top = [[Event]](repeating: [], count: Y)
    var siteEvents = 0
    var events = 0
    for (j, (b, m)) in jobs.enumerated() {
      let o = outputs[j]
      let k = Double(kOf[m])
      events += kOf[m]
      siteEvents += o.siteEvents
      for t in 0..<Y {
        for q in 0..<Q {
          let s = o.sums[t * Q + q]
          let s2 = o.squares[t * Q + q]
          value[(b * Y + t) * Q + q] += s
          variance[(b * Y + t) * Q + q] += max(0, k / (k - 1) * (s2 - s * s / k))
        }
        for cand in o.top where cand.weights[t] > 0 {
          var e = cand.event
          e.year = gasYears[t]
          e.weight = cand.weights[t]
          top[t].append(e)
        }
        if top[t].count > 4 * topCount {
          top[t] = EventSetEstimator.best(top[t], topCount)
        }
        if perSite {
          for s in 0..<S {
            let a = o.siteSums[t * S + s]
            let a2 = o.siteSquares[t * S + s]
            siteF[(b * Y + t) * S + s] += a
            siteV[(b * Y + t) * S + s] += max(0, k / (k - 1) * (a2 - a * a / k))
          }
        }
      }
    }
    top = top.map { EventSetEstimator.best($0, topCount) }
    let wsum = branches.reduce(0) { $0 + $1.weight }
    var r = Result(
      thresholds: thresholds, yearCount: Y, branchCount: B, value: value, variance: variance,
      weights: branches.map { $0.weight / wsum }, top: top, events: events, siteEvents: siteEvents)
    r.siteFatalities = siteF
    r.siteVariance = siteV
    return r
  }

  /// The factors (√α, √(1 − α)) of the between-event vector η and the within-event field ω in
  /// a site's standardised residual z = √α·η + √(1 − α)·ω (α clipped to [0, 1]): Var z = 1 for
  /// any α, and two sites i, j have Corr(z_i, z_j) = √(α_i α_j) + √((1 − α_i)(1 − α_j))·ρ(h_ij).
  @inline(__always)
  package static func split(alpha: Double) -> (between: Double, within: Double) {
    let a = min(1, max(0, alpha))
    return (a.squareRoot(), (1 - a).squareRoot())
  }

  /// The `n` events with the largest N (ties: sample, stratum, event), deterministic.
  static func best(_ e: [Event], _ n: Int) -> [Event] {
    Array(
      e.sorted {
        ($0.fatalities, -$0.sample, -$0.stratum, -$0.event) > ($1.fatalities, -$1.sample, -$1.stratum, -$1.event)
      }
      .prefix(n))
  }

  /// One stratum of one tree sample: K events, drawn in batches of ``batch`` whose fields are
  /// correlated together; each event's fatalities and collapses are summed over the sites and
  /// recorded per gas year.
  func job(
    sites: RiskSites, exposure: GroupExposure, rates: RateField, branch: Branch, bin m: Int, K: Int,
    thresholds: [Double], seed: UInt64, topCount: Int, perSite: Bool
  ) -> JobOutput {
    let st = stratum(sites: sites, exposure: exposure, rates: rates, branch: branch, bin: m, K: K, perSite: perSite)
    let Y = rates.gasYears.count
    let S = sites.siteCount
    let Q = thresholds.count + 4
    var o = JobOutput(
      sums: [Double](repeating: 0, count: Y * Q), squares: [Double](repeating: 0, count: Y * Q),
      top: [], siteSums: [Double](repeating: 0, count: perSite ? Y * S : 0),
      siteSquares: [Double](repeating: 0, count: perSite ? Y * S : 0), siteEvents: 0)
    var b = Batch(nodes: sites.nodeCount, periods: gmm.periods.count)
    var siteN = [Double](repeating: 0, count: perSite ? S : 0)
    var e0 = 0
    while e0 < K {
      let count = min(EventSetEstimator.batch, K - e0)
      draw(&b, stratum: st, first: e0, count: count, seed: seed)
      for slot in 0..<count {
        let loss = st.loss(of: b, slot: slot, siteEvents: &o.siteEvents, siteN: &siteN)
        st.record(
          loss, event: e0 + slot, cell: b.cells[slot], thresholds: thresholds, topCount: topCount, siteN: siteN,
          into: &o)
      }
      e0 += count
    }
    return o
  }

  /// What every event of one (sample, stratum) job shares: the proposal over cells, the
  /// surface motion of the branch, the rupture length and the per-site tail cuts.
  struct Stratum {
    let sites: RiskSites
    let exposure: GroupExposure
    let rates: RateField
    let branch: Branch
    /// The bin m, its magnitude and K (events of the stratum).
    let m: Int
    let magnitude: Double
    let K: Int
    /// Cumulative proposal q(c) = Σ_t λ_t(c, m) over the cells and its total R_m.
    let cdf: [Double]
    let total: Double
    let motion: SurfaceMotion
    /// Σ_k τ_k² of the branch's between-event σ.
    let tau2: Double
    /// Median rupture length [km] at the bin's magnitude.
    let lengthKm: Double
    /// Per site the ln AvgSa and ln PGA below both of which its terms are left out.
    let minY: [Double]
    let minP: [Double]
    let rupture: RuptureModel
    let rMax: Double
    let shareBetween: Bool
    let perSite: Bool
  }

  /// The random numbers of a batch of events: cells, ruptures, between-event vectors η
  /// `[slot·n + k]` and the within-event field z `[node·width + slot·n + k]` (width = batch·n).
  struct Batch {
    var z: [Double]
    var eta: [Double]
    var cells: [Int]
    var ruptures: [EventRupture]
    let n: Int
    let width: Int
    init(nodes: Int, periods n: Int) {
      self.n = n
      width = EventSetEstimator.batch * n
      z = [Double](repeating: 0, count: nodes * width)
      eta = [Double](repeating: 0, count: EventSetEstimator.batch * n)
      cells = [Int](repeating: 0, count: EventSetEstimator.batch)
      ruptures = [EventRupture](
        repeating: EventRupture(eastKm: 0, northKm: 0, lengthKm: 0, strike: 0, position: 0),
        count: EventSetEstimator.batch)
    }
  }

  /// The set-up of one job: the proposal over cells (the bin's rate summed over the years),
  /// the branch's surface motion and Σ τ², the median rupture length and the tail cuts.
  func stratum(
    sites: RiskSites, exposure: GroupExposure, rates: RateField, branch: Branch, bin m: Int, K: Int, perSite: Bool
  ) -> Stratum {
    let (cdf, total) = EventSetEstimator.proposal(rates: rates, bin: m)
    // Cannot fail: the GMM and site response periods and the period correlation were checked
    // when `base` (the same two models) was built.
    let motion = try! SurfaceMotion(
      gmm: gmm, amplification: amplification,
      branch: GMMBranch(median: branch.medianOfBin[m], tau: branch.tau, phi: branch.phi, s2sEpsilon: branch.s2sEpsilon)
    )
    var tau = [Double](repeating: 0, count: gmm.periods.count)
    tau.withUnsafeMutableBufferPointer { gmm.betweenEventSigma(tauBranch: branch.tau, into: $0.baseAddress!) }
    let tau2 = tau.reduce(0) { $0 + $1 * $1 }
    let mag = rates.magnitudes[m]
    let (minY, minP) = EventSetEstimator.tailCuts(exposure: exposure, siteCount: sites.siteCount, fcm: branch.fcm)
    return Stratum(
      sites: sites, exposure: exposure, rates: rates, branch: branch, m: m, magnitude: mag, K: K, cdf: cdf,
      total: total, motion: motion, tau2: tau2, lengthKm: rupture.lengthKm(magnitude: mag), minY: minY, minP: minP,
      rupture: rupture, rMax: rMax, shareBetween: correlation != .independent, perSite: perSite)
  }

  /// The proposal over cells of bin m: cumulative sums of q(c) = Σ_t λ_t(c, m) [1/yr] in cell
  /// order, and their total R_m.
  static func proposal(rates: RateField, bin m: Int) -> (cdf: [Double], total: Double) {
    let Y = rates.gasYears.count
    let C = rates.cellCount
    let M = rates.binCount
    var cdf = [Double](repeating: 0, count: C)
    var acc = 0.0
    for c in 0..<C {
      var q = 0.0
      for t in 0..<Y { q += rates.rates[(t * C + c) * M + m] }
      acc += q
      cdf[c] = acc
    }
    return (cdf, acc)
  }

  /// Per site the lowest ln AvgSa and ln PGA at which some typology there has a collapse or
  /// chimney probability above Φ(−cut) (≈ 6e-16 at cut = ``tailCut`` = 8): below both, the
  /// site's terms are left out (relative error of N below 1e-15 per building).
  static func tailCuts(
    exposure: GroupExposure, siteCount S: Int, fcm: FragilityConsequence
  ) -> (lnAvgSa: [Double], lnPGA: [Double]) {
    let cut = EventSetEstimator.tailCut
    var minY = [Double](repeating: .infinity, count: S)
    var minP = [Double](repeating: .infinity, count: S)
    for site in 0..<S {
      for q in exposure.start[site]..<exposure.start[site + 1] {
        let t = exposure.typology[q]
        minY[site] = min(minY[site], fcm.lnMedian[3 * t] - cut * fcm.beta[t])
        if fcm.betaChimney[t] > 0 { minP[site] = min(minP[site], fcm.lnMedianChimney[t] - cut * fcm.betaChimney[t]) }
      }
    }
    return (minY, minP)
  }

  /// Draws every random number of events `first..<first + count` from their own streams
  /// (keyed by seed, sample, stratum, event): cell by inversion of the proposal, rupture
  /// geometry, η and the within-event field, which is then spatially correlated (`.full`).
  func draw(_ b: inout Batch, stratum st: Stratum, first e0: Int, count: Int, seed: UInt64) {
    let n = b.n
    let width = b.width
    let C = st.cdf.count
    let nodes = st.sites.nodeCount
    for slot in 0..<count {
      var rng = RandomStream(
        seed: seed,
        keys: [EventSetEstimator.streamPurpose, UInt64(st.branch.index), UInt64(st.m), UInt64(e0 + slot)])
      let u = rng.uniform() * st.total
      var lo = 0
      var hi = C - 1
      while lo < hi {
        let mid = (lo + hi) / 2
        if st.cdf[mid] < u { lo = mid + 1 } else { hi = mid }
      }
      b.cells[slot] = lo
      b.ruptures[slot] = EventRupture(
        model: rupture, medianLengthKm: st.lengthKm, x: st.rates.cellX[lo], y: st.rates.cellY[lo], rng: &rng)
      for k in 0..<n { b.eta[slot * n + k] = rng.normal() }
      for i in 0..<nodes {
        for k in 0..<n { b.z[i * width + slot * n + k] = rng.normal() }
      }
    }
    if correlation == .full {
      b.z.withUnsafeMutableBufferPointer { field.correlate($0.baseAddress!, columns: width) }
    }
  }
}

extension EventSetEstimator.Stratum {
  /// The fatalities N and expected collapses (CS1, CS2, CS3) of the event in `slot` of the batch,
  /// summed over the sites within `rMax` (hot loop: per site R_rup, surface motion, the
  /// typologies' collapse and death probabilities). Counts the site-events; with `perSite`
  /// stores each site's N in `siteN`.
  func loss(
    of b: EventSetEstimator.Batch, slot: Int, siteEvents: inout Int, siteN: inout [Double]
  ) -> (N: Double, c1: Double, c2: Double, c3: Double) {
    let n = b.n
    let width = b.width
    let S = sites.siteCount
    let fcm = branch.fcm
    let event = b.ruptures[slot]
    var zi = [Double](repeating: 0, count: n)
    var mu = [Double](repeating: 0, count: n)
    var sg = [Double](repeating: 0, count: n)
    var N = 0.0
    var c1 = 0.0
    var c2 = 0.0
    var c3 = 0.0
    for site in 0..<S {
      let node = sites.siteNode[site]
      let r = event.rrup(model: rupture, x: sites.nodeX[node], y: sites.nodeY[node])
      if r > rMax {
        if perSite { siteN[site] = 0 }
        continue
      }
      siteEvents += 1
      let ctx = SurfaceMotion.Context(
        magnitude: magnitude, rrup: r, zoneIndex: sites.siteZone[site], wierde: sites.siteWierde[site])
      let im: (lnAvgSa: Double, lnPGA: Double) = mu.withUnsafeMutableBufferPointer { mb in
        sg.withUnsafeMutableBufferPointer { sb in
          motion.momentsInto(ctx, mu: mb.baseAddress!, sigma: sb.baseAddress!)
          var s2 = 0.0
          for k in 0..<n { s2 += sb[k] * sb[k] }
          let (a, w) = EventSetEstimator.split(alpha: shareBetween ? tau2 / s2 : 0)
          for k in 0..<n { zi[k] = a * b.eta[slot * n + k] + w * b.z[node * width + slot * n + k] }
          return zi.withUnsafeBufferPointer { zb in
            motion.sample(
              ctx, z: zb.baseAddress!, mu: UnsafePointer(mb.baseAddress!), sigma: UnsafePointer(sb.baseAddress!))
          }
        }
      }
      var nSite = 0.0
      if im.lnAvgSa < minY[site] && im.lnPGA < minP[site] {
        if perSite { siteN[site] = 0 }
        continue
      }
      for q in exposure.start[site]..<exposure.start[site + 1] {
        let t = exposure.typology[q]
        let (p1, p2, p3) = fcm.collapseProbabilities(typology: t, lnAvgSa: im.lnAvgSa)
        let i3 = 3 * t
        let din =
          fcm.pdInside[i3] * p1 + (fcm.pdInside[i3 + 1] - fcm.pdInside[i3]) * p2
          + (fcm.pdInside[i3 + 2] - fcm.pdInside[i3 + 1]) * p3
        let dout =
          fcm.pdOutside[i3] * p1 + (fcm.pdOutside[i3 + 1] - fcm.pdOutside[i3]) * p2
          + (fcm.pdOutside[i3 + 2] - fcm.pdOutside[i3 + 1]) * p3
        let ch = fcm.deathChimney(typology: t, lnPGA: im.lnPGA)
        nSite += exposure.inside[q] * din + exposure.outside[q] * (dout + ch)
        let nb = exposure.buildings[q]
        c1 += nb * p1
        c2 += nb * p2
        c3 += nb * p3
      }
      N += nSite
      if perSite { siteN[site] = nSite }
    }
    return (N, c1, c2, c3)
  }

  /// Records one event per gas year: its weight w_t = λ_t(c, m) / (K · q_m(c)) times its
  /// exceedances of the thresholds, N and collapses (sums and squares), per site with
  /// `perSite`, and the event in the job's top list when it has fatalities.
  func record(
    _ loss: (N: Double, c1: Double, c2: Double, c3: Double), event e: Int, cell: Int, thresholds: [Double],
    topCount: Int, siteN: [Double], into o: inout EventSetEstimator.JobOutput
  ) {
    let Y = rates.gasYears.count
    let C = rates.cellCount
    let M = rates.binCount
    let Q = thresholds.count + 4
    let S = sites.siteCount
    let (N, c1, c2, c3) = loss
    let qc = cdf[cell] - (cell > 0 ? cdf[cell - 1] : 0)
    var weights = [Double](repeating: 0, count: Y)
    for t in 0..<Y {
      let lam = rates.rates[(t * C + cell) * M + m]
      if lam == 0 { continue }
      let w = lam / qc * total / Double(K)
      weights[t] = w
      let base = t * Q
      for (j, th) in thresholds.enumerated() where N >= th {
        o.sums[base + j] += w
        o.squares[base + j] += w * w
      }
      for (j, x) in [N, c1, c2, c3].enumerated() {
        let y = w * x
        o.sums[base + thresholds.count + j] += y
        o.squares[base + thresholds.count + j] += y * y
      }
      if perSite {
        for s in 0..<S where siteN[s] > 0 {
          let y = w * siteN[s]
          o.siteSums[t * S + s] += y
          o.siteSquares[t * S + s] += y * y
        }
      }
    }
    if N > 0 && weights.contains(where: { $0 > 0 }) {
      let ev = EventSetEstimator.Candidate(
        event: EventSetEstimator.Event(
          year: 0, sample: branch.index, stratum: m, event: e, magnitude: magnitude, x: rates.cellX[cell],
          y: rates.cellY[cell], fatalities: N, collapses: [c1, c2, c3], weight: 0), weights: weights)
      if o.top.count < topCount {
        o.top.append(ev)
      } else if let worst = o.top.indices.min(by: { o.top[$0].event.fatalities < o.top[$1].event.fatalities }),
        o.top[worst].event.fatalities < N
      {
        o.top[worst] = ev
      }
    }
  }
}
