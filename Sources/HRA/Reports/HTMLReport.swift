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
package enum HTMLReport {
  /// The report's text: the head and title block, the navigation, the sections present (map,
  /// per gas year, plots and lists for results; group risk; manifest; files) and the script.
  package static func render(_ src: ReportSource) -> String {
    let caption = captioner(manifestSHA256: src.manifestSHA256)
    var h = head(src)
    h += navigation(src)
    if let r = src.results {
      h += resultSections(src, r, caption: caption)
      if src.kind == .tree { h += lists(src, r, caption: caption) }
    }
    if let fn = src.fnCurve { h += groupRisk(fn, caption: caption) }
    h += manifestSection(src, caption: caption)
    h += filesSection(src.files)
    h += "<script>\n" + script + "</script>\n</body>\n</html>\n"
    return h
  }

  /// The caption paragraph maker of a report: each caption is the escaped text followed by the
  /// first 12 hex digits of the run's manifest SHA-256.
  /// - Returns: a function from the caption text to its `<p class="caption">` element.
  static func captioner(manifestSHA256 hash: String) -> (String) -> String {
    let short = String(hash.prefix(12))
    return { text in
      "<p class=\"caption\">\(Markup.escape(text)) Run manifest SHA-256 <code>\(short)…</code>.</p>\n"
    }
  }

  /// The document head (title, style) and the title block: output folder, manifest SHA-256,
  /// code version and creation time.
  /// - Returns: the markup from `<!DOCTYPE html>` to the end of the title block.
  static func head(_ src: ReportSource) -> String {
    let hash = src.manifestSHA256
    let name = (src.folder as NSString).lastPathComponent
    var h = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
    h += "<meta charset=\"utf-8\"/>\n<title>GroningenHRA report: \(Markup.escape(name))</title>\n"
    h += "<style>\n" + css + "</style>\n</head>\n<body>\n"
    h += "<h1>GroningenHRA report: \(Markup.escape(name))</h1>\n"
    h += "<p class=\"meta\">Output folder <code>\(Markup.escape(src.folder))</code>; "
    h += "manifest SHA-256 <code id=\"manifest-sha256\">\(hash)</code>; "
    h += "code version <code>\(Markup.escape(src.manifestValue("codeVersion") ?? "unknown"))</code>; "
    h += "created \(Markup.escape(src.manifestValue("createdUTC") ?? "unknown")).</p>\n"
    return h
  }

  /// The navigation bar: a link to each section the report has.
  /// - Returns: the `<nav>` element.
  static func navigation(_ src: ReportSource) -> String {
    var sections: [(String, String)] = []
    if src.results != nil {
      sections += [("map", "Map"), ("years", "Per gas year"), ("plots", "Plots")]
      if src.kind == .tree { sections.append(("lists", "Lists")) }
    }
    if src.fnCurve != nil { sections.append(("group-risk", "Group risk")) }
    sections += [("manifest", "Manifest"), ("files", "Files")]
    var h = "<nav><p>"
    h += sections.map { "<a href=\"#\($0.0)\">\($0.1)</a>" }.joined(separator: " · ")
    h += "</p></nav>\n"
    return h
  }

  /// The manifest section: the main manifest values, the model files with their SHA-256 and
  /// `manifest.json` as written.
  /// - Returns: the `<section id="manifest">` element.
  static func manifestSection(_ src: ReportSource, caption: (String) -> String) -> String {
    var h = "<section id=\"manifest\">\n<h2>Manifest</h2>\n<table class=\"kv\">\n<tbody>\n"
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
    h += modelFilesTable(src)
    h += "<details><summary>manifest.json as written</summary><pre>\(Markup.escape(src.manifestText))</pre></details>\n"
    h += caption(
      "The run's inputs with their SHA-256, model versions, seed, code version and runtime, from manifest.json.")
    h += "</section>\n"
    return h
  }

  /// The table of the manifest's `modelFiles` (path and SHA-256).
  /// - Returns: the heading and table, or "" when the manifest lists no model files.
  static func modelFilesTable(_ src: ReportSource) -> String {
    guard let files = src.manifest["modelFiles"] as? [[String: Any]] else { return "" }
    var h =
      "<h3>Model files</h3>\n<table class=\"hashes\"><thead><tr><th>file</th><th>SHA-256</th></tr></thead><tbody>\n"
    for f in files {
      h +=
        "<tr><td>\(Markup.escape(f["path"] as? String ?? ""))</td><td><code>\(Markup.escape(f["sha256"] as? String ?? ""))</code></td></tr>\n"
    }
    h += "</tbody></table>\n"
    return h
  }

  /// The files section: the folder's files, one list item each.
  /// - Returns: the `<section id="files">` element.
  static func filesSection(_ files: [String]) -> String {
    var h = "<section id=\"files\">\n<h2>Files</h2>\n<ul>\n"
    for f in files { h += "<li><code>\(Markup.escape(f))</code></li>\n" }
    h += "</ul>\n</section>\n"
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
  package static func write(_ src: ReportSource, to path: String, overwrite: Bool) throws -> Int {
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
