import Foundation

/// The seismological source model: grid, stress fields and calibrated rate and b-value
/// parameters, turning a production path into event rates per gas year, cell and magnitude.
///
/// ```
/// D_eff(t)     ReservoirPressure (material balance + creep kernel τ)           bar
/// ΔC(x,t)      = κ·F(x)·H(x)·w(x)·D_eff(t)·0.1                                MPa
/// N(x,y)       = A·e^{θ0}·(e^{θ1 ΔC(x, y+1.75)} − e^{θ1 ΔC(x, y+0.75)})      events M ≥ Mmin
/// rate(x,y,k)  = N(x,y)·[CCDF(m_k) − CCDF(m_{k+1})]   truncated GR, b by branch
/// ```
/// Loaded from a model folder (`Models/seismicity/`): `parameters.csv`, `rate-branches.csv`,
/// `field-outline-rd.csv`, `faults-rd-km.csv`, and per rate model the calibration outputs
/// `calibration-<rate model>.csv` and `bvalue-<rate model>.csv` written by ``Calibration``.
/// Reference: Bourne & Oates (2017, 2020); HRA.md §2 items 1–6.
package struct SeismicityModel: Sendable {
  /// One rate-model branch: its delay and stress scaling, and (once calibrated) θ0, θ1 and b-values.
  package struct RateBranch: Sendable {
    package let name: String
    /// Compaction-creep delay τ, years.
    package let tauYears: Double
    /// Stress scaling κ, 1/m.
    package let kappaPerM: Double
    /// ΔC per bar of delayed depletion, per cell.
    package let stress: CoulombStress
    /// Calibrated activity rate (nil before calibration).
    package let rate: ActivityRate?
    /// Calibrated b-value model (nil before calibration).
    package let bValues: BValueModel?
  }

  package let grid: SourceGrid
  /// Fault-density factor F (mean 1).
  package let faultFactor: [Double]
  /// Reservoir thickness H, m.
  package let thickness: [Double]
  /// Depletion weight w (mean 1).
  package let depletionWeight: [Double]
  package let pressure: ReservoirPressure
  package let bins: MagnitudeBins
  /// Mmin of the rate model (= bins.lower).
  package var mmin: Double { bins.lower }
  /// Rate branches by name.
  package let rateBranches: [String: RateBranch]
  /// The parameter file (for settings read by ``Calibration``).
  let parameters: ParameterFile

  /// Loads the model with its calibrated parameters.
  /// - Throws: ``InputError`` naming the file/line/field of any missing or invalid input,
  ///   including a missing calibration file (run ``Calibration`` first).
  package static func load(directory: String) throws -> SeismicityModel {
    try load(directory: directory, calibrated: true)
  }

  /// Loads the model; with `calibrated: false` the rate and b-value parameters are left nil.
  static func load(directory: String, calibrated: Bool) throws -> SeismicityModel {
    let dir = URL(fileURLWithPath: directory)
    func file(_ n: String) -> String { dir.appendingPathComponent(n).path }
    let p = try ParameterFile(contentsOf: file("parameters.csv"))
    let grid = try SourceGrid.load(
      outline: file("field-outline-rd.csv"), spacing: try p.double("grid_spacing_m", in: 10...10_000))
    let segments = try FaultDensity.load(path: file("faults-rd-km.csv"))
    let fault = FaultDensity.compute(
      grid: grid, segments: segments, sigma: try p.double("fault_smoothing_sigma_m", in: 1...50_000))
    let thick = ReservoirThickness.compute(
      grid: grid, southM: try p.double("thickness_south_m", in: 1...2000),
      northM: try p.double("thickness_north_m", in: 1...2000),
      northingSouth: try p.double("thickness_northing_south_m"),
      northingNorth: try p.double("thickness_northing_north_m"))
    let w = DepletionWeights.compute(
      grid: grid, centreX: try p.double("depletion_centre_x_m"), centreY: try p.double("depletion_centre_y_m"),
      amplitude: try p.double("depletion_amplitude", in: 0...100),
      length: try p.double("depletion_length_m", in: 100...1e6))
    let pressure = ReservoirPressure(
      initialPressureBar: try p.double("initial_pressure_bar", in: 1...2000),
      gasInPlaceBcm: try p.double("gas_in_place_bcm", in: 1...1e5))
    let bins = MagnitudeBins(
      lower: try p.double("mmin", in: -2...8), width: try p.double("magnitude_bin_width", in: 0.001...1),
      count: Int(try p.double("magnitude_bin_count", in: 1...1000)))
    let bMin = try p.double("b_min", in: 0.01...5)
    let h0 = try p.double("b_split_h0_m", in: 1...2000)
    let bw = try p.double("b_split_width_m", in: 0.1...2000)

    let bt = try CSVTable(contentsOf: file("rate-branches.csv"))
    try bt.require(["rate_model", "tau_years", "kappa_per_m", "description"])
    var branches: [String: RateBranch] = [:]
    for r in bt.rows {
      let name = try bt.string(r, "rate_model")
      if branches[name] != nil { throw bt.error(r, "rate_model", "duplicate rate model '\(name)'") }
      let tau = try bt.double(r, "tau_years")
      if tau < 0 { throw bt.error(r, "tau_years", "delay must be ≥ 0") }
      let kappa = try bt.double(r, "kappa_per_m")
      if kappa <= 0 { throw bt.error(r, "kappa_per_m", "stress scaling must be > 0") }
      let stress = CoulombStress(kappaPerM: kappa, faultFactor: fault, thicknessM: thick, depletionWeight: w)
      var rate: ActivityRate? = nil
      var bv: BValueModel? = nil
      if calibrated {
        let c = try ParameterFile(contentsOf: file("calibration-\(name).csv"))
        rate = ActivityRate(theta0: try c.double("theta0"), theta1: try c.double("theta1", in: 0...1e6))
        let b = try ParameterFile(contentsOf: file("bvalue-\(name).csv"))
        bv = BValueModel(
          b0: try b.double("b0"), bSlope: try b.double("b_slope"), bMin: bMin,
          bThin: try b.double("b_thin", in: 0.01...5), bThick: try b.double("b_thick", in: 0.01...5), h0: h0, width: bw)
      }
      branches[name] = RateBranch(name: name, tauYears: tau, kappaPerM: kappa, stress: stress, rate: rate, bValues: bv)
    }
    if branches.isEmpty { throw InputError(file: file("rate-branches.csv"), "no rate branches") }
    return SeismicityModel(
      grid: grid, faultFactor: fault, thickness: thick, depletionWeight: w, pressure: pressure, bins: bins,
      rateBranches: branches, parameters: p)
  }

  /// Coulomb stress ΔC (MPa) per cell at time t for a rate branch.
  package func coulombStress(path: ProductionPath, at t: Double, rateModel: String) -> [Double] {
    let br = branch(rateModel)
    let d = pressure.effectiveDepletion(path: path, times: [t], tau: br.tauYears)[0]
    return br.stress.factor.map { $0 * d }
  }

  func branch(_ name: String) -> RateBranch {
    guard let b = rateBranches[name] else {
      preconditionFailure("unknown rate model '\(name)' (model defines \(rateBranches.keys.sorted()))")
    }
    return b
  }

  /// Expected event counts per gas year, cell and magnitude bin for one source branch.
  ///
  /// The b-value of a (year, cell) uses ΔC averaged over the gas year's two ends
  /// (linear_stress) or the cell's thickness (split_thickness).
  /// - Precondition: the model is calibrated, `branch.rateModel` is one of ``rateBranches`` and
  ///   `branch.bModel` one of ``SourceBranch/bModels``, `branch.mmax > mmin`.
  /// - Complexity: O(years × cells × bins), one `exp` per (year, cell) and two `pow` per (year, cell).
  package func eventRates(path: ProductionPath, gasYears: [Int], branch sb: SourceBranch) -> EventRates {
    let br = branch(sb.rateModel)
    guard let rate = br.rate, let bv = br.bValues else {
      preconditionFailure("rate model '\(sb.rateModel)' is not calibrated")
    }
    let linear: Bool
    switch sb.bModel {
    case "linear_stress": linear = true
    case "split_thickness": linear = false
    default: preconditionFailure("unknown b model '\(sb.bModel)' (expected \(SourceBranch.bModels))")
    }
    precondition(sb.mmax > mmin, "Mmax must exceed Mmin")
    var times: [Double] = []
    for y in gasYears {
      times.append(Double(y) + 0.75)
      times.append(Double(y) + 1.75)
    }
    let d = pressure.effectiveDepletion(path: path, times: times, tau: br.tauYears)
    let nc = grid.count
    let nb = bins.count
    var rates = [Double](repeating: 0, count: gasYears.count * nc * nb)
    var mminRates = [Double](repeating: 0, count: gasYears.count * nc)
    var bValues = [Double](repeating: 0, count: gasYears.count * nc)
    let area = grid.cellAreaKm2
    let splitB = linear ? [] : thickness.map { bv.splitThickness($0) }
    br.stress.factor.withUnsafeBufferPointer { s in
      rates.withUnsafeMutableBufferPointer { out in
        for yi in 0..<gasYears.count {
          let d1 = d[2 * yi]
          let d2 = d[2 * yi + 1]
          for c in 0..<nc {
            let c1 = s[c] * d1
            let c2 = s[c] * d2
            let n = rate.expectedCount(areaKm2: area, stress1: c1, stress2: c2)
            let b = linear ? bv.linearStress(0.5 * (c1 + c2)) : splitB[c]
            let k = yi * nc + c
            mminRates[k] = n
            bValues[k] = b
            if n > 0 {
              MagnitudeDistribution.fill(
                b: b, mmin: mmin, mmax: sb.mmax, bins: bins, scale: n, into: out.baseAddress! + k * nb)
            }
          }
        }
      }
    }
    return EventRates(
      gasYears: gasYears, cellCount: nc, bins: bins, rates: rates, mminRates: mminRates, bValues: bValues,
      mmax: sb.mmax, mmin: mmin)
  }
}
