import Foundation

/// What a logic-tree run computed, in numbers: the buildings, the tree, the counts per gas year
/// and, if asked for, the hazard and group-risk summaries; written as `summary.json` and, as
/// ``text``, `summary.txt`.
package struct TreeRunSummary: Sendable, Codable {
  /// Counts of one gas year. With the list percentiles P50/P90: the categories, the buildings
  /// near the norm and the largest P50/P90. With other percentiles (a sensitivity run) the
  /// categories do not apply: the buildings above the norm and the largest value per
  /// percentile label (`p16`, `p84`).
  package struct YearCounts: Sendable, Codable {
    package var gasYear: String
    package var verhoogd: Int?
    package var lichtVerhoogd: Int?
    package var normaal: Int?
    package var nearNorm: Int?
    package var maxP50: Double?
    package var maxP90: Double?
    package var aboveNorm: [String: Int]?
    package var max: [String: Double]?
  }

  package var buildings: Int
  package var sites: Int
  package var mode: String
  /// Branch combinations evaluated: samples drawn, or every combination when enumerated.
  package var samples: Int
  /// How the per-building statistics were computed (`TreeComputation.estimatorName`).
  package var estimator: String = ""
  /// Enumeration: the number of GMM-median paths (``LogicTree/medianPaths(magnitudes:)``).
  package var medianPaths: Int? = nil
  package var norm: Double
  package var percentiles: [Double]
  package var years: [YearCounts]
  package var runtimeSeconds: Double
  package var peakTableCacheMB: Double
  package var sketchMB: Double
  package var output: String
  /// The field maximum of the mean 475-year PGA map per gas year (surface, arbitrary
  /// component, over the same tree samples as the LPR); nil with `--hazard-summary off`.
  package var hazard: [HazardRunSummary.Year]? = nil
  /// With `--group-risk on`: per gas year PLL, FN curve and ratio to the guidance line.
  package var groupRisk: GroupRiskRunSummary? = nil

  /// The counts per gas year (categories only for P50/P90, see ``YearCounts``).
  package static func counts(_ results: RiskResults, norm: Double) -> [YearCounts] {
    let (lo, hi) = results.labels
    return results.gasYears.enumerated().map { t, y in
      var c = YearCounts(gasYear: GasYear.label(y))
      let maxLo = results.buildings.map { $0.p50[t] }.max() ?? 0
      let maxHi = results.buildings.map { $0.p90[t] }.max() ?? 0
      if results.isStandard {
        var v = 0
        var l = 0
        var n = 0
        var near = 0
        for b in results.buildings {
          switch b.category(t, norm: norm) {
          case .verhoogd: v += 1
          case .lichtVerhoogd: l += 1
          case .normaal: n += 1
          }
          if RiskCategory.isNearNorm(p90: b.p90[t], norm: norm) { near += 1 }
        }
        (c.verhoogd, c.lichtVerhoogd, c.normaal, c.nearNorm, c.maxP50, c.maxP90) = (v, l, n, near, maxLo, maxHi)
      } else {
        c.aboveNorm = [
          lo: results.buildings.filter { $0.p50[t] > norm }.count,
          hi: results.buildings.filter { $0.p90[t] > norm }.count,
        ]
        c.max = [lo: maxLo, hi: maxHi]
      }
      return c
    }
  }

  /// The summary as `summary.txt` gives it.
  package var text: String {
    let s = self
    let lo = RiskResults.label(s.percentiles[0])
    let hi = RiskResults.label(s.percentiles[1])
    let upper = { (x: String) in x.uppercased() }
    var t = "GroningenHRA logic-tree run (\(s.mode), \(s.samples) branch combinations"
    if let p = s.medianPaths { t += " over \(p) GMM-median paths" }
    t += ")\n"
    if !s.estimator.isEmpty { t += "statistics: \(s.estimator)\n" }
    t +=
      "buildings \(s.buildings), risk sites \(s.sites), norm \(String(format: "%.0e", s.norm)), percentiles \(upper(lo))/\(upper(hi)), runtime \(String(format: "%.1f", s.runtimeSeconds)) s\n"
    if s.percentiles == [50, 90] {
      t += "gas year  verhoogd  licht_verhoogd    normaal  near_norm    max P50    max P90\n"
      for y in s.years {
        t += String(
          format: "%@  %8d  %14d  %9d  %9d  %.3e  %.3e\n", y.gasYear, y.verhoogd ?? 0, y.lichtVerhoogd ?? 0,
          y.normaal ?? 0, y.nearNorm ?? 0, y.maxP50 ?? 0, y.maxP90 ?? 0)
      }
      t += "results: \(s.output)/buildings-risk.csv, lists/p50-*.csv, lists/p90-*.csv, near-norm.csv, manifest.json\n"
    } else {
      t += "(categories are defined on P50/P90: not given for \(upper(lo))/\(upper(hi)))\n"
      t += "gas year  above norm at \(upper(lo))  above norm at \(upper(hi))  max \(upper(lo))  max \(upper(hi))\n"
      for y in s.years {
        t += String(
          format: "%@  %17d  %17d  %.3e  %.3e\n", y.gasYear, y.aboveNorm?[lo] ?? 0, y.aboveNorm?[hi] ?? 0,
          y.max?[lo] ?? 0, y.max?[hi] ?? 0)
      }
      t += "results: \(s.output)/buildings-risk.csv, lists/\(lo)-*.csv, lists/\(hi)-*.csv, manifest.json\n"
    }
    if let g = s.groupRisk {
      t += "group risk (\(g.output)/fn-curve.csv):\n"
      t += "gas year   PLL [1/yr]   F(>=1) [1/yr]  F(>=10) [1/yr]  max ratio to guidance (N)\n"
      for y in g.years {
        let f1 = y.fn.first { $0.n == 1 }?.mean ?? 0
        let f10 = y.fn.first { $0.n == 10 }?.mean ?? 0
        let ratio = y.maxRatio.map { String(format: "%.3g (N=%.0f)", $0, y.maxRatioN ?? 0) } ?? "-"
        t += String(format: "%@  %.3e    %.3e      %.3e       %@\n", y.gasYear, y.pll.mean, f1, f10, ratio)
      }
    }
    if let h = s.hazard {
      t += "hazard: field maximum of the mean 475-year PGA (surface, arbitrary component, over the same tree)\n"
      t += "gas year   PGA [g]  at risk site (RD x, y)\n"
      for y in h {
        for m in y.maxima {
          t += String(format: "%@  %7.4f  %@ (%.0f, %.0f)\n", y.gasYear, m.level, m.site, m.x, m.y)
        }
      }
    }
    return t
  }
}
