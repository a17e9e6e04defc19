import Foundation
import Testing

@testable import HRA

/// The zone loop shared by the tree estimators: every zone once, largest first (ties by position),
/// every site in its zone, progress lines, and the same result for any thread count.
@Suite struct ZoneDriverTests {
  /// Records which zone ran at which position with which sites; writes only its own slots.
  struct Recorder: ZoneReducer {
    let seen: SharedBuffer<Int>
    let members: SharedBuffer<[Int]>
    func reduce(zone: Int, position: Int, sites: [Int]) {
      seen.pointer[position] += 1
      members.pointer[position] = sites
    }
  }

  @Test func groupsSitesByZoneAndOrdersLargestFirst() {
    // Zones 7, 3, 7, 5, 3, 7, 9: zone 7 has 3 sites, zone 3 two, zones 5 and 9 one each.
    let zoneOf = [7, 3, 7, 5, 3, 7, 9]
    let sites = RiskSites(
      nodeX: zoneOf.map { _ in 0 }, nodeY: zoneOf.map { _ in 0 }, zoneIndex: zoneOf,
      wierde: zoneOf.map { _ in false })
    let d = ZoneDriver(sites: sites)
    #expect(d.zones == [3, 5, 7, 9])
    #expect(d.sites == [[1, 4], [3], [0, 2, 5], [6]])
    #expect(d.order.map { d.zones[$0] } == [7, 3, 5, 9])
  }

  @Test(arguments: [1, 3]) func everyZoneOnceWithItsSitesForAnyThreadCount(threads: Int) {
    let d = ZoneDriver(zones: [2, 4, 6, 8, 10], sites: [[0], [1, 2], [], [3, 4, 5], [6, 7]])
    let seen = SharedBuffer<Int>(repeating: 0, count: 5)
    let members = SharedBuffer<[Int]>(repeating: [], count: 5)
    var lines: [String] = []
    d.run(
      Recorder(seen: seen, members: members), threads: threads, progress: "zones %d of %d", log: { lines.append($0) })
    #expect(seen.array() == [1, 1, 1, 1, 1])
    #expect(members.array() == d.sites)
    // A tenth of 5 zones rounds to 1: a line per zone, the last one "5 of 5".
    #expect(lines.count == 5)
    #expect(lines.last == "zones 5 of 5")
  }
}
