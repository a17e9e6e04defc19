/// The opname queue cut into periods by the inspection capacity (seed 003 §3.5), with the
/// expected period of each building, and the same per municipality (§3.8).
///
/// Walking the queue in rank order, each building gets the earliest period in which both the
/// total and its municipality's capacity have room. So within a municipality the queue order is
/// kept, and the total order is kept whenever only the total capacity binds. A zero capacity
/// (total or municipal) leaves the buildings concerned unscheduled.
///
/// Periods start with the ijkmoment year's gas year (1 October): yearly periods are gas years
/// (`2025_26`, 2025-10-01 – 2026-09-30), monthly periods calendar months from October (`2025-10`).
package struct InspectionSchedule: Sendable {
  /// One building's place in the schedule.
  package struct Slot: Sendable, Equatable {
    package var rank: Int
    package var id: String
    package var municipality: String
    /// Rank among the buildings of its municipality (1-based).
    package var municipalRank: Int
    /// 0-based period index, `nil` when unscheduled (no capacity).
    package var period: Int?
  }

  package var year: Int
  package var capacity: InspectionCapacity
  /// In queue order.
  package var slots: [Slot]

  /// Cuts `queue` (in rank order) into periods.
  package static func make(queue: [QueueEntry], capacity: InspectionCapacity, year: Int) -> InspectionSchedule {
    var total: [Int] = []
    var perMun: [String: [Int]] = [:]
    var firstOpenTotal = 0
    var firstOpenMun: [String: Int] = [:]
    var municipalRank: [String: Int] = [:]
    var slots: [Slot] = []
    for e in queue {
      let m = e.municipality
      municipalRank[m, default: 0] += 1
      let capT = capacity.total
      let capM = capacity.capacity(of: m)
      var period: Int? = nil
      if capT != 0 && capM != 0 {
        var p = max(firstOpenTotal, firstOpenMun[m] ?? 0)
        func used(_ a: [Int], _ i: Int) -> Int { i < a.count ? a[i] : 0 }
        while (capT.map { used(total, p) >= $0 } ?? false) || (capM.map { used(perMun[m] ?? [], p) >= $0 } ?? false) {
          p += 1
        }
        while total.count <= p { total.append(0) }
        var mm = perMun[m] ?? []
        while mm.count <= p { mm.append(0) }
        total[p] += 1
        mm[p] += 1
        perMun[m] = mm
        if let c = capT { while firstOpenTotal < total.count && total[firstOpenTotal] >= c { firstOpenTotal += 1 } }
        if let c = capM {
          var f = firstOpenMun[m] ?? 0
          while f < mm.count && mm[f] >= c { f += 1 }
          firstOpenMun[m] = f
        }
        period = p
      }
      slots.append(Slot(rank: e.rank, id: e.id, municipality: m, municipalRank: municipalRank[m]!, period: period))
    }
    return InspectionSchedule(year: year, capacity: capacity, slots: slots)
  }

  /// The label and first and last day of a period: `("2025_26", "2025-10-01", "2026-09-30")` or `("2025-10", "2025-10-01", "2025-10-31")`.
  package static func label(_ period: Int, year: Int, unit: InspectionCapacity.Period) -> (
    label: String, from: String, to: String
  ) {
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    switch unit {
    case .year:
      let y = year + period
      return (RiskResults.suffix(y), "\(y)-10-01", "\(y + 1)-09-30")
    case .month:
      let k = 9 + period  // 0-based month index from January of `year`
      let y = year + k / 12
      let m = k % 12 + 1
      let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
      let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
      return ("\(y)-\(two(m))", "\(y)-\(two(m))-01", "\(y)-\(two(m))-\(two(days))")
    }
  }

  /// The label of a slot's period, or `unscheduled`.
  package func label(of s: Slot) -> (label: String, from: String, to: String) {
    s.period.map { InspectionSchedule.label($0, year: year, unit: capacity.period) } ?? ("unscheduled", "", "")
  }

  /// The number of periods used.
  package var periods: Int { (slots.compactMap(\.period).max() ?? -1) + 1 }

  /// Buildings scheduled per period (index = period).
  package var perPeriod: [Int] {
    var n = [Int](repeating: 0, count: periods)
    for s in slots { if let p = s.period { n[p] += 1 } }
    return n
  }

  /// The buildings left unscheduled (no capacity).
  package var unscheduled: [Slot] { slots.filter { $0.period == nil } }

  /// Municipalities with buildings in the queue but no capacity, sorted.
  package var municipalitiesWithoutCapacity: [String] {
    Array(Set(unscheduled.map(\.municipality))).sorted()
  }
}
