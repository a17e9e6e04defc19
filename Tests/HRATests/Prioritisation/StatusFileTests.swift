import Foundation
import Testing

@testable import HRA

@Suite struct StatusFileTests {
  static let header = "building_id,status,date,outcome,batch,addition_by,reason,samenloop\n"

  func parse(_ body: String) throws -> StatusFile {
    try StatusFile.parse(CSVTable(data: Data((StatusFileTests.header + body).utf8), file: "status.csv"))
  }

  func error(_ body: String) -> InputError? {
    do {
      _ = try parse(body)
      return nil
    } catch let e as InputError { return e } catch { return nil }
  }

  @Test func readsEveryKindOfRow() throws {
    let s = try parse(
      """
      A,inspected,2020-03-01,meets_norm,,,,1
      B,strengthened,2020-11-30,,1581,,,
      C,,,,,NCG,cracked wall after M2.5,0
      D,released,2021-01-05,,,,demolished,
      E,open,,,1467+,request,owner feels unsafe,1
      """)
    #expect(s.rows.count == 5)
    #expect(s.rows[0].event == .init(progress: .inspected, date: "2020-03-01", outcome: .meetsNorm))
    #expect(s.rows[0].samenloop && s.rows[0].line == 2)
    #expect(s.rows[1].batch == .b1581 && s.rows[1].progress == .strengthened)
    #expect(
      s.rows[2].progress == .open && s.rows[2].addedBy == .ncg && s.rows[2].additionReason == "cracked wall after M2.5")
    #expect(s.rows[3].event?.reason == "demolished")
    #expect(s.rows[4].batch == .b1467plus && s.rows[4].addedBy == .request)
  }

  @Test func errorsNameFileLineAndField() {
    let cases: [(String, Int, String)] = [
      ("A,visited,2020-01-01,,,,,", 2, "status"),
      ("A,inspected,2020-02-30,meets_norm,,,,", 2, "date"),
      ("A,inspected,01-02-2020,meets_norm,,,,", 2, "date"),
      ("A,inspected,,meets_norm,,,,", 2, "date"),
      ("A,inspected,2020-01-01,,,,,", 2, "outcome"),
      ("A,inspected,2020-01-01,fine,,,,", 2, "outcome"),
      ("A,strengthened,2020-01-01,meets_norm,,,,", 2, "outcome"),
      ("A,open,2020-01-01,,,,,", 2, "date"),
      ("A,open,,,1500,,,", 2, "batch"),
      ("A,open,,,,NAM,x,", 2, "addition_by"),
      ("A,open,,,,IMG,,", 2, "reason"),
      ("A,released,2020-01-01,,,,,", 2, "reason"),
      ("A,open,,,,,,yes", 2, "samenloop"),
      ("A,open,,,,,,\nA,open,,,,,,", 3, "building_id"),
    ]
    for (body, line, field) in cases {
      let e = error(body)
      #expect(e?.file == "status.csv" && e?.line == line && e?.field == field, "\(body) → \(String(describing: e))")
    }
  }

  @Test func missingColumnIsNamed() {
    let e = #expect(throws: InputError.self) {
      try StatusFile.parse(CSVTable(data: Data("building_id,status\nA,open\n".utf8), file: "s.csv"))
    }
    #expect(e?.field == "date")
  }

  @Test func calendarDates() {
    #expect(BuildingStatus.isISODate("2024-02-29"))
    #expect(!BuildingStatus.isISODate("2023-02-29"))
    #expect(!BuildingStatus.isISODate("2023-13-01"))
    #expect(!BuildingStatus.isISODate("2023-1-01"))
  }
}
