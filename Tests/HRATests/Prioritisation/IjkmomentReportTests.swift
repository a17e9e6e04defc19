import Foundation
import Testing

@testable import HRA

@Suite struct IjkmomentReportTests {
  @Test func filesCarryTheDocumentedColumns() throws {
    let r = Hand.results(
      2025,
      [
        Hand.b("A", p50: [2e-5, 2e-5], p90: [4e-5, 4e-5], municipality: "Groningen"),
        Hand.b("B", p50: [5e-6, 5e-6], p90: [2e-5, 2e-5], municipality: "Eemsdelta"),
        Hand.b("C", p50: [1e-6, 1e-6], p90: [2e-6, 2e-6], municipality: "Eemsdelta"),
      ])
    let st = try StatusFile.parse(
      CSVTable(data: Data((StatusFileTests.header + "C,,,,,IMG,\"damage, cracked gable\",1\n").utf8), file: "s.csv"))
    let rep = IjkmomentReport(
      outcome: try Ijkmoment.run(results: r, year: 2025, status: st),
      capacity: .init(total: nil, perMunicipality: ["Eemsdelta": 1]))
    let q = rep.queueCSV().split(separator: "\n")
    #expect(
      q[0]
        == "rank,building_id,category,reason,mean_lpr,p50_lpr,p90_lpr,years_above,municipality,place,owner_type,x_rd,y_rd,batch,addition_by,entry_year,flags"
    )
    #expect(q[3].hasPrefix("3,C,normaal,special_addition,") && q[3].hasSuffix(",IMG,2025,samenloop;special_addition"))
    let s = rep.scheduleCSV().split(separator: "\n")
    #expect(s[1] == "1,A,Groningen,p50,unscheduled,,,")  // Groningen has no capacity
    #expect(s[3] == "3,C,Eemsdelta,special_addition,2026_27,2026-10-01,2027-09-30,samenloop;special_addition")
    #expect(
      rep.municipalScheduleCSV().split(separator: "\n")[1] == "Eemsdelta,1,2,B,p90,2025_26,2025-10-01,2026-09-30,")
    #expect(
      rep.changesCSV().contains("C,added_special,,3,,,normaal,special_addition,\"by IMG: damage, cracked gable\""))
    let sum = rep.summary
    #expect(sum.queue == 3 && sum.unscheduled == 1 && sum.municipalitiesWithoutCapacity == ["Groningen"])
    #expect(sum.schedule == [.init(period: "2025_26", buildings: 1), .init(period: "2026_27", buildings: 1)])
    #expect(rep.summaryText().contains("no capacity for: Groningen"))
  }
}
