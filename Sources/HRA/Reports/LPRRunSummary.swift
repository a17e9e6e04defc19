import Foundation

/// What the integrated or Monte Carlo LPR run (`hra run --logic-tree central`) printed and wrote:
/// the exposure, the source and per gas year the headline numbers; as ``text``, `summary.txt`.
package struct LPRRunSummary: Sendable, Codable {
  package var buildings: Int
  package var sites: Int
  package var sourceCells: Int
  package var years: [LPRYearSummary]
  package var buildingsAboveNormAnyYear: Int
  package var norm: Double
  package var estimator: String
  package var runtimeSeconds: Double
  package var output: String

  /// The summary printed by `hra run` and written to `summary.txt`.
  package var text: String {
    let s = self
    var t = "GroningenHRA run (\(s.estimator) estimator)\n"
    t +=
      "buildings \(s.buildings), risk sites \(s.sites), source cells \(s.sourceCells), runtime \(String(format: "%.1f", s.runtimeSeconds)) s\n"
    t +=
      "gas year  production[bcm]  E[events M>=1.45]  P(M>=3.6)  buildings LPR>\(String(format: "%.0e", s.norm))  max LPR\n"
    for y in s.years {
      let prod = y.productionBcm.map { String(format: "%15.2f", $0) } ?? String(repeating: " ", count: 14) + "-"
      t += String(
        format: "%@  %@  %17.2f  %9.4f  %21d  %.3e\n", y.gasYear, prod, y.expectedEvents, y.probabilityM36,
        y.buildingsAboveNorm, y.maxLPR)
    }
    t += "buildings above the norm in at least one year: \(s.buildingsAboveNormAnyYear)\n"
    t += "results: \(s.output)/buildings-lpr.csv (per building and gas year), manifest.json, summary.json\n"
    return t
  }
}
