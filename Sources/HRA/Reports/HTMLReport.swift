import Foundation

/// One self-contained HTML file that shows an output folder of hra (``ReportSource``): a map,
/// plots and tables as inline SVG and XHTML-compatible markup (well-formed XML), no external
/// resource of any kind (no URL other than the XHTML and SVG namespace names, which browsers do
/// not fetch), and a few lines of plain script for the map's year selector. Every caption says
/// what is shown, in which units, and quotes the SHA-256 of the run's `manifest.json`.
///
/// Sections, each present when its outputs are: `map`, `years` (category counts and maxima per
/// gas year), `plots`, `lists` (list counts per municipality, first entries), `group-risk`
/// (FN curves), `manifest`, `files`.
public enum HTMLReport {
  /// The report's text.
  public static func render(_ src: ReportSource) -> String {
    let hash = src.manifestSHA256
    let short = String(hash.prefix(12))
    func caption(_ text: String) -> String {
      "<p class=\"caption\">\(Markup.escape(text)) Run manifest SHA-256 <code>\(short)…</code>.</p>\n"
    }
    let name = (src.folder as NSString).lastPathComponent
    var h = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
    h += "<meta charset=\"utf-8\"/>\n<title>GroningenHRA report: \(Markup.escape(name))</title>\n"
    h += "<style>\n" + css + "</style>\n</head>\n<body>\n"
    h += "<h1>GroningenHRA report: \(Markup.escape(name))</h1>\n"
    h += "<p class=\"meta\">Output folder <code>\(Markup.escape(src.folder))</code>; "
    h += "manifest SHA-256 <code id=\"manifest-sha256\">\(hash)</code>; "
    h += "code version <code>\(Markup.escape(src.manifestValue("codeVersion") ?? "unknown"))</code>; "
    h += "created \(Markup.escape(src.manifestValue("createdUTC") ?? "unknown")).</p>\n"
    h += "<nav><p>"
    var sections: [(String, String)] = []
    if src.results != nil {
      sections += [("map", "Map"), ("years", "Per gas year"), ("plots", "Plots")]
      if src.kind == .tree { sections.append(("lists", "Lists")) }
    }
    if src.fnCurve != nil { sections.append(("group-risk", "Group risk")) }
    sections += [("manifest", "Manifest"), ("files", "Files")]
    h += sections.map { "<a href=\"#\($0.0)\">\($0.1)</a>" }.joined(separator: " · ")
    h += "</p></nav>\n"

    if let r = src.results {
      let central = src.kind == .central
      let what = central ? "the LPR of the central branch combination" : "P50 and P90 of the LPR over the logic tree"
      // Map.
      let geo = SVGMap.geometry(models: src.modelsDirectory)
      let map = SVGMap(
        zones: geo.zones, outline: geo.outline, results: r, categories: src.categories, nearNorm: src.nearNorm,
        norm: src.norm, central: central)
      h += "<section id=\"map\">\n<h2>Map of the field</h2>\n"
      h += "<p><label for=\"year-select\">gas year </label><select id=\"year-select\">"
      for (t, y) in r.gasYears.enumerated() {
        h += "<option value=\"\(y)\"\(t == 0 ? " selected=\"selected\"" : "")>\(GasYear.label(y))</option>"
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

      // Per gas year table.
      var counts: [[Int]] = []
      for t in r.gasYears.indices {
        var c = [0, 0, 0, 0]
        for i in r.buildings.indices { c[map.mapCategory(i, t)] += 1 }
        counts.append(c)
      }
      h +=
        "<section id=\"years\">\n<h2>Per gas year</h2>\n<table class=\"numbers\" id=\"year-counts\">\n<thead><tr><th>gas year</th>"
      h +=
        central
        ? "<th>LPR &gt; norm</th><th>LPR &gt; norm/2</th><th>below</th><th>max LPR</th>"
        : "<th>verhoogd</th><th>licht verhoogd</th><th>near norm</th><th>normaal</th><th>max P50</th><th>max P90</th>"
      h += "</tr></thead>\n<tbody>\n"
      var maxP50: [Double] = []
      var maxP90: [Double] = []
      for (t, y) in r.gasYears.enumerated() {
        let m50 = r.buildings.map { $0.p50[t] }.max() ?? 0
        let m90 = r.buildings.map { $0.p90[t] }.max() ?? 0
        maxP50.append(m50)
        maxP90.append(m90)
        let c = counts[t]
        let lv = c[0] + c[1]  // categories: normaal = not verhoogd and not licht verhoogd
        h += "<tr data-year=\"\(GasYear.label(y))\"><td>\(GasYear.label(y))</td>"
        if central {
          h +=
            "<td class=\"verhoogd\">\(c[0])</td><td class=\"near-norm\">\(c[2])</td><td class=\"normaal\">\(r.buildings.count - c[0] - c[2])</td><td class=\"max-p90\">\(Markup.sci(m90))</td>"
        } else {
          h +=
            "<td class=\"verhoogd\">\(c[0])</td><td class=\"licht-verhoogd\">\(c[1])</td><td class=\"near-norm\">\(src.nearNorm[t].count)</td><td class=\"normaal\">\(r.buildings.count - lv)</td><td class=\"max-p50\">\(Markup.sci(m50))</td><td class=\"max-p90\">\(Markup.sci(m90))</td>"
        }
        h += "</tr>\n"
      }
      h += "</tbody></table>\n"
      h += caption(
        "Buildings per category per gas year (counts; near norm: the rows of near-norm.csv, P90 within a factor 2 of the norm on either side, so they overlap licht verhoogd and normaal) and the field maximum of \(central ? "the LPR" : "P50 and P90") [1/yr], computed from \(central ? "buildings-lpr.csv" : "buildings-risk.csv and near-norm.csv")."
      )
      h += "</section>\n"

      // Plots.
      let labels = r.gasYears.map(GasYear.label)
      h += "<section id=\"plots\">\n<h2>Plots</h2>\n"
      let countSeries: [SVGPlot.Series] =
        central
        ? [
          .init(name: "LPR > norm", color: SVGMap.colors.verhoogd, values: counts.map { Double($0[0]) }),
          .init(name: "LPR > norm/2", color: SVGMap.colors.near, values: counts.map { Double($0[2]) }),
        ]
        : [
          .init(name: "verhoogd", color: SVGMap.colors.verhoogd, values: counts.map { Double($0[0]) }),
          .init(name: "licht verhoogd", color: SVGMap.colors.licht, values: counts.map { Double($0[1]) }),
          .init(name: "near the norm", color: SVGMap.colors.near, values: src.nearNorm.map { Double($0.count) }),
        ]
      h += SVGPlot.categorical(
        title: "Buildings per category", labels: labels, yLabel: "buildings", yLog: false, series: countSeries
      ).render(id: "plot-categories")
      h += caption("Number of buildings per category and gas year (same counts as the table above).")
      // Distribution over the buildings per year.
      func quantile(_ v: [Double], _ q: Double) -> Double {
        let s = v.sorted()
        guard !s.isEmpty else { return 0 }
        return s[min(s.count - 1, max(0, Int((q * Double(s.count)).rounded(.up)) - 1))]
      }
      var dist: [SVGPlot.Series] = [
        .init(name: central ? "max LPR" : "max P90", color: SVGPlot.palette[1], values: maxP90)
      ]
      if !central { dist.append(.init(name: "max P50", color: SVGPlot.palette[0], values: maxP50)) }
      let p90s = r.gasYears.indices.map { t in r.buildings.map { $0.p90[t] } }
      dist.append(
        .init(name: "99th pct", color: SVGPlot.palette[2], values: p90s.map { quantile($0, 0.99) }, dashed: true))
      dist.append(
        .init(name: "median", color: SVGPlot.palette[7], values: p90s.map { quantile($0, 0.5) }, dashed: true))
      h += SVGPlot.categorical(
        title: central ? "LPR per gas year" : "P50 and P90 per gas year", labels: labels, yLabel: "LPR [1/yr]",
        yLog: true, series: dist, reference: (src.norm, "norm \(Markup.sci(src.norm))")
      ).render(id: "plot-maxima")
      h += caption(
        "Field maximum of \(central ? "the LPR" : "P50 and of P90") per gas year, and the 99th percentile and median over the buildings of \(central ? "the LPR" : "P90") (dashed) [1/yr, log scale; zeros not drawn]; dashed black line: the norm."
      )
      // Top buildings.
      let top = r.buildings.indices.sorted {
        let a = r.buildings[$0].p90.max() ?? 0
        let b = r.buildings[$1].p90.max() ?? 0
        return a != b ? a > b : r.buildings[$0].id < r.buildings[$1].id
      }.prefix(8)
      let topSeries = top.enumerated().map { k, i in
        SVGPlot.Series(name: r.buildings[i].id, color: SVGPlot.palette[k % 10], values: r.buildings[i].p90)
      }
      h += SVGPlot.categorical(
        title: "\(central ? "LPR" : "P90") of the top \(top.count) buildings", labels: labels, yLabel: "LPR [1/yr]",
        yLog: true, series: topSeries, reference: (src.norm, "norm")
      ).render(id: "plot-top")
      h += caption(
        "\(central ? "LPR" : "P90 of the LPR") per gas year of the \(top.count) buildings with the highest \(central ? "LPR" : "P90") in any year [1/yr, log scale]; legend: building id (hra explain ID shows what drives it)."
      )
      h += "</section>\n"

      if src.kind == .tree { h += lists(src, r, caption: caption) }
    }

    if let fn = src.fnCurve { h += groupRisk(fn, caption: caption) }

    // Manifest.
    h += "<section id=\"manifest\">\n<h2>Manifest</h2>\n<table class=\"kv\">\n<tbody>\n"
    let rows: [(String, String)] = [
      ("code version", "codeVersion"), ("created (UTC)", "createdUTC"), ("runtime [s]", "runtimeSeconds"),
      ("logic tree", "logicTree.mode"), ("samples", "logicTree.samples"), ("seed", "logicTree.seed"),
      ("fixed branch sets", "logicTree.fixed"), ("estimator", "logicTree.estimator"), ("GMM", "models.gmm"),
      ("FCM", "models.fcm"), ("seismicity", "models.seismicity"), ("norm [1/yr]", "configuration.norm"),
      ("gas years", "configuration.firstGasYear"), ("to", "configuration.lastGasYear"),
      ("production", "configuration.production"), ("exposure", "exposure.path"),
      ("exposure SHA-256", "exposure.sha256"), ("buildings", "exposureBuildings"), ("branches", "branches"),
      ("warnings", "warnings"),
    ]
    for (label, key) in rows {
      guard let v = src.manifestValue(key) else { continue }
      h += "<tr><th>\(Markup.escape(label))</th><td><code>\(Markup.escape(v))</code></td></tr>\n"
    }
    h += "</tbody></table>\n"
    if let files = src.manifest["modelFiles"] as? [[String: Any]] {
      h +=
        "<h3>Model files</h3>\n<table class=\"hashes\"><thead><tr><th>file</th><th>SHA-256</th></tr></thead><tbody>\n"
      for f in files {
        h +=
          "<tr><td>\(Markup.escape(f["path"] as? String ?? ""))</td><td><code>\(Markup.escape(f["sha256"] as? String ?? ""))</code></td></tr>\n"
      }
      h += "</tbody></table>\n"
    }
    h += "<details><summary>manifest.json as written</summary><pre>\(Markup.escape(src.manifestText))</pre></details>\n"
    h += caption(
      "The run's inputs with their SHA-256, model versions, seed, code version and runtime, from manifest.json.")
    h += "</section>\n"
    h += "<section id=\"files\">\n<h2>Files</h2>\n<ul>\n"
    for f in src.files { h += "<li><code>\(Markup.escape(f))</code></li>\n" }
    h += "</ul>\n</section>\n"
    h += "<script>\n" + script + "</script>\n</body>\n</html>\n"
    return h
  }

