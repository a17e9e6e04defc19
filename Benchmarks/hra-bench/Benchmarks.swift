import CReferenceKernel
import Foundation
import HRA

/// What a benchmark's preparation hands to the runner: the measured closure and its size.
struct Prepared {
  /// Work items per run (the unit of the throughput).
  var items: Double
  var unit: String
  /// Worker threads the benchmark asks the engine for (1 for single-threaded kernels).
  var threads: Int
  /// The measured work; returns a checksum (recorded, and keeps the work from being elided).
  var run: () throws -> Double
  var extra: [String: Double] = [:]
  var notes: [String] = []
  /// Extra figures computed after timing from the median wall time.
  var after: ((Double) -> [String: Double])? = nil
}

struct BenchmarkDef {
  let name: String
  let summary: String
  /// "default" (make bench), "check" (make bench-check), "heavy" (only when asked for).
  let groups: Set<String>
  let repeats: Int
  let warmup: Bool
  let prepare: (Fixtures, Options) throws -> Prepared
}

/// Lazily loaded model data shared by the benchmarks of one process.
final class Fixtures {
  let options: Options
  init(options: Options) { self.options = options }

  private var _models: ModelSet? = nil
  func models() throws -> ModelSet {
    if let m = _models { return m }
    let m = try ModelSet(directory: options.models)
    _models = m
    return m
  }

  /// Sites and mixes of a generated exposure (seed 2024).
  func exposureSites(buildings: Int) throws -> (RiskSites, [MonteCarloEstimator.Mix]) {
    let m = try models()
    let e = try m.exposure(path: nil, buildings: buildings, seed: 2024)
    return try m.sites(for: e)
  }

  /// Rate field of the default production path for some gas years (central source branch).
  func rates(_ years: [Int]) throws -> RateField {
    let m = try models()
    return try m.rates(try m.source(production: "phase-out-actual"), gasYears: years)
  }

  private var _pairs: PairSet? = nil
  func pairs() throws -> PairSet {
    if let p = _pairs { return p }
    let p = try PairSet.make(fixtures: self, target: options.pairs)
    _pairs = p
    return p
  }

  private var _cModel: CModel? = nil
  func cModel() throws -> CModel {
    if let c = _cModel { return c }
    let c = try CModel(models: try models(), directory: options.models)
    _cModel = c
    return c
  }
}

// MARK: - Earthquake × site pairs for the kernels

/// Identical inputs for the Swift and the C kernel: real events (cell and magnitude drawn from
/// the 2019/20 rates of the default path), real sites (nodes, zones, wierde flags of a
/// 2,000-building generated exposure), hypocentral distances ≤ r_max, 10 standard normals each.
final class PairSet {
  let count: Int
  let magnitude: [Double]
  let rrup: [Double]
  let zone: [Int32]
  let wierde: [UInt8]
  let typology: [Int32]
  let z: [Double]
  let periods: Int
  let events: Int
  let sites: Int

  init(
    magnitude: [Double], rrup: [Double], zone: [Int32], wierde: [UInt8], typology: [Int32], z: [Double], periods: Int,
    events: Int, sites: Int
  ) {
    count = magnitude.count
    self.magnitude = magnitude
    self.rrup = rrup
    self.zone = zone
    self.wierde = wierde
    self.typology = typology
    self.z = z
    self.periods = periods
    self.events = events
    self.sites = sites
  }

  static func make(fixtures: Fixtures, target: Int) throws -> PairSet {
    let m = try fixtures.models()
    let (sites, mixes) = try fixtures.exposureSites(buildings: 2000)
    let rates = try fixtures.rates([2019])
    let n = rates.cellCount * rates.binCount
    var cdf = [Double](repeating: 0, count: n)
    var acc = 0.0
    for i in 0..<n {
      acc += rates.rates[i]
      cdf[i] = acc
    }
    var siteTypology = [Int](repeating: 0, count: sites.siteCount)
    for mix in mixes { siteTypology[mix.site] = mix.typologies[0] }
    let periods = m.risk.motion.gmm.periods.count
    let depth = m.risk.rupture.depthKm
    let rMax = m.risk.grid.rMax
    var rng = RandomStream(seed: 2024, keys: [0x4245_4E43_4850_4149])  // "BENCHPAI"
    var mag: [Double] = []
    var rr: [Double] = []
    var zo: [Int32] = []
    var wi: [UInt8] = []
    var ty: [Int32] = []
    var zz: [Double] = []
    var events = 0
    while mag.count < target {
      events += 1
      let u = rng.uniform() * acc
      var lo = 0
      var hi = n - 1
      while lo < hi {
        let mid = (lo + hi) / 2
        if cdf[mid] < u { lo = mid + 1 } else { hi = mid }
      }
      let cell = lo / rates.binCount
      let bin = lo % rates.binCount
      for s in 0..<sites.siteCount where mag.count < target {
        let node = sites.siteNode[s]
        let dx = (sites.nodeX[node] - rates.cellX[cell]) / 1000
        let dy = (sites.nodeY[node] - rates.cellY[cell]) / 1000
        let r = (dx * dx + dy * dy + depth * depth).squareRoot()
        if r > rMax { continue }
        mag.append(rates.magnitudes[bin])
        rr.append(r)
        zo.append(Int32(sites.siteZone[s]))
        wi.append(sites.siteWierde[s] ? 1 : 0)
        ty.append(Int32(siteTypology[s]))
        for _ in 0..<periods { zz.append(rng.normal()) }
      }
    }
    return PairSet(
      magnitude: mag, rrup: rr, zone: zo, wierde: wi, typology: ty, z: zz, periods: periods, events: events,
      sites: sites.siteCount)
  }
}

