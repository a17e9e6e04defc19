import Foundation

extension Ijkmoment {
  /// The working state of one ijkmoment (``Ijkmoment/run(results:year:norm:langjarigYears:previous:status:provenance:previousFile:acceptNewInputs:resultsFile:)``):
  /// the list (scope) and the closed buildings as the steps change them, and the changes found
  /// so far. The steps are, in order: ``apply(_:file:)`` per status row, ``checkNothingLost(previousFile:resultsFile:)``,
  /// ``admit(_:)`` per building of the results, ``queueEntries()`` and ``rankedScope(_:)``,
  /// ``changes(queue:newScope:)``.
  struct Pass {
    let year: Int
    /// The index of the ijkmoment year in the results' gas years.
    let t0: Int
    let norm: Double
    let langjarigYears: Int
    let previous: IjkmomentState?
    /// The buildings of the results by id.
    var byId: [String: RiskResults.Building] = [:]
    /// The previous list by id.
    let prevScope: [String: IjkmomentState.ScopeRecord]
    /// The list by id.
    var scope: [String: IjkmomentState.ScopeRecord]
    /// The buildings off the list by id.
    var closed: [String: IjkmomentState.ClosedRecord]
    /// The changes found so far (unsorted): building id, kind and detail text.
    var pending: [(id: String, kind: ListChange.Kind, detail: String)] = []
    /// The samenloop flag of each building with a status row.
    var samenloop: [String: Bool] = [:]
    /// Left the list in this run: reported once, as left_*/released.
    var closedNow: Set<String> = []

