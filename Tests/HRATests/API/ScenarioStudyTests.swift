import Foundation
import Testing

@testable import HRA

/// The scenario study end to end on the tiny configuration of ``LPRRunTests`` (12 buildings,
/// coarse numerics, two gas years), the tree with most sets fixed and few samples.
@Suite(.serialized) struct ScenarioStudyTests {
  static func config(_ s: (models: String, exposure: String), out: String) -> RunConfiguration {
    var c = LPRRunTests.config(s, out: out, threads: 2)
    c.logicTree = .sample
    c.logicTreeSamples = 3
    c.fixedBranches = [
      "gmm_median": "CentralUpper", "gmm_tau": "Central", "gmm_phi_ss": "Lower", "gmm_s2s": "Central",
      "rate_model": "elastic_plastic", "b_model": "split_thickness", "fragility": "Middle", "consequence": "Middle",
    ]
    return c
  }

  @Test func twelveBcmIsNoSaferThanThePhaseOutAndTheComparisonIsWritten() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let out = s.models + "/study"
    let sum = try ScenarioStudy.run(
      configuration: Self.config(s, out: out), paths: ["phase-out-actual", "no-phase-out-12bcm"], year: 2019,
      capacity: .init(total: 2))
    #expect(sum.runs.map(\.name) == ["phase-out-actual", "no-phase-out-12bcm"])
    #expect(sum.buildings == 12 && sum.samples == 3 && sum.gasYears == [2019, 2020])

    let actual = try RiskResults.load(path: out + "/phase-out-actual/buildings-risk.csv")
    let kept = try RiskResults.load(path: out + "/no-phase-out-12bcm/buildings-risk.csv")
    #expect(actual.buildings.count == 12 && kept.buildings.map(\.id) == actual.buildings.map(\.id))
    for (a, k) in zip(actual.buildings, kept.buildings) {
      for t in 0..<2 {
        #expect(a.mean[t] > 0)
        // Same samples, same seed: more production never lowers the mean risk.
        #expect(k.mean[t] >= a.mean[t] * (1 - 1e-6), "building \(a.id), gas year \(2019 + t)")
      }
      // 2020/21: 12 bcm against 8.1 bcm — strictly higher.
      #expect(k.mean[1] > a.mean[1])
    }
    func header(_ f: String) throws -> String {
      String(try String(contentsOfFile: out + "/" + f, encoding: .utf8).split(separator: "\n")[0])
    }
    let runs = sum.runs.map(\.name)
    #expect(try header("categories-per-year.csv") == "path,gas_year,verhoogd,licht_verhoogd,normaal")
    #expect(
      try header("category-differences.csv")
        == (["gas_year", "building_id"] + runs.map { "cat_" + $0 }).joined(separator: ","))
    #expect(
      try header("queue-comparison.csv")
        == (["building_id"] + runs.map { "rank_" + $0 } + runs.map { "reason_" + $0 } + runs.map { "period_" + $0 } + [
          "only_in"
        ]).joined(separator: ","))
    let counts = try CSVTable(contentsOf: out + "/categories-per-year.csv")
    #expect(counts.rows.count == 2 * 2)
    for f in ["summary.txt", "summary.json", "manifest.json"] {
      #expect(FileManager.default.fileExists(atPath: out + "/" + f), "\(f)")
    }
    let m =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
      as! [String: Any]
    #expect(m["format"] as? String == "groningen-hra-scenario-study" && m["codeVersion"] != nil)
    let mr = m["runs"] as! [[String: Any]]
    #expect(mr.count == 2)
    #expect((mr[1]["configuration"] as! [String: Any])["production"] as? String == "no-phase-out-12bcm")
    #expect((mr[0]["logicTree"] as! [String: Any])["seed"] as? UInt64 == 20_190_401)
    let left = try FileManager.default.contentsOfDirectory(atPath: s.models).filter { $0.contains("staging") }
    #expect(left.isEmpty)
  }

  @Test func aVariantRunsOnEveryPathWithItsFixes() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    // Three buildings are enough here.
    let lines = try String(contentsOfFile: s.exposure, encoding: .utf8).split(separator: "\n")
    try (lines.prefix(4).joined(separator: "\n") + "\n").write(toFile: s.exposure, atomically: true, encoding: .utf8)
    let out = s.models + "/study-variant"
    var c = Self.config(s, out: out)
    c.lastGasYear = 2019
    c.logicTreeSamples = 2
    let sum = try ScenarioStudy.run(
      configuration: c, paths: ["phase-out-actual"], variants: [.init(name: "mmax45", fixed: ["mmax": "4.5"])])
    #expect(sum.runs.map(\.name) == ["phase-out-actual", "phase-out-actual+mmax45"])
    #expect(sum.runs[1].fixed["mmax"] == "4.5" && sum.runs[0].fixed["mmax"] == nil)
    #expect(FileManager.default.fileExists(atPath: out + "/phase-out-actual+mmax45/buildings-risk.csv"))
    let m =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
      as! [String: Any]
    let mr = m["runs"] as! [[String: Any]]
    #expect(((mr[1]["logicTree"] as! [String: Any])["fixed"] as! [String: String])["mmax"] == "4.5")
  }

  @Test func badPathNameGivesLocatedErrorAndWritesNothing() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let out = s.models + "/study-bad"
    do {
      _ = try ScenarioStudy.run(
        configuration: Self.config(s, out: out), paths: ["phase-out-actual", "no-phase-out-13bcm"])
      Issue.record("expected an input error")
    } catch let e as InputError {
      #expect(e.key == "seismicity.paths" && e.field == "no-phase-out-13bcm")
      #expect(e.message.contains("no-phase-out-12bcm"))  // lists the bundled paths
    }
    #expect(!FileManager.default.fileExists(atPath: out))
    #expect(try FileManager.default.contentsOfDirectory(atPath: s.models).filter { $0.contains("staging") }.isEmpty)
  }

  @Test func badVariantsAndYearAreRefusedBeforeComputing() throws {
    #expect(throws: InputError.self) { try ScenarioPlan.variants(parsing: "mmax45") }
    #expect(throws: InputError.self) { try ScenarioPlan.variants(parsing: "a:mmax") }
    #expect(
      try ScenarioPlan.variants(parsing: "a:mmax=4.5,fragility=Upper;b:mmax=6.0")
        == [.init(name: "a", fixed: ["mmax": "4.5", "fragility": "Upper"]), .init(name: "b", fixed: ["mmax": "6.0"])])
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let out = s.models + "/study-bad"
    do {
      _ = try ScenarioStudy.run(
        configuration: Self.config(s, out: out), paths: ["phase-out-actual"],
        variants: [.init(name: "x", fixed: ["mmax": "9.9"])])
      Issue.record("expected an input error")
    } catch let e as InputError { #expect(e.key == "scenarios.variants" && e.field == "x") }
    do {
      _ = try ScenarioStudy.run(configuration: Self.config(s, out: out), paths: ["phase-out-actual"], year: 2025)
      Issue.record("expected an input error")
    } catch let e as InputError { #expect(e.key == "scenarios.year") }
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