/// The Swift kernel through the public engine API, exactly as the Monte Carlo estimator calls it.
func swiftKernel(_ risk: RiskModel, _ p: PairSet, out: inout [Double]) -> Double {
  let motion = risk.motion
  let fcm = risk.fcm
  let n = p.periods
  var zbuf = [Double](repeating: 0, count: n)
  var sum = 0.0
  for i in 0..<p.count {
    for k in 0..<n { zbuf[k] = p.z[i * n + k] }
    let ctx = SurfaceMotion.Context(
      magnitude: p.magnitude[i], rrup: p.rrup[i], zoneIndex: Int(p.zone[i]), wierde: p.wierde[i] != 0)
    let im = motion.sample(ctx, z: zbuf)
    let (p1, p2, p3) = fcm.collapseProbabilities(typology: Int(p.typology[i]), lnAvgSa: im.lnAvgSa)
    out[5 * i] = im.lnAvgSa
    out[5 * i + 1] = im.lnPGA
    out[5 * i + 2] = p1
    out[5 * i + 3] = p2
    out[5 * i + 4] = p3
    sum += p1 + p2 + p3
  }
  return sum
}

/// The model flattened for the C kernel: the same coefficients the engine loaded (site and
/// fragility tables through the public API; GMM median coefficients and constants read from
/// the same CSV files, since the engine keeps them internal; the comparison before timing
/// proves they are the same).
final class CModel {
  var model = hra_ref_model()
  private var buffers: [UnsafeMutablePointer<Double>] = []

  private func keep(_ a: [Double]) -> UnsafePointer<Double> {
    let p = UnsafeMutablePointer<Double>.allocate(capacity: max(a.count, 1))
    p.initialize(from: a, count: a.count)
    buffers.append(p)
    return UnsafePointer(p)
  }

  init(models: ModelSet, directory: String) throws {
    let risk = models.risk
    // The C reference kernel implements GMM V7 and its site response.
    guard let gmm = risk.motion.gmm as? GMMV7, let af = risk.motion.amplification as? SiteAmplificationV7 else {
      throw InputError(file: directory, "the C reference kernel needs GMM V7")
    }
    let br = risk.motion.branch
    let n = gmm.periods.count
    precondition(n <= Int(HRA_REF_MAX_PERIODS))
    let gdir = directory + "/gmm/v7"
    let k = try ConstantsTable(path: gdir + "/constants.csv")
    let t = try CSVTable(contentsOf: gdir + "/gmpe_medians_NS_B_20211010_v7.csv")
    var g: [Double] = []
    let s = "_level\(br.median + 1)"
    for row in t.rows {
      for c in ["m0", "m1", "m2", "m3", "m4"] { g.append(try t.double(row, c + s, nanAs: 0)) }
      for j in 0..<4 { for c in ["a", "b", "c", "d"] { g.append(try t.double(row, "r\(j)\(c)" + s, nanAs: 0)) } }
    }
    precondition(g.count == n * Int(HRA_REF_GMM_STRIDE))
    let t1 = try k.value("path_r1_tanh_max_period")
    let t2 = try k.value("path_r2_tanh_max_period")
    var ta: [Double] = []
    for p in gmm.periods { ta += [1, p <= t1 ? 1 : 0, p <= t2 ? 1 : 0, 1] }
    let tmin = try k.value("c2c_t_min")
    let tmax = try k.value("c2c_t_max")
    let frac = gmm.periods.map { p in log(min(max(p, tmin), tmax) / tmin) / log(tmax / tmin) }
    let tp = (0..<n).map { i in
      gmm.tau[br.tau][i] * gmm.tau[br.tau][i] + gmm.phiSS[br.phi][i] * gmm.phiSS[br.phi][i]
    }
    let chol = try LinearAlgebra.cholesky(gmm.periodCorrelation, n: n)
    var a: [Double] = []
    for c in af.coefficients {
      a += [
        c.a0, c.a1, c.b0, c.b1, c.a2, c.b2, c.a3, c.ma, c.mb, c.mref2, c.lnRref, c.f2, c.f3, c.s1, c.s2, c.lnXl, c.lnXh,
        c.lnAFmin, c.lnAFmax,
      ]
    }
    model.periods = Int32(n)
    model.gmm = keep(g)
    model.tanhAllowed = keep(ta)
    model.mm = try k.value("source_hinge_magnitude")
    model.mr = try k.value("path_hinge_magnitude")
    model.rh = (
      try k.value("path_hinge_r0"), try k.value("path_hinge_r1"), try k.value("path_hinge_r2"),
      try k.value("path_hinge_r3")
    )
    model.c2cMmin = try k.value("c2c_m_min")
    model.c2cMmax = try k.value("c2c_m_max")
    model.c2c01 = (try k.value("c2c_a_t01"), try k.value("c2c_b_t01"), try k.value("c2c_c_t01"))
    model.c2c085 = (try k.value("c2c_a_t085"), try k.value("c2c_b_t085"), try k.value("c2c_c_t085"))
    model.c2cFraction = keep(frac)
    model.tauPhi2 = keep(tp)
    model.chol = keep(chol)
    model.af = keep(a)
    model.wierde = keep(af.wierdeIncrement)
    model.lnAfScale = log(af.afScale)
    model.lnSpan = log(try k.value("af_mref1_distance_span") / 3.0)
    model.s2sEpsilon = br.s2sEpsilon
    model.lnMedianCS = keep(risk.fcm.lnMedian)
    model.beta = keep(risk.fcm.beta)
  }

