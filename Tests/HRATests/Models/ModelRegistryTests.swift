import Foundation
import Testing

@testable import HRA

/// The model registry: the lists the CLI and configuration take their versions from agree with
/// the version enumerations, every version loads and gives what it declares, and `hra models`
/// lists every registered version.
@Suite struct ModelRegistryTests {
  @Test func versionListsMatchTheEnumerations() {
    #expect(ModelRegistry.versions(of: .gmm) == GMMVersion.allCases.map(\.rawValue))
    #expect(ModelRegistry.versions(of: .fcm) == FCMVersion.allCases.map(\.rawValue))
    #expect(ModelRegistry.versions(of: .genericGMM).starts(with: ["dost2004", "bommer2013"]))
    #expect(ModelRegistry.versions(of: .seismicity) == ["built-in", "forecast", "area-source"])
  }

  /// Each Groningen GMM gives Sa at exactly the periods it declares (plus PGA ≈ Sa(0.01 s) and AvgSa).
  @Test(arguments: ModelRegistry.versions(of: .gmm)) func groundMotionGivesWhatItDeclares(_ name: String) throws {
    let e = try #require(ModelRegistry.groundMotion(name))
    let parts = try e.load(TestModels.models)
    let declared = e.requires.offers.compactMap(IntensityMeasure.init).compactMap { m -> Double? in
      if case .sa(let t) = m { return t }
      return nil
    }
    #expect(declared == parts.gmm.periods)
    #expect(parts.site.periods == parts.gmm.periods)
    #expect(e.requires.distances == ["R_rup"])
    #expect(e.folder == "gmm/" + name.lowercased())
    // V5 is the V6 form parameterised by its tables: the label is the registry's name.
    #expect(parts.gmm.version == name && parts.site.version == name)
  }

  /// Each FCM version loads through its entry; other whereabouts weights re-weight the same rows.
  @Test(arguments: ModelRegistry.versions(of: .fcm)) func fragilityLoadsThroughItsEntry(_ name: String) throws {
    let v = try #require(FCMVersion(rawValue: name))
    #expect(v.entry.name == name && v.folder == v.entry.folder)
    let b = try FCMBranches.load(version: v, directory: TestModels.models)
    let w = try FCMBranches.load(version: v, directory: TestModels.models, weightInside: 0.9, weightOutside: 0.1)
    #expect(b.version == v && b.classes == w.classes)
    #expect(b.models[1][1].weightInside == 0.99 && w.models[1][1].weightInside == 0.9)
    #expect(w.models[2][0].lnMedian == b.models[2][0].lnMedian && w.models[2][0].pdInside == b.models[2][0].pdInside)
  }

  /// Each generic GMM gives exactly the intensity measures it declares, at the distance it declares.
  @Test(arguments: ModelRegistry.versions(of: .genericGMM)) func genericGivesWhatItDeclares(_ name: String) throws {
    let g = try ModelRegistry.genericGroundMotionModel(name, models: TestModels.models)
    let e = try #require(ModelRegistry.genericGroundMotion.first { $0.name == name })
    #expect(g.name == name)
    #expect(g.imts.map(\.description) == e.requires.offers)
    #expect(e.requires.distances == [g.distance == .hypocentral ? "R_hyp" : "?"])
  }

  @Test func unknownGenericModelNamesTheKnownOnes() {
    #expect(throws: InputError.self) { _ = try ModelRegistry.genericGroundMotionModel("atkinson", models: "Models") }
    do {
      _ = try ModelRegistry.genericGroundMotionModel("atkinson", models: TestModels.models)
    } catch let e as InputError {
      #expect(e.message.contains("(known: dost2004, bommer2013"))
      #expect(e.key == "gmm.model" && e.file.isEmpty)
    } catch { Issue.record("unexpected \(error)") }
  }

  /// Every GMM offers what every FCM takes; a model taking an unoffered measure is caught.
  @Test func pairingsOfferWhatTheFragilityTakes() {
    for g in ModelRegistry.versions(of: .gmm) {
      for f in ModelRegistry.versions(of: .fcm) {
        #expect(ModelRegistry.missingMeasures(gmm: g, fcm: f).isEmpty, "GMM \(g) + FCM \(f)")
      }
    }
    let r = ModelRequirements(takes: ["PGA", "SA(2.0)"])
    #expect(r.missing(from: GroundMotionParts.avgSaMeasures) == ["SA(2.0)"])
  }

  /// `hra models` lists every registered version once, kinds in registry order.
  @Test func catalogueListsTheRegistry() throws {
    let c = try ModelCatalogue.describe(models: TestModels.models)
    let listed = c.parts.map { "\($0.kind) \($0.version)" }
    let registered =
      ModelRegistry.seismicity.map { "\($0.kind.rawValue) \($0.name)" }
      + ModelRegistry.groundMotion.map { "\($0.kind.rawValue) \($0.name)" }
      + ModelRegistry.fragility.map { "\($0.kind.rawValue) \($0.name)" }
      + ModelRegistry.genericGroundMotion.map { "\($0.kind.rawValue) \($0.name)" }
      + ModelRegistry.genericFragility.map { "\($0.kind.rawValue) \($0.name)" }
    #expect(listed == registered)
    let text = ModelCatalogue.text(c)
    #expect(text.contains("\ngeneric-gmm dost2004: Dost, Van Eck & Haak (2004)"))
    #expect(text.contains("  requires: magnitude; R_hyp; offers PGA, PGV\n  files: gmm/dost2004/README.md"))
    let v7 = try #require(c.parts.first { $0.kind == "gmm" && $0.version == "V7" })
    #expect(v7.branchSets.map(\.name) == ["gmm_median", "gmm_tau", "gmm_phi_ss", "gmm_s2s"])
    #expect(v7.branchSets[0].weightsHighM == [0.1, 0.2, 0.3, 0.4])
  }
}
