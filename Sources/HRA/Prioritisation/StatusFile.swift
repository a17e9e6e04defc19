/// The status file: per building what has been done and any special handling
/// (inspections, strengthening, releases, historic batches, special additions, samenloop).
///
/// Columns (all required in the header, cells may be empty where noted):
///
/// | column | values |
/// |---|---|
/// | `building_id` | id as in the results; one row per building |
/// | `status` | `open` · `inspected` · `strengthened` · `released` (empty = `open`) |
/// | `date` | `YYYY-MM-DD`; required for inspected/strengthened/released, empty for open |
/// | `outcome` | `meets_norm` · `needs_strengthening`; required for inspected, else empty |
/// | `batch` | empty · `1467+` · `1588` · `1581` (seed 003 §3.1) |
/// | `addition_by` | empty · `IMG` · `TCMG` · `NCG` · `CVW` · `request` (seed 003 §3.6) |
/// | `reason` | free text; required with `addition_by` and for `released` |
/// | `samenloop` | `1` open damage claim at the address (seed 002), `0` or empty otherwise |
///
/// Whether an id must be in the results is decided by ``Ijkmoment`` (it needs the previous state).
package struct StatusFile: Sendable {
  package static let columns = [
    "building_id", "status", "date", "outcome", "batch", "addition_by", "reason", "samenloop",
  ]

  /// The file the rows were read from (for error messages).
  package var file: String
  package var rows: [BuildingStatus]

  package init(file: String = "<status>", rows: [BuildingStatus]) {
    self.file = file
    self.rows = rows
  }

  /// Reads and validates a status file; every problem is an ``InputError`` with file, line and field.
  package static func load(path: String) throws -> StatusFile {
    try parse(CSVTable(contentsOf: path))
  }

  /// Validates an already parsed table.
  package static func parse(_ t: CSVTable) throws -> StatusFile {
    try t.require(columns)
    var seen: [String: Int] = [:]
    var rows: [BuildingStatus] = []
    for r in t.rows {
      let id = try t.string(r, "building_id")
      guard !id.isEmpty else { throw t.error(r, "building_id", "empty building id") }
      if let l = seen[id] {
        throw t.error(r, "building_id", "duplicate building id \(id) (also on line \(l)); give one row per building")
      }
      seen[id] = r.line
      let st = try t.string(r, "status")
      guard let progress = st.isEmpty ? .open : BuildingStatus.Progress(rawValue: st) else {
        throw t.error(r, "status", "unknown status '\(st)' (expected open, inspected, strengthened or released)")
      }
      let date = try t.string(r, "date")
      let out = try t.string(r, "outcome")
      let reason = try t.string(r, "reason")
      var event: BuildingStatus.Event? = nil
      if progress == .open {
        guard date.isEmpty else { throw t.error(r, "date", "an open building has no date (status is open)") }
        guard out.isEmpty else { throw t.error(r, "outcome", "an outcome needs status inspected") }
      } else {
        guard !date.isEmpty else { throw t.error(r, "date", "status \(progress.rawValue) needs a date (YYYY-MM-DD)") }
        guard BuildingStatus.isISODate(date) else {
          throw t.error(r, "date", "bad date '\(date)' (expected YYYY-MM-DD)")
        }
        var outcome: BuildingStatus.Outcome? = nil
        if progress == .inspected {
          guard let o = BuildingStatus.Outcome(rawValue: out) else {
            throw t.error(
              r, "outcome",
              out.isEmpty
                ? "an inspection needs an outcome (meets_norm or needs_strengthening)"
                : "unknown outcome '\(out)' (expected meets_norm or needs_strengthening)")
          }
          outcome = o
        } else if !out.isEmpty {
          throw t.error(r, "outcome", "an outcome needs status inspected")
        }
        if progress == .released && reason.isEmpty { throw t.error(r, "reason", "a release needs a reason") }
        event = .init(progress: progress, date: date, outcome: outcome, reason: progress == .released ? reason : nil)
      }
      let b = try t.string(r, "batch")
      guard b.isEmpty || BuildingStatus.Batch(rawValue: b) != nil else {
        throw t.error(r, "batch", "unknown batch '\(b)' (expected 1467+, 1588 or 1581)")
      }
      let a = try t.string(r, "addition_by")
      guard a.isEmpty || BuildingStatus.AddedBy(rawValue: a) != nil else {
        throw t.error(r, "addition_by", "unknown addition_by '\(a)' (expected IMG, TCMG, NCG, CVW or request)")
      }
      if !a.isEmpty && reason.isEmpty { throw t.error(r, "reason", "a special addition needs a reason") }
      let s = try t.string(r, "samenloop")
      guard ["", "0", "1"].contains(s) else { throw t.error(r, "samenloop", "must be 0, 1 or empty") }
      rows.append(
        BuildingStatus(
          id: id, progress: progress, event: event, batch: b.isEmpty ? nil : BuildingStatus.Batch(rawValue: b),
          addedBy: a.isEmpty ? nil : BuildingStatus.AddedBy(rawValue: a), additionReason: a.isEmpty ? nil : reason,
          samenloop: s == "1", line: r.line))
    }
    return StatusFile(file: t.file, rows: rows)
  }
}
