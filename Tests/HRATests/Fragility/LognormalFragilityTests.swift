import Foundation
import Testing

@testable import HRA

@Suite struct LognormalFragilityTests {
  static func write(_ text: String) throws -> String {
    let p = NSTemporaryDirectory() + "frag-\(UUID().uuidString).csv"
    try text.write(toFile: p, atomically: true, encoding: .utf8)
    return p
  }

  @Test func shippedFileHasThreeIllustrativeTypologies() throws {
    let f = try LognormalFragility(path: TestModels.models + "/fragility-generic/lognormal-pga.csv")
    #expect(f.typologies.count == 3)
    #expect(f.typologies.allSatisfy { $0.name.hasSuffix("ILLUSTRATIVE") && $0.imt == .pga && $0.states.count == 4 })
    // At the median the probability is one half.
    let t = f.typologies[0]
    #expect(close(f.probability(typology: 0, state: 1, intensity: t.medians[1]), 0.5, rel: Tolerance.special))
    #expect(f.probability(typology: 0, state: 0, intensity: 0) == 0)
  }

  @Test func nonMonotoneMediansAreALocatedError() throws {
    let p = try LognormalFragilityTests.write(
      "typology,imt,damage_state,median,beta\nA,PGA,slight,0.2,0.5\nA,PGA,moderate,0.1,0.5\n")
    defer { try? FileManager.default.removeItem(atPath: p) }
    do {
      _ = try LognormalFragility(path: p)
      Issue.record("accepted decreasing medians")
    } catch let e as InputError {
      #expect(e.line == 3 && e.field == "median", "\(e)")
    }
  }

  @Test(arguments: ["0", "-0.1"]) func nonPositiveBetaIsALocatedError(beta: String) throws {
    let p = try LognormalFragilityTests.write("typology,imt,damage_state,median,beta\nA,PGA,slight,0.2,\(beta)\n")
    defer { try? FileManager.default.removeItem(atPath: p) }
    do {
      _ = try LognormalFragility(path: p)
      Issue.record("accepted β = \(beta)")
    } catch let e as InputError {
      #expect(e.line == 2 && e.field == "beta", "\(e)")
    }
  }
}
