/// The annual ijkmoment (seed 003 §2.4, §3.4, §3.6): from the new risk results, the status of
/// the buildings and the previous ijkmoment's state, the new list (scope), its ranked opname
/// queue, the changes against the previous list and the state for next year.
///
/// Who is on the list:
/// - **enters** a building with P90 > norm in the ijkmoment year (licht verhoogd or verhoogd;
///   the fixed scope is the P90 list incl. P50, §3.4), a historic batch member (§3.1) and a
///   special addition (§3.6), unless it was already inspected, strengthened or released;
/// - **stays** every building on the previous list, whatever its risk now (§3.6: "wat eenmaal
///   op de lijst staat, blijft");
/// - **leaves** a building with a new status event: inspected and assessed (§3.4a),
///   strengthened (§3.4b), or released with a reason;
/// - **re-enters** a building that left after an inspection with outcome `meets_norm`, or by a
///   release, when it is above the norm again *and* its P90 in this ijkmoment's year exceeds the
///   P90 it had when it left (its risk rose). Buildings assessed as needing strengthening, or
///   strengthened, never re-enter from the model (the model describes the unstrengthened
///   building). A special addition (status `open` with `addition_by`) re-opens any closed building.
///
/// The order of the queue is ``QueueRules``'s. The function is pure: same inputs, same outcome.
public enum Ijkmoment {
  /// A problem with the combination of inputs (not located in one file line).
  public struct Failure: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ d: String) { description = d }
  }

  /// The outcome of one ijkmoment.
  public struct Outcome: Sendable {
    public var year: Int
    public var norm: Double
    public var langjarigYears: Int
    /// The gas years counted: the ijkmoment year to the end of the results.
    public var horizon: ClosedRange<Int>
    public var queue: [QueueEntry]
    public var changes: [ListChange]
    public var state: IjkmomentState
    /// Warnings worth reading (norm changed, etc.).
    public var notes: [String]
    /// Buildings per category in the ijkmoment year over the whole results.
    public var categoryCounts: [RiskCategory: Int]

    /// The number of changes of a kind.
    public func count(_ k: ListChange.Kind) -> Int { changes.filter { $0.kind == k }.count }
  }

  /// Runs one ijkmoment.
  /// - Parameters:
  ///   - results: the per-building logic-tree results; must contain the gas year `year`;
  ///   - year: the ijkmoment year, the first gas year counted (2025 = gas year 2025/26);
  ///   - norm: the LPR norm [1/yr] (Meijdam, 1e-5);
  ///   - langjarigYears: minimum future gas years with P90 > norm for group 2 (``QueueRules``);
  ///   - previous: last year's state (`nil` for the first ijkmoment);
  ///   - status: the status file (`nil`: nothing new is known);
  ///   - provenance: what the results were computed from (``IjkmomentState/Provenance/of(resultsPath:)``),
  ///     recorded in the new state and checked against the previous one;
  ///   - previousFile: the previous state's file, for messages;
  ///   - acceptNewInputs: carry the list over although the previous state was made from another
  ///     exposure or other model versions (``IjkmomentState/checkInputs(against:file:acceptNewInputs:)``).
  /// - Throws: ``InputError`` located in the status file (unknown id, contradiction with the
  ///   state), in `resultsFile` when the year is missing from the results (naming `--year`), or in
  ///   `previousFile` when the previous state is not earlier or a building on its list is missing
  ///   from the results without a closing status.
  /// The earliest date a status event may have: the Huizinge earthquake (16 August 2012),
  /// after which the inspection programme began.
  public static let earliestStatusDate = "2012-08-16"

  public static func run(
    results: RiskResults, year: Int, norm: Double = 1e-5, langjarigYears: Int = QueueRules.defaultLangjarigYears,
    previous: IjkmomentState? = nil, status: StatusFile? = nil, provenance: IjkmomentState.Provenance? = nil,
    previousFile: String = "<previous state>", acceptNewInputs: Bool = false, resultsFile: String = "<results>"
  ) throws -> Outcome {
    guard let t0 = results.gasYears.firstIndex(of: year) else {
      let span = "\(GasYear.label(results.gasYears.first ?? 0))–\(GasYear.label(results.gasYears.last ?? 0))"
      throw InputError(
        file: resultsFile, line: 1, field: "mean_" + RiskResults.suffix(year),
        "these results have no gas year \(GasYear.label(year)) (they cover \(span)): --year \(year) is not in them")
    }
    guard norm > 0, langjarigYears >= 1 else {
      throw Failure("the norm must be positive and the langjarig years at least 1")
    }
    var notes: [String] = []
    if let p = previous {
      guard p.year < year else {
        throw InputError(
          file: previousFile, field: "year",
          "the previous state is from ijkmoment \(p.year), not before this one (--year \(year)); "
            + "--previous must be the state of an earlier ijkmoment")
      }
      if let current = provenance {
        notes += try p.checkInputs(against: current, file: previousFile, acceptNewInputs: acceptNewInputs)
      }
      if p.norm != norm { notes.append("the previous ijkmoment used norm \(p.norm), this one \(norm)") }
      if p.langjarigYears != langjarigYears {
        notes.append("the previous ijkmoment used langjarig ≥ \(p.langjarigYears) years, this one \(langjarigYears)")
      }
    }
    var byId: [String: RiskResults.Building] = [:]
    for b in results.buildings { byId[b.id] = b }
    let prevScope = Dictionary((previous?.scope ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var scope = prevScope
    var closed = Dictionary((previous?.closed ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var pending: [(id: String, kind: ListChange.Kind, detail: String)] = []
    var samenloop: [String: Bool] = [:]
    var closedNow: Set<String> = []  // left the list in this run: reported once, as left_*/released

    // 1. The status file: closing events, special additions, batches, samenloop.
    let file = status?.file ?? "<status>"
    for s in status?.rows ?? [] {
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
            continue
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
      } else if var r = scope[s.id] {
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

    // 2. Nothing is lost: every building still on the list must be in the results.
    let missing = scope.keys.filter { byId[$0] == nil }.sorted()
    if !missing.isEmpty {
      let first = previous?.scope.firstIndex { $0.id == missing[0] }
      throw InputError(
        file: previousFile, field: first.map { "scope[\($0)].id" } ?? "scope",
        "\(missing.count) building(s) on the list are not in the results \(resultsFile) (\(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? ", …" : "")); give each a status row (released with a reason, inspected or strengthened) so none is lost silently"
      )
    }

    // 3. The model: buildings above the norm in the ijkmoment year enter (or re-enter).
    for b in results.buildings {
      let cat = b.category(t0, norm: norm)
      guard cat != .normaal, scope[b.id] == nil, !closedNow.contains(b.id) else { continue }
      let rule = QueueRules.reason(
        category: cat, yearsAbove: QueueRules.yearsAbove(b, from: t0, norm: norm), batch: false, special: false,
        langjarig: langjarigYears)
      if var c = closed[b.id] {
        guard let ref = c.referenceP90 else {
          c.referenceP90 = b.p90[t0]
          closed[b.id] = c
          pending.append(
            (
              b.id, .notReentered,
              "\(describe(c.event)); first seen in the results now: P90 \(ResultTable.sci(b.p90[t0])) becomes the re-entry reference"
            ))
          continue
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
      } else {
        scope[b.id] = .init(id: b.id, entryYear: year, entryReason: rule, samenloop: samenloop[b.id] ?? false)
        pending.append((b.id, .added, ""))
      }
    }

    // 4. The queue: everyone on the list, ordered by the rules.
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
    let queue = QueueRules.ranked(entries)
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

    // 5. The changes against the previous list.
    let added = Set(pending.map(\.id))
    for r in prevScope.values where scope[r.id] != nil && !added.contains(r.id) {
      pending.append(
        (r.id, newScope[queue.firstIndex { $0.id == r.id }!].reason == .keptOnList ? .keptOnList : .kept, ""))
    }
    let rankOf = Dictionary(uniqueKeysWithValues: queue.map { ($0.id, $0) })
    let kindOrder = ListChange.Kind.allCases
    let changes = pending.map { p -> ListChange in
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
    var counts: [RiskCategory: Int] = [:]
    for b in results.buildings { counts[b.category(t0, norm: norm), default: 0] += 1 }
    let state = IjkmomentState(
      year: year, norm: norm, langjarigYears: langjarigYears, gasYears: results.gasYears,
      scope: newScope, closed: closed.values.sorted { $0.id < $1.id }, provenance: provenance)
    return Outcome(
      year: year, norm: norm, langjarigYears: langjarigYears, horizon: year...results.gasYears.last!, queue: queue,
      changes: changes, state: state, notes: notes, categoryCounts: counts)
  }

  /// "inspected 2020-03-01 (meets_norm)", "released 2021-01-05 (demolished)", "strengthened 2020-11-30".
  static func describe(_ e: BuildingStatus.Event) -> String {
    var s = "\(e.progress.rawValue) \(e.date)"
    if let o = e.outcome { s += " (\(o.rawValue))" }
    if let r = e.reason { s += " (\(r))" }
    return s
  }
}
