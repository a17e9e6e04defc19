import Foundation

/// The result of ``Calibration/run(modelDirectory:catalogue:historicProduction:)``: fitted
/// parameters per rate branch, the observed-vs-predicted table per time bin, and the b-value fits.
public struct CalibrationReport: Sendable {
  /// b-value fits of one rate branch (ΔC differs per branch through τ and κ).
  public struct BValueFit: Sendable {
    public let eventCount: Int
    public let bConstant: Double, logLConstant: Double
    public let b0: Double, bSlope: Double, logLLinear: Double
    public let bThin: Double, bThick: Double, logLSplit: Double
    public let h0: Double, width: Double
  }

  /// Fit of one rate branch.
  public struct Branch: Sendable {
    public let name: String
    public let tauYears: Double, kappaPerM: Double
    public let theta0: Double, theta1: Double, theta1StandardError: Double
    public let logLikelihood: Double
    public let eventCount: Int
    public let fitStart: Double, fitEnd: Double
    /// Time-bin edges (decimal years) and counts per bin.
    public let binEdges: [Double]
    public let observed: [Int]
    public let predicted: [Double]
    public let bValues: BValueFit
    /// max ΔC over grid and window, MPa.
    public let maxStress: Double

    /// Poisson z-score per bin, (n − N)/√N.
    public var zScores: [Double] {
      observed.indices.map { (Double(observed[$0]) - predicted[$0]) / predicted[$0].squareRoot() }
    }
  }

  public let branches: [Branch]
  /// Selected-by-magnitude/time events left out: epicentre not in any grid cell; other gas field.
  public let excludedOutsideGrid: Int
  public let excludedOtherField: Int
  public let field: String
  public let mmin: Double
  public let catalogue: String
  public let production: String

  /// P(X ≤ n) for X ~ Poisson(λ).
  static func poissonCDF(_ n: Int, _ lambda: Double) -> Double {
    var term = exp(-lambda)
    var sum = term
    if n > 0 {
      for k in 1...n {
        term *= lambda / Double(k)
        sum += term
      }
    }
    return min(1, sum)
  }

  private static func f(_ v: Double, _ digits: Int = 6) -> String { String(format: "%.\(digits)g", v) }

  /// A text table: per time bin the observed count and each branch's prediction.
  public var summary: String {
    guard let first = branches.first else { return "" }
    var s =
      "Calibration on \(first.eventCount) events (ML >= \(mmin), field \(field), \(Self.f(first.fitStart)) to \(Self.f(first.fitEnd)));"
    s += " excluded: \(excludedOutsideGrid) outside the grid, \(excludedOtherField) other field\n"
    for b in branches {
      s += String(
        format:
          "%@: tau %.2f yr, theta0 %.4f, theta1 %.4f ± %.4f /MPa, logL %.3f; b const %.3f; linear b0 %.3f b_slope %.3f; split b_thin %.3f b_thick %.3f\n",
        b.name, b.tauYears, b.theta0, b.theta1, b.theta1StandardError, b.logLikelihood, b.bValues.bConstant,
        b.bValues.b0, b.bValues.bSlope, b.bValues.bThin, b.bValues.bThick)
    }
    s += "year    observed"
    for b in branches {
      let pad: String = String(repeating: " ", count: max(1, 18 - b.name.count))
      s += pad + b.name
    }
    s += "\n"
    for j in first.observed.indices {
      s += String(format: "%-7d %8d", Int(first.binEdges[j]), first.observed[j])
      for b in branches { s += String(format: "%18.2f", b.predicted[j]) }
      s += "\n"
    }
    return s
  }

  /// Writes `calibration-<branch>.csv`, `calibration-<branch>-yearly.csv` and `bvalue-<branch>.csv`
  /// into `directory` (each atomically).
  public func write(to directory: String) throws {
    let dir = URL(fileURLWithPath: directory)
    let src =
      "fitted by Calibration.run on \(URL(fileURLWithPath: catalogue).lastPathComponent) with production path \(production)"
    for b in branches {
      var c = "key,value,unit,description\n"
      c +=
        "theta0,\(b.theta0),ln(1/km2),activity-rate productivity theta0 (profiled maximum-likelihood estimate; \(src))\n"
      c += "theta1,\(b.theta1),1/MPa,activity-rate stress sensitivity theta1 (maximum likelihood)\n"
      c +=
        "theta1_standard_error,\(b.theta1StandardError),1/MPa,standard error of theta1 from the curvature of the profile log-likelihood\n"
      c +=
        "log_likelihood,\(b.logLikelihood),-,Poisson log-likelihood sum[n ln N - N - ln n!] over cell x calendar-year bins at the optimum\n"
      c += "n_events,\(b.eventCount),count,events used (ML >= \(mmin) in field \(field) assigned to a grid cell)\n"
      c += "fit_start_year,\(b.fitStart),decimal year,start of the fit window\n"
      c += "fit_end_year,\(b.fitEnd),decimal year,end of the fit window\n"
      c += "tau_years,\(b.tauYears),yr,creep delay of this branch (copied from rate-branches.csv)\n"
      c += "kappa_per_m,\(b.kappaPerM),1/m,stress scaling of this branch (copied from rate-branches.csv)\n"
      c += "max_coulomb_stress,\(b.maxStress),MPa,largest Delta C over grid and window\n"
      try AtomicOutput.writeFile(Data(c.utf8), to: dir.appendingPathComponent("calibration-\(b.name).csv").path)

      var y = "year,start_year,end_year,observed,predicted,z_score,poisson_cdf\n"
      let z = b.zScores
      for j in b.observed.indices {
        y +=
          "\(Int(b.binEdges[j])),\(b.binEdges[j]),\(b.binEdges[j + 1]),\(b.observed[j]),\(Self.f(b.predicted[j], 8)),\(Self.f(z[j], 5)),\(Self.f(Self.poissonCDF(b.observed[j], b.predicted[j]), 5))\n"
      }
      try AtomicOutput.writeFile(Data(y.utf8), to: dir.appendingPathComponent("calibration-\(b.name)-yearly.csv").path)

      let v = b.bValues
      var s = "key,value,unit,description\n"
      s += "n_events,\(v.eventCount),count,events in the fit (same selection as the rate calibration)\n"
      s += "b_constant,\(v.bConstant),-,maximum-likelihood constant b (binned GR; reference only)\n"
      s += "log_likelihood_constant,\(v.logLConstant),-,log-likelihood of the constant-b fit\n"
      s += "b0,\(v.b0),-,linear_stress intercept: b = max(b_min; b0 - b_slope * Delta C)\n"
      s += "b_slope,\(v.bSlope),1/MPa,linear_stress slope (per MPa of Coulomb stress of this rate branch)\n"
      s += "log_likelihood_linear_stress,\(v.logLLinear),-,log-likelihood of the linear_stress fit\n"
      s += "b_thin,\(v.bThin),-,split_thickness b where H << H0\n"
      s += "b_thick,\(v.bThick),-,split_thickness b where H >> H0\n"
      s +=
        "log_likelihood_split_thickness,\(v.logLSplit),-,log-likelihood of the split_thickness fit (H0 = \(v.h0) m and width = \(v.width) m fixed)\n"
      try AtomicOutput.writeFile(Data(s.utf8), to: dir.appendingPathComponent("bvalue-\(b.name).csv").path)
    }
  }
}
