import Foundation
import Testing

@testable import HRA

@Suite struct ProductionPathTests {
  static func write(_ text: String, _ name: String) -> String { SeismicityFixtures.temporaryFile(text, name) }

  @Test func cumulativeIsPiecewiseLinear() throws {
    let p = Self.write("start_year,end_year,volume_bcm,label\n2000.0,2001.0,10,2000\n2001.0,2001.5,4,H1\n", "a.csv")
    let path = try ProductionPath.load(path: p)
    #expect(path.cumulative(at: 1999) == 0)
    #expect(close(path.cumulative(at: 2000.25), 2.5, rel: Tolerance.algebra))
    #expect(close(path.cumulative(at: 2001.25), 12, rel: Tolerance.algebra))
    #expect(path.cumulative(at: 2030) == 14)
    #expect(close(path.volume(from: 2000.5, to: 2001.5), 9, rel: Tolerance.algebra))
  }

  @Test func shippedPathsConcatenate() throws {
    let dir = SeismicityFixtures.models + "/production/"
    let actual = try ProductionPath.load(historic: dir + "historic.csv", scenario: dir + "phase-out-actual.csv")
    #expect(actual.name == "phase-out-actual")
    #expect(actual.start == 1963 && actual.end == 2036.75)
    // Gas year 2019/20 is [2019.75, 2020.75).
    #expect(close(actual.volume(from: 2019.75, to: 2020.75), 11.8, rel: Tolerance.algebra))
    #expect(actual.volume(from: 2023.75, to: 2036.75) == 0)
    let cold = try ProductionPath.load(historic: dir + "historic.csv", scenario: dir + "cold-year-2021.csv")
    #expect(close(cold.volume(from: 2020.75, to: 2021.75), 12.0, rel: Tolerance.algebra))
    let noPhaseOut = try ProductionPath.load(historic: dir + "historic.csv", scenario: dir + "no-phase-out-12bcm.csv")
    #expect(close(noPhaseOut.volume(from: 2030.75, to: 2031.75), 12.0, rel: Tolerance.algebra))
    // Cumulative by 2018 in the approximate range of public figures (~2,050-2,200 bcm).
    #expect((2000...2250).contains(actual.cumulative(at: 2018)))
  }

  @Test func negativeVolumeNamesFileLineAndField() throws {
    let p = Self.write("start_year,end_year,volume_bcm,label\n2000,2001,1,a\n2001,2002,-3,b\n", "neg.csv")
    #expect(throws: InputError(file: p, line: 3, field: "volume_bcm", "negative production volume -3.0 bcm")) {
      try ProductionPath.load(path: p)
    }
  }

  @Test func badInputsNameTheField() throws {
    let missing = Self.write("start_year,end_year,label\n2000,2001,a\n", "missing.csv")
    do {
      _ = try ProductionPath.load(path: missing)
      Issue.record("expected an error")
    } catch let e as InputError {
      #expect(e.file == missing && e.field == "volume_bcm")
    }
    let text = Self.write("start_year,end_year,volume_bcm,label\n2000,2001,abc,a\n", "text.csv")
    do {
      _ = try ProductionPath.load(path: text)
      Issue.record("expected an error")
    } catch let e as InputError {
      #expect(e.file == text && e.line == 2 && e.field == "volume_bcm")
    }
    let gap = Self.write("start_year,end_year,volume_bcm,label\n2000,2001,1,a\n2001.5,2002,1,b\n", "gap.csv")
    do {
      _ = try ProductionPath.load(path: gap)
      Issue.record("expected an error")
    } catch let e as InputError {
      #expect(e.line == 3 && e.field == "start_year")
    }
    let backwards = Self.write("start_year,end_year,volume_bcm,label\n2001,2000,1,a\n", "back.csv")
    do {
      _ = try ProductionPath.load(path: backwards)
      Issue.record("expected an error")
    } catch let e as InputError {
      #expect(e.line == 2 && e.field == "end_year")
    }
  }
}
