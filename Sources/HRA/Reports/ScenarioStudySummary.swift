import Foundation

/// The headline numbers of a scenario study (`summary.txt`, `summary.json`, `--json`): the runs,
/// the categories per run and gas year, the buildings whose category differs and the queues.
package struct ScenarioStudySummary: Sendable, Codable {
  /// One computed combination of production path and variant.
  package struct RunInfo: Sendable, Codable, Equatable {
    package var name: String
    package var production: String
    package var variant: String?
    package var fixed: [String: String]
    package var runtimeSeconds: Double
  }

  package var buildings: Int
  package var mode: String
  package var samples: Int
  package var seed: UInt64
  package var norm: Double
  package var gasYears: [Int]
  package var ijkmomentYear: Int
  package var capacityPeriod: String
  package var capacityTotal: Int?
  package var runs: [RunInfo]
  /// Per run: verhoogd / licht verhoogd per gas year.
  package struct Count: Sendable, Codable, Equatable {
    package var run: String
    package var gasYear: String
    package var verhoogd: Int
    package var lichtVerhoogd: Int
  }
  package var counts: [Count]
  /// Buildings whose category differs between the runs in at least one gas year.
  package var buildingsWithDifferentCategory: Int
  /// Per gas year: buildings whose category differs between the runs.
  package var differencesPerYear: [String: Int]
  /// Per run: queue length of the ijkmoment year, and buildings only in that run's queue.
  package var queue: [String: Int]
  package var queueOnlyIn: [String: Int]
  /// Per run: buildings scheduled in the first period.
  package var firstPeriod: [String: Int]
  package var runtimeSeconds: Double
  package var output: String

  /// The summary of a compared study.
  package static func make(
    _ cmp: ScenarioComparison.Result, runs: [RunInfo], buildings: Int, c: RunConfiguration, samples: Int,
    capacity: InspectionCapacity, runtime: Double
  ) -> ScenarioStudySummary {
    var perYear: [String: Int] = [:]
    for y in cmp.years { perYear[RiskResults.suffix(y)] = 0 }
    for d in cmp.categoryDifferences { perYear[RiskResults.suffix(d.year), default: 0] += 1 }
    var queue: [String: Int] = [:]
    var only: [String: Int] = [:]
    var first: [String: Int] = [:]
    let firstLabel = InspectionSchedule.label(0, year: cmp.ijkmomentYear, unit: capacity.period).label
    for (i, p) in cmp.paths.enumerated() {
      queue[p] = cmp.queue.filter { $0.ranks[i] != nil }.count
      only[p] = cmp.queue.filter { $0.onlyIn == [p] }.count
      first[p] = cmp.queue.filter { $0.periods[i] == firstLabel }.count
    }
    return ScenarioStudySummary(
      buildings: buildings, mode: c.logicTree.rawValue, samples: samples, seed: c.seed, norm: c.norm,
      gasYears: cmp.years,
      ijkmomentYear: cmp.ijkmomentYear, capacityPeriod: capacity.period.rawValue, capacityTotal: capacity.total,
      runs: runs,
      counts: cmp.counts.map {
        .init(
          run: $0.path, gasYear: RiskResults.suffix($0.year), verhoogd: $0.verhoogd, lichtVerhoogd: $0.lichtVerhoogd)
      },
      buildingsWithDifferentCategory: Set(cmp.categoryDifferences.map(\.id)).count, differencesPerYear: perYear,
      queue: queue, queueOnlyIn: only, firstPeriod: first, runtimeSeconds: runtime, output: c.output)
  }

  /// The summary as text: the comparison's text plus the study settings and the first period.
  package func text(comparison cmp: ScenarioComparison.Result) -> String {
    let s = self
    var t =
      "GroningenHRA scenario study: \(s.runs.count) runs, \(s.buildings) buildings, logic tree \(s.mode) (\(s.samples) branch combinations, seed \(s.seed)), runtime \(String(format: "%.1f", s.runtimeSeconds)) s\n"
    for r in s.runs {
      t +=
        "  \(r.name): production \(r.production)\(r.fixed.isEmpty ? "" : ", fixed " + r.fixed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))\n"
    }
    t += cmp.text()
    t +=
      "buildings with a different category per gas year: "
      + cmp.years.map { "\(RiskResults.suffix($0)) \(s.differencesPerYear[RiskResults.suffix($0)] ?? 0)" }.joined(
        separator: ", ") + "\n"
    let firstLabel = InspectionSchedule.label(
      0, year: s.ijkmomentYear, unit: InspectionCapacity.Period(rawValue: s.capacityPeriod) ?? .year
    ).label
    t +=
      "capacity \(s.capacityTotal.map(String.init) ?? "not limited") per \(s.capacityPeriod); scheduled in \(firstLabel): "
    t += cmp.paths.map { "\($0) \(s.firstPeriod[$0] ?? 0)" }.joined(separator: ", ") + "\n"
    t +=
      "files: <run>/buildings-risk.csv, categories-per-year.csv, category-differences.csv, queue-comparison.csv, summary.json, manifest.json\n"
    return t
  }
}
