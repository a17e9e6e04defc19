import Foundation

/// What a group-risk run computed, in numbers: the exposure, the event sets and per gas year the
/// PLL, the FN curve and its ratio to the guidance line, with the worst events; written as
/// `summary.json` and, as ``text``, `summary.txt`.
package struct GroupRiskRunSummary: Sendable, Codable {
  package var buildings: Int
  package var sites: Int
  package var nodes: Int
  package var siteSpacing: Double
  package var occupants: Double
  package var mode: String
  package var samples: Int
  package var eventsPerStratum: Int
  package var events: Int
  package var siteEvents: Int
  package var correlation: String
  package var rangeKm: Double
  package var dayFraction: Double
  package var fractiles: [Double]
  package var years: [GroupRiskYear]
  package var top: [[EventSetEstimator.Event]]
  package var runtimeSeconds: Double
  /// Wall time of the event sets alone [s], and their throughput.
  package var estimatorSeconds: Double
  package var eventsPerSecond: Double
  package var siteEventsPerSecond: Double
  package var output: String

  /// The summary as `summary.txt` gives it.
  package var text: String {
    let s = self
    var t =
      "GroningenHRA group risk (event sets over the logic tree: \(s.mode), \(s.samples) branch combinations × \(s.eventsPerStratum) events per magnitude stratum)\n"
    t += String(
      format:
        "buildings %d, occupants %.0f, risk sites %d on %d nodes (%.0f m); correlation %@ (range %.1f km)\n%d events (%.0f events/s, %.3g site-events/s), runtime %.1f s\n",
      s.buildings, s.occupants, s.sites, s.nodes, s.siteSpacing, s.correlation, s.rangeKm, s.events,
      s.eventsPerSecond, s.siteEventsPerSecond, s.runtimeSeconds)
    t +=
      "gas year   PLL [1/yr]   ± se        F(>=1)      ± se        F(>=10)     ± se        max ratio to guidance (N)\n"
    for y in s.years {
      let f1 = y.fn.first { $0.n == 1 }
      let f10 = y.fn.first { $0.n == 10 }
      let ratio = y.maxRatio.map { String(format: "%.3g (N=%.0f)", $0, y.maxRatioN ?? 0) } ?? "-"
      t += String(
        format: "%@  %.3e  %.2e  %.3e  %.2e  %.3e  %.2e  %@\n", y.gasYear, y.pll.mean, y.pll.se, f1?.mean ?? 0,
        f1?.se ?? 0, f10?.mean ?? 0, f10?.se ?? 0, ratio)
    }
    t += "(se: standard error of the tree mean, including the logic-tree sampling; fn-curve.csv also gives se_mc)\n"
    t += "results: \(s.output)/fn-curve.csv, group-risk.csv, events-top.csv, manifest.json\n"
    return t
  }
}
