import Foundation

/// The field map of the report as inline SVG, drawn in RD New (EPSG:28992) metres with north up
/// (RD grid north; true north differs by about 1° over the field):
///
/// - the site-response zones (thin grey lines) and the field outline (dark line);
/// - every building, aggregated to 500 m cells shaded by the number of buildings (grey);
/// - per gas year a layer `<g class="year" data-year="2019">` with the buildings that are
///   verhoogd (P50 > norm), licht verhoogd (P90 > norm ≥ P50) or near the norm
///   (`near-norm.csv`), each a coloured dot, and the counts in the legend; only the first
///   year's layer is visible until a year is chosen (the report's few lines of script);
/// - municipality names at the mean position of their buildings, a 10 km scale bar and a
///   north arrow.
///
/// ```
/// u = left + (x − minX)·s,   v = top + (maxY − y)·s        s [px/m] = width / (maxX − minX)
/// ```
struct SVGMap {
  /// Colours of the categories (verhoogd, licht verhoogd, near norm).
  static let colors = (verhoogd: "#b2182b", licht: "#f4a11d", near: "#2c7fb8")

  /// Ring coordinates (RD m) of each zone, and the field outline.
  var zones: [[[(Double, Double)]]] = []
  var outline: [(Double, Double)] = []
  var results: RiskResults
  /// Categories at `b * years + t` (``ReportSource/categories``).
  var categories: [RiskCategory]
  var nearNorm: [Set<String>]
  var norm: Double
  var central: Bool
  var width = 820.0

  /// Reads the zones and the outline from a model folder (both optional for the map).
  static func geometry(models: String?) -> (zones: [[[(Double, Double)]]], outline: [(Double, Double)]) {
    guard let models else { return ([], []) }
    var zones: [[[(Double, Double)]]] = []
    if let d = FileManager.default.contents(atPath: models + "/site/site-response-zones-v6.geojson"),
      let root = (try? JSONSerialization.jsonObject(with: d)) as? [String: Any],
      let features = root["features"] as? [[String: Any]]
    {
      for f in features {
        zones.append(rings(of: f["geometry"] as? [String: Any]))
      }
    }
    var outline: [(Double, Double)] = []
    if let t = try? CSVTable(contentsOf: models + "/seismicity/field-outline-rd.csv") {
      for r in t.rows {
        if let x = try? t.double(r, "rd_x_m"), let y = try? t.double(r, "rd_y_m") { outline.append((x, y)) }
      }
    }
    return (zones, outline)
  }

  /// All rings of a GeoJSON Polygon or MultiPolygon geometry.
  static func rings(of geometry: [String: Any]?) -> [[(Double, Double)]] {
    guard let g = geometry, let type = g["type"] as? String, let c = g["coordinates"] as? [Any] else { return [] }
    let polygons: [Any] = type == "MultiPolygon" ? c : (type == "Polygon" ? [c] : [])
    var out: [[(Double, Double)]] = []
    for p in polygons {
      for ring in (p as? [Any]) ?? [] {
        let pts = ((ring as? [[Double]]) ?? []).compactMap { $0.count >= 2 ? ($0[0], $0[1]) : nil }
        if pts.count >= 3 { out.append(pts) }
      }
    }
    return out
  }

