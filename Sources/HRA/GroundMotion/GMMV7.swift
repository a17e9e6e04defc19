import Foundation

/// The Groningen ground-motion model V7 for 5%-damped spectral acceleration at the NS_B
/// reference horizon (~800 m depth).
///
/// Requires: magnitude M (Mw), rupture distance R_rup (km). Computes, for the 10 AvgSa
/// periods, ln Sa [cm/s²] for one of four median branches, and the aleatory variances.
/// ```
/// ln Sa(M, R, T) = g_s(M, T) + g_p(R, M, T)                                     (eq. 9.1)
/// g_s = m0 + m1(M−Mm) + m2(M−Mm)²  for M < Mm;  m0 + m3(M−Mm) + m4(M−Mm)²  else  (eq. 9.2)
/// g_p = Σⱼ rⱼ(M,T)·ln(clip(R/Rhⱼ, 1, Rhⱼ₊₁/Rhⱼ)),  Rh = 3, 7, 12, 25 km          (eq. 9.3)
/// rⱼ  = rⱼa + rⱼc·tanh(rⱼd(M−Mr)) for M > Mr (r1: T ≤ 0.2 s, r2: T ≤ 0.5 s);
///       rⱼa + rⱼb(M−Mr) otherwise                                              (eq. 9.4–9.7)
/// σ²(arbitrary component) = τ² + φ_ss² + σ²_c2c(M, R, T)                        (eq. 9.10–9.11)
/// ```
/// Reference: Bommer, J.J. et al. (2021), "V7 ground-motion model for induced seismicity in
/// the Groningen gas field", NAM report; coefficient tables as converted by TNO
/// (SHRA-Groningen-hazard-risk-models, EUPL-1.2) in `Models/gmm/v7/`.
package struct GMMV7: Sendable {
  /// Number of median branches (Lower, CentralLower, CentralUpper, Upper).
  package static let medianBranchCount = 4
  /// The periods [s] of the tables, ascending (0.01 … 1.0 s: the AvgSa periods).
  package let periods: [Double]
  /// Coefficients per branch and period: `coef[branch][period]`.
  let coef: [[Coefficients]]
  /// τ [ln units] per branch (3) and period.
  package let tau: [[Double]]
  /// φ_ss [ln units] per branch (2) and period.
  package let phiSS: [[Double]]
  /// Period-to-period correlation of ln Sa residuals, row-major n×n.
  package let periodCorrelation: [Double]
  let c: Constants
  /// σ²_c2c and the total σ (eq. of the version; ``ComponentToComponentVariance``).
  let c2c: ComponentToComponentVariance

  struct Coefficients: Sendable {
    var m0 = 0.0, m1 = 0.0, m2 = 0.0, m3 = 0.0, m4 = 0.0
    /// Path coefficients, `r[4 * j + i]` for segment j and i = a, b, c, d (inline storage).
    var r = SIMD16<Double>()
  }

  struct Constants: Sendable {
    var mm, mr, t1max, t2max: Double
    var rh: [Double]
  }

  /// Loads the V7 tables from a folder holding the TNO files and `constants.csv`: the
  /// constants, the median coefficients, the σ components and the period-to-period correlation.
  package init(directory: String) throws {
    let medianTable = try CSVTable(contentsOf: directory + "/gmpe_medians_NS_B_20211010_v7.csv")
    let k = try ConstantsTable(path: directory + "/constants.csv")
    c = try GMMV7.constants(k)
    let medians = try GMMV7.medianCoefficients(medianTable, constants: c)
    periods = medians.periods
    coef = medians.coef
    c2c = try ComponentToComponentVariance(constants: k, periods: medians.periods)
    let sigmas = try GMMV7.sigmaComponents(
      CSVTable(contentsOf: directory + "/gmpe_sigmas_NS_B_20211010_v7.csv"), periods: medians.periods)
    tau = sigmas.tau
    phiSS = sigmas.phiSS
    periodCorrelation = try GMMV7.periodCorrelation(
      CSVTable(contentsOf: directory + "/gmpe_period2period_correlations_20211010_v7.csv"),
      count: medians.periods.count)
  }

  /// The hinge magnitudes, tanh period limits and hinge distances of eq. 9.2–9.7 from
  /// `constants.csv`.
  static func constants(_ k: ConstantsTable) throws -> Constants {
    Constants(
      mm: try k.value("source_hinge_magnitude"), mr: try k.value("path_hinge_magnitude"),
      t1max: try k.value("path_r1_tanh_max_period"), t2max: try k.value("path_r2_tanh_max_period"),
      rh: try ["path_hinge_r0", "path_hinge_r1", "path_hinge_r2", "path_hinge_r3"].map { try k.value($0) })
  }

  /// The periods (strictly ascending) and the median coefficients per branch and period from
  /// the medians table (columns `m0_level1` … `r3d_level4`).
  static func medianCoefficients(
    _ t: CSVTable, constants c: Constants
  ) throws -> (periods: [Double], coef: [[Coefficients]]) {
    var per: [Double] = []
    var cf = [[Coefficients]](repeating: [], count: GMMV7.medianBranchCount)
    for row in t.rows {
      let p = try t.double(row, "periods")
      if let last = per.last, p <= last { throw t.error(row, "periods", "periods must be strictly ascending") }
      per.append(p)
      for b in 0..<GMMV7.medianBranchCount {
        cf[b].append(try coefficients(t, row, branch: b, period: p, constants: c))
      }
    }
    return (per, cf)
  }

  /// The coefficients of one median branch at one period (one row of the medians table).
  static func coefficients(
    _ t: CSVTable, _ row: CSVTable.Row, branch b: Int, period p: Double, constants c: Constants
  ) throws -> Coefficients {
    let s = "_level\(b + 1)"
    var x = Coefficients()
    // NaN marks a coefficient the equations never use: the tanh terms r1c, r1d above
    // T = path_r1_tanh_max_period and r2c, r2d above path_r2_tanh_max_period (eq. 9.4-9.7).
    // Anywhere else a NaN is an error, never read as 0.
    func v(_ n: String, unusedHere: Bool = false) throws -> Double {
      let value = try t.double(row, n + s, nanAs: .nan)
      if value.isNaN {
        guard unusedHere else { throw t.error(row, n + s, "NaN where the coefficient is used (period \(p) s)") }
        return 0
      }
      return value
    }
    x.m0 = try v("m0")
    x.m1 = try v("m1")
    x.m2 = try v("m2")
    x.m3 = try v("m3")
    x.m4 = try v("m4")
    for j in 0..<4 {
      let tanhUnused = (j == 1 && p > c.t1max) || (j == 2 && p > c.t2max)
      for (i, name) in ["a", "b", "c", "d"].enumerated() {
        x.r[4 * j + i] = try v("r\(j)\(name)", unusedHere: tanhUnused && i >= 2)
      }
    }
    return x
  }

  /// τ (3 branches) and φ_ss (2 branches) per period from the sigmas table, whose periods must
  /// be those of the medians table; standard deviations must not be negative.
  static func sigmaComponents(
    _ st: CSVTable, periods per: [Double]
  ) throws -> (tau: [[Double]], phiSS: [[Double]]) {
    guard st.rows.count == per.count else {
      throw InputError(file: st.file, "expected \(per.count) period rows, found \(st.rows.count)")
    }
    var ta = [[Double]](repeating: [], count: 3)
    var ph = [[Double]](repeating: [], count: 2)
    for (i, row) in st.rows.enumerated() {
      let p = try st.double(row, "periods")
      if abs(p - per[i]) > 1e-9 {
        throw st.error(row, "periods", "period \(p) does not match the medians table (\(per[i]))")
      }
      for b in 0..<3 {
        let v = try st.double(row, "tau_level\(b + 1)")
        if v < 0 { throw st.error(row, "tau_level\(b + 1)", "negative standard deviation") }
        ta[b].append(v)
      }
      for b in 0..<2 {
        let v = try st.double(row, "phi_ss_level\(b + 1)")
        if v < 0 { throw st.error(row, "phi_ss_level\(b + 1)", "negative standard deviation") }
        ph[b].append(v)
      }
    }
    return (ta, ph)
  }

  /// The n×n period-to-period correlation matrix, row-major: entries in [-1, 1], unit
  /// diagonal, symmetric and positive definite (its Cholesky factor exists).
  static func periodCorrelation(_ ct: CSVTable, count n: Int) throws -> [Double] {
    guard ct.rows.count == n else { throw InputError(file: ct.file, "expected a \(n)×\(n) correlation matrix") }
    var rho = [Double](repeating: 0, count: n * n)
    for (i, row) in ct.rows.enumerated() {
      for j in 0..<n {
        let v = try ct.double(row, ct.header[j + 1])
        if !(v >= -1 && v <= 1) { throw ct.error(row, ct.header[j + 1], "correlation outside [-1, 1]") }
        rho[i * n + j] = v
      }
      if rho[i * n + i] != 1 { throw ct.error(row, ct.header[i + 1], "diagonal of a correlation matrix must be 1") }
    }
    do { _ = try LinearAlgebra.cholesky(rho, n: n) } catch {
      throw InputError(file: ct.file, "the correlation matrix is not positive definite (\(error))")
    }
    for i in 0..<n {
      for j in 0..<i where abs(rho[i * n + j] - rho[j * n + i]) > 1e-9 {
        throw InputError(
          file: ct.file, line: ct.rows[i].line, field: ct.header[j + 1], "correlation matrix is not symmetric")
      }
    }
    return rho
  }

  /// ln Sa [cm/s²] at NS_B for all periods into `out` (length `periods.count`).
  /// - Parameters:
  ///   - magnitude: moment magnitude Mw.
  ///   - rrup: rupture distance [km], > 0.
  ///   - branch: median branch 0..<4 (Lower, CentralLower, CentralUpper, Upper).
  package func lnMedian(magnitude m: Double, rrup r: Double, branch: Int, into out: inout [Double]) {
    out.withUnsafeMutableBufferPointer { lnMedian(magnitude: m, rrup: r, branch: branch, into: $0.baseAddress!) }
  }

  /// ``lnMedian(magnitude:rrup:branch:into:)`` into caller-provided storage (no allocation).
  package func lnMedian(magnitude m: Double, rrup r: Double, branch: Int, into out: UnsafeMutablePointer<Double>) {
    let dm = m - c.mm
    let dr = m - c.mr
    let l0 = log(min(max(r / c.rh[0], 1), c.rh[1] / c.rh[0]))
    let l1 = log(min(max(r / c.rh[1], 1), c.rh[2] / c.rh[1]))
    let l2 = log(min(max(r / c.rh[2], 1), c.rh[3] / c.rh[2]))
    let l3 = log(max(r / c.rh[3], 1))
    for (k, t) in periods.enumerated() {
      let x = coef[branch][k]
      let gs = m < c.mm ? x.m0 + x.m1 * dm + x.m2 * dm * dm : x.m0 + x.m3 * dm + x.m4 * dm * dm
      func slope(_ j: Int, _ tanhAllowed: Bool) -> Double {
        let q = 4 * j
        return (tanhAllowed && m > c.mr) ? x.r[q] + x.r[q + 2] * tanh(x.r[q + 3] * dr) : x.r[q] + x.r[q + 1] * dr
      }
      let gp = slope(0, true) * l0 + slope(1, t <= c.t1max) * l1 + slope(2, t <= c.t2max) * l2 + slope(3, true) * l3
      out[k] = gs + gp
    }
  }

  /// Component-to-component variance [ln²] per period (eq. 9.10–9.11): linear in ln T
  /// between 0.1 and 0.85 s, magnitude clipped to [3.6, 5.6].
  package func c2cVariance(magnitude m: Double, rrup r: Double, into out: inout [Double]) {
    out.withUnsafeMutableBufferPointer { c2cVariance(magnitude: m, rrup: r, into: $0.baseAddress!) }
  }

  /// ``c2cVariance(magnitude:rrup:into:)`` into caller-provided storage (no allocation).
  package func c2cVariance(magnitude m: Double, rrup r: Double, into out: UnsafeMutablePointer<Double>) {
    c2c.variance(magnitude: m, rrup: r, into: out)
  }

  /// Total standard deviation [ln units] of the arbitrary horizontal component per period:
  /// σ = √(τ² + φ_ss² + σ²_c2c). `tauBranch` 0..<3, `phiBranch` 0..<2.
  package func sigmaArbitrary(
    magnitude m: Double, rrup r: Double, tauBranch: Int, phiBranch: Int, into out: inout [Double]
  ) {
    out.withUnsafeMutableBufferPointer {
      sigmaArbitrary(magnitude: m, rrup: r, tauBranch: tauBranch, phiBranch: phiBranch, into: $0.baseAddress!)
    }
  }

  /// ``sigmaArbitrary(magnitude:rrup:tauBranch:phiBranch:into:)`` into caller-provided storage.
  package func sigmaArbitrary(
    magnitude m: Double, rrup r: Double, tauBranch: Int, phiBranch: Int, into out: UnsafeMutablePointer<Double>
  ) {
    c2c.sigma(tau: tau[tauBranch], phi: phiSS[phiBranch], magnitude: m, rrup: r, into: out)
  }

  /// σ of the geometric-mean component, √(τ² + φ_ss²), per period into `out` (hazard with
  /// `--component geometric_mean`; the fragility models use the arbitrary component).
  package func sigmaGeometricMean(
    magnitude m: Double, rrup r: Double, tauBranch: Int, phiBranch: Int, into out: UnsafeMutablePointer<Double>
  ) {
    c2c.sigmaGeometricMean(tau: tau[tauBranch], phi: phiSS[phiBranch], into: out)
  }
}

