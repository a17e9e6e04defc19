import Foundation
import Testing

@testable import HRA

/// End to end on a tiny configuration: a scratch copy of the models with coarse numerics
/// (so the debug build stays fast), 12 buildings of the shipped sample, two gas years.
@Suite(.serialized) struct LPRRunTests {
  static func tinySetup() throws -> (models: String, exposure: String) {
    let dir = try TestModels.scratchCopy()
    // Coarser distance grid and quadrature: numerics of the test only, not of the product.
    let k = dir + "/risk/numerics.csv"
    var text = try String(contentsOfFile: k, encoding: .utf8)
    text = text.replacingOccurrences(of: "\nnodes,64,", with: "\nnodes,12,")
      .replacingOccurrences(of: "quadrature_step_1,0.5,", with: "quadrature_step_1,1.0,")
      .replacingOccurrences(of: "quadrature_half_width_1,7.0,", with: "quadrature_half_width_1,5.0,")
      .replacingOccurrences(of: "quadrature_order_2,4,", with: "quadrature_order_2,2,")
      .replacingOccurrences(of: "quadrature_order_3,3,", with: "quadrature_order_3,1,")
    try text.write(toFile: k, atomically: true, encoding: .utf8)
    let lines = try String(contentsOfFile: dir + "/exposure/sample-1000.csv", encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    let exposure = dir + "/tiny-exposure.csv"
    try (lines.prefix(13).joined(separator: "\n") + "\n").write(toFile: exposure, atomically: true, encoding: .utf8)
    return (dir, exposure)
  }

  static func config(_ s: (models: String, exposure: String), out: String, threads: Int) -> RunConfiguration {
    var c = RunConfiguration()
    c.models = s.models
    c.exposure = s.exposure
    c.firstGasYear = 2019
    c.lastGasYear = 2020
    c.threads = threads
    c.output = out
    return c
  }

  @Test func writesResultsManifestAndIsIdenticalForAnyThreadCount() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let out1 = s.models + "/out1"
    let out2 = s.models + "/out2"
    let sum = try LPRRun.run(LPRRunTests.config(s, out: out1, threads: 1))
    _ = try LPRRun.run(LPRRunTests.config(s, out: out2, threads: 2))
    #expect(sum.buildings == 12 && sum.years.count == 2)
    let a = try Data(contentsOf: URL(fileURLWithPath: out1 + "/buildings-lpr.csv"))
    let b = try Data(contentsOf: URL(fileURLWithPath: out2 + "/buildings-lpr.csv"))
    #expect(a == b)
    let t = try CSVTable(contentsOf: out1 + "/buildings-lpr.csv")
    #expect(t.rows.count == 12)
    for r in t.rows {
      for col in ["lpr_2019_20", "lpr_2020_21"] {
        let v = try t.double(r, col)
        #expect(v > 0 && v < 1e-3)
      }
      // Production falls from 11.8 to 8.1 bcm: the risk of every building falls.
      #expect(try t.double(r, "lpr_2020_21") < t.double(r, "lpr_2019_20"))
    }
    let manifest =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out1 + "/manifest.json")))
      as! [String: Any]
    let files = manifest["modelFiles"] as! [[String: Any]]
    #expect(
      files.contains {
        ($0["path"] as! String) == "gmm/v7/gmpe_medians_NS_B_20211010_v7.csv" && ($0["sha256"] as! String).count == 64
      })
    #expect(manifest["codeVersion"] != nil && manifest["branches"] != nil && manifest["production"] != nil)
    // No staging folders are left behind.
    let left = try FileManager.default.contentsOfDirectory(atPath: s.models).filter { $0.contains("staging") }
    #expect(left.isEmpty)
  }

  @Test func badExposureStopsWithLocatedErrorAndWritesNothing() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    var text = try String(contentsOfFile: s.exposure, encoding: .utf8)
    // Line 3: probabilities 1 → 0.9 (no longer summing to 1).
    text = text.replacingOccurrences(
      of: "0014100000000002,233351,582971,woonfunctie,,URM4L,1,",
      with: "0014100000000002,233351,582971,woonfunctie,,URM4L,0.9,")
    try text.write(toFile: s.exposure, atomically: true, encoding: .utf8)
    let out = s.models + "/out-bad"
    do {
      _ = try LPRRun.run(LPRRunTests.config(s, out: out, threads: 1))
      Issue.record("expected an input error")
    } catch let e as InputError {
      #expect(e.file == s.exposure && e.line == 3)
    }
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func negativeProductionStopsWithLocatedError() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let p = s.models + "/production/phase-out-actual.csv"
    var lines = try String(contentsOfFile: p, encoding: .utf8).components(separatedBy: "\n")
    var cells = lines[3].components(separatedBy: ",")
    cells[2] = "-1"
    lines[3] = cells.joined(separator: ",")
    try lines.joined(separator: "\n").write(toFile: p, atomically: true, encoding: .utf8)
    #expect(throws: InputError.self) { _ = try LPRRun.run(LPRRunTests.config(s, out: s.models + "/o", threads: 1)) }
    do { _ = try LPRRun.run(LPRRunTests.config(s, out: s.models + "/o", threads: 1)) } catch let e as InputError {
      #expect(e.line == 4 && e.field == "volume_bcm")
    }
  }
}

