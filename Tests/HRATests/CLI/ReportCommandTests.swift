import Foundation
import Testing

@testable import HRA

/// `hra report` as a subprocess: writes the report into the folder and prints its path, size
/// and time; usage errors exit 2, a folder that is not an output of hra exits 2 naming it.
@Suite struct ReportCommandTests {
  @Test func writesTheReportIntoTheFolderAndPrintsItsPath() throws {
    let dir = try ReportFixture.write()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try CLITests.hra(["report", dir], timeout: 120)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("report: \(dir)/report.html ("), "\(r.stdout)")
    let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
    #expect(html.contains("<section id=\"map\">"))
    let other = dir + "-copy.html"
    defer { try? FileManager.default.removeItem(atPath: other) }
    #expect(try CLITests.hra(["report", dir, "--out", other], timeout: 120).status == 0)
    let again = try CLITests.hra(["report", dir, "--out", other], timeout: 120)
    #expect(again.status == 2 && again.stderr.contains("--overwrite"), "\(again.stderr)")
  }

  @Test func geojsonLayersBesideTheReport() throws {
    let dir = try ReportFixture.write()
    let out = dir + "-gis"
    defer {
      try? FileManager.default.removeItem(atPath: dir)
      try? FileManager.default.removeItem(atPath: out)
    }
    let r = try CLITests.hra(["report", dir, "--geojson", out, "--crs", "wgs84"], timeout: 120)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("geojson (WGS84): \(out)/buildings.geojson"), "\(r.stdout)")
    for f in ["buildings.geojson", "zones.geojson", "field-outline.geojson", "manifest.json", "SHA256SUMS"] {
      #expect(FileManager.default.fileExists(atPath: out + "/" + f), "no \(f)")
    }
    let bad = try CLITests.hra(["report", dir, "--geojson", out, "--crs", "utm"])
    #expect(bad.status == 2 && bad.stderr.contains("--crs must be rd or wgs84"), "\(bad.stderr)")
    let help = try CLITests.hra(["run", "--help"])
    #expect(help.stdout.contains("--report"))
  }

  @Test func usageAndInputErrors() throws {
    let none = try CLITests.hra(["report"])
    #expect(none.status == 2 && none.stderr.contains("give the output folder"), "\(none.stderr)")
    let two = try CLITests.hra(["report", "a", "b"])
    #expect(two.status == 2)
    let missing = try CLITests.hra(["report", "/nonexistent/hra-out"])
    #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/hra-out"), "\(missing.stderr)")
    let help = try CLITests.hra(["report", "--help"])
    #expect(help.status == 0 && help.stdout.hasPrefix("usage: hra report OUT"))
  }
}
