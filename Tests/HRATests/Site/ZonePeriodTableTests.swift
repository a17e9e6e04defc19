import Foundation
import Testing

@testable import HRA

/// The zone × period regrouping and the wierde increment that SiteAmplificationV7 and V6 share.
@Suite struct ZonePeriodTableTests {
  static func table(_ text: String) throws -> CSVTable { try CSVTable(data: Data(text.utf8), file: "amp.csv") }

  @Test func regroupsZoneMajorInPeriodOrder() throws {
    let t = try Self.table("Zone,T,a\n7,0.2,72\n3,0.1,31\n7,0.1,71\n3,0.2,32\n3,-10,0\n")
    let z = try ZonePeriodTable(t, periods: [0.1, 0.2], otherPeriods: .skip) { try t.double($0, "a") }
    #expect(z.zones == [7, 3])
    #expect(z.coefficients == [71, 72, 31, 32])
    #expect(z.zoneIndex == [7: 0, 3: 1])
  }

  @Test func refusesOtherPeriodsDuplicatesAndGaps() throws {
    let other = try Self.table("Zone,T,a\n1,0.1,1\n1,0.3,2\n")
    #expect(throws: InputError(file: "amp.csv", line: 3, field: "T", "period 0.3 is not one of the GMM periods")) {
      _ = try ZonePeriodTable(other, periods: [0.1], otherPeriods: .refuse) { try other.double($0, "a") }
    }
    let dup = try Self.table("Zone,T,a\n1,0.1,1\n1,0.1,2\n")
    #expect(throws: InputError(file: "amp.csv", line: 3, field: "T", "duplicate zone 1 period 0.1")) {
      _ = try ZonePeriodTable(dup, periods: [0.1], otherPeriods: .skip) { try dup.double($0, "a") }
    }
    let gap = try Self.table("Zone,T,a\n1,0.1,1\n")
    #expect(throws: InputError(file: "amp.csv", field: "T", "zone 1 has 1 periods, expected 2")) {
      _ = try ZonePeriodTable(gap, periods: [0.1, 0.2], otherPeriods: .skip) { try gap.double($0, "a") }
    }
    let none = try Self.table("Zone,T,a\n1,-10,1\n")
    #expect(throws: InputError(file: "amp.csv", field: "T", "no rows for the requested periods")) {
      _ = try ZonePeriodTable(none, periods: [0.1], otherPeriods: .skip) { try none.double($0, "a") }
    }
  }

  /// V7 holds the end values outside the tabulated periods, V5/V6 use 0; linear in T inside.
  @Test func wierdeIncrementOutsideTheTable() {
    let xs = [0.1, 0.5]
    let ys = [0.2, 0.4]
    #expect(close(WierdeIncrement.interpolate(0.3, xs, ys, outside: .zero), 0.3, rel: Tolerance.algebra))
    #expect(close(WierdeIncrement.interpolate(0.3, xs, ys, outside: .endValue), 0.3, rel: Tolerance.algebra))
    #expect(WierdeIncrement.interpolate(0.01, xs, ys, outside: .zero) == 0)
    #expect(WierdeIncrement.interpolate(0.01, xs, ys, outside: .endValue) == 0.2)
    #expect(WierdeIncrement.interpolate(1.0, xs, ys, outside: .zero) == 0)
    #expect(WierdeIncrement.interpolate(1.0, xs, ys, outside: .endValue) == 0.4)
  }
}
