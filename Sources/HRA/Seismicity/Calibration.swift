import Foundation

/// Calibration of the activity-rate parameters (θ0, θ1) and the b-value models on the KNMI
/// catalogue, for every rate branch of a model folder.
///
/// ```
/// events:   ML ≥ Mmin, field == calibration_field, t in [calibration_start_year, calibration_end_year),
///           epicentre assigned to a grid cell (SourceGrid.nearestCell)
/// rates:    max_θ1 log L(θ1) with θ0 profiled out (RateLikelihood), time bins = calendar years
///           (the last bin ends at calibration_end_year)
/// b-values: max log L of the binned GR magnitudes given ΔC (linear_stress: b0, b_slope) or
///           H (split_thickness: b_thin, b_thick; H0 and width fixed), Mmax ignored
/// ```
/// Settings are read from `parameters.csv`. Reference: Bourne & Oates (2017 §4; 2020 §3).
package enum Calibration {
  /// Runs the calibration.
  /// - Parameters:
  ///   - modelDirectory: the seismicity model folder (`Models/seismicity`).
  ///   - catalogue: the KNMI catalogue CSV.
  ///   - historicProduction: production covering the whole fit window (historic + actual).
  /// - Throws: ``InputError`` for invalid inputs or a production path that ends before the window.
  package static func run(modelDirectory: String, catalogue: String, historicProduction: ProductionPath) throws
    -> CalibrationReport
  {
    let model = try SeismicityModel.load(directory: modelDirectory, calibrated: false)
    let cat = try Catalogue.load(path: catalogue)
    let p = model.parameters
    let start = try p.double("calibration_start_year", in: 1900...2100)
    let end = try p.double("calibration_end_year", in: 1900...2100)
    let field = try p.string("calibration_field")
    if end <= start {
      throw InputError(file: p.file, field: "calibration_end_year", "must be after calibration_start_year")
    }
    if historicProduction.end < end {
      throw InputError(
        file: historicProduction.name,
        "production path ends at \(historicProduction.end), before the calibration window end \(end)")
    }
    // Time bins: calendar years, last one partial.
    var edges: [Double] = [start]
    var y = floor(start) + 1
    while y < end {
      edges.append(y)
      y += 1
    }
    edges.append(end)
    let nbin = edges.count - 1

    // Select events.
    var cells: [Int] = []
    var bins: [Int] = []
    var times: [Double] = []
    var mags: [Double] = []
    var outside = 0
    var otherField = 0
    for i in 0..<cat.count {
      guard cat.magnitude[i] >= model.mmin, cat.time[i] >= start, cat.time[i] < end else { continue }
      guard cat.field[i] == field else {
        otherField += 1
        continue
      }
      guard let c = model.grid.nearestCell(x: cat.x[i], y: cat.y[i]) else {
        outside += 1
        continue
      }
      var j = 0
      while j + 1 < nbin && cat.time[i] >= edges[j + 1] { j += 1 }
      cells.append(c)
      bins.append(j)
      times.append(cat.time[i])
      mags.append(cat.magnitude[i])
    }
    let width = model.bins.width
    let magBins = mags.map { Int(((($0 - model.mmin) / width) - 0.5).rounded()) }

    var results: [CalibrationReport.Branch] = []
    for name in model.rateBranches.keys.sorted() {
      let br = model.rateBranches[name]!
      let e = model.pressure.effectiveDepletion(path: historicProduction, times: edges, tau: br.tauYears)
      let lik = RateLikelihood(
        factor: br.stress.factor, edges: e, areaKm2: model.grid.cellAreaKm2, eventCell: cells, eventBin: bins)
      let fit = lik.fit()
      let predicted = lik.predictedPerBin(theta0: fit.theta0, theta1: fit.theta1)
      var observed = [Int](repeating: 0, count: nbin)
      for j in bins { observed[j] += 1 }
      // b-values at each event.
      let dEvent = model.pressure.effectiveDepletion(path: historicProduction, times: times, tau: br.tauYears)
      let stress = cells.indices.map { br.stress.factor[cells[$0]] * dEvent[$0] }
      let thick = cells.map { model.thickness[$0] }
      let b = try fitBValues(stress: stress, thickness: thick, magnitudeBins: magBins, width: width, parameters: p)
      results.append(
        CalibrationReport.Branch(
          name: name, tauYears: br.tauYears, kappaPerM: br.kappaPerM, theta0: fit.theta0, theta1: fit.theta1,
          theta1StandardError: fit.theta1StandardError, logLikelihood: fit.logL, eventCount: cells.count,
          fitStart: start, fitEnd: end, binEdges: edges, observed: observed, predicted: predicted, bValues: b,
          maxStress: lik.maxStress))
    }
    return CalibrationReport(
      branches: results, excludedOutsideGrid: outside, excludedOtherField: otherField, field: field, mmin: model.mmin,
      catalogue: catalogue, production: historicProduction.name)
  }

  /// Maximum-likelihood b-value fits (constant, linear_stress, split_thickness).
  static func fitBValues(
    stress: [Double], thickness: [Double], magnitudeBins k: [Int], width: Double, parameters p: ParameterFile
  ) throws -> CalibrationReport.BValueFit {
    let bMin = try p.double("b_min", in: 0.01...5)
    let h0 = try p.double("b_split_h0_m", in: 1...2000)
    let w = try p.double("b_split_width_m", in: 0.1...2000)
    func ll(_ bOf: (Int) -> Double) -> Double {
      var s = 0.0
      for i in k.indices { s += BValueModel.binnedLogLikelihood(magnitudeBin: k[i], b: bOf(i), width: width) }
      return s
    }
    let constant = GoldenSection.maximise(lo: 0.2, hi: 4, scanPoints: 39) { b in ll { _ in b } }
    let cScale = max(stress.max() ?? 1, 1e-12)
    let linear = NelderMead.minimise(start: [constant.x, 0], step: [0.1, 0.2 / cScale]) { v in
      -ll { max(bMin, v[0] - v[1] * stress[$0]) }
    }
    let split = NelderMead.minimise(start: [constant.x, constant.x], step: [0.1, -0.1]) { v in
      guard v[0] > 0.01, v[1] > 0.01 else { return .infinity }
      return -ll { max(bMin, v[0] + (v[1] - v[0]) * 0.5 * (1 + tanh((thickness[$0] - h0) / w))) }
    }
    return CalibrationReport.BValueFit(
      eventCount: k.count, bConstant: constant.x, logLConstant: constant.value, b0: linear.x[0], bSlope: linear.x[1],
      logLLinear: -linear.value, bThin: split.x[0], bThick: split.x[1], logLSplit: -split.value, h0: h0, width: w)
  }
}
