import Foundation

/// The CSV files of a group-risk run (``GroupRiskRun``). Numbers: 6 significant digits in
/// scientific notation (byte-stable); an empty cell where a value is not defined.
package enum GroupRiskTables {
  static func sci(_ v: Double?) -> String { v.map { NumberFormat.sci6($0) } ?? "" }
  static func label(_ f: Double) -> String { "p" + (f == f.rounded() ? String(Int(f)) : String(f)) }

  /// `fn-curve.csv`: gas_year, n, mean, p16, p50, p84 (the fractiles of the run), se_mc, se,
  /// guidance, ratio. Frequencies are annual frequencies of events with ≥ n fatalities [1/yr].
  package static func fnCSV(_ years: [GroupRiskYear], fractiles: [Double]) -> String {
    var s =
      (["gas_year", "n", "mean"] + fractiles.map(label) + ["se_mc", "se", "guidance", "ratio"]).joined(separator: ",")
      + "\n"
    for y in years {
      for p in y.fn {
        s +=
          ([y.gasYear, String(Int(p.n)), sci(p.mean)] + p.fractiles.map { sci($0) } + [
            sci(p.seMC), sci(p.se), sci(p.guidance), sci(p.ratio),
          ]).joined(separator: ",") + "\n"
      }
    }
    return s
  }

  /// `group-risk.csv`: per gas year PLL [fatalities/yr], expected collapses CS1–CS3 [buildings/yr]
  /// (tree mean and se), F(≥1), F(≥10) and the maximum ratio to the guidance line with its N.
  package static func yearsCSV(_ years: [GroupRiskYear]) -> String {
    var s =
      "gas_year,pll,pll_se_mc,pll_se,collapses_cs1,collapses_cs1_se,collapses_cs2,collapses_cs2_se,collapses_cs3,collapses_cs3_se,f_ge_1,f_ge_1_se,f_ge_10,f_ge_10_se,max_ratio,max_ratio_n\n"
    for y in years {
      let f1 = y.fn.first { $0.n == 1 }
      let f10 = y.fn.first { $0.n == 10 }
      var row = [y.gasYear, sci(y.pll.mean), sci(y.pll.seMC), sci(y.pll.se)]
      for c in y.collapses { row += [sci(c.mean), sci(c.se)] }
      row += [sci(f1?.mean), sci(f1?.se), sci(f10?.mean), sci(f10?.se), sci(y.maxRatio)]
      row.append(y.maxRatioN.map { String(Int($0)) } ?? "")
      s += row.joined(separator: ",") + "\n"
    }
    return s
  }

  /// `events-top.csv`: per gas year the worst sampled events: gas_year, rank, tree_sample, stratum,
  /// event, magnitude, x_rd, y_rd (epicentre, RD New m), fatalities (expected N given the field),
  /// collapses_cs1..3, weight (events per year the sample event stands for in its tree sample).
  package static func topCSV(_ top: [[EventSetEstimator.Event]]) -> String {
    var s =
      "gas_year,rank,tree_sample,stratum,event,magnitude,x_rd,y_rd,fatalities,collapses_cs1,collapses_cs2,collapses_cs3,weight\n"
    for list in top {
      for (i, e) in list.enumerated() {
        s +=
          [
            GasYear.label(e.year), String(i + 1), String(e.sample), String(e.stratum), String(e.event),
            String(format: "%.2f", e.magnitude), String(format: "%.0f", e.x), String(format: "%.0f", e.y),
            sci(e.fatalities), sci(e.collapses[0]), sci(e.collapses[1]), sci(e.collapses[2]), sci(e.weight),
          ].joined(separator: ",") + "\n"
      }
    }
    return s
  }
}
