import Foundation

/// The sections of ``HTMLReport`` drawn from a folder's per-building results: the map, the table
/// per gas year and the plots.
extension HTMLReport {
  /// The map, per gas year and plots sections of a folder with results (a logic-tree run or
  /// `--logic-tree central`).
  /// - Returns: the three `<section>` elements, in that order.
  static func resultSections(_ src: ReportSource, _ r: RiskResults, caption: (String) -> String) -> String {
    let central = src.kind == .central
    let geo = SVGMap.geometry(models: src.modelsDirectory)
    let map = SVGMap(
      zones: geo.zones, outline: geo.outline, results: r, categories: src.categories, nearNorm: src.nearNorm,
      norm: src.norm, central: central)
    let counts = categoryCounts(map, r)
    let maxima = fieldMaxima(r)
    var h = mapSection(src, r, map: map, caption: caption)
    h += yearsSection(src, r, counts: counts, maxima: maxima, caption: caption)
    h += plotsSection(src, r, counts: counts, maxima: maxima, caption: caption)
    return h
  }

  /// The number of buildings per map category (``SVGMap/mapCategory(_:_:)``: verhoogd, licht
  /// verhoogd, near the norm, normaal) per gas year.
  /// - Returns: per gas year index, the four counts.
  static func categoryCounts(_ map: SVGMap, _ r: RiskResults) -> [[Int]] {
    var counts: [[Int]] = []
    for t in r.gasYears.indices {
      var c = [0, 0, 0, 0]
      for i in r.buildings.indices { c[map.mapCategory(i, t)] += 1 }
      counts.append(c)
    }
    return counts
  }

  /// The field maximum of P50 and of P90 per gas year (0 without buildings) [1/yr].
  /// - Returns: per gas year index, the maxima.
  static func fieldMaxima(_ r: RiskResults) -> (p50: [Double], p90: [Double]) {
    var maxP50: [Double] = []
    var maxP90: [Double] = []
    for t in r.gasYears.indices {
      maxP50.append(r.buildings.map { $0.p50[t] }.max() ?? 0)
      maxP90.append(r.buildings.map { $0.p90[t] }.max() ?? 0)
    }
    return (maxP50, maxP90)
  }

  /// The map section: the gas-year selector, the field map and its caption.
  /// - Returns: the `<section id="map">` element.
  static func mapSection(_ src: ReportSource, _ r: RiskResults, map: SVGMap, caption: (String) -> String) -> String {
    let central = src.kind == .central
    let what = central ? "the LPR of the central branch combination" : "P50 and P90 of the LPR over the logic tree"
    var h = "<section id=\"map\">\n<h2>Map of the field</h2>\n"
    h += "<p><label for=\"year-select\">gas year </label><select id=\"year-select\">"
    for (t, y) in r.gasYears.enumerated() {
      let selected = t == 0 ? " selected=\"selected\"" : ""
      h += "<option value=\"\(y)\"\(selected)>\(GasYear.label(y))</option>"
    }
    h += "</select></p>\n"
    h += map.render(id: "field-map")
    var cap =
      "The \(Markup.count(r.buildings.count)) buildings by category for the chosen gas year (from \(what); norm \(Markup.sci(src.norm)) per year)"
    cap +=
      central
      ? ", coloured when the LPR exceeds the norm or half of it."
      : ": verhoogd (P50 > norm), licht verhoogd (P90 > norm ≥ P50), near the norm (in near-norm.csv: P90 within a factor 2); the others (normaal) are in the grey 500 m cells."
    cap += " Coordinates RD New (EPSG:28992) metres, north up (RD grid north, within about 1° of true north here);"
    cap +=
      src.modelsDirectory == nil
      ? " no model folder found, so no zones or outline (give --models)."
      : " site-response zones V6 and field outline from \(src.modelsDirectory!)."
    h += caption(cap) + "</section>\n"
    return h
  }