    /// The state at the start: the previous list and closed buildings (none for the first
    /// ijkmoment).
    init(results: RiskResults, year: Int, t0: Int, norm: Double, langjarigYears: Int, previous: IjkmomentState?) {
      self.year = year
      self.t0 = t0
      self.norm = norm
      self.langjarigYears = langjarigYears
      self.previous = previous
      for b in results.buildings { byId[b.id] = b }
      prevScope = Dictionary((previous?.scope ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      scope = prevScope
      closed = Dictionary((previous?.closed ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Step 1, one row of the status file: a closing event, a special addition, a batch member
    /// or a samenloop flag.
    /// - Throws: ``InputError`` at the row's line in `file`: field `building_id` for an id not in
    ///   the results (unless known and closing), `date` for an event date outside the programme,
    ///   `status` for `open` contradicting a closed building without an addition.
    mutating func apply(_ s: BuildingStatus, file: String) throws {
      samenloop[s.id] = s.samenloop
      if byId[s.id] == nil {
        let known = scope[s.id] != nil || closed[s.id] != nil
        guard known, s.event != nil else {
          throw InputError(
            file: file, line: s.line, field: "building_id",
            known
              ? "building id \(s.id) is not in the results; a building missing from the results can only be given a closing status (inspected, strengthened or released)"
              : "building id \(s.id) is not in the results (nor on the previous list)")
        }
      }
      if let ev = s.event {
        try applyEvent(ev, of: s, file: file)
      } else {
        try applyOpen(s, file: file)
      }
    }

    /// A status row with an event (inspected, strengthened, released): a building on the list
    /// leaves it (unless the event is the one its re-entry consumed), a closed building's event
    /// is updated, another building is recorded as closed.
    /// - Throws: ``InputError`` (field `date`) when the event is before ``Ijkmoment/earliestStatusDate``
    ///   or after the end of the ijkmoment's gas year.
    mutating func applyEvent(_ ev: BuildingStatus.Event, of s: BuildingStatus, file: String) throws {
      // A status event happened between the start of the programme (the Huizinge
      // earthquake of 16 August 2012) and the end of the ijkmoment's gas year.
      let latest = String(format: "%04d-09-30", year + 1)
      guard ev.date >= earliestStatusDate, ev.date <= latest else {
        throw InputError(
          file: file, line: s.line, field: "date",
          "date \(ev.date) is outside \(earliestStatusDate) … \(latest) (the programme's start to the end of gas year \(year)/\(String(format: "%02d", (year + 1) % 100)))"
        )
      }
      if var r = scope[s.id] {
        if ev == r.consumedEvent {
          r.samenloop = s.samenloop
          scope[s.id] = r
          return
        }
        scope[s.id] = nil
        closedNow.insert(s.id)
        closed[s.id] = .init(
          id: s.id, event: ev, year: year, referenceP90: byId[s.id]?.p90[t0] ?? r.p90, entryYear: r.entryYear,
          batch: r.batch)
        let kind: ListChange.Kind =
          ev.progress == .inspected ? .leftInspected : ev.progress == .strengthened ? .leftStrengthened : .released
        pending.append((s.id, kind, describe(ev)))
      } else if var c = closed[s.id] {
        if ev != c.event {
          c.event = ev
          c.year = year
          closed[s.id] = c
        }
      } else {
        closed[s.id] = .init(
          id: s.id, event: ev, year: year, referenceP90: byId[s.id]?.p90[t0], entryYear: nil, batch: s.batch)
      }
    }

    /// A status row without an event (`open`): updates a building on the list (samenloop, batch,
    /// addition), re-opens a closed building by a special addition, or puts a historic batch
    /// member or a special addition on the list.
    /// - Throws: ``InputError`` (field `status`) for a closed building without `addition_by`.
    mutating func applyOpen(_ s: BuildingStatus, file: String) throws {
      if var r = scope[s.id] {
        r.samenloop = s.samenloop
        if r.batch == nil { r.batch = s.batch }
        if r.addedBy == nil, let a = s.addedBy {
          r.addedBy = a
          r.additionReason = s.additionReason
        }
        scope[s.id] = r
      } else if let c = closed[s.id] {
        guard let a = s.addedBy else {
          throw InputError(
            file: file, line: s.line, field: "status",
            "status open contradicts the previous state, which records \(describe(c.event)); to put the building back on the list give it an addition_by and a reason"
          )
        }
        closed[s.id] = nil
        scope[s.id] = .init(
          id: s.id, entryYear: year, entryReason: .specialAddition, batch: s.batch ?? c.batch, addedBy: a,
          additionReason: s.additionReason, samenloop: s.samenloop, reentry: true, consumedEvent: c.event)
        pending.append(
          (s.id, .addedSpecial, "re-added by \(a.rawValue) after \(describe(c.event)): \(s.additionReason ?? "")"))
      } else if let b = s.batch {
        scope[s.id] = .init(
          id: s.id, entryYear: year, entryReason: .historicBatch, batch: b, addedBy: s.addedBy,
          additionReason: s.additionReason, samenloop: s.samenloop)
        pending.append((s.id, .addedBatch, "batch \(b.rawValue)"))
      } else if let a = s.addedBy {
        scope[s.id] = .init(
          id: s.id, entryYear: year, entryReason: .specialAddition, addedBy: a, additionReason: s.additionReason,
          samenloop: s.samenloop)
        pending.append((s.id, .addedSpecial, "by \(a.rawValue): \(s.additionReason ?? "")"))
      }
    }

    /// Step 2: nothing is lost, every building still on the list must be in the results.
    /// - Throws: ``InputError`` in `previousFile` (field `scope[i].id` of the first missing one)
    ///   naming up to five missing ids.
    func checkNothingLost(previousFile: String, resultsFile: String) throws {
      let missing = scope.keys.filter { byId[$0] == nil }.sorted()
      if !missing.isEmpty {
        let first = previous?.scope.firstIndex { $0.id == missing[0] }
        throw InputError(
          file: previousFile, field: first.map { "scope[\($0)].id" } ?? "scope",
          "\(missing.count) building(s) on the list are not in the results \(resultsFile) (\(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? ", …" : "")); give each a status row (released with a reason, inspected or strengthened) so none is lost silently"
        )
      }
    }

    /// Step 3, one building of the results: above the norm in the ijkmoment year and not on the
    /// list, it enters; a closed building re-enters when it may and its P90 rose above its
    /// reference (a closed building first seen in the results gets its P90 as the reference).
    mutating func admit(_ b: RiskResults.Building) {
      let cat = b.category(t0, norm: norm)
      guard cat != .normaal, scope[b.id] == nil, !closedNow.contains(b.id) else { return }
      let rule = QueueRules.reason(
        category: cat, yearsAbove: QueueRules.yearsAbove(b, from: t0, norm: norm), batch: false, special: false,
        langjarig: langjarigYears)
      guard var c = closed[b.id] else {
        scope[b.id] = .init(id: b.id, entryYear: year, entryReason: rule, samenloop: samenloop[b.id] ?? false)
        pending.append((b.id, .added, ""))
        return
      }
      guard let ref = c.referenceP90 else {
        c.referenceP90 = b.p90[t0]
        closed[b.id] = c
        pending.append(
          (
            b.id, .notReentered,
            "\(describe(c.event)); first seen in the results now: P90 \(ResultTable.sci(b.p90[t0])) becomes the re-entry reference"
          ))
        return
      }
      if c.event.mayReenter && b.p90[t0] > ref {
        closed[b.id] = nil
        scope[b.id] = .init(
          id: b.id, entryYear: year, entryReason: rule, batch: c.batch, samenloop: samenloop[b.id] ?? false,
          reentry: true, consumedEvent: c.event)
        pending.append(
          (
            b.id, .reentered,
            "risk rose since \(describe(c.event)): P90 \(ResultTable.sci(b.p90[t0])) > \(ResultTable.sci(ref))"
          ))
      } else {
        let why =
          c.event.mayReenter
          ? "risk not risen: P90 \(ResultTable.sci(b.p90[t0])) ≤ \(ResultTable.sci(ref))"
          : "in the strengthening track or strengthened"
        pending.append((b.id, .notReentered, "\(describe(c.event)); \(why)"))
      }
    }

    /// Step 4: a queue entry (rank 0, category and reason of the ijkmoment year) for everyone on
    /// the list, for ``QueueRules/ranked(_:)``.
    /// - Returns: the entries, unordered.
    func queueEntries() -> [QueueEntry] {
      var entries: [QueueEntry] = []
      for r in scope.values {
        let b = byId[r.id]!
        let cat = b.category(t0, norm: norm)
        let ya = QueueRules.yearsAbove(b, from: t0, norm: norm)
        let reason = QueueRules.reason(
          category: cat, yearsAbove: ya, batch: r.entryReason == .historicBatch, special: r.addedBy != nil,
          langjarig: langjarigYears)
        entries.append(
          QueueEntry(
            rank: 0, id: r.id, category: cat, reason: reason, mean: b.mean[t0], p50: b.p50[t0], p90: b.p90[t0],
            yearsAbove: ya,
            municipality: b.municipality, place: b.place, ownerType: b.ownerType, x: b.x, y: b.y, batch: r.batch,
            addedBy: r.addedBy,
            entryYear: r.entryYear,
            samenloop: r.samenloop, specialAddition: r.addedBy != nil, reentry: r.reentry))
      }
      return entries
    }

    /// The list's records in queue order with the queue's rank, category, reason, P50, P90 and
    /// municipality.
    /// - Returns: the new state's scope.
    func rankedScope(_ queue: [QueueEntry]) -> [IjkmomentState.ScopeRecord] {
      var newScope: [IjkmomentState.ScopeRecord] = []
      for e in queue {
        var r = scope[e.id]!
        r.rank = e.rank
        r.category = e.category
        r.reason = e.reason
        r.p50 = e.p50
        r.p90 = e.p90
        r.municipality = e.municipality
        newScope.append(r)
      }
      return newScope
    }

    /// Step 5: the changes against the previous list: those found so far, and kept (or kept on
    /// the list below the norm) for every other building of the previous list still on it.
    /// - Returns: the changes ordered by kind (``ListChange/Kind`` order), rank (none last) and id.
    mutating func changes(queue: [QueueEntry], newScope: [IjkmomentState.ScopeRecord]) -> [ListChange] {
      let added = Set(pending.map(\.id))
      for r in prevScope.values where scope[r.id] != nil && !added.contains(r.id) {
        pending.append(
          (r.id, newScope[queue.firstIndex { $0.id == r.id }!].reason == .keptOnList ? .keptOnList : .kept, ""))
      }
      let rankOf = Dictionary(uniqueKeysWithValues: queue.map { ($0.id, $0) })
      let kindOrder = ListChange.Kind.allCases
      return pending.map { p -> ListChange in
        let q = rankOf[p.id]
        return ListChange(
          id: p.id, kind: p.kind, previousRank: prevScope[p.id]?.rank, rank: q?.rank,
          previousCategory: prevScope[p.id]?.category,
          category: byId[p.id]?.category(t0, norm: norm), reason: q?.reason, detail: p.detail)
      }.sorted {
        let a = kindOrder.firstIndex(of: $0.kind)!
        let b = kindOrder.firstIndex(of: $1.kind)!
        if a != b { return a < b }
        if $0.rank != $1.rank { return ($0.rank ?? .max) < ($1.rank ?? .max) }
        return $0.id < $1.id
      }
    }
  }
}