/// `--out` on a folder that is not hra's is refused before anything is computed (issue 13).
@Suite struct RunOutputFolderTests {
  @Test func runRefusesAForeignFolderBeforeComputing() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let project = s.models + "/project"
    try FileManager.default.createDirectory(atPath: project + "/sub", withIntermediateDirectories: true)
    try "keep".write(toFile: project + "/important.txt", atomically: true, encoding: .utf8)
    try "notes".write(toFile: project + "/sub/notes.txt", atomically: true, encoding: .utf8)
    var c = LPRRunTests.config(s, out: project, threads: 1)
    var logged: [String] = []
    #expect(throws: OutputError.self) { _ = try LPRRun.run(c) { logged.append($0) } }
    #expect(logged.isEmpty, "nothing was computed: \(logged)")
    c.logicTree = .sample
    c.logicTreeSamples = 2
    #expect(throws: OutputError.self) { _ = try TreeRun.run(c) { logged.append($0) } }
    #expect(logged.isEmpty)
    #expect(try String(contentsOfFile: project + "/important.txt", encoding: .utf8) == "keep")
    #expect(try String(contentsOfFile: project + "/sub/notes.txt", encoding: .utf8) == "notes")
    // The models folder itself is an input: never an output folder.
    c.output = s.models
    #expect(throws: OutputError.self) { _ = try TreeRun.run(c) }
  }
}

/// Outputs are named after what they contain: a run with list percentiles 16 and 84 writes
/// `p16_*`/`p84_*` columns and `lists/p16-*`, no categories, and its results are refused by
/// the ijkmoment (issue 13).
@Suite struct PercentileNamingTests {
  @Test func otherPercentilesNameTheirOutputs() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    var c = LPRRunTests.config(s, out: s.models + "/out", threads: 1)
    c.logicTree = .sample
    c.logicTreeSamples = 4
    c.percentiles = [16, 84]
    let summary = try TreeRun.run(c)
    let t = try CSVTable(contentsOf: s.models + "/out/buildings-risk.csv")
    #expect(t.has("p16_2019_20") && t.has("p84_2020_21") && !t.has("p50_2019_20") && !t.has("cat_2019_20"))
    let files = try FileManager.default.contentsOfDirectory(atPath: s.models + "/out/lists").sorted()
    // Each list beside its CRS sidecar (the lists carry x_rd, y_rd).
    #expect(
      files == [
        "p16-2019_20.csv", "p16-2019_20.prj", "p16-2020_21.csv", "p16-2020_21.prj", "p84-2019_20.csv",
        "p84-2019_20.prj", "p84-2020_21.csv", "p84-2020_21.prj",
      ])
    #expect(!FileManager.default.fileExists(atPath: s.models + "/out/near-norm.csv"))
    let l = try String(contentsOfFile: s.models + "/out/lists/p84-2019_20.csv", encoding: .utf8)
    #expect(
      l.hasPrefix(
        "rank,building_id,municipality,place,owner_type,x_rd,y_rd,typology_mix,mean_lpr,p16_lpr,p84_lpr,first_gas_year\n"
      ))
    #expect(summary.years.allSatisfy { $0.verhoogd == nil && $0.aboveNorm?["p84"] != nil && $0.max?["p16"] != nil })
    #expect(summary.text.contains("max P16  max P84"))
    #expect(throws: InputError.self) { _ = try RiskResults.load(path: s.models + "/out/buildings-risk.csv") }
    for r in t.rows { #expect(try t.double(r, "p16_2019_20") <= t.double(r, "p84_2019_20")) }
  }
}