  func evaluate(_ p: PairSet, out: inout [Double]) -> Double {
    var m = model
    return p.magnitude.withUnsafeBufferPointer { mg in
      p.rrup.withUnsafeBufferPointer { rr in
        p.zone.withUnsafeBufferPointer { zo in
          p.wierde.withUnsafeBufferPointer { wi in
            p.typology.withUnsafeBufferPointer { ty in
              p.z.withUnsafeBufferPointer { zz in
                out.withUnsafeMutableBufferPointer { o in
                  hra_ref_evaluate(
                    &m, Int64(p.count), mg.baseAddress, rr.baseAddress, zo.baseAddress, wi.baseAddress, ty.baseAddress,
                    zz.baseAddress, o.baseAddress)
                }
              }
            }
          }
        }
      }
    }
  }
}

/// Largest relative difference between the two kernels' outputs (absolute below 1e-300).
func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> (Double, Int) {
  var worst = 0.0
  var at = -1
  for i in 0..<a.count {
    let d = abs(a[i] - b[i]) / max(abs(a[i]), abs(b[i]), 1e-300)
    if d > worst || d.isNaN {
      worst = d.isNaN ? .infinity : d
      at = i
    }
  }
  return (worst, at)
}

// MARK: - The benchmarks

func workloadConfiguration(_ o: Options, buildings: Int, lastYear: Int, threads: Int) -> RunConfiguration {
  var c = RunConfiguration()
  c.models = o.models
  c.exposureBuildings = buildings
  c.exposureSeed = 2024
  c.firstGasYear = 2019
  c.lastGasYear = lastYear
  c.threads = threads
  return c
}

/// A fresh output folder per run (removed afterwards: the benchmark measures writing it, not keeping it).
func scratchOutput(_ name: String) -> String {
  NSTemporaryDirectory() + "hra-bench-\(getpid())-\(name)-\(UInt64(wallNow() * 1e6))"
}

func centralRun(_ o: Options, name: String, buildings: Int, lastYear: Int) -> Prepared {
  let threads = o.threads ?? 2
  let years = lastYear - 2019 + 1
  return Prepared(
    items: Double(buildings * years), unit: "buildings·years", threads: threads,
    run: {
      var c = workloadConfiguration(o, buildings: buildings, lastYear: lastYear, threads: threads)
      c.output = scratchOutput(name)
      defer { try? FileManager.default.removeItem(atPath: c.output) }
      let s = try LPRRun.run(c)
      return s.years.reduce(0) { $0 + $1.maxLPR } * 1e6
    },
    notes: [
      "LPRRun.run end to end (models loaded → exposure generated → integrated estimator → outputs written), central branch, \(buildings) buildings seed 2024, gas years 2019/20–\(LPRRun.label(lastYear)), threads \(threads)"
    ])
}

func treeRun(_ o: Options, name: String, buildings: Int, lastYear: Int, samples: Int) -> Prepared {
  let threads = o.threads ?? 2
  let years = lastYear - 2019 + 1
  return Prepared(
    items: Double(buildings * years), unit: "buildings·years", threads: threads,
    run: {
      var c = workloadConfiguration(o, buildings: buildings, lastYear: lastYear, threads: threads)
      c.logicTree = .sample
      c.logicTreeSamples = samples
      c.output = scratchOutput(name)
      defer { try? FileManager.default.removeItem(atPath: c.output) }
      let s = try TreeRun.run(c)
      return s.years.reduce(0) { $0 + ($1.maxP90 ?? 0) } * 1e6
    },
    notes: [
      "TreeRun.run end to end, logic tree sampled with \(samples) branch combinations, \(buildings) buildings, gas years 2019/20–\(LPRRun.label(lastYear)), threads \(threads)"
    ])
}

