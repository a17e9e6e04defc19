/// The prioritisation rules of seed 003 §3.2 as pure functions: which group a building falls
/// in and the order within and between groups. ``Ijkmoment`` decides *who* is in scope; these
/// rules decide only the *order*.
package enum QueueRules {
  /// The default minimum number of future gas years with P90 > norm for "P90 langjarig".
  package static let defaultLangjarigYears = 5

  /// The number of gas years from index `from` to the end of the results with P90 > norm
  /// ("P90 langjarig", SodM; seed 003 §3.2 (2)).
  package static func yearsAbove(_ b: RiskResults.Building, from t0: Int, norm: Double) -> Int {
    b.p90[t0...].filter { $0 > norm }.count
  }

  /// The group of a scope building (seed 003 §3.1, §3.2, §3.6; see ``ReasonCode``).
  /// - Parameters:
  ///   - category: its category in the ijkmoment year;
  ///   - yearsAbove: see ``yearsAbove(_:from:norm:)``;
  ///   - batch: whether it entered the scope as a historic batch member;
  ///   - special: whether it entered the scope as a special addition;
  ///   - langjarig: the minimum `yearsAbove` of group 2.
  package static func reason(category: RiskCategory, yearsAbove: Int, batch: Bool, special: Bool, langjarig: Int)
    -> ReasonCode
  {
    if batch { return .historicBatch }
    switch category {
    case .verhoogd: return .p50
    case .lichtVerhoogd: return yearsAbove >= langjarig ? .p90Langjarig : .p90
    case .normaal: return special ? .specialAddition : .keptOnList
    }
  }

  private static let batchOrder: [BuildingStatus.Batch] = [.b1467plus, .b1588, .b1581]

  /// Whether `a` comes before `b` in the queue. Total order: group, then the group's keys
  /// (see ``ReasonCode``), finally the building id, so the result never depends on input order.
  package static func precedes(_ a: QueueEntry, _ b: QueueEntry) -> Bool {
    if a.reason != b.reason { return a.reason < b.reason }
    func desc(_ x: Double, _ y: Double) -> Bool? { x == y ? nil : x > y }
    let key: Bool?
    switch a.reason {
    case .historicBatch:
      let ia = a.batch.flatMap { batchOrder.firstIndex(of: $0) } ?? 3
      let ib = b.batch.flatMap { batchOrder.firstIndex(of: $0) } ?? 3
      key = ia != ib ? ia < ib : desc(a.p50, b.p50) ?? desc(a.p90, b.p90)
    case .p50: key = desc(a.p50, b.p50) ?? desc(a.p90, b.p90)
    case .p90Langjarig: key = a.yearsAbove != b.yearsAbove ? a.yearsAbove > b.yearsAbove : desc(a.p90, b.p90)
    case .p90, .specialAddition: key = desc(a.p90, b.p90)
    case .keptOnList: key = a.entryYear != b.entryYear ? a.entryYear < b.entryYear : desc(a.p90, b.p90)
    }
    return key ?? (a.id < b.id)
  }

  /// Sorts entries by ``precedes(_:_:)`` and numbers them 1, 2, … .
  package static func ranked(_ entries: [QueueEntry]) -> [QueueEntry] {
    var q = entries.sorted(by: precedes)
    for i in q.indices { q[i].rank = i + 1 }
    return q
  }
}
