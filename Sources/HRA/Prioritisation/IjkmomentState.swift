import Foundation

/// Everything the next ijkmoment needs from this one, written as `state.json` and read back
/// with `--previous`: the scope (who is on the list, since when and why), the queue order,
/// and the buildings that left the list (inspected, strengthened, released) with the risk
/// they had when they left (for the re-entry rule of ``Ijkmoment``).
///
/// Versioned: `format` must be ``formatName`` and `version` one of ``readableVersions``;
/// anything else is refused with a clear error rather than misread. Version 2 carries the
/// ``Provenance`` of the results it was made from (the exposure's SHA-256, the model versions)
/// and a checksum of its own content (`sha256`, the SHA-256 of the file's JSON with that key
/// absent), so that a state from another exposure database or one edited by hand is noticed
/// before it decides next year's list. Version 1 files (no provenance, no checksum) are still
/// read, with a note that they could not be checked.
package struct IjkmomentState: Sendable, Equatable, Codable {
  package static let formatName = "groningen-hra-ijkmoment-state"
  package static let currentVersion = 2
  package static let readableVersions = 1...2

  /// What the results behind a state were computed from, read from the `manifest.json` that
  /// `hra run` writes beside `buildings-risk.csv` (`nil` fields when the results came without one).
  package struct Provenance: Sendable, Equatable, Codable {
    /// SHA-256 of the exposure database (EDB) file of the run.
    package var exposureSHA256: String?
    /// Number of buildings in that exposure.
    package var exposureBuildings: Int?
    /// The model versions, "gmm V7 · fcm V7 · seismicity …" (from the manifest's `models`).
    package var models: String?
    /// SHA-256 of the results file itself.
    package var resultsSHA256: String?

    package init(
      exposureSHA256: String? = nil, exposureBuildings: Int? = nil, models: String? = nil, resultsSHA256: String? = nil
    ) {
      self.exposureSHA256 = exposureSHA256
      self.exposureBuildings = exposureBuildings
      self.models = models
      self.resultsSHA256 = resultsSHA256
    }

    /// The provenance of a results file: its own hash, and the exposure and models named by the
    /// `manifest.json` in the same folder, when there is one (a results file given without its
    /// run folder has only its own hash).
    /// - Throws: ``InputError`` when the manifest exists but cannot be read as one.
    package static func of(resultsPath: String) throws -> Provenance {
      var p = Provenance(resultsSHA256: try? SHA256.hex(file: resultsPath))
      let manifest = URL(fileURLWithPath: resultsPath).deletingLastPathComponent().appendingPathComponent(
        "manifest.json"
      ).path
      guard let data = FileManager.default.contents(atPath: manifest) else { return p }
      struct Minimal: Decodable {
        struct Hash: Decodable { var sha256: String }
        struct Parts: Decodable {
          var gmm: String
          var fcm: String
          var seismicity: String
        }
        var exposure: Hash?
        var exposureBuildings: Int?
        var models: Parts?
      }
      guard let m = try? JSONDecoder().decode(Minimal.self, from: data) else {
        throw InputError(file: manifest, "not a run manifest (expected the manifest.json that hra run writes)")
      }
      p.exposureSHA256 = m.exposure?.sha256
      p.exposureBuildings = m.exposureBuildings
      p.models = m.models.map { "gmm \($0.gmm) · fcm \($0.fcm) · seismicity \($0.seismicity)" }
      return p
    }
  }

  /// A building on the list (in scope and not yet inspected, strengthened or released).
  package struct ScopeRecord: Sendable, Equatable, Codable {
    package var id: String
    /// The ijkmoment year it (last) entered the scope.
    package var entryYear: Int
    /// The rule that brought it in (`historic_batch`, `p50`, `p90_langjarig`, `p90`, `special_addition`).
    package var entryReason: ReasonCode
    package var batch: BuildingStatus.Batch?
    package var addedBy: BuildingStatus.AddedBy?
    package var additionReason: String?
    package var samenloop: Bool
    /// Whether it came back after an earlier inspection or release.
    package var reentry: Bool
    /// The closing event already consumed before it re-entered (so the same status row does not close it again).
    package var consumedEvent: BuildingStatus.Event?
    /// Queue rank, category and LPR of this ijkmoment.
    package var rank: Int
    package var category: RiskCategory
    package var reason: ReasonCode
    package var p50: Double
    package var p90: Double
    package var municipality: String

    package init(
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
  package struct ClosedRecord: Sendable, Equatable, Codable {
    package var id: String
    package var event: BuildingStatus.Event
    /// The ijkmoment year at which the event was recorded.
    package var year: Int
    /// The P90 LPR in that ijkmoment's year: the re-entry reference (`nil` if the building was not in the results).
    package var referenceP90: Double?
    /// The year it had entered the scope, if it was ever on the list.
    package var entryYear: Int?
    package var batch: BuildingStatus.Batch?

    package init(
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

  package var format: String
  package var version: Int
  /// The ijkmoment year.
  package var year: Int
  package var norm: Double
  package var langjarigYears: Int
  /// The gas years of the results used.
  package var gasYears: [Int]
  /// The list, in queue order.
  package var scope: [ScopeRecord]
  /// Left the list or never on it, by id.
  package var closed: [ClosedRecord]
  /// What the results were computed from (`nil` in version 1 files).
  package var provenance: Provenance?
  /// The checksum written into the file by ``json()`` and verified (then cleared) by
  /// ``decode(_:file:)``: `nil` in memory, so that a state equals its round trip.
  package var sha256: String?

  package init(
    year: Int, norm: Double, langjarigYears: Int, gasYears: [Int], scope: [ScopeRecord], closed: [ClosedRecord],
    provenance: Provenance? = nil
  ) {
    self.format = IjkmomentState.formatName
    self.version = IjkmomentState.currentVersion
    self.year = year
    self.norm = norm
    self.langjarigYears = langjarigYears
    self.gasYears = gasYears
    self.scope = scope
    self.closed = closed
    self.provenance = provenance
  }

  /// The JSON text (stable: sorted keys), with the checksum `sha256` of the same text without it.
  package func json() throws -> String {
    var s = self
    s.sha256 = nil
    guard version >= 2 else { return try JSONCoding.encode(s) }
    s.sha256 = SHA256.hex(Data(try JSONCoding.encode(s).utf8))
    return try JSONCoding.encode(s)
  }

  /// Reads a state file, refusing foreign files and other versions with an ``InputError``.
  package static func load(path: String) throws -> IjkmomentState {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: path, "cannot read file")
    }
    return try decode(data, file: path)
  }

  /// Decodes state JSON; `file` names the source in errors.
  package static func decode(_ data: Data, file: String) throws -> IjkmomentState {
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
    guard let v = h.version, readableVersions.contains(v) else {
      throw InputError(
        file: file, field: "version",
        "state file version \(h.version.map(String.init) ?? "missing") is not supported (this build reads versions \(readableVersions.lowerBound)–\(readableVersions.upperBound)); rerun that ijkmoment with this build"
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
    // Last, so that the checks above see every input (the fuzz target reaches them): the checksum.
    var plain = state
    plain.sha256 = nil
    if state.version >= 2 {
      guard let written = state.sha256 else {
        throw InputError(file: file, field: "sha256", "missing in the state file (version 2 files carry a checksum)")
      }
      let actual = SHA256.hex(Data(try JSONCoding.encode(plain).utf8))
      guard written == actual else {
        throw InputError(
          file: file, field: "sha256",
          "the state file was changed after hra wrote it (checksum \(written.prefix(12))…, content \(actual.prefix(12))…); use the state.json of the ijkmoment as written"
        )
      }
    }
    return plain
  }

  /// Checks that this (previous) state was made from the same exposure database and model
  /// versions as the results of the new ijkmoment.
  /// - Parameters:
  ///   - current: the provenance of the new results;
  ///   - file: the state file, for the message;
  ///   - acceptNewInputs: carry the list over to a changed exposure or model version (`--accept-new-inputs`).
  /// - Returns: notes for the summary (what differed and was accepted, or what could not be checked).
  /// - Throws: ``InputError`` (field `provenance.exposureSHA256` or `provenance.models`) when they
  ///   differ and `acceptNewInputs` is false.
  package func checkInputs(against current: Provenance, file: String, acceptNewInputs: Bool) throws -> [String] {
    guard let p = provenance else {
      return [
        "the previous state (version \(version)) records no input hashes: its exposure and models were not checked"
      ]
    }
    var notes: [String] = []
    if let a = p.exposureSHA256, let b = current.exposureSHA256, a != b {
      let what =
        "the previous state was made from exposure \(a.prefix(12))… (\(p.exposureBuildings.map(String.init) ?? "?") buildings), these results from exposure \(b.prefix(12))… (\(current.exposureBuildings.map(String.init) ?? "?") buildings)"
      guard acceptNewInputs else {
        throw InputError(
          file: file, field: "provenance.exposureSHA256",
          "\(what); give --accept-new-inputs to carry the list over to a changed exposure database")
      }
      notes.append(what + " (accepted: --accept-new-inputs)")
    }
    if let a = p.models, let b = current.models, a != b {
      let what = "the previous state was made with \(a), these results with \(b)"
      guard acceptNewInputs else {
        throw InputError(
          file: file, field: "provenance.models",
          "\(what); give --accept-new-inputs to carry the list over to new model versions")
      }
      notes.append(what + " (accepted: --accept-new-inputs)")
    }
    if p.exposureSHA256 == nil || current.exposureSHA256 == nil {
      notes.append(
        "no exposure hash for \(p.exposureSHA256 == nil ? "the previous state" : "these results"): not checked")
    }
    return notes
  }
}