  /// The map's frame: the extent of the zones, the outline and the buildings, with a 2 km margin.
  func frame() -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
    var pts = zones.flatMap { $0.flatMap { $0 } } + outline + results.buildings.map { ($0.x, $0.y) }
    if pts.isEmpty { pts = [(230_000, 570_000), (270_000, 610_000)] }
    let xs = pts.map(\.0)
    let ys = pts.map(\.1)
    return (xs.min()! - 2_000, ys.min()! - 2_000, xs.max()! + 2_000, ys.max()! + 2_000)
  }

  /// The category of building b in year index t for the map: 0 verhoogd, 1 licht verhoogd,
  /// 2 near the norm, 3 normaal.
  func mapCategory(_ i: Int, _ t: Int) -> Int {
    switch categories[i * results.gasYears.count + t] {
    case .verhoogd: return 0
    case .lichtVerhoogd: return 1
    case .normaal:
      let b = results.buildings[i]
      return (central ? b.p90[t] > norm / 2 : nearNorm[t].contains(b.id)) ? 2 : 3
    }
  }

  /// The placement of the map on the SVG canvas: RD metres to pixels, north up.
  ///
  /// ```
  /// u = left + (x − minX)·s,   v = top + (maxY − y)·s        s [px/m] = mapW / (maxX − minX)
  /// ```
  struct Projection {
    /// The map frame in RD metres (``SVGMap/frame()``).
    var frame: (minX: Double, minY: Double, maxX: Double, maxY: Double)
    /// The map area's left and top edges [px].
    var left = 10.0
    var top = 10.0
    /// The map area's width and height [px] and the scale [px/m].
    var mapW: Double
    var mapH: Double
    var s: Double

    /// The projection of `frame` on a map area `mapW` pixels wide.
    init(frame: (minX: Double, minY: Double, maxX: Double, maxY: Double), mapW: Double) {
      self.frame = frame
      self.mapW = mapW
      s = mapW / (frame.maxX - frame.minX)
      mapH = (frame.maxY - frame.minY) * s
    }

    /// The horizontal pixel coordinate of RD x [m].
    func u(_ x: Double) -> Double { left + (x - frame.minX) * s }
    /// The vertical pixel coordinate of RD y [m].
    func v(_ y: Double) -> Double { top + (frame.maxY - y) * s }

    /// The SVG path data of a closed ring, repeated pixel positions dropped.
    /// - Returns: the path data, or "" when fewer than 3 distinct positions remain.
    func path(_ ring: [(Double, Double)]) -> String {
      var d = ""
      var last = ""
      var n = 0
      for (x, y) in ring {
        let p = Markup.px(u(x)) + " " + Markup.px(v(y))
        if p == last { continue }
        d += (n == 0 ? "M" : " L") + p
        last = p
        n += 1
      }
      return n >= 3 ? d + " Z" : ""
    }
  }

  /// The SVG element of the map, with element id `id`.
  func render(id: String) -> String {
    let p = Projection(frame: frame(), mapW: width - 250)
    let height = p.mapH + 20
    var o =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" class=\"map\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"map of the field\">\n"
    o += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#ffffff\"/>\n"
    o +=
      "<rect x=\"\(Markup.px(p.left))\" y=\"\(Markup.px(p.top))\" width=\"\(Markup.px(p.mapW))\" height=\"\(Markup.px(p.mapH))\" fill=\"#f7f7f2\" stroke=\"#999999\"/>\n"
    o += zonesLayer(p)
    o += buildingCells(p)
    if !outline.isEmpty {
      o +=
        "<path class=\"outline\" d=\"\(p.path(outline))\" fill=\"none\" stroke=\"#222222\" stroke-width=\"1.6\" stroke-dasharray=\"7 3\"/>\n"
    }
    let legendX = p.left + p.mapW + 14
    for t in results.gasYears.indices { o += yearLayer(p, t: t, legendX: legendX) }
    o += municipalityNames(p)
    o += legendNotes(p, legendX: legendX)
    o += scaleBar(p)
    o += northArrow(p)
    o += "</svg>\n"
    return o
  }

  /// The site-response zones as thin grey lines.
  /// - Returns: the `<g class="zones">` element.
  func zonesLayer(_ p: Projection) -> String {
    var o = "<g class=\"zones\" fill=\"none\" stroke=\"#b8b8b8\" stroke-width=\"0.5\">\n"
    for z in zones {
      let d = z.map(p.path).filter { !$0.isEmpty }.joined(separator: " ")
      if !d.isEmpty { o += "<path d=\"\(d)\" fill-rule=\"evenodd\"/>\n" }
    }
    o += "</g>\n"
    return o
  }

  /// All buildings aggregated to 500 m cells, each grey with an opacity growing with the log of
  /// its number of buildings.
  /// - Returns: the `<g class="buildings-all">` element.
  func buildingCells(_ p: Projection) -> String {
    var cells: [Int64: Int] = [:]
    for b in results.buildings {
      let key = Int64((b.x / 500).rounded(.down)) << 32 | Int64((b.y / 500).rounded(.down))
      cells[key, default: 0] += 1
    }
    let maxCount = Double(cells.values.max() ?? 1)
    var o = "<g class=\"buildings-all\" fill=\"#6b6b6b\">\n"
    for (key, n) in cells.sorted(by: { $0.key < $1.key }) {
      let cx = Double(key >> 32) * 500
      let cy = Double(Int32(truncatingIfNeeded: key)) * 500
      let a = 0.15 + 0.6 * log(1 + Double(n)) / log(1 + maxCount)
      o +=
        "<rect x=\"\(Markup.px(p.u(cx)))\" y=\"\(Markup.px(p.v(cy + 500)))\" width=\"\(Markup.px(500 * p.s))\" height=\"\(Markup.px(500 * p.s))\" fill-opacity=\"\(String(format: "%.2f", a))\"/>"
    }
    o += "\n</g>\n"
    return o
  }

  /// The layer of gas year index `t`: the coloured buildings of each category and the legend
  /// with their counts; hidden unless `t` is the first year.
  /// - Returns: the `<g class="year">` element.
  func yearLayer(_ p: Projection, t: Int, legendX: Double) -> String {
    let names =
      central
      ? ["LPR > norm", "—", "LPR > norm/2", "normaal"]
      : ["verhoogd (P50 > norm)", "licht verhoogd (P90 > norm)", "near the norm, below it", "normaal"]
    let colors = [SVGMap.colors.verhoogd, SVGMap.colors.licht, SVGMap.colors.near]
    let radius = [3.2, 2.6, 2.0]
    let year = results.gasYears[t]
    var byCat: [[RiskResults.Building]] = [[], [], [], []]
    for (i, b) in results.buildings.enumerated() { byCat[mapCategory(i, t)].append(b) }
    let hidden = t == 0 ? "" : " style=\"display:none\""
    var o = "<g class=\"year\" data-year=\"\(year)\"\(hidden)>\n"
    for c in [2, 1, 0] {
      o += "<g class=\"cat-\(c)\" fill=\"\(colors[c])\" stroke=\"#ffffff\" stroke-width=\"0.4\">"
      for b in byCat[c] {
        o += "<circle cx=\"\(Markup.px(p.u(b.x)))\" cy=\"\(Markup.px(p.v(b.y)))\" r=\"\(radius[c])\"/>"
      }
      o += "</g>\n"
    }
    o +=
      "<text x=\"\(Markup.px(legendX))\" y=\"\(Markup.px(p.top + 14))\" font-size=\"13\" font-weight=\"bold\">gas year \(GasYear.label(year))</text>\n"
    for c in 0..<4 where !(central && c == 1) {
      let y = p.top + 38 + Double(c) * 20
      let fill = c < 3 ? colors[c] : "#6b6b6b"
      o +=
        "<circle cx=\"\(Markup.px(legendX + 6))\" cy=\"\(Markup.px(y - 4))\" r=\"5\" fill=\"\(fill)\"/><text x=\"\(Markup.px(legendX + 16))\" y=\"\(Markup.px(y))\" font-size=\"11\"><tspan class=\"legend-count\" data-cat=\"\(c)\">\(byCat[c].count)</tspan> \(Markup.escape(names[c]))</text>\n"
    }
    o += "</g>\n"
    return o
  }

  /// The municipality names at the mean position of their buildings (above the buildings, with
  /// a white halo), in name order.
  /// - Returns: the `<g class="municipalities">` element.
  func municipalityNames(_ p: Projection) -> String {
    var sums: [String: (Double, Double, Int)] = [:]
    for b in results.buildings {
      let v = sums[b.municipality, default: (0, 0, 0)]
      sums[b.municipality] = (v.0 + b.x, v.1 + b.y, v.2 + 1)
    }
    var o =
      "<g class=\"municipalities\" font-size=\"10\" fill=\"#222222\" stroke=\"#ffffff\" stroke-width=\"2.5\" paint-order=\"stroke\" text-anchor=\"middle\">\n"
    for (name, v) in sums.sorted(by: { $0.key < $1.key }) {
      o +=
        "<text x=\"\(Markup.px(p.u(v.0 / Double(v.2))))\" y=\"\(Markup.px(p.v(v.1 / Double(v.2))))\">\(Markup.escape(name))</text>\n"
    }
    o += "</g>\n"
    return o
  }

  /// The legend's notes on the grey cells, the outline, the zones and the norm.
  /// - Returns: four `<text>` elements.
  func legendNotes(_ p: Projection, legendX: Double) -> String {
    let ly = p.top + 130
    var o =
      "<text x=\"\(Markup.px(legendX))\" y=\"\(Markup.px(ly))\" font-size=\"10\" fill=\"#333333\">grey cells: buildings per 500 m</text>\n"
    o +=
      "<text x=\"\(Markup.px(legendX))\" y=\"\(Markup.px(ly + 14))\" font-size=\"10\" fill=\"#333333\">dashed: field outline</text>\n"
    o +=
      "<text x=\"\(Markup.px(legendX))\" y=\"\(Markup.px(ly + 28))\" font-size=\"10\" fill=\"#333333\">thin lines: site-response zones</text>\n"
    o +=
      "<text x=\"\(Markup.px(legendX))\" y=\"\(Markup.px(ly + 42))\" font-size=\"10\" fill=\"#333333\">norm \(Markup.sci(norm)) per year</text>\n"
    return o
  }

  /// A 10 km scale bar at the map's lower left corner.
  /// - Returns: the `<g class="scale-bar">` element.
  func scaleBar(_ p: Projection) -> String {
    let sbx = p.left + 14
    let sby = p.top + p.mapH - 16
    let km10 = 10_000 * p.s
    var o = "<g class=\"scale-bar\" font-size=\"10\" text-anchor=\"middle\">"
    o +=
      "<rect x=\"\(Markup.px(sbx))\" y=\"\(Markup.px(sby))\" width=\"\(Markup.px(km10 / 2))\" height=\"5\" fill=\"#222222\"/><rect x=\"\(Markup.px(sbx + km10 / 2))\" y=\"\(Markup.px(sby))\" width=\"\(Markup.px(km10 / 2))\" height=\"5\" fill=\"#ffffff\" stroke=\"#222222\"/>"
    for (k, label) in [(0.0, "0"), (0.5, "5"), (1.0, "10 km")] {
      o += "<text x=\"\(Markup.px(sbx + k * km10))\" y=\"\(Markup.px(sby - 3))\">\(label)</text>"
    }
    o += "</g>\n"
    return o
  }

  /// The north arrow at the map's upper right corner (RD grid north).
  /// - Returns: the `<g class="north-arrow">` element.
  func northArrow(_ p: Projection) -> String {
    let nx = p.left + p.mapW - 22
    let ny = p.top + 14
    return
      "<g class=\"north-arrow\"><path d=\"M\(Markup.px(nx)) \(Markup.px(ny)) L\(Markup.px(nx + 7)) \(Markup.px(ny + 22)) L\(Markup.px(nx)) \(Markup.px(ny + 17)) L\(Markup.px(nx - 7)) \(Markup.px(ny + 22)) Z\" fill=\"#222222\"/><text x=\"\(Markup.px(nx))\" y=\"\(Markup.px(ny + 34))\" font-size=\"11\" text-anchor=\"middle\">N</text></g>\n"
  }
}
