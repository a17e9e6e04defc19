/// Which rule placed a building in the opname queue; the queue is ordered by group, in the
/// order of the cases (seed 003 §3.1, §3.2, §3.6).
///
/// | code | group | who | order within the group |
/// |---|---|---|---|
/// | `historic_batch` | 0 | historic batch 1467+, 1588, 1581 (§3.1), whatever its risk | batch (1467+, 1588, 1581), then P50 ↓, P90 ↓, id |
/// | `p50` | 1 | verhoogd in the ijkmoment year (§3.2 (1), Mijnraad) | P50 ↓, P90 ↓, id |
/// | `p90_langjarig` | 2 | licht verhoogd, P90 > norm in ≥ L future gas years (§3.2 (2), SodM) | years above ↓, P90 ↓, id |
/// | `p90` | 3 | the rest of licht verhoogd (§3.2 (3)) | P90 ↓, id |
/// | `special_addition` | 4 | added by IMG/TCMG, NCG, CVW or on request (§3.6), not above the norm | P90 ↓, id |
/// | `kept_on_list` | 5 | in scope from an earlier ijkmoment, now below the norm (§3.6) | entry year ↑, P90 ↓, id |
package enum ReasonCode: String, Sendable, Codable, CaseIterable, Comparable {
  case historicBatch = "historic_batch"
  case p50
  case p90Langjarig = "p90_langjarig"
  case p90
  case specialAddition = "special_addition"
  case keptOnList = "kept_on_list"

  /// The group number (0 first).
  package var group: Int { ReasonCode.allCases.firstIndex(of: self)! }

  package static func < (a: ReasonCode, b: ReasonCode) -> Bool { a.group < b.group }
}