  /// The per gas year section: the category counts and the field maxima per gas year.
  /// - Returns: the `<section id="years">` element.
  static func yearsSection(
    _ src: ReportSource, _ r: RiskResults, counts: [[Int]], maxima: (p50: [Double], p90: [Double]),
    caption: (String) -> String
  ) -> String {
    let central = src.kind == .central
    var h =
      "<section id=\"years\">\n<h2>Per gas year</h2>\n<table class=\"numbers\" id=\"year-counts\">\n<thead><tr><th>gas year</th>"
    h +=
      central
      ? "<th>LPR &gt; norm</th><th>LPR &gt; norm/2</th><th>below</th><th>max LPR</th>"
      : "<th>verhoogd</th><th>licht verhoogd</th><th>near norm</th><th>normaal</th><th>max P50</th><th>max P90</th>"
    h += "</tr></thead>\n<tbody>\n"
    for (t, y) in r.gasYears.enumerated() {
      h += yearRow(src, r, t: t, year: y, counts: counts[t], maxP50: maxima.p50[t], maxP90: maxima.p90[t])
    }
    h += "</tbody></table>\n"
    h += caption(
      "Buildings per category per gas year (counts; near norm: the rows of near-norm.csv, P90 within a factor 2 of the norm on either side, so they overlap licht verhoogd and normaal) and the field maximum of \(central ? "the LPR" : "P50 and P90") [1/yr], computed from \(central ? "buildings-lpr.csv" : "buildings-risk.csv and near-norm.csv")."
    )
    h += "</section>\n"
    return h
  }

  /// One row of the per gas year table: the category counts `c` of gas year index `t` and the
  /// field maxima.
  /// - Returns: the `<tr>` element.
  static func yearRow(
    _ src: ReportSource, _ r: RiskResults, t: Int, year y: Int, counts c: [Int], maxP50 m50: Double, maxP90 m90: Double
  ) -> String {
    let lv = c[0] + c[1]  // categories: normaal = not verhoogd and not licht verhoogd
    var h = "<tr data-year=\"\(GasYear.label(y))\"><td>\(GasYear.label(y))</td>"
    if src.kind == .central {
      h +=
        "<td class=\"verhoogd\">\(c[0])</td><td class=\"near-norm\">\(c[2])</td><td class=\"normaal\">\(r.buildings.count - c[0] - c[2])</td><td class=\"max-p90\">\(Markup.sci(m90))</td>"
    } else {
      h +=
        "<td class=\"verhoogd\">\(c[0])</td><td class=\"licht-verhoogd\">\(c[1])</td><td class=\"near-norm\">\(src.nearNorm[t].count)</td><td class=\"normaal\">\(r.buildings.count - lv)</td><td class=\"max-p50\">\(Markup.sci(m50))</td><td class=\"max-p90\">\(Markup.sci(m90))</td>"
    }
    h += "</tr>\n"
    return h
  }

  /// The plots section: buildings per category, the field maxima and distribution, and the top
  /// buildings, each per gas year with its caption.
  /// - Returns: the `<section id="plots">` element.
  static func plotsSection(
    _ src: ReportSource, _ r: RiskResults, counts: [[Int]], maxima: (p50: [Double], p90: [Double]),
    caption: (String) -> String
  ) -> String {
    let labels = r.gasYears.map(GasYear.label)
    var h = "<section id=\"plots\">\n<h2>Plots</h2>\n"
    h += categoriesPlot(src, labels: labels, counts: counts, caption: caption)
    h += maximaPlot(src, r, labels: labels, maxima: maxima, caption: caption)
    h += topBuildingsPlot(src, r, labels: labels, caption: caption)
    h += "</section>\n"
    return h
  }

  /// The plot of the number of buildings per category and gas year.
  /// - Returns: the SVG plot and its caption.
  static func categoriesPlot(
    _ src: ReportSource, labels: [String], counts: [[Int]], caption: (String) -> String
  ) -> String {
    let countSeries: [SVGPlot.Series] =
      src.kind == .central
      ? [
        .init(name: "LPR > norm", color: SVGMap.colors.verhoogd, values: counts.map { Double($0[0]) }),
        .init(name: "LPR > norm/2", color: SVGMap.colors.near, values: counts.map { Double($0[2]) }),
      ]
      : [
        .init(name: "verhoogd", color: SVGMap.colors.verhoogd, values: counts.map { Double($0[0]) }),
        .init(name: "licht verhoogd", color: SVGMap.colors.licht, values: counts.map { Double($0[1]) }),
        .init(name: "near the norm", color: SVGMap.colors.near, values: src.nearNorm.map { Double($0.count) }),
      ]
    var h = SVGPlot.categorical(
      title: "Buildings per category", labels: labels, yLabel: "buildings", yLog: false, series: countSeries
    ).render(id: "plot-categories")
    h += caption("Number of buildings per category and gas year (same counts as the table above).")
    return h
  }

