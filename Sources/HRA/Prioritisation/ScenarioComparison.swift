/// Side-by-side comparison of the risk results of several production paths (or model
/// variants) for advisers (HRA.md §1 "scenario studies"): buildings per category per gas year
/// for each path, the buildings whose category differs between paths, and how the first
/// ijkmoment's queue (``Ijkmoment``, no previous state, no status) and schedule differ.
package enum ScenarioComparison {
  /// Buildings per category in one gas year under one path.
  package struct CategoryCount: Sendable, Equatable {
    package var path: String
    package var year: Int
    package var verhoogd: Int
    package var lichtVerhoogd: Int
    package var normaal: Int
  }

  /// A building whose category in a gas year is not the same under every path.
  package struct CategoryDifference: Sendable, Equatable {
    package var year: Int
    package var id: String
    /// Per path (same order as ``Result/paths``); `nil` when the path's results lack the building.
    package var categories: [RiskCategory?]
  }

  /// A building in the queue of at least one path.
  package struct QueueDifference: Sendable, Equatable {
    package var id: String
    /// Per path: rank, reason and scheduled period (`nil` = not in that path's queue; period `unscheduled` if no capacity).
    package var ranks: [Int?]
    package var reasons: [ReasonCode?]
    package var periods: [String?]
    /// The path names whose queue holds the building, when not all do.
    package var onlyIn: [String]?
  }

  package struct Result: Sendable {
    package var paths: [String]
    /// Gas years common to all paths.
    package var years: [Int]
    package var ijkmomentYear: Int
    package var norm: Double
    package var counts: [CategoryCount]
    package var categoryDifferences: [CategoryDifference]
    /// Every building in any path's queue, by best rank then id.
    package var queue: [QueueDifference]

    /// The counts of one path and year.
    package func count(path: String, year: Int) -> CategoryCount? {
      counts.first { $0.path == path && $0.year == year }
    }

    /// `categories-per-year.csv`: path, gas_year, verhoogd, licht_verhoogd, normaal.
    package func countsCSV() -> String {
      var s = "path,gas_year,verhoogd,licht_verhoogd,normaal\n"
      for c in counts {
        s +=
          [
            ResultTable.csvField(c.path), RiskResults.suffix(c.year), "\(c.verhoogd)", "\(c.lichtVerhoogd)",
            "\(c.normaal)",
          ].joined(separator: ",") + "\n"
      }
      return s
    }

    /// `category-differences.csv`: gas_year, building_id, then `cat_<path>` per path.
    package func differencesCSV() -> String {
      var s =
        (["gas_year", "building_id"] + paths.map { "cat_" + $0 }).map(ResultTable.csvField).joined(separator: ",")
        + "\n"
      for d in categoryDifferences {
        s +=
          ([RiskResults.suffix(d.year), d.id] + d.categories.map { $0?.rawValue ?? "" }).map(ResultTable.csvField)
          .joined(separator: ",") + "\n"
      }
      return s
    }

    /// `queue-comparison.csv`: building_id, `rank_<path>`…, `reason_<path>`…, `period_<path>`…, only_in.
    package func queueCSV() -> String {
      let head =
        ["building_id"] + paths.map { "rank_" + $0 } + paths.map { "reason_" + $0 } + paths.map { "period_" + $0 } + [
          "only_in"
        ]
      var s = head.map(ResultTable.csvField).joined(separator: ",") + "\n"
      for q in queue {
        let row =
          [q.id] + q.ranks.map { $0.map(String.init) ?? "" } + q.reasons.map { $0?.rawValue ?? "" }
          + q.periods.map { $0 ?? "" }
          + [(q.onlyIn ?? []).joined(separator: ";")]
        s += row.map(ResultTable.csvField).joined(separator: ",") + "\n"
      }
      return s
    }

    /// A short text: counts per path and year, and the headline differences.
    package func text() -> String {
      var t =
        "scenario comparison, ijkmoment \(ijkmomentYear), norm \(String(format: "%.0e", norm)), paths: \(paths.joined(separator: ", "))\n"
      t += "gas year  " + paths.map { "\($0) (verhoogd/licht verhoogd)" }.joined(separator: "  ") + "\n"
      for y in years {
        t +=
          RiskResults.suffix(y) + "   "
          + paths.map { p in count(path: p, year: y).map { "\($0.verhoogd)/\($0.lichtVerhoogd)" } ?? "-" }.joined(
            separator: "  ") + "\n"
      }
      t += "buildings with a different category in some year: \(Set(categoryDifferences.map(\.id)).count)\n"
      for (i, p) in paths.enumerated() {
        t +=
          "queue \(p): \(queue.filter { $0.ranks[i] != nil }.count) buildings, \(queue.filter { $0.onlyIn == [p] }.count) only in this path\n"
      }
      return t
    }
  }

  /// Compares the paths' results.
  /// - Parameters:
  ///   - results: named results, one per production path or model variant (names must be distinct);
  ///   - norm: the LPR norm;
  ///   - year: the ijkmoment year of the queues (must be in every path's gas years);
  ///   - capacity: the inspection capacity that cuts each queue into periods;
  ///   - langjarigYears: see ``QueueRules``.
  package static func compare(
    _ results: [(name: String, results: RiskResults)], norm: Double, year: Int, capacity: InspectionCapacity,
    langjarigYears: Int = QueueRules.defaultLangjarigYears
  ) throws -> Result {
    let names = results.map(\.name)
    guard !names.isEmpty, Set(names).count == names.count else {
      throw Ijkmoment.Failure("scenario comparison needs at least one path and distinct path names")
    }
    var years = results[0].results.gasYears
    for r in results.dropFirst() { years = years.filter(r.results.gasYears.contains) }
    guard years.contains(year) else {
      // An internal misuse: the study checks --year against the gas years before computing.
      throw Ijkmoment.Failure("the compared results have no gas year \(GasYear.label(year)) in common")
    }
    var counts: [CategoryCount] = []
    var cats: [[String: [Int: RiskCategory]]] = []
    var ids = Set<String>()
    for (name, r) in results {
      var m: [String: [Int: RiskCategory]] = [:]
      for y in years {
        let t = r.gasYears.firstIndex(of: y)!
        var c = CategoryCount(path: name, year: y, verhoogd: 0, lichtVerhoogd: 0, normaal: 0)
        for b in r.buildings {
          let k = b.category(t, norm: norm)
          m[b.id, default: [:]][y] = k
          switch k {
          case .verhoogd: c.verhoogd += 1
          case .lichtVerhoogd: c.lichtVerhoogd += 1
          case .normaal: c.normaal += 1
          }
        }
        counts.append(c)
      }
      cats.append(m)
      ids.formUnion(r.buildings.map(\.id))
    }
    var diffs: [CategoryDifference] = []
    for y in years {
      for id in ids.sorted() {
        let per = cats.map { $0[id]?[y] }
        if Set(per.map { $0?.rawValue ?? "-" }).count > 1 { diffs.append(.init(year: y, id: id, categories: per)) }
      }
    }
    var queues: [[String: (QueueEntry, String)]] = []
    for (_, r) in results {
      let o = try Ijkmoment.run(results: r, year: year, norm: norm, langjarigYears: langjarigYears)
      let s = InspectionSchedule.make(queue: o.queue, capacity: capacity, year: year)
      queues.append(
        Dictionary(uniqueKeysWithValues: zip(o.queue, s.slots).map { ($0.0.id, ($0.0, s.label(of: $0.1).label)) }))
    }
    var qd: [QueueDifference] = []
    for id in Set(queues.flatMap(\.keys)) {
      let e = queues.map { $0[id] }
      let inPaths = zip(names, e).filter { $0.1 != nil }.map(\.0)
      qd.append(
        .init(
          id: id, ranks: e.map { $0?.0.rank }, reasons: e.map { $0?.0.reason }, periods: e.map { $0?.1 },
          onlyIn: inPaths.count == names.count ? nil : inPaths))
    }
    qd.sort {
      let a = $0.ranks.compactMap { $0 }.min()!
      let b = $1.ranks.compactMap { $0 }.min()!
      return a != b ? a < b : $0.id < $1.id
    }
    return Result(
      paths: names, years: years, ijkmomentYear: year, norm: norm, counts: counts, categoryDifferences: diffs, queue: qd
    )
  }
}
