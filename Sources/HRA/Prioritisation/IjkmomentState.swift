import Foundation

/// Everything the next ijkmoment needs from this one, written as `state.json` and read back
/// with `--previous`: the scope (who is on the list, since when and why), the queue order,
/// and the buildings that left the list (inspected, strengthened, released) with the risk
/// they had when they left (for the re-entry rule of ``Ijkmoment``).
///
/// Versioned: `format` must be ``formatName`` and `version` ``currentVersion``; anything else
/// is refused with a clear error rather than misread.
public struct IjkmomentState: Sendable, Equatable, Codable {
  public static let formatName = "groningen-hra-ijkmoment-state"
  public static let currentVersion = 1

  /// A building on the list (in scope and not yet inspected, strengthened or released).
  public struct ScopeRecord: Sendable, Equatable, Codable {
    public var id: String
    /// The ijkmoment year it (last) entered the scope.
    public var entryYear: Int
    /// The rule that brought it in (`historic_batch`, `p50`, `p90_langjarig`, `p90`, `special_addition`).
    public var entryReason: ReasonCode
    public var batch: BuildingStatus.Batch?
    public var addedBy: BuildingStatus.AddedBy?
    public var additionReason: String?
    public var samenloop: Bool
    /// Whether it came back after an earlier inspection or release.
    public var reentry: Bool
    /// The closing event already consumed before it re-entered (so the same status row does not close it again).
    public var consumedEvent: BuildingStatus.Event?
    /// Queue rank, category and LPR of this ijkmoment.
    public var rank: Int
    public var category: RiskCategory
    public var reason: ReasonCode
    public var p50: Double
    public var p90: Double
    public var municipality: String

    public init(
      id: String, entryYear: Int, entryReason: ReasonCode, batch: BuildingStatus.Batch? = nil,
      addedBy: BuildingStatus.AddedBy? = nil,
      additionReason: String? = nil, samenloop: Bool = false, reentry: Bool = false,
      consumedEvent: BuildingStatus.Event? = nil,
      rank: Int = 0, category: RiskCategory = .normaal, reason: ReasonCode = .keptOnList, p50: Double = 0,
      p90: Double = 0,
      municipality: String = ""
    ) {
      self.id = id
      self.entryYear = entryYear
      self.entryReason = entryReason
      self.batch = batch
      self.addedBy = addedBy
      self.additionReason = additionReason
      self.samenloop = samenloop
      self.reentry = reentry
      self.consumedEvent = consumedEvent
      self.rank = rank
      self.category = category
      self.reason = reason
      self.p50 = p50
      self.p90 = p90
      self.municipality = municipality
    }
  }

  /// A building that left the list, or was inspected/strengthened/released without ever being on it.
  public struct ClosedRecord: Sendable, Equatable, Codable {
    public var id: String
    public var event: BuildingStatus.Event
    /// The ijkmoment year at which the event was recorded.
    public var year: Int
    /// The P90 LPR in that ijkmoment's year: the re-entry reference (`nil` if the building was not in the results).
    public var referenceP90: Double?
    /// The year it had entered the scope, if it was ever on the list.
    public var entryYear: Int?
    public var batch: BuildingStatus.Batch?

    public init(
      id: String, event: BuildingStatus.Event, year: Int, referenceP90: Double?, entryYear: Int?,
      batch: BuildingStatus.Batch? = nil
    ) {
      self.id = id
      self.event = event
      self.year = year
      self.referenceP90 = referenceP90
      self.entryYear = entryYear
      self.batch = batch
    }
  }

  public var format: String
  public var version: Int
  /// The ijkmoment year.
  public var year: Int
  public var norm: Double
  public var langjarigYears: Int
  /// The gas years of the results used.
  public var gasYears: [Int]
  /// The list, in queue order.
  public var scope: [ScopeRecord]
  /// Left the list or never on it, by id.
  public var closed: [ClosedRecord]

  public init(
    year: Int, norm: Double, langjarigYears: Int, gasYears: [Int], scope: [ScopeRecord], closed: [ClosedRecord]
  ) {
    self.format = IjkmomentState.formatName
    self.version = IjkmomentState.currentVersion
    self.year = year
    self.norm = norm
    self.langjarigYears = langjarigYears
    self.gasYears = gasYears
    self.scope = scope
    self.closed = closed
  }

  /// The JSON text (stable: sorted keys).
  public func json() throws -> String { try JSONCoding.encode(self) }

  /// Reads a state file, refusing foreign files and other versions with an ``InputError``.
  public static func load(path: String) throws -> IjkmomentState {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: path, "cannot read file")
    }
    return try decode(data, file: path)
  }

  /// Decodes state JSON; `file` names the source in errors.
  public static func decode(_ data: Data, file: String) throws -> IjkmomentState {
    struct Header: Decodable {
      var format: String?
      var version: Int?
    }
    guard let h = try? JSONDecoder().decode(Header.self, from: data) else {
      throw InputError(file: file, "not an ijkmoment state file (not a JSON object)")
    }
    guard h.format == formatName else {
      throw InputError(
        file: file, field: "format",
        "not an ijkmoment state file (format is \(h.format.map { "'\($0)'" } ?? "missing"), expected '\(formatName)')")
    }
    guard h.version == currentVersion else {
      throw InputError(
        file: file, field: "version",
        "state file version \(h.version.map(String.init) ?? "missing") is not supported (this build reads version \(currentVersion)); rerun that ijkmoment with this build"
      )
    }
    let state: IjkmomentState
    do {
      state = try JSONDecoder().decode(IjkmomentState.self, from: data)
    } catch let DecodingError.keyNotFound(k, c) {
      throw InputError(
        file: file, field: (c.codingPath + [k]).map(\.stringValue).joined(separator: "."), "missing in the state file")
    } catch let DecodingError.typeMismatch(_, c), let DecodingError.valueNotFound(_, c) {
      throw InputError(
        file: file, field: c.codingPath.map(\.stringValue).joined(separator: "."), "wrong type in the state file")
    } catch let DecodingError.dataCorrupted(c) {
      throw InputError(
        file: file, field: c.codingPath.map(\.stringValue).joined(separator: "."),
        "bad value in the state file: \(c.debugDescription)")
    }
    // One record per building: a duplicate id would lose that building's history.
    var seen = Set<String>()
    for (i, r) in state.scope.enumerated() where !seen.insert(r.id).inserted {
      throw InputError(file: file, field: "scope[\(i)].id", "building id \(r.id) is on the list twice")
    }
    var closedSeen = Set<String>()
    for (i, r) in state.closed.enumerated() {
      if !closedSeen.insert(r.id).inserted {
        throw InputError(file: file, field: "closed[\(i)].id", "building id \(r.id) is closed twice")
      }
      if seen.contains(r.id) {
        throw InputError(file: file, field: "closed[\(i)].id", "building id \(r.id) is both on the list and closed")
      }
    }
    return state
  }
}
