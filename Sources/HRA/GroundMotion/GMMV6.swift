import Foundation

/// The Groningen ground-motion models V6 and V5 for 5%-damped spectral acceleration at the NS_B
/// reference horizon (~800 m depth); both have the same functional form, only the tables differ.
///
/// Requires: magnitude M (Mw), rupture distance R_rup (km). Computes, for the selected periods
/// (default: the 10 AvgSa periods 0.01 … 1.0 s; 0.01 s doubles as PGA), ln Sa [cm/s²] for one of
/// four median branches, and the aleatory standard deviations.
/// ```
/// ln Sa(M, R, T) = g_s(M, T) + g_p(R, M, T)                                      (eq. 5.1)
/// g_s = m0 + m1(M−Mh1) + m2(M−Mh1)²                      M ≤ Mh1 = 4.7            (eq. 5.2a)
///       m0 + m3(M−Mh1)                                   Mh1 < M ≤ Mh2 = 5.45     (eq. 5.2b)
///       m0 + m3(Mh2−Mh1) + m4(M−Mh2) + m5(M−Mh2)²        M > Mh2                  (eq. 5.2c)
/// g_p = (r0 + r1·M)·ln(clip(R/3, 1, 7/3)) + (r2 + r3·M)·ln(clip(R/7, 1, 12/7))
///       + (r4 + r5·M)·ln(max(R/12, 1))                                          (eq. 5.3a–c)
/// σ²(arbitrary component) = τ² + φ_ss² + σ²_c2c(M, R, T)                         (eq. 5.4–5.6)
/// σ²_c2c: a + b(5.6 − Mc)R^c at T = 0.1 and 0.85 s, Mc = clip(M, 3.6, 5.6), linear in
///         ln T in between (T clipped to [0.1, 0.85] s)
/// ```
/// Branches: median and τ have four levels each (Lower, CentralLower, CentralUpper, Upper), φ_ss
/// two (Lower, Upper). In the logic tree of TNO's chain median level k is paired with τ level k
/// (weights 0.1/0.3/0.3/0.3, `Models/gmm/v6/branch-weights.csv`); this type does not enforce it.
///
/// The data files are found by name prefix (`gmpe_medians_NS_B_*`, `gmpe_sigmas_NS_B_*`,
/// `gmpe_period2period_correlations_*`), so the same loader reads `Models/gmm/v6` and `Models/gmm/v5`;
/// the hinges, the c2c coefficients and the AF scale come from `constants.csv` in that folder.
/// Reference: Bommer, J.J. et al. (2019), "V6 ground-motion model (GMM) for induced seismicity in
/// the Groningen field", NAM report, ch. 5 (equation numbers above); V5: Bommer et al. (2017),
/// same form. Coefficient tables as converted by TNO (SHRA-Groningen-hazard-risk-models, EUPL-1.2).
package struct GMMV6: GroundMotionModel {
  /// "V6" or "V5": the label the loader was given (V5 is this form on the V5 tables).
  package let version: String
  /// Number of median branches (Lower, CentralLower, CentralUpper, Upper).
  package static let medianBranchCount = 4
  /// Number of τ branches (Lower, CentralLower, CentralUpper, Upper).
  package static let tauBranchCount = 4
  /// Number of φ_ss branches (Lower, Upper).
  package static let phiBranchCount = 2
  /// Names of the median and of the τ levels 1…4.
  package static let branchNames = ["Lower", "CentralLower", "CentralUpper", "Upper"]
  /// The periods [s] of the fragility models' AvgSa (Crowley & Pinho 2019/2020, §4.1.2; TNO
  /// `models/fcm_V6V7.py:spectral_periods`).
  package static let avgSaPeriods: [Double] = [0.01, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.85, 1.0]

  /// The selected periods [s], ascending.
  package let periods: [Double]
  /// Coefficients per branch and period: `coef[branch][period]`.
  let coef: [[Coefficients]]
  /// τ [ln units] per branch (4) and period.
  package let tau: [[Double]]
  /// φ_ss [ln units] per branch (2) and period.
  package let phiSS: [[Double]]
  /// Period-to-period correlation of ln Sa residuals for the selected periods, row-major n×n.
  package let periodCorrelation: [Double]
  let c: Constants
  /// σ²_c2c and the total σ (eq. of the version; ``ComponentToComponentVariance``).
  let c2c: ComponentToComponentVariance

  struct Coefficients: Sendable {
    var m0 = 0.0, m1 = 0.0, m2 = 0.0, m3 = 0.0, m4 = 0.0, m5 = 0.0
    var r0 = 0.0, r1 = 0.0, r2 = 0.0, r3 = 0.0, r4 = 0.0, r5 = 0.0
  }

  struct Constants: Sendable {
    var mh1, mh2, rh0, rh1, rh2: Double
  }

  /// Loads the tables of a V6 or V5 folder for the given periods.
  /// - Parameters:
  ///   - directory: the model folder (`Models/gmm/v6` or `Models/gmm/v5`).
  ///   - periods: spectral periods [s], strictly ascending, each a row of the medians table
  ///     (PGV, period −0.01, is not supported).
  ///   - version: the label of the tables' version, "V6" or "V5" (the parameterisation; its
  ///     registry entry passes its name).
  /// - Throws: ``InputError`` naming file, line and field for a missing period, a non-finite
  ///   coefficient (the V5/V6 tables have no unused cells, so `NaN` is always an error), a
  ///   negative standard deviation or an invalid correlation matrix.
  package init(directory: String, periods: [Double] = GMMV6.avgSaPeriods, version: String = "V6") throws {
    guard !periods.isEmpty, periods.allSatisfy({ $0 > 0 && $0.isFinite }),
      zip(periods, periods.dropFirst()).allSatisfy({ $0 < $1 })
    else {
      throw InputError(file: directory, field: "periods", "periods must be positive and strictly ascending")
    }
    let k = try ConstantsTable(path: directory + "/constants.csv")
    c = Constants(
      mh1: try k.value("source_hinge_m1"), mh2: try k.value("source_hinge_m2"),
      rh0: try k.value("path_hinge_r0"), rh1: try k.value("path_hinge_r1"), rh2: try k.value("path_hinge_r2"))
    guard c.mh1 < c.mh2, 0 < c.rh0, c.rh0 < c.rh1, c.rh1 < c.rh2 else {
      throw InputError(file: k.file, "need source_hinge_m1 < source_hinge_m2 and 0 < path hinges ascending")
    }
    self.periods = periods

    let t = try CSVTable(contentsOf: try ModelFolder.uniqueFile(in: directory, prefix: "gmpe_medians_NS_B_"))
    let mrows = try GMMV6.rows(of: t, column: "periods", for: periods)
    var cf = [[Coefficients]](repeating: [], count: GMMV6.medianBranchCount)
    for row in mrows {
      for b in 0..<GMMV6.medianBranchCount {
        func v(_ n: String) throws -> Double { try t.double(row, n + "_level\(b + 1)") }
        cf[b].append(
          Coefficients(
            m0: try v("m0"), m1: try v("m1"), m2: try v("m2"), m3: try v("m3"), m4: try v("m4"), m5: try v("m5"),
            r0: try v("r0"), r1: try v("r1"), r2: try v("r2"), r3: try v("r3"), r4: try v("r4"), r5: try v("r5")))
      }
    }
    coef = cf
    c2c = try ComponentToComponentVariance(constants: k, periods: periods)

    let st = try CSVTable(contentsOf: try ModelFolder.uniqueFile(in: directory, prefix: "gmpe_sigmas_NS_B_"))
    var ta = [[Double]](repeating: [], count: GMMV6.tauBranchCount)
    var ph = [[Double]](repeating: [], count: GMMV6.phiBranchCount)
    for row in try GMMV6.rows(of: st, column: "periods", for: periods) {
      for (n, count) in [("tau", GMMV6.tauBranchCount), ("phi_ss", GMMV6.phiBranchCount)] {
        for b in 0..<count {
          let name = "\(n)_level\(b + 1)"
          let v = try st.double(row, name)
          if v < 0 { throw st.error(row, name, "negative standard deviation") }
          if n == "tau" { ta[b].append(v) } else { ph[b].append(v) }
        }
      }
    }
    tau = ta
    phiSS = ph
    let cpath = try ModelFolder.uniqueFile(in: directory, prefix: "gmpe_period2period_correlations_")
    periodCorrelation = try GMMV6.correlation(try CSVTable(contentsOf: cpath), periods: periods)
    do { _ = try LinearAlgebra.cholesky(periodCorrelation, n: periods.count) } catch {
      throw InputError(file: cpath, "the correlation matrix of the periods used is not positive definite (\(error))")
    }
    self.version = version
  }

  /// The rows of `t` whose `column` equals each period (within 1e-9 s), in period order.
  static func rows(of t: CSVTable, column: String, for periods: [Double]) throws -> [CSVTable.Row] {
    var byPeriod: [(Double, CSVTable.Row)] = []
    for row in t.rows {
      let p = try t.double(row, column)
      if let last = byPeriod.last, p <= last.0 { throw t.error(row, column, "periods must be strictly ascending") }
      byPeriod.append((p, row))
    }
    return try periods.map { p in
      guard let hit = byPeriod.first(where: { abs($0.0 - p) < 1e-9 }) else {
        throw InputError(file: t.file, field: column, "period \(p) s is not in the table")
      }
      return hit.1
    }
  }

  /// The correlation submatrix of the periods (row labels in the first column, periods in the
  /// header), validated: entries in [−1, 1], unit diagonal, symmetric.
  static func correlation(_ t: CSVTable, periods: [Double]) throws -> [Double] {
    let label = t.header[0]
    let rowsOf = try rows(of: t, column: label, for: periods)
    var cols: [String] = []
    for p in periods {
      guard let h = t.header.dropFirst().first(where: { Double($0).map { abs($0 - p) < 1e-9 } ?? false }) else {
        throw InputError(file: t.file, line: 1, field: "\(p)", "period \(p) s is not a column of the matrix")
      }
      cols.append(h)
    }
    let n = periods.count
    var rho = [Double](repeating: 0, count: n * n)
    for (i, row) in rowsOf.enumerated() {
      for j in 0..<n {
        let v = try t.double(row, cols[j])
        if !(v >= -1 && v <= 1) { throw t.error(row, cols[j], "correlation outside [-1, 1]") }
        rho[i * n + j] = v
      }
      if rho[i * n + i] != 1 { throw t.error(row, cols[i], "diagonal of a correlation matrix must be 1") }
    }
    for i in 0..<n {
      for j in 0..<i where abs(rho[i * n + j] - rho[j * n + i]) > 1e-9 {
        throw t.error(rowsOf[i], cols[j], "correlation matrix is not symmetric")
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
    let d1 = m - c.mh1
    let d2 = m - c.mh2
    let l0 = log(min(max(r / c.rh0, 1), c.rh1 / c.rh0))
    let l1 = log(min(max(r / c.rh1, 1), c.rh2 / c.rh1))
    let l2 = log(max(r / c.rh2, 1))
    coef[branch].withUnsafeBufferPointer { cb in
      for k in 0..<periods.count {
        let x = cb[k]
        let gs: Double
        if m <= c.mh1 {
          gs = x.m0 + x.m1 * d1 + x.m2 * d1 * d1
        } else if m <= c.mh2 {
          gs = x.m0 + x.m3 * d1
        } else {
          gs = x.m0 + x.m3 * (c.mh2 - c.mh1) + x.m4 * d2 + x.m5 * d2 * d2
        }
        out[k] = gs + (x.r0 + x.r1 * m) * l0 + (x.r2 + x.r3 * m) * l1 + (x.r4 + x.r5 * m) * l2
      }
    }
  }

  /// Component-to-component variance [ln²] per period (eq. 5.5–5.6): linear in ln T between
  /// 0.1 and 0.85 s (clipped outside), magnitude clipped to [3.6, 5.6].
  package func c2cVariance(magnitude m: Double, rrup r: Double, into out: inout [Double]) {
    out.withUnsafeMutableBufferPointer { c2cVariance(magnitude: m, rrup: r, into: $0.baseAddress!) }
  }

  /// ``c2cVariance(magnitude:rrup:into:)`` into caller-provided storage (no allocation).
  package func c2cVariance(magnitude m: Double, rrup r: Double, into out: UnsafeMutablePointer<Double>) {
    c2c.variance(magnitude: m, rrup: r, into: out)
  }

  /// Total standard deviation [ln units] of the arbitrary horizontal component per period:
  /// σ = √(τ² + φ_ss² + σ²_c2c). `tauBranch` 0..<4, `phiBranch` 0..<2.
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

  /// τ [ln units] of a τ branch per period into `out` (``GroundMotionModel/betweenEventSigma(tauBranch:into:)``).
  package func betweenEventSigma(tauBranch: Int, into out: UnsafeMutablePointer<Double>) {
    for (k, t) in tau[tauBranch].enumerated() { out[k] = t }
  }

  /// σ of the geometric-mean component, √(τ² + φ_ss²), per period into `out` (hazard with
  /// `--component geometric_mean`; the fragility models use the arbitrary component).
  package func sigmaGeometricMean(
    magnitude m: Double, rrup r: Double, tauBranch: Int, phiBranch: Int, into out: UnsafeMutablePointer<Double>
  ) {
    c2c.sigmaGeometricMean(tau: tau[tauBranch], phi: phiSS[phiBranch], into: out)
  }
}

extension GMMV6 {
  /// What V6 and V5 read and give: M and R_rup; ln Sa at the ten AvgSa periods (0.01 s is PGA).
  package static let requirements = ModelRequirements(
    rupture: ["magnitude"], distances: ["R_rup"], site: SiteAmplificationV6.siteParameters,
    offers: GroundMotionParts.avgSaMeasures)

  /// The registry entry of the V6 equations on the tables of `Models/<folder>` with their site
  /// response (``SiteAmplificationV6``) and branch sets: V6, and V5 as its parameterisation.
  static func entry(name: String, folder: String, summary: String) -> ModelEntry<GroundMotionParts> {
    ModelEntry(
      kind: .gmm, name: name, summary: summary, folder: folder, requires: requirements,
      load: { models in
        let dir = models + "/" + folder
        let g = try GMMV6(directory: dir, periods: GMMV6.avgSaPeriods, version: name)
        return GroundMotionParts(
          gmm: g, site: try SiteAmplificationV6(directory: dir, periods: g.periods, version: name),
          sets: try GMMBranchSets(
            directory: dir, medianBranches: GMMV6.medianBranchCount, tauBranches: g.tau.count,
            phiBranches: g.phiSS.count))
      },
      branchSets: { _, parts in parts.sets.declaredSets })
  }

  /// GMM V6 (Bommer et al. 2019), `Models/gmm/v6/`.
  package static let entry = entry(
    name: "V6", folder: "gmm/v6",
    summary: "GMM V6, Bommer et al. (2019), with V6 site response; median and tau paired")

  /// GMM V5 (Bommer et al. 2017): the V6 equations on the V5 tables, `Models/gmm/v5/`.
  package static let v5Entry = entry(
    name: "V5", folder: "gmm/v5",
    summary: "GMM V5, Bommer et al. (2017), with V5 site response (V4B zones aliased to V6); median and tau paired")
}
