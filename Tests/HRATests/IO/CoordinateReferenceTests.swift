import Foundation
import Testing

@testable import HRA

/// CSVs with RD New coordinates name their CRS in a `.prj` sidecar (docs/gis.md); the lists,
/// `near-norm.csv` and the ijkmoment queue carry `x_rd`, `y_rd`.
@Suite struct CoordinateReferenceTests {
  @Test func sidecarForCSVsWithRDColumnsOnly() {
    let d = { (s: String) in Data(s.utf8) }
    #expect(
      CoordinateReference.sidecar(for: "lists/p90-2019_20.csv", data: d("rank,x_rd,y_rd\n1,2,3\n"))
        == "lists/p90-2019_20.prj")
    #expect(CoordinateReference.sidecar(for: "f.csv", data: d("x_rd_m,y_rd_m,mmax\n")) == "f.prj")
    #expect(CoordinateReference.sidecar(for: "q.csv", data: d("\"x_rd\",\"y_rd\"\r\n")) == "q.prj")
    #expect(CoordinateReference.sidecar(for: "s.csv", data: d("rank,building_id\nx_rd,y_rd\n")) == nil)
    #expect(CoordinateReference.sidecar(for: "s.csv", data: d("x_rd,zone\n")) == nil)
    #expect(CoordinateReference.sidecar(for: "s.txt", data: d("x_rd,y_rd\n")) == nil)
    let wkt = CoordinateReference.rdNewWKT
    #expect(wkt.hasPrefix("PROJCS[\"Amersfoort / RD New\"") && wkt.hasSuffix("AUTHORITY[\"EPSG\",\"28992\"]]"))
    #expect(wkt.filter { $0 == "[" }.count == wkt.filter { $0 == "]" }.count)
  }

  @Test func outputFolderWritesAndListsTheSidecar() throws {
    let dir = NSTemporaryDirectory() + "hra-crs-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try AtomicOutput.folder(dir + "/out") { out in
      try out.write("building_id,x_rd,y_rd\nA,240000.0,590000.0\n", name: "lists/a.csv")
      try out.write("building_id,zone\nA,1101\n", name: "b.csv")
    }
    let prj = try String(contentsOfFile: dir + "/out/lists/a.prj", encoding: .utf8)
    #expect(prj == CoordinateReference.rdNewWKT + "\n")
    #expect(!FileManager.default.fileExists(atPath: dir + "/out/b.prj"))
    let sums = try String(contentsOfFile: dir + "/out/SHA256SUMS", encoding: .utf8)
    #expect(sums.contains("  lists/a.prj\n") && sums.contains("  lists/a.csv\n"))
  }

  /// The lists and near-norm.csv give each building's position as buildings-risk.csv does.
  @Test func listsAndNearNormCarryCoordinates() throws {
    let b = { (id: String, x: Double, p50: Double, p90: Double) in
      RiskResults.Building(
        id: id, municipality: "Eemsdelta", place: "Wirdum", ownerType: "private", x: x, y: 593_000, zone: 1101,
        wierde: false, typologyMix: "URM1F_B:1", mean: [p90 / 2], p50: [p50], p90: [p90])
    }
    let r = RiskResults(gasYears: [2019], buildings: [b("A", 250_000, 2e-6, 1.5e-5), b("B", 251_000.5, 1e-7, 2e-6)])
    let list = try CSVTable(data: Data(RiskLists.csv(r, year: 0, list: .p90, norm: 1e-5).utf8), file: "p90.csv")
    #expect(list.rows.count == 1)
    #expect(try list.double(list.rows[0], "x_rd") == 250_000 && list.double(list.rows[0], "y_rd") == 593_000)
    let near = try CSVTable(
      data: Data(RiskLists.nearNormCSV(r, flip: [0.5, 0], norm: 1e-5).utf8), file: "near-norm.csv")
    #expect(near.rows.count == 1)
    #expect(try near.string(near.rows[0], "building_id") == "A")
    #expect(try near.double(near.rows[0], "x_rd") == 250_000)
  }
}