  /// The `q` quantile of `v`: the element at rank ⌈q·n⌉ (1-based, clamped) of the sorted values.
  /// - Returns: the quantile, 0 for no values.
  static func quantile(_ v: [Double], _ q: Double) -> Double {
    let s = v.sorted()
    guard !s.isEmpty else { return 0 }
    return s[min(s.count - 1, max(0, Int((q * Double(s.count)).rounded(.up)) - 1))]
  }

  /// The plot of the distribution over the buildings per gas year: the field maxima, and the
  /// 99th percentile and median of P90 (or of the central LPR).
  /// - Returns: the SVG plot and its caption.
  static func maximaPlot(
    _ src: ReportSource, _ r: RiskResults, labels: [String], maxima: (p50: [Double], p90: [Double]),
    caption: (String) -> String
  ) -> String {
    let central = src.kind == .central
    var dist: [SVGPlot.Series] = [
      .init(name: central ? "max LPR" : "max P90", color: SVGPlot.palette[1], values: maxima.p90)
    ]
    if !central { dist.append(.init(name: "max P50", color: SVGPlot.palette[0], values: maxima.p50)) }
    let p90s = r.gasYears.indices.map { t in r.buildings.map { $0.p90[t] } }
    dist.append(
      .init(name: "99th pct", color: SVGPlot.palette[2], values: p90s.map { quantile($0, 0.99) }, dashed: true))
    dist.append(
      .init(name: "median", color: SVGPlot.palette[7], values: p90s.map { quantile($0, 0.5) }, dashed: true))
    var h = SVGPlot.categorical(
      title: central ? "LPR per gas year" : "P50 and P90 per gas year", labels: labels, yLabel: "LPR [1/yr]",
      yLog: true, series: dist, reference: (src.norm, "norm \(Markup.sci(src.norm))")
    ).render(id: "plot-maxima")
    h += caption(
      "Field maximum of \(central ? "the LPR" : "P50 and of P90") per gas year, and the 99th percentile and median over the buildings of \(central ? "the LPR" : "P90") (dashed) [1/yr, log scale; zeros not drawn]; dashed black line: the norm."
    )
    return h
  }

  /// The plot of P90 (or the central LPR) per gas year of the 8 buildings with the highest value
  /// in any year (ties by building id).
  /// - Returns: the SVG plot and its caption.
  static func topBuildingsPlot(
    _ src: ReportSource, _ r: RiskResults, labels: [String], caption: (String) -> String
  ) -> String {
    let central = src.kind == .central
    let top = r.buildings.indices.sorted {
      let a = r.buildings[$0].p90.max() ?? 0
      let b = r.buildings[$1].p90.max() ?? 0
      return a != b ? a > b : r.buildings[$0].id < r.buildings[$1].id
    }.prefix(8)
    let topSeries = top.enumerated().map { k, i in
      SVGPlot.Series(name: r.buildings[i].id, color: SVGPlot.palette[k % 10], values: r.buildings[i].p90)
    }
    var h = SVGPlot.categorical(
      title: "\(central ? "LPR" : "P90") of the top \(top.count) buildings", labels: labels, yLabel: "LPR [1/yr]",
      yLog: true, series: topSeries, reference: (src.norm, "norm")
    ).render(id: "plot-top")
    h += caption(
      "\(central ? "LPR" : "P90 of the LPR") per gas year of the \(top.count) buildings with the highest \(central ? "LPR" : "P90") in any year [1/yr, log scale]; legend: building id (hra explain ID shows what drives it)."
    )
    return h
  }
}
