import Foundation

/// Why a building has the LPR it has: the contribution of each magnitude bin, distance band
/// and source cell, and the inside/outside/chimney split, from the integrated estimator.
package struct Explanation: Sendable, Codable {
  package typealias Band = LPRDecomposition.Band
  package typealias Source = LPRDecomposition.Source
  package typealias Year = LPRDecomposition.Year
  package var buildingID: String
  package var municipality: String
  package var place: String
  package var zone: Int
  package var wierde: Bool
  package var typologyMix: [String: Double]
  package var branches: BranchCombination
  package var years: [Year]
  /// Over the logic tree (when requested): per gas year mean/P50/P90 and the sensitivity of P90.
  package var tree: TreeView? = nil
  /// The hazard at the building's risk site (when requested).
  package var hazard: HazardView? = nil

  /// One map value at the building: the level with a return period from the mean curve and
  /// from the fractile curves of the tree.
  package struct HazardValue: Sendable, Codable {
    package var gasYear: String
    package var imt: String
    package var unit: String
    package var returnPeriod: Double
    package var mean: Double
    /// Fractile [%] → level (empty for the central branches).
    package var fractiles: [String: Double]
  }
  package struct HazardView: Sendable, Codable {
    /// `"500 sampled branch combinations"` or `"central branches"`.
    package var branches: String
    /// The risk site the building's LPR is computed at (node RD x, y; zone; wierde).
    package var siteX: Double
    package var siteY: Double
    package var values: [HazardValue]
  }

  /// The map values of a one-site hazard result per gas year, IMT and return period [yr]:
  /// the level of the mean curve and of each fractile curve (negative levels clipped to 0).
  /// - Parameter fractiles: the fractiles [%] of the result, in its order.
  package static func hazardValues(
    _ r: HazardEstimator.Result, measures: HazardMeasures, gasYears: [Int], returnPeriods: [Double],
    fractiles: [Double]
  ) -> [HazardValue] {
    var values: [HazardValue] = []
    for (t, y) in gasYears.enumerated() {
      for (i, m) in measures.imts.enumerated() {
        for T in returnPeriods {
          let mean = measures.curve(i, from: r.meanRow(site: 0, year: t)).level(returnPeriod: T).level
          var f: [String: Double] = [:]
          for (k, q) in fractiles.enumerated() {
            f["p" + HazardTables.num(q)] = max(
              0, measures.curve(i, from: r.fractileRow(k, site: 0, year: t)).level(returnPeriod: T).level)
          }
          values.append(
            HazardValue(
              gasYear: GasYear.label(y), imt: m.description, unit: m.unit, returnPeriod: T, mean: max(0, mean),
              fractiles: f))
        }
      }
    }
    return values
  }

  package struct TreeYear: Sendable, Codable {
    package var gasYear: String
    package var mean: Double
    package var p50: Double
    package var p90: Double
    package var category: String
  }
  /// P90 (and P50) of the first gas year with one branch set held at one branch.
  package typealias Sensitivity = BranchSensitivity
  package struct TreeView: Sendable, Codable {
    package var samples: Int
    package var years: [TreeYear]
    package var sensitivity: [Sensitivity]
    /// Per set: the spread of P90 over its branches (max/min), the sets that move P90 most first.
    package var influence: [String: Double]
    /// True when every branch combination was enumerated (``ExactTreeEstimator``): the
    /// sensitivity rows are then the exact conditional percentiles (``BranchHolds``).
    package var exact: Bool? = nil
  }

  /// Mean, percentiles and category (against `norm`) per gas year of a one-building tree result.
  package static func treeYears(_ r: TreeEstimator.Result, gasYears: [Int], norm: Double) -> [TreeYear] {
    gasYears.indices.map { t in
      TreeYear(
        gasYear: GasYear.label(gasYears[t]), mean: r.mean[t], p50: r.p50[t], p90: r.p90[t],
        category: RiskCategory(p50: r.p50[t], p90: r.p90[t], norm: norm).rawValue)
    }
  }

  /// Human-readable text for one gas year (or all).
  package func text() -> String {
    var s = centralText()
    if let h = hazard {
      s += String(
        format: "\nhazard at the building's risk site (%.0f, %.0f), surface, over the %@:\n", h.siteX, h.siteY,
        h.branches)
      let qs = (h.values.first?.fractiles.keys.sorted { Double($0.dropFirst())! < Double($1.dropFirst())! }) ?? []
      func col(_ x: String) -> String { String(repeating: " ", count: max(1, 8 - x.count)) + x }
      s += "gas year IMT     return period" + col("mean") + qs.map { col($0.uppercased()) }.joined() + "  [g]\n"
      for v in h.values {
        s += v.gasYear + "  " + v.imt.padding(toLength: 6, withPad: " ", startingAt: 0)
        s += String(format: " %8.0f yr  %.4f", v.returnPeriod, v.mean)
        for q in qs { s += String(format: "  %.4f", v.fractiles[q] ?? 0) }
        s += "\n"
      }
    }
    if let t = tree {
      let exact = t.exact == true
      s +=
        "\nover the logic tree (\(t.samples) \(exact ? "branch combinations, every one: exact" : "sampled branch combinations")):\n"
      s += "gas year   mean        P50         P90         category\n"
      for y in t.years {
        s += String(format: "%@   %.3e   %.3e   %.3e   %@\n", y.gasYear, y.mean, y.p50, y.p90, y.category)
      }
      s +=
        "\nsensitivity in \(t.years.first?.gasYear ?? ""): P90 (and P50) with one branch set held (\(exact ? "the combinations" : "samples") with that branch)\n"
      for set in t.influence.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).map(\.key)
        + LogicTree.setNames.filter({ t.influence[$0] == nil })
      {
        let rows = t.sensitivity.filter { $0.set == set }
        s += "  \(set)" + (t.influence[set].map { String(format: " (P90 spread ×%.1f)", $0) } ?? "") + "\n"
        for r in rows {
          if r.samples == 0 {
            s += String(
              format: "    %@ w %.3f  n %4d  (no sample drew this branch)\n", Self.pad(r.branch, 16), r.weight,
              r.samples)
          } else {
            s += String(
              format: "    %@ w %.3f  n %4d  P50 %.3e  P90 %.3e%@\n", Self.pad(r.branch, 16), r.weight, r.samples,
              r.p50, r.p90,
              r.samples < 10 && !exact ? "  (few samples)" : "")
          }
        }
      }
    }
    return s
  }

  /// Left-justifies `s` in `n` characters (Foundation on Linux ignores the width of `%-9@`).
  static func pad(_ s: String, _ n: Int) -> String {
    s.count >= n ? s : s.padding(toLength: n, withPad: " ", startingAt: 0)
  }

  func centralText() -> String {
    var s = "building \(buildingID) (\(place), \(municipality)); zone \(zone)\(wierde ? ", on a wierde" : "")\n"
    s +=
      "typology mix: "
      + typologyMix.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
        "\($0.key) \(String(format: "%g", $0.value))"
      }.joined(
        separator: ", ") + "\n"
    s += "branches: " + branches.labels.map { "\($0.set) \($0.branch)" }.joined(separator: ", ") + "\n"
    s += "gas year   LPR = 0.99·P(death inside) + 0.01·(P(death outside) + P(death by chimney)), all per year\n"
    for y in years {
      s += String(
        format: "%@   %.3e   inside %.3e  outside %.3e  chimney %.3e\n", y.gasYear, y.lpr, y.inside, y.outside,
        y.chimney)
    }
    if let y = years.first {
      s += "\ncontributions in \(y.gasYear):\n  by magnitude:\n"
      for m in y.magnitudes.sorted(by: { $0.lpr > $1.lpr }).prefix(10) {
        s += String(format: "    %@  %.3e  %5.1f%%\n", m.label, m.lpr, 100 * m.share)
      }
      s += "  by rupture distance:\n"
      for d in y.distances {
        s += String(format: "    %@ %.3e  %5.1f%%\n", Self.pad(d.label, 9), d.lpr, 100 * d.share)
      }
      s += "  strongest source cells:\n"
      for c in y.topSources {
        s += String(
          format: "    cell %d at (%.0f, %.0f), %.1f km: %.3e  %5.1f%%\n", c.cell, c.x, c.y, c.distanceKm, c.lpr,
          100 * c.share)
      }
    }
    return s
  }
}
