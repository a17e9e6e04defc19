/// What is known about one building's progress through the strengthening operation, as read
/// from one row of the status file (``StatusFile``) or carried in the ijkmoment state.
///
/// Progress (seed 003 §3.4): `open` (nothing done yet), `inspected` (opname and assessment
/// against the latest norm done, §3.4a), `strengthened` (§3.4b), or `released` (taken off the
/// list explicitly, with a reason). Independently a building may belong to a historic batch
/// (§3.1), be a special addition (§3.6) and have an open damage claim at the same address
/// (samenloop, seed 002).
package struct BuildingStatus: Sendable, Equatable, Codable {
  /// The progress of a building.
  package enum Progress: String, Sendable, Codable, CaseIterable {
    case open, inspected, strengthened, released
  }

  /// The assessment outcome of an inspection (opname + beoordeling, seed 003 §2.6).
  package enum Outcome: String, Sendable, Codable, CaseIterable {
    case meetsNorm = "meets_norm"
    case needsStrengthening = "needs_strengthening"
  }

  /// The historic batches that keep their own label and handling (seed 003 §3.1).
  package enum Batch: String, Sendable, Codable, CaseIterable {
    case b1467plus = "1467+"
    case b1588 = "1588"
    case b1581 = "1581"
  }

  /// Who added a building to the list in a special case (seed 003 §3.6; seed 001: inspection on request).
  package enum AddedBy: String, Sendable, Codable, CaseIterable {
    case img = "IMG"
    case tcmg = "TCMG"
    case ncg = "NCG"
    case cvw = "CVW"
    case request
  }

  /// A dated closing event (inspection, strengthening or release) of a building.
  package struct Event: Sendable, Equatable, Codable {
    package var progress: Progress
    /// ISO date `YYYY-MM-DD`.
    package var date: String
    package var outcome: Outcome?
    package var reason: String?

    package init(progress: Progress, date: String, outcome: Outcome? = nil, reason: String? = nil) {
      self.progress = progress
      self.date = date
      self.outcome = outcome
      self.reason = reason
    }

    /// Whether the model may bring the building back on the list when its risk rises:
    /// only after an assessment that found it meets the norm, or after an explicit release.
    /// A building assessed as needing strengthening is already in the strengthening track,
    /// and the model's results do not describe a strengthened building.
    package var mayReenter: Bool {
      switch progress {
      case .inspected: return outcome == .meetsNorm
      case .released: return true
      case .open, .strengthened: return false
      }
    }
  }

  package var id: String
  package var progress: Progress
  /// The event of an inspected, strengthened or released building (`nil` when open).
  package var event: Event?
  package var batch: Batch?
  package var addedBy: AddedBy?
  /// The reason of a special addition.
  package var additionReason: String?
  package var samenloop: Bool
  /// The status file's line (for error messages), if read from a file.
  package var line: Int?

  package init(
    id: String, progress: Progress = .open, event: Event? = nil, batch: Batch? = nil, addedBy: AddedBy? = nil,
    additionReason: String? = nil, samenloop: Bool = false, line: Int? = nil
  ) {
    self.id = id
    self.progress = progress
    self.event = event
    self.batch = batch
    self.addedBy = addedBy
    self.additionReason = additionReason
    self.samenloop = samenloop
    self.line = line
  }

  /// Whether `s` is a valid calendar date written `YYYY-MM-DD` (years 1900–2199).
  package static func isISODate(_ s: String) -> Bool {
    let p = s.split(separator: "-", omittingEmptySubsequences: false)
    guard s.count == 10, p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
      let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), (1900...2199).contains(y), (1...12).contains(m), d >= 1
    else { return false }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return d <= days
  }
}
