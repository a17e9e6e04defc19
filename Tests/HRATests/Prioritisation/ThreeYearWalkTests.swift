import Foundation
import Testing

@testable import HRA

/// Three consecutive ijkmomenten (2019, 2020, 2021) on hand-made results: buildings enter, fall
/// below the norm, are inspected, strengthened, specially added, released and re-enter.
/// Every building that ever entered the scope must be accounted for in every year.
@Suite struct ThreeYearWalkTests {
  /// Per ijkmoment year the results from that year to 2023 (a new run each year: figures change).
  static func results(_ year: Int) -> RiskResults {
    let n = 2024 - year
    func c(_ v: Double) -> [Double] { Array(repeating: v, count: n) }
    let hi = (year == 2021) ? 4e-5 : 3e-5  // building i's risk rises in the 2021 run
    return RiskResults(
      gasYears: Array(year...2023),
      buildings: [
        Hand.b("v", p50: c(2e-5), p90: c(5e-5)),  // verhoogd throughout; strengthened before 2021
        Hand.b("f", p50: c(2e-6), p90: year == 2019 ? c(2e-5) : c(5e-6)),  // licht verhoogd, then below
        Hand.b("i", p50: c(1.5e-5), p90: c(hi)),  // inspected (meets norm) before 2020, risk rises in 2021
        Hand.b("s", p50: c(5e-6), p90: c(1.5e-5), municipality: "Eemsdelta"),  // needs strengthening → strengthened
        Hand.b("n", p50: c(5e-6), p90: year == 2019 ? c(8e-6) : c(1.2e-5)),  // newly above in 2020
        Hand.b("sp", p50: c(1e-7), p90: c(1e-6)),  // special addition 2020
        Hand.b("r", p50: c(5e-6), p90: c(1.1e-5)),  // released 2021
        Hand.b("bat", p50: c(1e-7), p90: c(1e-6), municipality: "Eemsdelta"),  // batch 1581
        Hand.b("x", p50: c(1e-7), p90: c(1e-6)),  // never above
      ])
  }

  static let status: [Int: String] = [
    2019: "bat,,,,1581,,,\nv,,,,,,,1\n",
    2020:
      "bat,,,,1581,,,\nv,,,,,,,1\ni,inspected,2020-02-01,meets_norm,,,,\ns,inspected,2020-03-01,needs_strengthening,,,,\nsp,,,,,NCG,cracks found by CVW inspector,\n",
    2021:
      "bat,,,,1581,,,\nv,strengthened,2021-01-15,,,,,1\ni,inspected,2020-02-01,meets_norm,,,,\ns,strengthened,2020-12-01,,,,,\nsp,,,,,NCG,cracks found by CVW inspector,\nr,released,2021-02-01,,,,owner sold to municipality for demolition,\n",
  ]

  @Test func nothingIsLostBetweenYears() throws {
    var previous: IjkmomentState? = nil
    var everInScope: Set<String> = []
    var outcomes: [Int: Ijkmoment.Outcome] = [:]
    for year in 2019...2021 {
      let st = try StatusFile.parse(
        CSVTable(
          data: Data((StatusFileTests.header + ThreeYearWalkTests.status[year]!).utf8), file: "status-\(year).csv"))
      let o = try Ijkmoment.run(
        results: ThreeYearWalkTests.results(year), year: year, langjarigYears: 3, previous: previous, status: st)
      outcomes[year] = o
      everInScope.formUnion(o.queue.map(\.id))
      let inQueue = Set(o.queue.map(\.id))
      let closed = Dictionary(uniqueKeysWithValues: o.state.closed.map { ($0.id, $0.event.progress) })
      for id in everInScope {
        let accounted =
          inQueue.contains(id) != (closed[id].map { [.inspected, .strengthened, .released].contains($0) } ?? false)
        #expect(accounted, "\(year): \(id) is neither in the queue nor inspected/strengthened/released (or both)")
      }
      #expect(Set(o.state.scope.map(\.id)) == inQueue)
      #expect(!everInScope.contains("x"))
      // Through the state file, as the CLI does.
      previous = try IjkmomentState.decode(Data(o.state.json().utf8), file: "state-\(year).json")
    }
    let o19 = outcomes[2019]!
    let o20 = outcomes[2020]!
    let o21 = outcomes[2021]!
    #expect(o19.queue.map(\.id) == ["bat", "v", "i", "f", "s", "r"])  // langjarig: all 5 years, then P90
    #expect(o19.queue.map(\.reason) == [.historicBatch, .p50, .p50, .p90Langjarig, .p90Langjarig, .p90Langjarig])
    #expect(o20.queue.map(\.id) == ["bat", "v", "n", "r", "sp", "f"])
    #expect(o20.queue.first { $0.id == "f" }?.reason == .keptOnList)
    func kinds(_ o: Ijkmoment.Outcome) -> [String: ListChange.Kind] {
      Dictionary(uniqueKeysWithValues: o.changes.map { ($0.id, $0.kind) })
    }
    #expect(
      kinds(o20) == [
        "i": .leftInspected, "s": .leftInspected, "n": .added, "sp": .addedSpecial, "f": .keptOnList, "bat": .kept,
        "v": .kept, "r": .kept,
      ])
    #expect(
      kinds(o21) == [
        "v": .leftStrengthened, "r": .released, "i": .reentered, "f": .keptOnList, "bat": .kept, "n": .kept,
        "sp": .kept, "s": .notReentered,
      ])
    #expect(o21.queue.map(\.id) == ["bat", "i", "n", "sp", "f"])
    #expect(o21.queue.first { $0.id == "i" }?.reentry == true)
    // The progress after leaving is recorded.
    #expect(o21.state.closed.first { $0.id == "s" }?.event.progress == .strengthened)
    #expect(everInScope == ["bat", "v", "i", "r", "f", "s", "n", "sp"])
  }
}