/// A hazard run end to end (HazardRun.run): the risk sites of a generated exposure.
func hazardRun(
  _ o: Options, name: String, buildings: Int, lastYear: Int, samples: Int, imts: [String] = ["PGA", "SA(0.3)", "AVGSA"]
) -> Prepared {
  let threads = o.threads ?? 2
  let years = lastYear - 2019 + 1
  return Prepared(
    items: Double(years * samples), unit: "gas years·samples", threads: threads,
    run: {
      var c = workloadConfiguration(o, buildings: buildings, lastYear: lastYear, threads: threads)
      c.logicTree = .sample
      c.logicTreeSamples = samples
      c.output = scratchOutput(name)
      defer { try? FileManager.default.removeItem(atPath: c.output) }
      var h = HazardSettings()
      h.imts = imts
      let s = try HazardRun.run(c, h)
      return s.years.reduce(0) { $0 + ($1.maxima.first?.level ?? 0) }
    },
    notes: [
      "HazardRun.run end to end: risk sites of \(buildings) buildings, \(imts.joined(separator: " ")), \(samples) samples, gas years 2019/20–\(LPRRun.label(lastYear)), threads \(threads)"
    ])
}

/// `GroupRiskRun.run` end to end; extra: events/s, site-events/s and per-year F(≥1), F(≥10) and
/// their relative standard errors (se_mc and se with the tree sampling) for the first and last gas year.
func groupRiskRun(
  _ o: Options, name: String, buildings: Int, lastYear: Int, samples: Int, events: Int, eventsLow: Int,
  spacing: Double? = nil, area: [Double]? = nil
) -> Prepared {
  let threads = o.threads ?? 2
  final class Last { var s: GroupRiskRun.Summary? = nil }
  let last = Last()
  return Prepared(
    items: Double(samples), unit: "tree samples", threads: threads,
    run: {
      var c = workloadConfiguration(o, buildings: buildings, lastYear: lastYear, threads: threads)
      c.logicTree = .sample
      c.logicTreeSamples = samples
      c.output = scratchOutput(name)
      defer { try? FileManager.default.removeItem(atPath: c.output) }
      var g = GroupRiskSettings()
      g.eventsPerStratum = events
      g.eventsLow = eventsLow
      g.siteSpacing = spacing
      g.area = area
      let s = try GroupRiskRun.run(c, g)
      last.s = s
      return s.years.reduce(0) { $0 + $1.pll.mean }
    },
    notes: [
      "GroupRiskRun.run end to end: \(buildings) buildings seed 2024\(area.map { " in RD box \($0)" } ?? ""), site spacing \(spacing.map { "\(Int($0)) m" } ?? "1000 m"), \(samples) tree samples × \(events) events per stratum (M ≥ 3.95; \(eventsLow) below), gas years 2019/20–\(LPRRun.label(lastYear)), threads \(threads)"
    ],
    after: { _ in
      guard let s = last.s else { return [:] }
      var e: [String: Double] = [
        "events": Double(s.events), "site_events": Double(s.siteEvents), "events_per_s": s.eventsPerSecond,
        "site_events_per_s": s.siteEventsPerSecond, "estimator_s": s.estimatorSeconds, "sites": Double(s.sites),
        "nodes": Double(s.nodes),
      ]
      for y in s.years {
        let key = y.gasYear.replacingOccurrences(of: "/", with: "_")
        e["pll_" + key] = y.pll.mean
        for p in y.fn where [1.0, 10, 100].contains(p.n) {
          let n = String(Int(p.n))
          e["f_ge_\(n)_" + key] = p.mean
          if p.mean > 0 {
            e["rse_mc_f_ge_\(n)_" + key] = p.seMC / p.mean
            e["rse_f_ge_\(n)_" + key] = p.se / p.mean
          }
        }
        if let r = y.maxRatio { e["max_ratio_" + key] = r }
      }
      return e
    })
}

/// The resolution study: the same sub-area (RD 240–250 km × 590–600 km, Loppersum–Middelstum,
/// the field's centre), tree samples and event streams at a site spacing of 1000, 500 or 250 m.
func resolutionRun(_ o: Options, spacing: Double) -> Prepared {
  groupRiskRun(
    o, name: "group-risk-resolution-\(Int(spacing))", buildings: 150_000, lastYear: 2019, samples: o.samples ?? 100,
    events: 20, eventsLow: 4, spacing: spacing, area: [240_000, 590_000, 250_000, 600_000])
}

