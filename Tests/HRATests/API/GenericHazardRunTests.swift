import Foundation
import Testing

@testable import HRA

/// The generic-hazard run end to end on a tiny job, and its bad inputs: each a located error
/// naming file, line and field, with no output folder created.
@Suite(.serialized) struct GenericHazardRunTests {
  static let base = """
    [models]
    models = \(TestModels.models)
    [area_source]
    polygon = 240000,590000,244000,590000,244000,593000,240000,593000
    rate = 5
    b = 1
    mmin = 1.5
    mmax = 5.0
    bin_width = 0.5
    depth_km = 3
    spacing_m = 1000
    [gmm]
    model = dost2004
    truncation_sigma = 3
    [sites]
    file = sites.csv
    [fragility]
    file = \(TestModels.models)/fragility-generic/lognormal-pga.csv
    [hazard]
    imts = PGA,PGV
    return_periods = 475,2475
    estimator = both
    catalogue_years = 200
    seed = 1
    [output]
    out = out/run
    """
  static let sites = "id,x,y,typology\nA,242000,591500,URM-ILLUSTRATIVE\nB,250000,591500,\n"

  /// A scratch folder with the configuration (edited by `edit`) and sites file.
  func setup(_ edit: (String) -> String = { $0 }, sites: String = sites, extra: [String: String] = [:]) throws -> String
  {
    let dir = NSTemporaryDirectory() + "generic-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try edit(GenericHazardRunTests.base).write(toFile: dir + "/job.ini", atomically: true, encoding: .utf8)
    try sites.write(toFile: dir + "/sites.csv", atomically: true, encoding: .utf8)
    for (name, text) in extra { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
    return dir
  }

  func expectLocated(
    file: String, line: Int?, field: String?, _ edit: @escaping (String) -> String = { $0 }, sites: String = sites,
    extra: [String: String] = [:]
  ) throws {
    let dir = try setup(edit, sites: sites, extra: extra)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    do {
      let c = try GenericHazardConfiguration(path: dir + "/job.ini")
      _ = try GenericHazardRun.run(c)
      Issue.record("the run succeeded; expected an error in \(file)")
    } catch let e as InputError {
      #expect(e.file.hasSuffix(file), "\(e)")
      #expect(e.line == line, "\(e)")
      #expect(e.field == field, "\(e)")
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/out"), "an output folder was created")
  }

  @Test func tinyRunWritesEveryFile() throws {
    let dir = try setup()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try GenericHazardConfiguration(path: dir + "/job.ini", threads: 1)
    let s = try GenericHazardRun.run(c)
    #expect(s.sites == 2 && s.cells == 12 && s.magnitudeBins == 7)
    let out = dir + "/out/run/"
    for f in [
      "hazard-curves-PGA.csv", "hazard-curves-PGV.csv", "hazard-map.csv", "damage.csv", "manifest.json", "SHA256SUMS",
      "config.ini",
    ] {
      #expect(FileManager.default.fileExists(atPath: out + f), "\(f) missing")
    }
    let curves = try CSVTable(contentsOf: out + "hazard-curves-PGA.csv")
    #expect(
      curves.header == ["site", "x", "y", "imt", "level", "rate_mean", "poe_mean", "rate_mc", "rate_mc_se", "poe_mc"])
    #expect(curves.rows.count == 2 * 48)
    let damage = try CSVTable(contentsOf: out + "damage.csv")
    // Site A has a typology (4 states), site B all three (12), each for two estimators.
    #expect(damage.rows.count == (4 + 12) * 2)
    let manifest = try String(contentsOfFile: out + "manifest.json", encoding: .utf8)
    #expect(
      manifest.contains("\"seed\" : 1") && manifest.contains("coefficients.csv")
        && manifest.contains(CodeVersion.current))
    // Its config.ini (none was written before, issue 29): the job again, paths outside the run's
    // folder tree absolute and marked; rerun from it, byte-identical results and config.ini.
    let written = try String(contentsOfFile: out + "config.ini", encoding: .utf8)
    #expect(written.contains("# \(CommandConfiguration.absoluteComment)\nfile = "), "\(written)")
    #expect(written.contains("[output]\nthreads = 1\n") && !written.contains("out ="), "\(written)")
    let again = try GenericHazardConfiguration(path: out + "config.ini", out: dir + "/out/rerun")
    #expect(again.threads == 1)
    _ = try GenericHazardRun.run(again)
    for f in ["hazard-curves-PGA.csv", "hazard-curves-PGV.csv", "hazard-map.csv", "damage.csv", "config.ini"] {
      #expect(
        FileManager.default.contents(atPath: out + f) == FileManager.default.contents(atPath: dir + "/out/rerun/" + f),
        "\(f)")
    }
  }

  @Test func unknownIMT() throws {
    try expectLocated(file: "job.ini", line: 20, field: "hazard.imts") {
      $0.replacingOccurrences(of: "imts = PGA,PGV", with: "imts = PGA,PGX")
    }
    // A known IMT the model does not define.
    try expectLocated(file: "job.ini", line: 20, field: "hazard.imts") {
      $0.replacingOccurrences(of: "imts = PGA,PGV", with: "imts = PGA,SA(0.3)")
    }
  }

  @Test(arguments: ["0", "-475", "475,0"]) func returnPeriodNotPositive(value: String) throws {
    try expectLocated(file: "job.ini", line: 21, field: "hazard.return_periods") {
      $0.replacingOccurrences(of: "return_periods = 475,2475", with: "return_periods = \(value)")
    }
  }

  @Test func sitesFileWithABadRow() throws {
    try expectLocated(file: "sites.csv", line: 3, field: "y", sites: "id,x,y\nA,242000,591500\nB,250000,abc\n")
    try expectLocated(
      file: "sites.csv", line: 3, field: "typology", sites: "id,x,y,typology\nA,242000,591500,\nB,250000,591500,URM\n")
  }

  @Test func selfIntersectingPolygon() throws {
    // Inline: the key's line.
    try expectLocated(file: "job.ini", line: 4, field: "area_source.polygon") {
      $0.replacingOccurrences(
        of: "polygon = 240000,590000,244000,590000,244000,593000,240000,593000",
        with: "polygon = 240000,590000,244000,593000,244000,590000,240000,593000")
    }
    // From a file: the line of the vertex that starts the crossing edge.
    try expectLocated(
      file: "bowtie.csv", line: 4, field: "x",
      {
        $0.replacingOccurrences(
          of: "polygon = 240000,590000,244000,590000,244000,593000,240000,593000", with: "polygon_file = bowtie.csv")
      }, extra: ["bowtie.csv": "x,y\n240000,590000\n244000,593000\n244000,590000\n240000,593000\n"])
  }

  @Test func negativeTruncation() throws {
    try expectLocated(file: "job.ini", line: 14, field: "gmm.truncation_sigma") {
      $0.replacingOccurrences(of: "truncation_sigma = 3", with: "truncation_sigma = -1")
    }
  }

  @Test func nonPositiveBValue() throws {
    try expectLocated(file: "job.ini", line: 6, field: "area_source.b") {
      $0.replacingOccurrences(of: "b = 1\n", with: "b = 0\n")
    }
  }
}
