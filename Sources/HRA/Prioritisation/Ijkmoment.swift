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
package enum Ijkmoment {
  /// A problem with the combination of inputs (not located in one file line).
  package struct Failure: Error, CustomStringConvertible, Equatable {
    package var description: String
    package init(_ d: String) { description = d }
  }

  /// The outcome of one ijkmoment.
  package struct Outcome: Sendable {
    package var year: Int
    package var norm: Double
    package var langjarigYears: Int
    /// The gas years counted: the ijkmoment year to the end of the results.
    package var horizon: ClosedRange<Int>
    package var queue: [QueueEntry]
    package var changes: [ListChange]
    package var state: IjkmomentState
    /// Warnings worth reading (norm changed, etc.).
    package var notes: [String]
    /// Buildings per category in the ijkmoment year over the whole results.
    package var categoryCounts: [RiskCategory: Int]

    /// The number of changes of a kind.
    package func count(_ k: ListChange.Kind) -> Int { changes.filter { $0.kind == k }.count }
  }

  /// The earliest date a status event may have: the Huizinge earthquake (16 August 2012),
  /// after which the inspection programme began.
  package static let earliestStatusDate = "2012-08-16"

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
  package static func run(
    results: RiskResults, year: Int, norm: Double = 1e-5, langjarigYears: Int = QueueRules.defaultLangjarigYears,
    previous: IjkmomentState? = nil, status: StatusFile? = nil, provenance: IjkmomentState.Provenance? = nil,
    previousFile: String = "<previous state>", acceptNewInputs: Bool = false, resultsFile: String = "<results>"
  ) throws -> Outcome {
    guard let t0 = results.gasYears.firstIndex(of: year) else {
      let span = "\(GasYear.label(results.gasYears.first ?? 0))–\(GasYear.label(results.gasYears.last ?? 0))"
      throw InputError(
        file: resultsFile, line: 1, field: "mean_" + RiskResults.suffix(year),
        "these results have no gas year \(GasYear.label(year)) (they cover \(span)): year \(year) is not in them")
    }
    guard norm > 0, langjarigYears >= 1 else {
      throw Failure("the norm must be positive and the langjarig years at least 1")
    }
    var notes: [String] = []
    if let p = previous {
      notes = try checkPrevious(
        p, year: year, norm: norm, langjarigYears: langjarigYears, provenance: provenance, previousFile: previousFile,
        acceptNewInputs: acceptNewInputs)
    }
    var pass = Pass(
      results: results, year: year, t0: t0, norm: norm, langjarigYears: langjarigYears, previous: previous)
    // 1. The status file: closing events, special additions, batches, samenloop.
    let file = status?.file ?? "<status>"
    for s in status?.rows ?? [] { try pass.apply(s, file: file) }
    // 2. Nothing is lost: every building still on the list must be in the results.
    try pass.checkNothingLost(previousFile: previousFile, resultsFile: resultsFile)
    // 3. The model: buildings above the norm in the ijkmoment year enter (or re-enter).
    for b in results.buildings { pass.admit(b) }
    // 4. The queue: everyone on the list, ordered by the rules.
    let queue = QueueRules.ranked(pass.queueEntries())
    let newScope = pass.rankedScope(queue)
    // 5. The changes against the previous list.
    let changes = pass.changes(queue: queue, newScope: newScope)
    var counts: [RiskCategory: Int] = [:]
    for b in results.buildings { counts[b.category(t0, norm: norm), default: 0] += 1 }
    let state = IjkmomentState(
      year: year, norm: norm, langjarigYears: langjarigYears, gasYears: results.gasYears,
      scope: newScope, closed: pass.closed.values.sorted { $0.id < $1.id }, provenance: provenance)
    return Outcome(
      year: year, norm: norm, langjarigYears: langjarigYears, horizon: year...results.gasYears.last!, queue: queue,
      changes: changes, state: state, notes: notes, categoryCounts: counts)
  }

  /// Checks the previous state against this ijkmoment: it must be from an earlier year and made
  /// from the same inputs (``IjkmomentState/checkInputs(against:file:acceptNewInputs:)``, when
  /// `provenance` is known).
  /// - Returns: the notes on what differs but is accepted (inputs, norm, langjarig years).
  /// - Throws: ``InputError`` in `previousFile` (field `year`, or from `checkInputs`).
  static func checkPrevious(
    _ p: IjkmomentState, year: Int, norm: Double, langjarigYears: Int, provenance: IjkmomentState.Provenance?,
    previousFile: String, acceptNewInputs: Bool
  ) throws -> [String] {
    var notes: [String] = []
    guard p.year < year else {
      throw InputError(
        file: previousFile, field: "year",
        "the previous state is from ijkmoment \(p.year), not before this one (\(year)); "
          + "the previous state must be that of an earlier ijkmoment")
    }
    if let current = provenance {
      notes += try p.checkInputs(against: current, file: previousFile, acceptNewInputs: acceptNewInputs)
    }
    if p.norm != norm { notes.append("the previous ijkmoment used norm \(p.norm), this one \(norm)") }
    if p.langjarigYears != langjarigYears {
      notes.append("the previous ijkmoment used langjarig ≥ \(p.langjarigYears) years, this one \(langjarigYears)")
    }
    return notes
  }

  /// "inspected 2020-03-01 (meets_norm)", "released 2021-01-05 (demolished)", "strengthened 2020-11-30".
  static func describe(_ e: BuildingStatus.Event) -> String {
    var s = "\(e.progress.rawValue) \(e.date)"
    if let o = e.outcome { s += " (\(o.rawValue))" }
    if let r = e.reason { s += " (\(r))" }
    return s
  }
}