extension GMMV7 {
  /// What V7 reads and gives: M and R_rup; ln Sa at the ten AvgSa periods (0.01 s is PGA).
  package static let requirements = ModelRequirements(
    rupture: ["magnitude"], distances: ["R_rup"], site: SiteAmplificationV6.siteParameters,
    offers: GroundMotionParts.avgSaMeasures)

  /// The registry entry: GMM V7 with the V7 site response (``SiteAmplificationV7``) and the
  /// branch sets of `Models/gmm/v7/branch-weights.csv`.
  package static let entry = ModelEntry<GroundMotionParts>(
    kind: .gmm, name: "V7",
    summary: "GMM V7, Bommer et al. (2021), with V7 site response; median weights depend on M (eq. 9.8)",
    folder: "gmm/v7", requires: requirements,
    load: { models in
      let dir = models + "/gmm/v7"
      let g = try GMMV7(directory: dir)
      return GroundMotionParts(
        gmm: g, site: try SiteAmplificationV7(directory: dir, periods: g.periods),
        sets: try GMMBranchSets(
          directory: dir, medianBranches: GMMV7.medianBranchCount, tauBranches: g.tau.count, phiBranches: g.phiSS.count)
      )
    },
    branchSets: { _, parts in parts.sets.declaredSets })
}
