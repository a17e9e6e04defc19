import Foundation

/// The files and the summary of an ijkmoment: `queue.csv`, `schedule.csv`,
/// `schedule-by-municipality.csv`, `changes.csv` and `summary.txt` (columns in `docs/ijkmoment.md`).
package struct IjkmomentReport: Sendable {
  package var outcome: Ijkmoment.Outcome
  package var schedule: InspectionSchedule

  package init(outcome: Ijkmoment.Outcome, capacity: InspectionCapacity) {
    self.outcome = outcome
    self.schedule = InspectionSchedule.make(queue: outcome.queue, capacity: capacity, year: outcome.year)
  }

  private static func row(_ cells: [String]) -> String { cells.map(ResultTable.csvField).joined(separator: ",") + "\n" }

  /// `queue.csv`: the ranked opname queue, with each building's position (`x_rd`, `y_rd`: RD New
  /// metres, EPSG:28992, named in the sidecar `queue.prj`; empty when the results lack it).
  package func queueCSV() -> String {
    var s = IjkmomentReport.row([
      "rank", "building_id", "category", "reason", "mean_lpr", "p50_lpr", "p90_lpr", "years_above",
      "municipality", "place", "owner_type", "x_rd", "y_rd", "batch", "addition_by", "entry_year", "flags",
    ])
    let coordinate = { (v: Double?) in v.map { String(format: "%.1f", $0) } ?? "" }
    for e in outcome.queue {
      s += IjkmomentReport.row([
        String(e.rank), e.id, e.category.rawValue, e.reason.rawValue, ResultTable.sci(e.mean), ResultTable.sci(e.p50),
        ResultTable.sci(e.p90), String(e.yearsAbove), e.municipality, e.place, e.ownerType, coordinate(e.x),
        coordinate(e.y), e.batch?.rawValue ?? "",
        e.addedBy?.rawValue ?? "", String(e.entryYear), e.flags,
      ])
    }
    return s
  }

  /// `schedule.csv`: per building in queue order the expected inspection period.
  package func scheduleCSV() -> String {
    var s = IjkmomentReport.row(["rank", "building_id", "municipality", "reason", "period", "from", "to", "flags"])
    for (e, x) in zip(outcome.queue, schedule.slots) {
      let l = schedule.label(of: x)
      s += IjkmomentReport.row([
        String(e.rank), e.id, e.municipality, e.reason.rawValue, l.label, l.from, l.to, e.flags,
      ])
    }
    return s
  }

  /// `schedule-by-municipality.csv`: the same, per municipality in municipal rank order (§3.8).
  package func municipalScheduleCSV() -> String {
    var s = IjkmomentReport.row([
      "municipality", "municipal_rank", "rank", "building_id", "reason", "period", "from", "to", "flags",
    ])
    let pairs = zip(outcome.queue, schedule.slots).sorted {
      $0.1.municipality != $1.1.municipality
        ? $0.1.municipality < $1.1.municipality : $0.1.municipalRank < $1.1.municipalRank
    }
    for (e, x) in pairs {
      let l = schedule.label(of: x)
      s += IjkmomentReport.row([
        x.municipality, String(x.municipalRank), String(e.rank), e.id, e.reason.rawValue, l.label, l.from, l.to,
        e.flags,
      ])
    }
    return s
  }

  /// `changes.csv`: the difference against the previous ijkmoment.
  package func changesCSV() -> String {
    var s = IjkmomentReport.row([
      "building_id", "change", "previous_rank", "rank", "rank_move", "previous_category", "category", "reason",
      "detail",
    ])
    func o(_ v: Int?) -> String { v.map(String.init) ?? "" }
    for c in outcome.changes {
      s += IjkmomentReport.row([
        c.id, c.kind.rawValue, o(c.previousRank), o(c.rank), o(c.rankMove), c.previousCategory?.rawValue ?? "",
        c.category?.rawValue ?? "", c.reason?.rawValue ?? "", c.detail,
      ])
    }
    return s
  }

  /// The headline numbers (printed, `summary.txt`, `--json`).
  package struct Summary: Sendable, Codable, Equatable {
    package var year: Int
    package var norm: Double
    package var langjarigYears: Int
    package var horizon: String
    package var buildings: Int
    package var verhoogd: Int
    package var lichtVerhoogd: Int
    package var queue: Int
    /// Queue entries per reason code.
    package var reasons: [String: Int]
    /// Changes per kind.
    package var changes: [String: Int]
    package var samenloop: Int
    package var capacityPeriod: String
    package var capacityTotal: Int?
    /// Buildings scheduled in one period.
    package struct PeriodCount: Sendable, Codable, Equatable {
      package var period: String
      package var buildings: Int
    }
    /// Scheduled buildings per period, in order.
    package var schedule: [PeriodCount]
    package var unscheduled: Int
    package var municipalitiesWithoutCapacity: [String]
    package var notes: [String]
  }

  package var summary: Summary {
    let o = outcome
    var reasons: [String: Int] = [:]
    for e in o.queue { reasons[e.reason.rawValue, default: 0] += 1 }
    var changes: [String: Int] = [:]
    for c in o.changes { changes[c.kind.rawValue, default: 0] += 1 }
    let per = schedule.perPeriod.enumerated().map {
      Summary.PeriodCount(
        period: InspectionSchedule.label($0.offset, year: o.year, unit: schedule.capacity.period).label,
        buildings: $0.element)
    }
    return Summary(
      year: o.year, norm: o.norm, langjarigYears: o.langjarigYears,
      horizon: "\(o.horizon.lowerBound)–\(o.horizon.upperBound)",
      buildings: o.categoryCounts.values.reduce(0, +), verhoogd: o.categoryCounts[.verhoogd] ?? 0,
      lichtVerhoogd: o.categoryCounts[.lichtVerhoogd] ?? 0,
      queue: o.queue.count, reasons: reasons, changes: changes, samenloop: o.queue.filter(\.samenloop).count,
      capacityPeriod: schedule.capacity.period.rawValue, capacityTotal: schedule.capacity.total, schedule: per,
      unscheduled: schedule.unscheduled.count, municipalitiesWithoutCapacity: schedule.municipalitiesWithoutCapacity,
      notes: o.notes)
  }

  /// The summary as text.
  package func summaryText() -> String {
    let s = summary
    var t =
      "ijkmoment \(s.year) (gas years \(s.horizon), norm \(String(format: "%.0e", s.norm)), P90 langjarig ≥ \(s.langjarigYears) years)\n"
    t += "buildings \(s.buildings): verhoogd \(s.verhoogd), licht verhoogd \(s.lichtVerhoogd) in \(s.year)\n"
    t += "queue \(s.queue):"
    for r in ReasonCode.allCases { t += " \(r.rawValue) \(s.reasons[r.rawValue] ?? 0)" }
    t += "; samenloop \(s.samenloop)\n"
    t += "changes:"
    for k in ListChange.Kind.allCases { t += " \(k.rawValue) \(s.changes[k.rawValue] ?? 0)" }
    t += "\n"
    let cap = s.capacityTotal.map(String.init) ?? "municipal only"
    t +=
      "capacity \(cap) per \(s.capacityPeriod)\(schedule.capacity.perMunicipality.isEmpty ? "" : " (\(schedule.capacity.perMunicipality.count) municipalities)"): "
    t +=
      s.schedule.isEmpty
      ? "nothing scheduled" : s.schedule.map { "\($0.period): \($0.buildings)" }.joined(separator: ", ")
    t += "; unscheduled \(s.unscheduled)\n"
    if !s.municipalitiesWithoutCapacity.isEmpty {
      t += "no capacity for: \(s.municipalitiesWithoutCapacity.joined(separator: ", "))\n"
    }
    for n in s.notes { t += "note: \(n)\n" }
    return t
  }
}