nonisolated(unsafe) let allBenchmarks: [BenchmarkDef] = [
  BenchmarkDef(
    name: "reference.loop",
    summary: "fixed scalar loop: \(referenceIterations) dependent multiply-adds (the normaliser)",
    groups: ["default", "check"], repeats: 7, warmup: true
  ) { _, _ in
    Prepared(items: Double(2 * referenceIterations), unit: "flop", threads: 1, run: { measureReference().value })
  },

  BenchmarkDef(
    name: "kernel.surface-motion",
    summary:
      "Swift: GMM V7 at NS_B → V7 amplification → ln AvgSa → 3 collapse-state Φ (SurfaceMotion.sample + collapseProbabilities), per earthquake × site pair",
    groups: ["default", "check"], repeats: 7, warmup: true
  ) { fx, _ in
    let risk = try fx.models().risk
    let p = try fx.pairs()
    var out = [Double](repeating: 0, count: 5 * p.count)
    return Prepared(
      items: Double(p.count), unit: "pairs", threads: 1, run: { swiftKernel(risk, p, out: &out) },
      extra: ["events": Double(p.events), "sites": Double(p.sites)],
      notes: [
        "\(p.count) pairs: \(p.events) events drawn from the 2019/20 rates × \(p.sites) sites of a 2,000-building exposure (r ≤ r_max)"
      ])
  },

  BenchmarkDef(
    name: "kernel.c-reference",
    summary:
      "the same arithmetic as a hand-written C kernel (Benchmarks/CReferenceKernel, libm, no fast-math), same inputs; verified against Swift to 1e-9 relative first",
    groups: ["default", "check"], repeats: 7, warmup: true
  ) { fx, _ in
    let risk = try fx.models().risk
    let p = try fx.pairs()
    let cm = try fx.cModel()
    var a = [Double](repeating: 0, count: 5 * p.count)
    var b = a
    let cs = swiftKernel(risk, p, out: &a)
    let cc = cm.evaluate(p, out: &b)
    let (d, at) = maxRelativeDifference(a, b)
    guard d <= 1e-9 else {
      throw BenchError(
        "C reference kernel disagrees with the Swift engine: max relative difference \(d) at pair \(at / 5) output \(at % 5) (Swift \(a[at]), C \(b[at]))"
      )
    }
    var out = b
    return Prepared(
      items: Double(p.count), unit: "pairs", threads: 1, run: { cm.evaluate(p, out: &out) },
      extra: ["max_relative_difference_vs_swift": d, "checksum_swift": cs, "checksum_c": cc],
      notes: ["verified: max relative difference vs Swift \(String(format: "%.2e", d)) over \(5 * p.count) outputs"])
  },

  BenchmarkDef(
    name: "contraction.dgemm",
    summary:
      "per-site rate × table contraction as the engine does it: (12 × 2448)·(35 × 2448)ᵀ via LinearAlgebra.gemm, 1,638 calls (the full field's site count), 1 BLAS thread",
    groups: ["default", "check"], repeats: 5, warmup: true
  ) { fx, _ in
    LinearAlgebra.setBLASThreads(1)
    let risk = try fx.models().risk
    let Y = 12
    let T = risk.fcm.typologies.count
    let MN = 51 * risk.grid.count
    let calls = 1638
    var rng = RandomStream(seed: 1, keys: [2])
    let aBufs = (0..<8).map { _ in (0..<(Y * MN)).map { _ in rng.uniform() * 1e-4 } }
    let tBufs = (0..<24).map { _ in (0..<(T * MN)).map { _ in rng.uniform() * 1e-6 } }
    var c = [Double](repeating: 0, count: Y * T)
    let flops = 2.0 * Double(Y * T * MN) * Double(calls)
    return Prepared(
      items: flops, unit: "flop", threads: 1,
      run: {
        var s = 0.0
        for site in 0..<calls {
          aBufs[(site / 2) % 8].withUnsafeBufferPointer { pa in
            tBufs[site % 24].withUnsafeBufferPointer { pt in
              c.withUnsafeMutableBufferPointer { pc in
                LinearAlgebra.gemm(
                  m: Y, n: T, k: MN, a: pa.baseAddress!, lda: MN, b: pt.baseAddress!, ldb: MN, c: pc.baseAddress!,
                  ldc: T, transposeB: true)
              }
            }
          }
          s += c[0]
        }
        return s
      },
      notes: [
        "m=\(Y) (gas years) n=\(T) (typologies) k=\(MN) (51 bins × \(risk.grid.count) distance nodes); 8 rate histograms and 24 tables cycled (~\(24 * T * MN * 8 / 1_000_000) MB of tables)"
      ])
  },

  BenchmarkDef(
    name: "tree.contraction",
    summary:
      "the logic-tree hot loop: RateContraction.column (SIMD8<Float>), rate block (12 gas years × 31 active bins × 48 distances) × one table row per bin, per site × sample × typology; 20,000 calls",
    groups: ["default", "check"], repeats: 5, warmup: true
  ) { _, _ in
    let Y = 12
    let Mact = 31
    let S = 48
    let calls = 20_000
    var rng = RandomStream(seed: 1, keys: [5])
    let a = (0..<(Y * Mact * S)).map { _ in Float(rng.uniform() * 1e-4) }
    let tables = (0..<(4 * Mact * S)).map { _ in Float(rng.uniform() * 1e-6) }
    let bins = Array(0..<Mact)
    var out = [Double](repeating: 0, count: Y)
    return Prepared(
      items: 2.0 * Double(Y * Mact * S) * Double(calls), unit: "flop", threads: 1,
      run: {
        var s = 0.0
        a.withUnsafeBufferPointer { pa in
          tables.withUnsafeBufferPointer { pt in
            bins.withUnsafeBufferPointer { pb in
              out.withUnsafeMutableBufferPointer { po in
                // Rows from 4 "median branches", switching with the bin as a sample's do.
                var rows = (0..<Mact).map { mi in pt.baseAddress! + ((mi / 8) % 4 * Mact + mi) * S }
                rows.withUnsafeMutableBufferPointer { pr in
                  for i in 0..<calls {
                    RateContraction.column(
                      a: pa.baseAddress!, binStride: Mact, stride: S, years: Y, bins: pb,
                      rows: UnsafePointer(pr.baseAddress!), out: po.baseAddress!)
                    s += po[i % Y]
                  }
                }
              }
            }
          }
        }
        return s
      },
      notes: [
        "per call 2·12·31·48 = 35,712 flop; full field × 1,000 samples ≈ 1.1e8 calls (sites × samples × typologies at the site)"
      ])
  },

  BenchmarkDef(
    name: "tree.contraction-levels",
    summary:
      "the hazard's hot loop: RateContraction.columnBlock (16 levels × SIMD8<Float>), rate block (12 gas years × 31 active bins × 48 distances) × one table [distance][level] per bin, per site × sample × block of 16 levels; 5,000 calls",
    groups: ["default"], repeats: 5, warmup: true
  ) { _, _ in
    let Y = 12
    let Mact = 31
    let S = 48
    let N = 45
    let L = 48
    let calls = 5_000
    var rng = RandomStream(seed: 1, keys: [7])
    let a = (0..<(Y * Mact * S)).map { _ in Float(rng.uniform() * 1e-4) }
    let tables = (0..<(4 * Mact * N * L)).map { _ in Float(rng.uniform()) }
    let bins = Array(0..<Mact)
    var out = [Float](repeating: 0, count: Y * 16)
    return Prepared(
      items: 2.0 * Double(Y * Mact * N * 16) * Double(calls), unit: "flop", threads: 1,
      run: {
        var s = 0.0
        a.withUnsafeBufferPointer { pa in
          tables.withUnsafeBufferPointer { pt in
            bins.withUnsafeBufferPointer { pb in
              out.withUnsafeMutableBufferPointer { po in
                // Tables of 4 "median branches", switching with the bin as a sample's do.
                var rows = (0..<Mact).map { mi in pt.baseAddress! + ((mi / 8) % 4 * Mact + mi) * N * L }
                rows.withUnsafeMutableBufferPointer { pr in
                  for i in 0..<calls {
                    RateContraction.columnBlock(
                      a: pa.baseAddress!, binStride: Mact, stride: S, years: Y, nodes: N, bins: pb,
                      rows: UnsafePointer(pr.baseAddress!), levelStride: L, l0: 16 * (i % 3), out: po.baseAddress!)
                    s += Double(po[i % (Y * 16)])
                  }
                }
              }
            }
          }
        }
        return s
      },
      notes: [
        "per call 2·12·31·45·16 = 535,680 flop; a hazard run makes sites × samples × ⌈levels/16⌉ calls"
      ])
  },

  BenchmarkDef(
    name: "tree.table-dgemm",
    summary:
      "the logic tree's table contraction as LPRColumns does it: intensity histograms (31 bins × 48 distances = 1,488 rows × 226 kept intensity nodes) × responses (9 fragility/consequence pairs × 35 typologies), 1 BLAS thread, 24 calls",
    groups: ["default"], repeats: 5, warmup: true
  ) { _, _ in
    LinearAlgebra.setBLASThreads(1)
    let R = 1488
    let K = 226
    let C = 9 * 35
    let calls = 24
    var rng = RandomStream(seed: 1, keys: [6])
    let h = (0..<(R * K)).map { _ in rng.uniform() * 1e-2 }
    let r = (0..<(K * C)).map { _ in rng.uniform() }
    var e = [Double](repeating: 0, count: R * C)
    return Prepared(
      items: 2.0 * Double(R * K * C) * Double(calls), unit: "flop", threads: 1,
      run: {
        for _ in 0..<calls { LinearAlgebra.gemm(m: R, n: C, k: K, a: h, lda: K, b: r, ldb: C, c: &e, ldc: C) }
        return e[0]
      },
      notes: ["compare with blas.dgemm-peak for the fraction of peak"])
  },

  BenchmarkDef(
    name: "contraction.dgemm-big",
    summary: "the same contraction as one big dgemm: (12·512 × 2448)·(35 × 2448)ᵀ, 1 BLAS thread",
    groups: ["default"], repeats: 5, warmup: true
  ) { fx, _ in
    LinearAlgebra.setBLASThreads(1)
    let risk = try fx.models().risk
    let R = 12 * 512
    let T = risk.fcm.typologies.count
    let MN = 51 * risk.grid.count
    var rng = RandomStream(seed: 1, keys: [3])
    let a = (0..<(R * MN)).map { _ in rng.uniform() * 1e-4 }
    let t = (0..<(T * MN)).map { _ in rng.uniform() * 1e-6 }
    var c = [Double](repeating: 0, count: R * T)
    return Prepared(
      items: 2.0 * Double(R) * Double(T) * Double(MN), unit: "flop", threads: 1,
      run: {
        a.withUnsafeBufferPointer { pa in
          t.withUnsafeBufferPointer { pt in
            c.withUnsafeMutableBufferPointer { pc in
              LinearAlgebra.gemm(
                m: R, n: T, k: MN, a: pa.baseAddress!, lda: MN, b: pt.baseAddress!, ldb: MN, c: pc.baseAddress!, ldc: T,
                transposeB: true)
            }
          }
        }
        return c[0]
      })
  },

  BenchmarkDef(
    name: "blas.dgemm-peak",
    summary: "the machine's dgemm peak: square 1536³ dgemm, 1 BLAS thread (best of the repeats is the peak)",
    groups: ["default"], repeats: 5, warmup: true
  ) { _, _ in
    LinearAlgebra.setBLASThreads(1)
    let n = 1536
    var rng = RandomStream(seed: 1, keys: [4])
    let a = (0..<(n * n)).map { _ in rng.uniform() }
    let b = (0..<(n * n)).map { _ in rng.uniform() }
    var c = [Double](repeating: 0, count: n * n)
    return Prepared(
      items: 2.0 * Double(n) * Double(n) * Double(n), unit: "flop", threads: 1,
      run: {
        a.withUnsafeBufferPointer { pa in
          b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
              LinearAlgebra.gemm(
                m: n, n: n, k: n, a: pa.baseAddress!, lda: n, b: pb.baseAddress!, ldb: n, c: pc.baseAddress!, ldc: n)
            }
          }
        }
        return c[0]
      })
  },

  BenchmarkDef(
    name: "table.build",
    summary:
      "one EventRiskTable (central branch) for the most common site condition: quadrature → intensity histograms → BLAS contraction (on the R_rup grid; the rupture kernel is on the rate side since the azimuth-dependent rupture model)",
    groups: ["default", "check"], repeats: 5, warmup: true
  ) { fx, _ in
    LinearAlgebra.setBLASThreads(1)
    let risk = try fx.models().risk
    let rates = try fx.rates([2019])
    let active = IntegratedEstimator.activeBins(rates)
    let response = EventRiskTable.IntensityResponse(model: risk)
    let (sites, _) = try fx.exposureSites(buildings: 2000)
    var count: [Int: Int] = [:]
    for s in 0..<sites.siteCount { count[sites.siteZone[s] * 2 + (sites.siteWierde[s] ? 1 : 0), default: 0] += 1 }
    let key = count.max { ($0.value, -$0.key) < ($1.value, -$1.key) }!.key
    let contexts = active.filter { $0 }.count * risk.grid.count
    return Prepared(
      items: Double(contexts), unit: "contexts", threads: 1,
      run: {
        let t = EventRiskTable(
          model: risk, zoneIndex: key / 2, wierde: key % 2 == 1, magnitudes: rates.magnitudes,
          response: response,
          activeBins: active)
        return t.values.reduce(0, +)
      },
      extra: [
        "quadrature_nodes_per_context": Double(risk.rule.count), "active_bins": Double(active.filter { $0 }.count),
      ],
      after: { w in ["quadrature_nodes_per_s": Double(contexts * risk.rule.count) / w] })
  },

  BenchmarkDef(
    name: "mc.event-loop",
    summary: "MonteCarloEstimator: 300 buildings, gas year 2019/20, 128 synthetic catalogues",
    groups: ["default", "check"], repeats: 3, warmup: true
  ) { fx, o in
    let risk = try fx.models().risk
    let (sites, mixes) = try fx.exposureSites(buildings: 300)
    let rates = try fx.rates([2019])
    let threads = o.threads ?? 1
    let est = MonteCarloEstimator(model: risk, threads: threads)
    let catalogues = 128
    let lambda = rates.total(year: 0)
    let evaluations = lambda * Double(catalogues) * Double(sites.siteCount)
    final class Last { var r: MonteCarloEstimator.Result? = nil }
    let last = Last()
    return Prepared(
      items: evaluations, unit: "events×sites", threads: threads,
      run: {
        let r = est.run(sites: sites, rates: rates, mixes: mixes, catalogues: catalogues, seed: 7)
        last.r = r
        return r.mean.reduce(0, +) * 1e6
      },
      extra: [
        "expected_events_per_catalogue": lambda, "sites": Double(sites.siteCount), "catalogues": Double(catalogues),
      ],
      notes: [
        "throughput counts expected events (Λ·catalogues) × sites; time to 5 % RSE is for the building with the highest LPR (none is near the norm on the central branch)"
      ],
      after: { w in
        guard let r = last.r, let b = r.mean.indices.max(by: { r.mean[$0] < r.mean[$1] }), r.mean[b] > 0 else {
          return [:]
        }
        let rse = r.standardError[b] / r.mean[b]
        return [
          "max_lpr": r.mean[b], "rse_at_max_lpr": rse, "seconds_to_5pct_rse": w * (rse / 0.05) * (rse / 0.05),
          "catalogues_to_5pct_rse": Double(catalogues) * (rse / 0.05) * (rse / 0.05),
        ]
      })
  },

  BenchmarkDef(
    name: "workload.small",
    summary:
      "the small reference workload: 5,000 buildings (seed 2024), gas years 2019/20–2021/22, central branch, LPRRun.run end to end",
    groups: ["default", "check"], repeats: 3, warmup: false
  ) { _, o in centralRun(o, name: "small", buildings: 5000, lastYear: 2021) },

  BenchmarkDef(
    name: "workload.small-tree",
    summary:
      "the small workload over the logic tree: 5,000 buildings, 3 gas years, --samples (default 4) sampled branch combinations",
    groups: ["heavy"], repeats: 1, warmup: false
  ) { _, o in treeRun(o, name: "small-tree", buildings: 5000, lastYear: 2021, samples: o.samples ?? 4) },

  BenchmarkDef(
    name: "workload.buildings-10k", summary: "central branch, 10,000 buildings, 12 gas years (scaling curve)",
    groups: ["heavy", "scaling"], repeats: 1, warmup: false
  ) { _, o in centralRun(o, name: "10k", buildings: 10_000, lastYear: 2030) },

  BenchmarkDef(
    name: "workload.buildings-50k", summary: "central branch, 50,000 buildings, 12 gas years (scaling curve)",
    groups: ["heavy", "scaling"], repeats: 1, warmup: false
  ) { _, o in centralRun(o, name: "50k", buildings: 50_000, lastYear: 2030) },

  BenchmarkDef(
    name: "workload.full",
    summary: "the full-field reference workload, central branch: 150,000 buildings, gas years 2019/20–2030/31",
    groups: ["heavy", "scaling"], repeats: 1, warmup: false
  ) { _, o in centralRun(o, name: "full", buildings: 150_000, lastYear: 2030) },

  BenchmarkDef(
    name: "workload.hazard-small",
    summary: "hazard over the logic tree: risk sites of 5,000 buildings, PGA/SA(0.3)/AVGSA, 3 gas years, 50 samples",
    groups: ["default"], repeats: 1, warmup: false
  ) { _, o in hazardRun(o, name: "hazard-small", buildings: 5000, lastYear: 2021, samples: o.samples ?? 50) },

  BenchmarkDef(
    name: "workload.hazard-full",
    summary:
      "the hazard reference workload (issue #11): all risk sites of the 150,000-building exposure, 12 gas years, PGA/SA(0.3)/AVGSA, 1,000 samples",
    groups: ["heavy"], repeats: 1, warmup: false
  ) { _, o in hazardRun(o, name: "hazard-full", buildings: 150_000, lastYear: 2030, samples: o.samples ?? 1000) },

  BenchmarkDef(
    name: "workload.group-risk-small",
    summary:
      "group risk (issue #12): 5,000 buildings, 3 gas years, 4 tree samples × 4 events per stratum (2 below M 3.95)",
    groups: ["default", "check"], repeats: 3, warmup: false
  ) { _, o in
    groupRiskRun(o, name: "group-risk-small", buildings: 5000, lastYear: 2021, samples: 4, events: 4, eventsLow: 2)
  },

  BenchmarkDef(
    name: "workload.group-risk-full",
    summary:
      "the group-risk reference workload (issue #12): 150,000 buildings on all risk sites, 12 gas years, --samples (default 1500) × 10 events per stratum (2 below M 3.95)",
    groups: ["heavy"], repeats: 1, warmup: false
  ) { _, o in
    groupRiskRun(
      o, name: "group-risk-full", buildings: 150_000, lastYear: 2030, samples: o.samples ?? 1500, events: 10,
      eventsLow: 2)
  },

  BenchmarkDef(
    name: "study.group-risk-resolution-1000m",
    summary: "resolution study: group risk on a 10 × 10 km sub-area around Loppersum at 1000 m sites (see README)",
    groups: ["heavy", "resolution"], repeats: 1, warmup: false
  ) { _, o in resolutionRun(o, spacing: 1000) },
  BenchmarkDef(
    name: "study.group-risk-resolution-500m", summary: "the same sub-area at 500 m sites",
    groups: ["heavy", "resolution"], repeats: 1, warmup: false
  ) { _, o in resolutionRun(o, spacing: 500) },
  BenchmarkDef(
    name: "study.group-risk-resolution-250m", summary: "the same sub-area at 250 m sites",
    groups: ["heavy", "resolution"], repeats: 1, warmup: false
  ) { _, o in resolutionRun(o, spacing: 250) },

  BenchmarkDef(
    name: "workload.full-tree",
    summary: "the full-field reference workload over the logic tree (--samples, default 1000)",
    groups: ["heavy"], repeats: 1, warmup: false
  ) { _, o in treeRun(o, name: "full-tree", buildings: 150_000, lastYear: 2030, samples: o.samples ?? 1000) },
]

struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ s: String) { description = s }
}
