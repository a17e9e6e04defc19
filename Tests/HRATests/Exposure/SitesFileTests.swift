import Foundation
import Testing

@testable import HRA

@Suite struct SitesFileTests {
  static func write(_ text: String) throws -> String {
    let p = NSTemporaryDirectory() + "sites-\(UUID().uuidString).csv"
    try text.write(toFile: p, atomically: true, encoding: .utf8)
    return p
  }

  func located(_ text: String, line: Int?, field: String?) throws {
    let p = try SitesFileTests.write(text)
    defer { try? FileManager.default.removeItem(atPath: p) }
    do {
      _ = try SitesFile(path: p)
      Issue.record("accepted:\n\(text)")
    } catch let e as InputError {
      #expect(e.file == p && e.line == line && e.field == field, "\(e)")
    }
  }

  @Test func rdAndLonLatFiles() throws {
    let a = try SitesFileTests.write("id,x,y,typology\nA,240000,590000,URM-ILLUSTRATIVE\nB,241000.5,591000,\n")
    defer { try? FileManager.default.removeItem(atPath: a) }
    let s = try SitesFile(path: a)
    #expect(s.entries.map(\.id) == ["A", "B"])
    #expect(s.entries[0].typology == "URM-ILLUSTRATIVE" && s.entries[1].typology == nil)
    #expect(s.entries[1].x == 241000.5 && s.entries[1].line == 3)
    // The Groningen control point of RDCoordinatesTests, as lon/lat.
    let b = try SitesFileTests.write("id,lon,lat\nP,7.180899528,53.148288321\n")
    defer { try? FileManager.default.removeItem(atPath: b) }
    let g = try SitesFile(path: b).entries[0]
    #expect(abs(g.x - 275_000) < Tolerance.rdPolynomialMetres && abs(g.y - 575_000) < Tolerance.rdPolynomialMetres)
  }

  @Test func missingColumns() throws {
    try located("id,x\nA,1\n", line: 1, field: "y")
    try located("name,x,y\nA,1,2\n", line: 1, field: "id")
    try located("id,east,north\nA,1,2\n", line: 1, field: "x")
  }

  @Test func badRows() throws {
    try located("id,x,y\nA,240000,590000\nA,240100,590000\n", line: 3, field: "id")
    try located("id,x,y\nA,240000,590000\nB,nan,590000\n", line: 3, field: "x")
    try located("id,x,y\nA,240000,inf\n", line: 2, field: "y")
    try located("id,lon,lat\nA,8.5,53.2\n", line: 2, field: "lon")
    try located("id,lon,lat\nA,6.5,48.0\n", line: 2, field: "lat")
    try located("id,x,y\nA,2400000,590000\n", line: 2, field: "x")
  }
}