/// What went into an ijkmoment: input files with SHA-256, the settings and the code version.
package struct IjkmomentManifest: Codable, Sendable {
  package var codeVersion: String
  package var createdUTC: String
  package var year: Int
  package var norm: Double
  package var langjarigYears: Int
  package var capacity: String
  package var inputs: [FileHash]
}

extension IjkmomentReport {
  /// Writes the ijkmoment's files into a checked, locked output folder (``OutputTarget``):
  /// queue.csv, schedule.csv, schedule-by-municipality.csv, changes.csv, state.json,
  /// summary.txt, manifest.json, SHA256SUMS.
  /// - Parameter inputs: the files read (results, previous state, status, capacity file).
  package func write(
    to target: OutputTarget, year: Int, norm: Double, langjarigYears: Int, capacity: String, inputs: [String]
  ) throws {
    let hashes = try inputs.map { FileHash(path: $0, sha256: try SHA256.hex(file: $0)) }
    let m = IjkmomentManifest(
      codeVersion: CodeVersion.current, createdUTC: ISO8601DateFormatter().string(from: Date()), year: year, norm: norm,
      langjarigYears: langjarigYears, capacity: capacity, inputs: hashes)
    try target.write { folder in
      try folder.write(queueCSV(), name: "queue.csv")
      try folder.write(scheduleCSV(), name: "schedule.csv")
      try folder.write(municipalScheduleCSV(), name: "schedule-by-municipality.csv")
      try folder.write(changesCSV(), name: "changes.csv")
      try folder.write(outcome.state.json(), name: "state.json")
      try folder.write(summaryText(), name: "summary.txt")
      try folder.write(try JSONCoding.encode(m), name: "manifest.json")
    }
  }
}
