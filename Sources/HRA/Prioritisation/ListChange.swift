/// One line of the difference between an ijkmoment's list and the previous one (`changes.csv`).
package struct ListChange: Sendable, Equatable, Codable {
  /// What happened to the building (seed 003 §3.4, §3.6).
  package enum Kind: String, Sendable, Codable, CaseIterable {
    /// Newly above the norm in the ijkmoment year (§3.6).
    case added
    /// Added as a special case by IMG/TCMG, NCG, CVW or on request (§3.6).
    case addedSpecial = "added_special"
    /// A historic batch member first seen in the status file (§3.1).
    case addedBatch = "added_batch"
    /// Back on the list after an inspection (meets_norm) or release, because its risk rose.
    case reentered
    /// On the previous list and still above the norm (or a special addition / batch member): stays.
    case kept
    /// On the previous list, now below the norm, stays because "what is on the list stays on the list" (§3.6).
    case keptOnList = "kept_on_list"
    /// Left: inspected and assessed against the latest norm (§3.4a).
    case leftInspected = "left_inspected"
    /// Left: strengthened (§3.4b).
    case leftStrengthened = "left_strengthened"
    /// Left: released explicitly, with a reason.
    case released
    /// Above the norm again after leaving the list, but not back on it (risk not risen, or in the strengthening track).
    case notReentered = "not_reentered"
  }

  package var id: String
  package var kind: Kind
  package var previousRank: Int?
  package var rank: Int?
  package var previousCategory: RiskCategory?
  /// Category in this ijkmoment's year (`nil` if the building is not in the results).
  package var category: RiskCategory?
  /// The queue reason now (`nil` if not in the queue).
  package var reason: ReasonCode?
  /// Dates, outcome, release reason, re-entry figures.
  package var detail: String

  package init(
    id: String, kind: Kind, previousRank: Int? = nil, rank: Int? = nil, previousCategory: RiskCategory? = nil,
    category: RiskCategory? = nil, reason: ReasonCode? = nil, detail: String = ""
  ) {
    self.id = id
    self.kind = kind
    self.previousRank = previousRank
    self.rank = rank
    self.previousCategory = previousCategory
    self.category = category
    self.reason = reason
    self.detail = detail
  }

  /// Previous rank − rank: positive = moved up the queue (`nil` unless in both queues).
  package var rankMove: Int? {
    guard let p = previousRank, let r = rank else { return nil }
    return p - r
  }
}
