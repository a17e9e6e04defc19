import Foundation
import Testing

@testable import HRA

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The report generator on a small synthetic run folder (``ReportFixture``): well-formed XML,
/// no external resource, every section present, and the numbers in its tables equal to the CSVs.
@Suite struct HTMLReportTests {
  /// The report's tables: per table id the rows (attributes of the `tr`, texts of its cells),
  /// and every element id; parsed with Foundation's `XMLParser`, so a parse error fails the test.
  final class Tables: NSObject, XMLParserDelegate {
    var ids: Set<String> = []
    var rows: [String: [(attributes: [String: String], cells: [String])]] = [:]
    var yearLayers: [String] = []
    private var table: [String] = []
    private var row: (attributes: [String: String], cells: [String])? = nil
    private var cell: String? = nil
    var error: Error? = nil

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      if let id = attributes["id"] { ids.insert(id) }
      switch name {
      case "table": table.append(attributes["id"] ?? "")
      case "tr": row = (attributes, [])
      case "td": cell = ""
      case "g" where attributes["class"] == "year": yearLayers.append(attributes["data-year"] ?? "")
      default: break
      }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { cell? += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      switch name {
      case "table": table.removeLast()
      case "td":
        row?.cells.append(cell ?? "")
        cell = nil
      case "tr":
        if let r = row, !r.cells.isEmpty, let t = table.last { rows[t, default: []].append(r) }
        row = nil
      default: break
      }
    }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    static func parse(_ html: String) throws -> Tables {
      // The HTML5 doctype is not XML; everything after it is.
      let body = html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "")
      let p = XMLParser(data: Data(body.utf8))
      let t = Tables()
      p.delegate = t
      let ok = p.parse()
      #expect(ok, "the report is not well-formed XML: \(String(describing: p.parserError ?? t.error))")
      return t
    }
  }

  @Test func isWellFormedAndSelfContained() throws {
    let dir = try ReportFixture.write()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let html = HTMLReport.render(try ReportSource(folder: dir))
    _ = try Tables.parse(html)
    // The only URLs are the XHTML and SVG namespace names (identifiers, never fetched).
    var rest = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/1999/xhtml\"", with: "")
      .replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
    #expect(!rest.contains("http://") && !rest.contains("https://"), "a URL other than a namespace name")
    #expect(!rest.contains("src=") && !rest.contains("url(") && !rest.contains("@import"))
    // Links point inside the document only.
    while let r = rest.range(of: "href=\"") {
      #expect(rest[r.upperBound...].hasPrefix("#"), "a link that leaves the report")
      rest = String(rest[r.upperBound...])
    }
    #expect(html.components(separatedBy: "<script").count == 2, "one script element")
  }

  @Test func everySectionAndOneMapLayerPerGasYear() throws {
    let dir = try ReportFixture.write()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let src = try ReportSource(folder: dir)
    let t = try Tables.parse(HTMLReport.render(src))
    for id in [
      "map", "field-map", "year-select", "years", "year-counts", "plots", "plot-categories", "plot-maxima", "plot-top",
      "lists", "list-counts", "list-first-p90", "manifest", "files", "manifest-sha256",
    ] {
      #expect(t.ids.contains(id), "no element with id \(id)")
    }
    #expect(!t.ids.contains("group-risk"), "no group-risk outputs, so no group-risk section")
    #expect(t.yearLayers == ["2019", "2020"])
    #expect(src.modelsDirectory == TestModels.models)
    let html = HTMLReport.render(src)
    #expect(html.contains(src.manifestSHA256))
    #expect(html.components(separatedBy: "class=\"caption\"").count - 1 >= 7, "every figure and table has a caption")
  }

  @Test func tableNumbersEqualTheCSVs() throws {
    let dir = try ReportFixture.write()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let t = try Tables.parse(HTMLReport.render(try ReportSource(folder: dir)))
    let risk = try CSVTable(contentsOf: dir + "/buildings-risk.csv")
    let near = try CSVTable(contentsOf: dir + "/near-norm.csv")
    let yearRows = t.rows["year-counts"] ?? []
    #expect(yearRows.count == 2)
    var sawLicht = false
    for (k, y) in ReportFixture.years.enumerated() {
      let s = RiskResults.suffix(y)
      var counts: [String: Int] = [:]
      var m50 = 0.0
      var m90 = 0.0
      for r in risk.rows {
        counts[try risk.string(r, "cat_" + s), default: 0] += 1
        m50 = max(m50, try risk.double(r, "p50_" + s))
        m90 = max(m90, try risk.double(r, "p90_" + s))
      }
      let nearCount = try near.rows.filter { try near.string($0, "gas_year") == GasYear.label(y) }.count
      let cells = yearRows[k].cells
      #expect(cells[0] == GasYear.label(y))
      #expect(Int(cells[1]) == counts["verhoogd", default: 0])
      #expect(Int(cells[2]) == counts["licht_verhoogd", default: 0])
      #expect(Int(cells[3]) == nearCount)
      #expect(Int(cells[4]) == counts["normaal", default: 0])
      #expect(Double(cells[5]).map { abs($0 / m50 - 1) < 0.01 } == true, "max P50 \(cells[5]) vs \(m50)")
      #expect(Double(cells[6]).map { abs($0 / m90 - 1) < 0.01 } == true, "max P90 \(cells[6]) vs \(m90)")
      sawLicht = sawLicht || counts["licht_verhoogd", default: 0] > 0
    }
    #expect(sawLicht, "the fixture has licht-verhoogd buildings")
    // List counts per municipality equal the rows of the list files.
    let listRows = t.rows["list-counts"] ?? []
    #expect(!listRows.isEmpty)
    for row in listRows {
      let m = row.cells[0]
      for (k, y) in ReportFixture.years.enumerated() {
        for (j, which) in ["p50", "p90"].enumerated() {
          let l = try CSVTable(contentsOf: dir + "/lists/\(which)-\(RiskResults.suffix(y)).csv")
          let n = try l.rows.filter { try l.string($0, "municipality") == m }.count
          #expect(Int(row.cells[1 + 2 * k + j]) == n, "\(m) \(which) \(y)")
        }
      }
    }
    // The first entries are the list's first rows, cell by cell.
    let p90 = try CSVTable(contentsOf: dir + "/lists/p90-2019_20.csv")
    let first = t.rows["list-first-p90"] ?? []
    #expect(first.count == min(10, p90.rows.count))
    for (a, b) in zip(first, p90.rows) { #expect(a.cells == b.cells) }
  }

  @Test func writtenIntoTheFolderItIsListedInSHA256SUMS() throws {
    let dir = try ReportFixture.write()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let src = try ReportSource(folder: dir)
    let bytes = try HTMLReport.write(src, to: dir + "/report.html", overwrite: false)
    let data = try #require(FileManager.default.contents(atPath: dir + "/report.html"))
    #expect(data.count == bytes)
    let sums = try String(contentsOfFile: dir + "/SHA256SUMS", encoding: .utf8)
    #expect(sums.contains("\(SHA256.hex(data))  report.html\n"))
    // Again: replaced as hra's own file, listed once; the folder is still a complete output of hra.
    try HTMLReport.write(try ReportSource(folder: dir), to: dir + "/report.html", overwrite: false)
    let again = try String(contentsOfFile: dir + "/SHA256SUMS", encoding: .utf8)
    #expect(again.components(separatedBy: "  report.html").count == 2)
    let target = try OutputTarget(dir, overwrite: false)
    #expect(target.mode == .replace)
    target.release()
    // Elsewhere an existing file is replaced only with overwrite.
    let other = dir + ".html"
    defer { try? FileManager.default.removeItem(atPath: other) }
    try HTMLReport.write(src, to: other, overwrite: false)
    #expect(throws: OutputError.self) { try HTMLReport.write(src, to: other, overwrite: false) }
    try HTMLReport.write(src, to: other, overwrite: true)
  }

  @Test func centralRunFolder() throws {
    let dir = NSTemporaryDirectory() + "hra-report-central-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let csv = """
      building_id,municipality,place,owner_type,x_rd,y_rd,zone,wierde,typology_mix,lpr_2019_20,max_lpr
      1,Eemsdelta,Wirdum,private,245000.0,595000.0,1101,1,URM1F_B:1,2.000000e-05,2.000000e-05
      2,Groningen,Groningen,private,234000.0,582000.0,1101,0,URM1F_B:1,7.000000e-06,7.000000e-06
      3,Groningen,Groningen,private,234500.0,582000.0,1101,0,URM1F_B:1,1.000000e-07,1.000000e-07

      """
    try csv.write(toFile: dir + "/buildings-lpr.csv", atomically: true, encoding: .utf8)
    try #"{"codeVersion":"0.1.0+test","configuration":{"norm":1e-05}}"#.write(
      toFile: dir + "/manifest.json", atomically: true, encoding: .utf8)
    let src = try ReportSource(folder: dir, models: TestModels.models)
    #expect(src.kind == .central)
    let t = try Tables.parse(HTMLReport.render(src))
    let row = try #require(t.rows["year-counts"]?.first)
    #expect(row.cells == ["2019/20", "1", "1", "1", "2.00e-05"])
  }

  @Test func aFolderWithoutManifestIsAnInputError() throws {
    #expect(throws: InputError.self) { _ = try ReportSource(folder: NSTemporaryDirectory() + "no-such-hra-output") }
  }
}
