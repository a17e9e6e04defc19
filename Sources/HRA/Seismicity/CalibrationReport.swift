import Foundation

/// The result of ``Calibration/run(modelDirectory:catalogue:historicProduction:)``: fitted
/// parameters per rate branch, the observed-vs-predicted table per time bin, and the b-value fits.
package struct CalibrationReport: Sendable {
  /// b-value fits of one rate branch (ΔC differs per branch through τ and κ).
  package struct BValueFit: Sendable {
    package let eventCount: Int
    package let bConstant: Double, logLConstant: Double
    package let b0: Double, bSlope: Double, logLLinear: Double
    package let bThin: Double, bThick: Double, logLSplit: Double
    package let h0: Double, width: Double
  }

  /// Fit of one rate branch.
  package struct Branch: Sendable {
    package let name: String
    package let tauYears: Double, kappaPerM: Double
    package let theta0: Double, theta1: Double, theta1StandardError: Double
    package let logLikelihood: Double
    package let eventCount: Int
    package let fitStart: Double, fitEnd: Double
    /// Time-bin edges (decimal years) and counts per bin.
    package let binEdges: [Double]
    package let observed: [Int]
    package let predicted: [Double]
    package let bValues: BValueFit
    /// max ΔC over grid and window, MPa.
    package let maxStress: Double

    /// Poisson z-score per bin, (n − N)/√N.
    package var zScores: [Double] {
      observed.indices.map { (Double(observed[$0]) - predicted[$0]) / predicted[$0].squareRoot() }
    }
  }

  package let branches: [Branch]
  /// Selected-by-magnitude/time events left out: epicentre not in any grid cell; other gas field.
  package let excludedOutsideGrid: Int
  package let excludedOtherField: Int
  package let field: String
  package let mmin: Double
  package let catalogue: String
  package let production: String

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
  package var summary: String {
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
  package func write(to directory: String) throws {
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
