import Foundation

/// An output folder of hra read for a report: its manifest (and the manifest's SHA-256, which
/// every caption quotes), the per-building results, the lists and `near-norm.csv`, and where the
/// model folder is (for the field outline and the site-response zones of the map).
///
/// Understood: a logic-tree run (`buildings-risk.csv`, `lists/`, `near-norm.csv`) and a central
/// run (`buildings-lpr.csv`: one LPR per gas year, shown as both P50 and P90). Any other output
/// folder of hra (hazard, ijkmoment, scenarios) gets the manifest and its file list; a
/// `group-risk/fn-curve.csv` beside the results adds the FN curves.
package struct ReportSource {
  /// What the folder holds.
  package enum Kind: String, Sendable {
    case tree, central, other
  }

  /// The folder as given.
  package let folder: String
  package let kind: Kind
  /// `manifest.json` as parsed JSON (an object), its text and its SHA-256 (hex).
  package let manifest: [String: Any]
  package let manifestText: String
  package let manifestSHA256: String
  /// The LPR norm [1/yr] of the run (manifest `configuration.norm`, else 1e-5).
  package let norm: Double
  /// The per-building results (central run: P50 = P90 = mean = the central LPR).
  package let results: RiskResults?
  /// The category of building b in gas-year index t at `b * years + t`: as written in the
  /// `cat_YYYY_YY` columns (the run categorised the unrounded P50/P90), else from the values.
  package let categories: [RiskCategory]
  /// Per gas year (index into `results.gasYears`) the ids of the buildings in `near-norm.csv`.
  package let nearNorm: [Set<String>]
  /// Per gas year the P50 and P90 list files (`lists/p50-YYYY_YY.csv`), when present.
  package let lists: [(p50: CSVTable?, p90: CSVTable?)]
  /// `group-risk/fn-curve.csv`, when present.
  package let fnCurve: CSVTable?
  /// The model folder found (for the outline and zones), or nil.
  package let modelsDirectory: String?
  /// The files of the folder, relative, sorted.
  package let files: [String]

  /// Reads the folder.
  /// - Parameters:
  ///   - folder: an output folder of hra (it must hold `manifest.json`).
  ///   - models: the model folder; nil: the manifest's `configuration.models` if it exists
  ///     (as given, or relative to the folder's parent), else `Models` in the current folder.
  /// - Throws: ``InputError`` naming the file when the folder, its manifest or a result file
  ///   cannot be read.
  package init(folder: String, models: String? = nil) throws {
    self.folder = folder
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
      throw InputError(file: folder, "not a folder: give the output folder of an hra run")
    }
    let mPath = folder + "/manifest.json"
    guard let mData = FileManager.default.contents(atPath: mPath) else {
      throw InputError(file: mPath, "cannot read the manifest: is '\(folder)' an output folder of hra?")
    }
    guard let m = (try? JSONSerialization.jsonObject(with: mData)) as? [String: Any] else {
      throw InputError(file: mPath, "not a JSON object")
    }
    manifest = m
    manifestText = String(decoding: mData, as: UTF8.self)
    manifestSHA256 = SHA256.hex(mData)
    let config = m["configuration"] as? [String: Any]
    norm = (config?["norm"] as? NSNumber)?.doubleValue ?? 1e-5
    let fm = FileManager.default
    files = (fm.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { f in
      var d: ObjCBool = false
      return fm.fileExists(atPath: folder + "/" + f, isDirectory: &d) && !d.boolValue
    }.sorted()

    let treePath = folder + "/buildings-risk.csv"
    let centralPath = folder + "/buildings-lpr.csv"
    if fm.fileExists(atPath: treePath) {
      kind = .tree
      let (r, cats) = try ReportSource.tree(treePath, norm: norm)
      results = r
      categories = cats
      nearNorm = try ReportSource.nearNorm(folder + "/near-norm.csv", years: r.gasYears)
      lists = try r.gasYears.map { y in
        let s = RiskResults.suffix(y)
        return (
          try ReportSource.optionalTable(folder + "/lists/p50-\(s).csv"),
          try ReportSource.optionalTable(folder + "/lists/p90-\(s).csv")
        )
      }
    } else if fm.fileExists(atPath: centralPath) {
      kind = .central
      let r = try ReportSource.central(centralPath)
      results = r
      let n = norm
      categories = r.buildings.flatMap { b in r.gasYears.indices.map { b.category($0, norm: n) } }
      nearNorm = r.gasYears.map { _ in [] }
      lists = r.gasYears.map { _ in (nil, nil) }
    } else {
      kind = .other
      results = nil
      categories = []
      nearNorm = []
      lists = []
    }
    fnCurve = try ReportSource.optionalTable(folder + "/group-risk/fn-curve.csv")

    var candidates: [String] = []
    if let m = models { candidates.append(m) }
    if models == nil, let given = config?["models"] as? String {
      candidates.append(given)
      if !given.hasPrefix("/") {
        candidates.append((folder as NSString).deletingLastPathComponent + "/" + given)
      }
    }
    if models == nil { candidates.append("Models") }
    modelsDirectory = candidates.first { fm.fileExists(atPath: $0 + "/site/site-response-zones-v6.geojson") }
    if let m = models, modelsDirectory == nil {
      throw InputError(file: m, "not a model folder (no site/site-response-zones-v6.geojson)")
    }
  }

  /// The manifest value at a dotted path (`configuration.seed`), as text.
  package func manifestValue(_ path: String) -> String? {
    var v: Any? = manifest
    for k in path.split(separator: ".") { v = (v as? [String: Any])?[String(k)] }
    switch v {
    case let s as String: return s
    case let n as NSNumber: return n.stringValue
    case nil: return nil
    case let other?:
      guard JSONSerialization.isValidJSONObject(other),
        let d = try? JSONSerialization.data(withJSONObject: other, options: [.sortedKeys])
      else { return "\(other)" }
      return String(decoding: d, as: UTF8.self)
    }
  }

  static func optionalTable(_ path: String) throws -> CSVTable? {
    FileManager.default.fileExists(atPath: path) ? try CSVTable(contentsOf: path) : nil
  }

  /// `buildings-risk.csv` read once: the results (as ``RiskResults/load(path:)`` reads them) and
  /// the `cat_YYYY_YY` columns (the run categorised the unrounded P50/P90; computed from the
  /// values when a column is absent).
  static func tree(_ path: String, norm: Double) throws -> (RiskResults, [RiskCategory]) {
    let t = try CSVTable(contentsOf: path)
    let fixed = [
      "building_id", "municipality", "place", "owner_type", "x_rd", "y_rd", "zone", "wierde", "typology_mix",
    ]
    try t.require(fixed)
    let years = t.header.compactMap { h -> Int? in
      guard h.hasPrefix("mean_"), let y = Int(h.dropFirst(5).prefix(4)) else { return nil }
      return y
    }
    guard !years.isEmpty else { throw InputError(file: path, line: 1, field: "mean_YYYY_YY", "no gas-year columns") }
    let f = try fixed.map { try t.column($0) }
    let cols = try years.map { y -> (Int, Int, Int, Int?) in
      let s = RiskResults.suffix(y)
      return (
        try t.column("mean_" + s), try t.column("p50_" + s), try t.column("p90_" + s),
        t.has("cat_" + s) ? try t.column("cat_" + s) : nil
      )
    }
    var list: [RiskResults.Building] = []
    list.reserveCapacity(t.rows.count)
    var cats: [RiskCategory] = []
    cats.reserveCapacity(t.rows.count * years.count)
    func number(_ row: CSVTable.Row, _ c: Int) throws -> Double {
      guard let v = Double(row.cells[c]), v.isFinite else { throw t.error(row, t.header[c], "not a number") }
      return v
    }
    for row in t.rows {
      var mean: [Double] = []
      var p50: [Double] = []
      var p90: [Double] = []
      for (m, a, b, _) in cols {
        mean.append(try number(row, m))
        p50.append(try number(row, a))
        p90.append(try number(row, b))
      }
      guard let zone = Int(row.cells[f[6]]) else { throw t.error(row, "zone", "not an integer") }
      let b = RiskResults.Building(
        id: row.cells[f[0]], municipality: row.cells[f[1]], place: row.cells[f[2]], ownerType: row.cells[f[3]],
        x: try number(row, f[4]), y: try number(row, f[5]), zone: zone, wierde: row.cells[f[7]] == "1",
        typologyMix: row.cells[f[8]], mean: mean, p50: p50, p90: p90)
      for (k, c) in cols.enumerated() {
        if let cc = c.3 {
          guard let v = RiskCategory(rawValue: row.cells[cc]) else {
            throw t.error(row, t.header[cc], "not a category (verhoogd, licht_verhoogd, normaal)")
          }
          cats.append(v)
        } else {
          cats.append(b.category(k, norm: norm))
        }
      }
      list.append(b)
    }
    return (RiskResults(gasYears: years, buildings: list), cats)
  }

  /// `near-norm.csv`: the building ids per gas year (empty sets when the file is absent).
  static func nearNorm(_ path: String, years: [Int]) throws -> [Set<String>] {
    var sets = years.map { _ in Set<String>() }
    guard let t = try optionalTable(path) else { return sets }
    let index = Dictionary(uniqueKeysWithValues: years.enumerated().map { (GasYear.label($0.element), $0.offset) })
    for r in t.rows {
      let y = try t.string(r, "gas_year")
      guard let i = index[y] else { throw t.error(r, "gas_year", "gas year \(y) is not a year of the results") }
      sets[i].insert(try t.string(r, "building_id"))
    }
    return sets
  }

  /// `buildings-lpr.csv` of a central run as results with P50 = P90 = mean = the LPR.
  static func central(_ path: String) throws -> RiskResults {
    let t = try CSVTable(contentsOf: path)
    try t.require(["building_id", "municipality", "place", "owner_type", "x_rd", "y_rd", "zone", "typology_mix"])
    let years = t.header.compactMap { h -> Int? in
      guard h.hasPrefix("lpr_"), let y = Int(h.dropFirst(4).prefix(4)) else { return nil }
      return y
    }
    guard !years.isEmpty else { throw InputError(file: path, line: 1, field: "lpr_YYYY_YY", "no gas-year columns") }
    var list: [RiskResults.Building] = []
    for r in t.rows {
      let lpr = try years.map { try t.double(r, "lpr_" + RiskResults.suffix($0)) }
      list.append(
        RiskResults.Building(
          id: try t.string(r, "building_id"), municipality: try t.string(r, "municipality"),
          place: try t.string(r, "place"), ownerType: try t.string(r, "owner_type"), x: try t.double(r, "x_rd"),
          y: try t.double(r, "y_rd"), zone: try t.int(r, "zone"), wierde: (try? t.string(r, "wierde")) == "1",
          typologyMix: try t.string(r, "typology_mix"), mean: lpr, p50: lpr, p90: lpr))
    }
    return RiskResults(gasYears: years, buildings: list)
  }
}
