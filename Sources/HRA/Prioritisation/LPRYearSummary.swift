import Foundation

/// The headline numbers of one gas year of a run (`hra run`, `summary.txt`): the gas produced,
/// the expected number of events, P(M ≥ 3.6), and how many buildings have an LPR above the
/// norm and the largest LPR (per year).
package struct LPRYearSummary: Sendable, Codable {
  package var gasYear: String
  /// Gas produced in the gas year [bcm] (nil for a forecast run: the forecast does not say).
  package var productionBcm: Double?
  package var expectedEvents: Double
  package var probabilityM36: Double
  package var buildingsAboveNorm: Int
  package var maxLPR: Double

  /// Per gas year, and the number of buildings above the norm in at least one year.
  /// - Parameters:
  ///   - lpr: per building and gas year, `[b * years + t]`.
  ///   - path: the production path (gas year y runs from y + 0.75 to y + 1.75), nil for a forecast.
  ///   - expectedEvents, probabilityM36: per gas year.
  package static func years(
    lpr: [Double], buildings B: Int, gasYears years: [Int], path: ProductionPath?, expectedEvents: [Double],
    probabilityM36 pM36: [Double], norm: Double
  ) -> (years: [LPRYearSummary], aboveNormAnyYear: Int) {
    let Y = years.count
    var ys: [LPRYearSummary] = []
    for (i, y) in years.enumerated() {
      let t0 = Double(y) + 0.75
      ys.append(
        LPRYearSummary(
          gasYear: GasYear.label(y), productionBcm: path.map { $0.cumulative(at: t0 + 1) - $0.cumulative(at: t0) },
          expectedEvents: expectedEvents[i], probabilityM36: pM36[i],
          buildingsAboveNorm: (0..<B).filter { lpr[$0 * Y + i] > norm }.count,
          maxLPR: (0..<B).map { lpr[$0 * Y + i] }.max() ?? 0))
    }
    let anyYear = (0..<B).filter { b in (0..<Y).contains { lpr[b * Y + $0] > norm } }.count
    return (ys, anyYear)
  }
}
