import Foundation
import Testing

@testable import HRA

@Suite struct FCMVersionTests {
  /// The exposure's typology names (EDB V7.1 = V7 classes), from `Models/exposure/typologies.csv`.
  static let exposureTypologies: [String] = {
    let t = try! CSVTable(contentsOf: TestModels.models + "/exposure/typologies.csv")
    return t.rows.map { try! t.string($0, "typology") }
  }()

  static func load(_ v: FCMVersion) throws -> FCMBranches {
    try FCMBranches.load(version: v, directory: TestModels.models)
  }

  @Test func parsesVersionNames() throws {
    #expect(try FCMVersion(parsing: "V7") == .v7)
    #expect(try FCMVersion(parsing: "v6") == .v6)
    #expect(try FCMVersion(parsing: "FCM-TNO2020") == .tno2020)
    #expect(
      throws: InputError(
        key: "models.fcm", "unknown fragility/consequence model \"V8\" (expected V7, V6 or TNO2020)")
    ) { try FCMVersion(parsing: "V8") }
  }

  @Test func avgSaPeriodsAreTheGMMPeriods() throws {
    let gmm = try GMMV7(directory: TestModels.models + "/gmm/v7")
    #expect(gmm.periods == FCMVersion.avgSaPeriods)
    #expect(FCMVersion.avgSaPeriods.first == FCMVersion.pgaProxyPeriod)
  }

  @Test func v6LoadsItsClassesAndMapsEveryExposureTypology() throws {
    let b = try Self.load(.v6)
    #expect(b.classes.count == 35)
    #expect(Set(["W1", "URM1_F", "URM1_O"]).isSubset(of: Set(b.classes)))
    #expect(!b.classes.contains("URM1F_B"))
    #expect(Self.exposureTypologies.count == 35)
    #expect(Set(b.typologyMap.exposureTypologies) == Set(Self.exposureTypologies))
    let e = try b.forExposure(Self.exposureTypologies)
    #expect(e.count == 3 && e.allSatisfy { $0.count == 3 })
    #expect(e[1][1].typologies == Self.exposureTypologies)
    // The V7 farm classes use V6's URM1_F (our engineering choice, Models/fcm/v6/README.md).
    let farm = b.models[1][1]
    let f = try #require(farm.index(of: "URM1_F"))
    for name in ["URM1F_B", "URM1F_HA", "URM1F_HC"] {
      let t = try #require(e[1][1].index(of: name))
      #expect(e[1][1].lnMedian[(3 * t)..<(3 * t + 3)] == farm.lnMedian[(3 * f)..<(3 * f + 3)])
      #expect(e[1][1].pdInside[(3 * t)..<(3 * t + 3)] == farm.pdInside[(3 * f)..<(3 * f + 3)])
    }
    // Same-name classes keep their own rows.
    let t = try #require(e[2][0].index(of: "URM4L"))
    let u = try #require(b.models[2][0].index(of: "URM4L"))
    #expect(e[2][0].lnMedian[3 * t + 2] == b.models[2][0].lnMedian[3 * u + 2])
  }

  @Test func unmappedTypologyIsAnInputError() throws {
    let b = try Self.load(.v6)
    let map = TestModels.models + "/fcm/v6/typology-map.csv"
    let expected = InputError(
      file: map, field: "exposure_typology",
      "exposure typology URM1F_X has no class in FCM V6 (add it to the typology map)")
    #expect(throws: expected) { try b.forExposure(["URM2L", "URM1F_X"]) }
    #expect(throws: InputError.self) { try Self.load(.v7).classIndex(ofExposureTypology: "W1") }
  }

  @Test func v7ThroughRowsEqualsTheFileInitialiser() throws {
    let b = try Self.load(.v7)
    let dir = TestModels.models + "/fcm/v7"
    for (i, f) in FCMVersion.branchNames.enumerated() {
      for (j, c) in FCMVersion.branchNames.enumerated() {
        let m = try FragilityConsequence(
          fragilityFile: "\(dir)/Fragility_v7_\(f)Branch_20200127.csv",
          fatalityFile: "\(dir)/Fatality_v7_\(c)Branch_20200127.csv")
        let r = b.models[i][j]
        #expect(r.typologies == m.typologies && r.lnMedian == m.lnMedian && r.beta == m.beta)
        #expect(r.pdInside == m.pdInside && r.pdOutside == m.pdOutside)
        #expect(r.lnMedianChimney == m.lnMedianChimney && r.betaChimney == m.betaChimney)
      }
    }
    #expect(try b.forExposure(Self.exposureTypologies)[1][1].typologies == Self.exposureTypologies)
  }

  /// conversion.csv is a transcription of TNO's conversie_v3.yaml (kept beside it): same classes,
  /// order and values.
  @Test func conversionTableTranscribesTheYAML() throws {
    let dir = TestModels.models + "/fcm/tno2020"
    let yaml = try String(contentsOfFile: dir + "/conversie_v3.yaml", encoding: .utf8)
    var fromYAML: [[String]] = []
    for line in yaml.split(separator: "\n") where !line.hasPrefix("#") {
      let key = String(line.prefix { $0 != ":" })
      let body = line.drop { $0 != "{" }.dropFirst().prefix { $0 != "}" }
      var fields: [String: String] = [:]
      for item in body.split(separator: ",") {
        let kv = item.split(separator: ":", maxSplits: 1).map {
          $0.trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
        }
        fields[kv[0]] = kv[1]
      }
      let order = ["namklasse", "modelonzekerheid", "base", "conseq_up2mid", "frag_up2mid", "frag_med_shift"]
      fromYAML.append([key] + order.map { fields[$0] ?? "?" })
    }
    let t = try CSVTable(contentsOf: dir + "/conversion.csv")
    let columns = ["namklasse", "modelonzekerheid", "base", "conseq_up2mid", "frag_up2mid", "frag_med_shift"]
    #expect(t.header == ["key"] + columns)
    #expect(t.rows.map(\.cells) == fromYAML)
    #expect(fromYAML.count == 35)
  }

  @Test func tno2020HasTheV7ClassesAndBranchWeightsOfTNO() throws {
    let b = try Self.load(.tno2020)
    let v7 = try Self.load(.v7)
    #expect(b.classes.count == 35 && Set(b.classes) == Set(v7.classes))
    #expect(try b.forExposure(Self.exposureTypologies)[0][2].typologies == Self.exposureTypologies)
    let rules = try TNO2020Conversion(path: TestModels.models + "/fcm/tno2020/conversion.csv").rules
    #expect(rules.filter { $0.base == .v6 }.count == 21 && rules.filter(\.medianShift).count == 4)
  }

  /// Hand-computed from conversion.csv and the base tables (expected values by a short Python
  /// script, not committed, replicating TNO convert_FCM.py:convert_to_TNO2020):
  /// b0_k = b0c + m_k·σm, m = (−1.73, 0, 1.73); θ_j = exp((ln DL_CSj − b0_k)/b1); β = σ/b1.
  @Test func tno2020BranchesMatchHandComputedValues() throws {
    let b = try Self.load(.tno2020)
    func check(_ name: String, _ theta: [[Double]], _ beta: Double) throws {
      for k in 0..<3 {
        let m = b.models[k][1]
        let t = try #require(m.index(of: name))
        for j in 0..<3 {
          #expect(close(exp(m.lnMedian[3 * t + j]), theta[k][j], rel: Tolerance.special), "\(name) \(k) CS\(j + 1)")
        }
        #expect(close(m.beta[t], beta, rel: Tolerance.algebra), "\(name) β \(k)")
      }
    }
    // URM3L: base V7, frag_up2mid: centre = V7 Upper b0 −2.4659, b1 2.9555, σ 1.2128, DL 0.051;
    // σm 0.35 → b0 = −3.0714 / −2.4659 / −1.8604.
    let urm3l = [1.0328299991734071, 0.8414996633112011, 0.6856130088393905]
    try check("URM3L", urm3l.map { [$0, $0, $0] }, 0.4103535780747759)
    // URM5L: base V7 Middle b0 −4.572, b1 2.1586 with frag_med_shift: b0c = −4.572 − 2.1586·ln 0.85;
    // DL 0.011, 0.011, 0.017.
    try check(
      "URM5L",
      [
        [1.158092352797012, 1.158092352797012, 1.416856920469585],
        [0.87482470005633, 0.87482470005633, 1.0702958425370046],
        [0.6608438903687253, 0.6608438903687253, 0.808503084540347],
      ], 0.34179560826461597)
    // URM4L: base V6 Middle b0 −2.1296, b1 1.2524, σ 0.467728379, DL 0.039/0.094/0.109, σm 0.35
    // (V6 itself uses 0.27).
    try check(
      "URM4L",
      [
        [0.6659808004815787, 1.344394050303944, 1.513097535221103],
        [0.41066964496500713, 0.829005621381513, 0.933034746853585],
        [0.2532348637884644, 0.5111970855024042, 0.575345487367358],
      ], 0.37346564915362507)
    // The median shift multiplies the median AvgSa by exactly 0.85 (URM5L, Middle vs V7 Middle).
    let v7 = try Self.load(.v7).models[1][1]
    let t7 = try #require(v7.index(of: "URM5L"))
    let t = try #require(b.models[1][1].index(of: "URM5L"))
    #expect(close(b.models[1][1].lnMedian[3 * t] - v7.lnMedian[3 * t7], log(0.85), rel: Tolerance.algebra))
  }

  /// conseq_up2mid (URM3L, base V7 Middle 0.336/0.4, Upper 0.42/0.5): L' = M, M' = U, U' = U²/M.
  @Test func tno2020ConsequenceUpperToMiddle() throws {
    let b = try Self.load(.tno2020)
    let rows = b.consequence.map { $0.first { $0.typology == "URM3L" }! }
    #expect(rows[0].pdInside[0] == 0.336 && rows[1].pdInside[0] == 0.42)
    #expect(close(rows[2].pdInside[0], 0.525, rel: Tolerance.algebra))
    #expect(rows[0].pdOutside[2] == 0.4 && rows[1].pdOutside[2] == 0.5)
    #expect(close(rows[2].pdOutside[2], 0.625, rel: Tolerance.algebra))
    // The chimney death model is not shifted: each branch keeps the base branch's (V7 Lower 241.4265497).
    #expect(rows[0].medianPGADeath == 241.4265497 && rows[2].medianPGADeath == 168.92)
    // A class without flags keeps the base consequence (URM2L, V7).
    let v7 = try Self.load(.v7)
    for k in 0..<3 {
      #expect(
        b.consequence[k].first { $0.typology == "URM2L" }!.pdInside
          == v7.consequence[k].first { $0.typology == "URM2L" }!.pdInside)
    }
    // Every shifted class keeps Lower ≤ Middle ≤ Upper (the V7 bases have Middle ≤ Upper).
    let conversion = try TNO2020Conversion(path: TestModels.models + "/fcm/tno2020/conversion.csv")
    for r in conversion.rules where r.consequenceUpToMiddle {
      let p = b.consequence.map { $0.first { $0.typology == r.typology }! }
      for j in 0..<3 {
        #expect(p[0].pdInside[j] <= p[1].pdInside[j] && p[1].pdInside[j] <= p[2].pdInside[j], "\(r.typology)")
        #expect(p[0].pdOutside[j] <= p[1].pdOutside[j] && p[1].pdOutside[j] <= p[2].pdOutside[j], "\(r.typology)")
      }
    }
  }

  @Test func conversionOfAClassMissingFromItsBaseIsAnInputError() throws {
    let v7 = try Self.load(.v7)
    let rule = TNO2020Conversion.Rule(
      typology: "W1", base: .v7, modelUncertainty: 0.47, consequenceUpToMiddle: false, fragilityUpToMiddle: false,
      medianShift: false, line: 2)
    let conversion = TNO2020Conversion(file: "conv.csv", rules: [rule])
    #expect(throws: InputError(file: "conv.csv", line: 2, field: "base", "class W1 is not in the V7 tables")) {
      try conversion.fragility(v6: v7.fragility, v7: v7.fragility)
    }
  }

  /// Where TNO keeps V6's σm (0.47, no flags: RC, PC, S, W2, W3), TNO2020 reproduces V6's b0.
  @Test func tno2020EqualsV6WhereTheRulesKeepIt() throws {
    let b = try Self.load(.tno2020)
    let v6 = try Self.load(.v6)
    let rules = try TNO2020Conversion(path: TestModels.models + "/fcm/tno2020/conversion.csv").rules
    let kept = rules.filter {
      $0.base == .v6 && $0.modelUncertainty == 0.47 && !$0.fragilityUpToMiddle && !$0.medianShift
    }
    #expect(kept.count == 20)
    for r in kept {
      for k in 0..<3 {
        let x = b.fragility[k].first { $0.typology == r.typology }!
        let y = v6.fragility[k].first { $0.typology == r.typology }!
        #expect(abs(x.b0 - y.b0) < 1e-12, "\(r.typology) branch \(k)")
        #expect(x.b1 == y.b1 && x.sigma == y.sigma && x.displacementLimits == y.displacementLimits)
      }
    }
  }

  /// Closed form for one class: V6 URM1_F (Middle: b0 −2.5169, b1 2.3734, σ 0.561470928, DL_CS2 0.0103)
  /// θ2 = exp((ln 0.0103 + 2.5169)/2.3734) = 0.42003795348452605 g, β = 0.23656818403977414;
  /// P(≥CS2 | AvgSa = 0.3 g) = Φ((ln 0.3 − ln θ2)/β) = 0.07741338312987642 (Python math.erfc).
  @Test func closedFormForOneClass() throws {
    let m = try Self.load(.v6).models[1][1]
    let t = try #require(m.index(of: "URM1_F"))
    #expect(close(exp(m.lnMedian[3 * t + 1]), 0.42003795348452605, rel: Tolerance.special))
    #expect(close(m.beta[t], 0.23656818403977414, rel: Tolerance.algebra))
    let (_, p2, _) = m.collapseProbabilities(typology: t, lnAvgSa: log(0.3))
    #expect(close(p2, 0.07741338312987642, rel: Tolerance.special))
    #expect(close(p2, Normal.cdf((log(0.3) - log(0.42003795348452605)) / 0.23656818403977414), rel: Tolerance.special))
  }

  /// For every version, branch pair and class: P(≥CS1) ≥ P(≥CS2) ≥ P(≥CS3), probabilities in [0, 1],
  /// and the Upper fragility branch at least the Lower one (b0_U > b0_L with equal b1, σ, DL).
  @Test(arguments: FCMVersion.allCases)
  func invariants(version: FCMVersion) throws {
    let b = try Self.load(version)
    for t in 0..<b.classes.count {
      let lo = b.fragility[0][t]
      let up = b.fragility[2][t]
      #expect(up.b0 > lo.b0 && up.b1 == lo.b1 && up.sigma == lo.sigma && up.displacementLimits == lo.displacementLimits)
      for i in 0...100 {
        let y = -7.0 + 0.08 * Double(i)  // AvgSa from 9e-4 g to 3.0 g
        for f in 0..<3 {
          for c in 0..<3 {
            let m = b.models[f][c]
            let (p1, p2, p3) = m.collapseProbabilities(typology: t, lnAvgSa: y)
            #expect(p1 >= p2 && p2 >= p3 && p3 >= 0 && p1 <= 1)
            let d = m.deathStructural(typology: t, lnAvgSa: y)
            #expect(d.inside >= -1e-15 && d.inside <= 1 && d.outside >= -1e-15 && d.outside <= 1)
          }
        }
        let pl = b.models[0][1].collapseProbabilities(typology: t, lnAvgSa: y)
        let pu = b.models[2][1].collapseProbabilities(typology: t, lnAvgSa: y)
        #expect(pu.0 >= pl.0 && pu.1 >= pl.1 && pu.2 >= pl.2, "\(b.classes[t]) at ln AvgSa \(y)")
      }
    }
  }
}