  /// The list section: counts per municipality and gas year on the P50 and P90 lists, and the
  /// first entries of the first year's lists.
  static func lists(_ src: ReportSource, _ r: RiskResults, caption: (String) -> String) -> String {
    var h = "<section id=\"lists\">\n<h2>Lists</h2>\n"
    var perMunicipality: [String: [Int]] = [:]
    let Y = r.gasYears.count
    for (t, l) in src.lists.enumerated() {
      for (k, table) in [l.p50, l.p90].enumerated() {
        guard let table, let col = try? table.column("municipality") else { continue }
        for row in table.rows {
          perMunicipality[row.cells[col], default: Array(repeating: 0, count: 2 * Y)][2 * t + k] += 1
        }
      }
    }
    h += "<table class=\"numbers\" id=\"list-counts\">\n<thead><tr><th>municipality</th>"
    for y in r.gasYears { h += "<th>P50 \(GasYear.label(y))</th><th>P90 \(GasYear.label(y))</th>" }
    h += "</tr></thead>\n<tbody>\n"
    for (m, c) in perMunicipality.sorted(by: { $0.key < $1.key }) {
      h += "<tr data-municipality=\"\(Markup.escape(m))\"><td>\(Markup.escape(m))</td>"
      h += c.map { "<td>\($0)</td>" }.joined()
      h += "</tr>\n"
    }
    if perMunicipality.isEmpty {
      h += "<tr><td colspan=\"\(1 + 2 * Y)\">no building on any list</td></tr>\n"
    }
    h += "</tbody></table>\n"
    h += caption(
      "Buildings on the P50 list (P50 > norm) and the P90 list (P90 > norm, includes the P50 list) per municipality and gas year (counts of the rows of lists/p50-*.csv and lists/p90-*.csv)."
    )
    for (k, which) in ["P50", "P90"].enumerated() {
      guard let first = src.lists.first, let table = k == 0 ? first.p50 : first.p90 else { continue }
      let id = "list-first-\(which.lowercased())"
      h += "<h3>First entries of the \(which) list of \(GasYear.label(r.gasYears[0]))</h3>\n"
      h += "<table class=\"entries\" id=\"\(id)\">\n<thead><tr>"
      h += table.header.map { "<th>\(Markup.escape($0))</th>" }.joined()
      h += "</tr></thead>\n<tbody>\n"
      for row in table.rows.prefix(10) {
        h += "<tr>" + row.cells.map { "<td>\(Markup.escape($0))</td>" }.joined() + "</tr>\n"
      }
      if table.rows.isEmpty { h += "<tr><td colspan=\"\(table.header.count)\">empty list</td></tr>\n" }
      h += "</tbody></table>\n"
      h += caption(
        "The first \(min(10, table.rows.count)) of \(table.rows.count) rows of lists/\(which.lowercased())-\(RiskResults.suffix(r.gasYears[0])).csv as written (LPR in 1/yr); hra explain BUILDING_ID shows what drives an entry."
      )
    }
    return h + "</section>\n"
  }

