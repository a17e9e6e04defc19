import Foundation
import Testing

@testable import HRA

@Suite struct FragilityConsequenceTests {
  @Test(arguments: ["Lower", "Middle", "Upper"])
  func probabilitiesAreMonotoneAndBounded(branch: String) throws {
    let dir = TestModels.models + "/fcm/v7"
    let f = try FragilityConsequence(
      fragilityFile: "\(dir)/Fragility_v7_\(branch)Branch_20200127.csv",
      fatalityFile: "\(dir)/Fatality_v7_\(branch)Branch_20200127.csv")
    #expect(f.typologies.count == 35)
    for t in 0..<f.typologies.count {
      var last = (0.0, 0.0)
      for i in 0...80 {
        let y = -8.0 + 0.1 * Double(i)
        let (p1, p2, p3) = f.collapseProbabilities(typology: t, lnAvgSa: y)
        #expect(p1 >= p2 && p2 >= p3 && p3 >= 0 && p1 <= 1)
        let d = f.deathStructural(typology: t, lnAvgSa: y)
        #expect(d.inside >= last.0 - 1e-15 && d.outside >= last.1 - 1e-15)
        #expect(d.inside <= 1 && d.outside <= 1)
        last = (d.inside, d.outside)
      }
    }
  }

  @Test func medianFromDisplacementLimit() throws {
    let dir = TestModels.models + "/fcm/v7"
    let f = try FragilityConsequence(
      fragilityFile: "\(dir)/Fragility_v7_MiddleBranch_20200127.csv",
      fatalityFile: "\(dir)/Fatality_v7_MiddleBranch_20200127.csv")
    // URM4L (Middle): b0 = −2.175, b1 = 1.7950, σ = 0.7329, DL_CS1 = 0.0990 (Crowley & Pinho 2020, v7 table).
    let t = f.index(of: "URM4L")!
    let theta = exp((log(0.0990) + 2.175) / 1.7950)
    let (p1, _, _) = f.collapseProbabilities(typology: t, lnAvgSa: log(theta))
    #expect(close(p1, 0.5, rel: Tolerance.special))
    #expect(close(f.beta[t], 0.7329 / 1.7950, rel: Tolerance.algebra))
    // Chimney death of URM4L at its median PGA (205.175 g) is 1/2.
    #expect(close(f.deathChimney(typology: t, lnPGA: log(205.1753413)), 0.5, rel: Tolerance.special))
  }

  @Test func badFileNamesLineAndField() throws {
    let dir = try TestModels.scratchCopy()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/fcm/v7/Fragility_v7_MiddleBranch_20200127.csv"
    var text = try String(contentsOfFile: path, encoding: .utf8)
    text = text.replacingOccurrences(of: "RC1M,0,0,-2.248,0.9309", with: "RC1M,0,0,-2.248,abc")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: InputError(file: path, line: 3, field: "b1", "not a finite number (\"abc\")")) {
      try FragilityConsequence(fragilityFile: path, fatalityFile: dir + "/fcm/v7/Fatality_v7_MiddleBranch_20200127.csv")
    }
  }
}