  /// FN curves per gas year (log-log) with the guidance line, from `group-risk/fn-curve.csv`.
  static func groupRisk(_ t: CSVTable, caption: (String) -> String) -> String {
    var h = "<section id=\"group-risk\">\n<h2>Group risk</h2>\n"
    var years: [String] = []
    var points: [String: [(Double, Double)]] = [:]
    var guidance: [Double: Double] = [:]
    for row in t.rows {
      guard let y = try? t.string(row, "gas_year"), let n = try? t.double(row, "n"),
        let m = try? t.double(row, "mean", emptyAs: .nan)
      else { continue }
      if points[y] == nil { years.append(y) }
      points[y, default: []].append((n, m))
      if let g = try? t.double(row, "guidance", emptyAs: .nan), g.isFinite { guidance[n] = g }
    }
    let ns = Array(Set(points.values.flatMap { $0.map(\.0) }).union(guidance.keys)).filter { $0 > 0 }.sorted()
    var series: [SVGPlot.Series] = years.enumerated().map { k, y in
      let d = Dictionary(points[y]!.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
      return SVGPlot.Series(name: y, color: SVGPlot.palette[k % 10], values: ns.map { d[$0] })
    }
    if !guidance.isEmpty {
      series.append(.init(name: "guidance line", color: "#000000", values: ns.map { guidance[$0] }, dashed: true))
    }
    var ticks: [(Double, String)] = []
    if let lo = ns.first, let hi = ns.last {
      var e = Int(floor(log10(lo)))
      while pow(10, Double(e)) <= hi * 1.0001 {
        ticks.append((pow(10, Double(e)), SVGPlot.tickLabel(pow(10, Double(e)))))
        e += 1
      }
    }
    let plot = SVGPlot(
      title: "FN curves (tree mean)", xLabel: "N (fatalities in one event)", yLabel: "frequency of ≥ N [1/yr]", x: ns,
      xTicks: ticks, xLog: true, yLog: true, series: series)
    h += plot.render(id: "plot-fn")
    h += caption(
      "Annual frequency of events with at least N fatalities per gas year (tree mean, log-log) and the guidance line, from group-risk/fn-curve.csv."
    )
    return h + "</section>\n"
  }

  /// Writes the report.
  ///
  /// Into the output folder itself (`path` = FOLDER/report.html), the report becomes one of the
  /// folder's files: its SHA-256 is added to `SHA256SUMS`, so that `sha256sum -c` still checks
  /// the folder and a later run into it replaces it as hra's own file. Elsewhere, an existing file
  /// is replaced only with `overwrite`.
  /// - Returns: the number of bytes written.
  @discardableResult
  public static func write(_ src: ReportSource, to path: String, overwrite: Bool) throws -> Int {
    let data = Data(render(src).utf8)
    try write(data, to: path, folder: src.folder, overwrite: overwrite)
    return data.count
  }

  /// Writes `data` to `path`; when `path` is directly inside `folder` and the folder has a
  /// `SHA256SUMS`, lists the file there (replacing an earlier line of the same name).
  static func write(_ data: Data, to path: String, folder: String, overwrite: Bool) throws {
    let dir = URL(fileURLWithPath: (path as NSString).deletingLastPathComponent).standardizedFileURL.path
    let inside = dir == URL(fileURLWithPath: folder).standardizedFileURL.path
    let name = (path as NSString).lastPathComponent
    let sumsPath = folder + "/" + OutputTarget.checksumFile
    guard inside, let sums = FileManager.default.contents(atPath: sumsPath) else {
      try AtomicOutput.checkFile(path, overwrite: overwrite)
      try AtomicOutput.writeFile(data, to: path)
      return
    }
    var lines = String(decoding: sums, as: UTF8.self).split(separator: "\n").map(String.init)
    let listed = lines.contains { $0.hasSuffix("  " + name) }
    if !listed { try AtomicOutput.checkFile(path, overwrite: overwrite) }
    lines.removeAll { $0.hasSuffix("  " + name) }
    lines.append("\(SHA256.hex(data))  \(name)")
    try AtomicOutput.writeFile(data, to: path)
    try AtomicOutput.writeFile(Data((lines.joined(separator: "\n") + "\n").utf8), to: sumsPath)
  }

  static let css = """
    body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 1.5em; color: #222; max-width: 1100px; }
    h1 { font-size: 1.5em; } h2 { border-bottom: 1px solid #ccc; margin-top: 1.6em; }
    .caption { font-size: 0.9em; color: #444; max-width: 900px; }
    .meta, nav { font-size: 0.9em; }
    table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.85em; }
    th, td { border: 1px solid #ccc; padding: 2px 6px; }
    table.numbers td { text-align: right; }
    table.numbers td:first-child { text-align: left; }
    svg { display: block; margin: 0.5em 0; }
    pre { font-size: 0.75em; background: #f6f6f6; padding: 0.5em; overflow-x: auto; }

    """

  /// The only script: show the chosen gas year's layer of the map. No `<` or `&` (well-formed XML).
  static let script = """
    (function () {
      var s = document.getElementById('year-select');
      if (!s) { return; }
      s.addEventListener('change', function () {
        var g = document.querySelectorAll('#field-map g.year');
        for (var i = 0; i !== g.length; i++) { g[i].style.display = g[i].getAttribute('data-year') === s.value ? '' : 'none'; }
      });
    })();

    """
}
