import Foundation
import HRA

enum IjkmomentCommand {
  static let help = """
    usage: hra ijkmoment --year Y --results FILE --capacity N|N/month|FILE --out DIR
                         [--previous STATE] [--status FILE] [--norm X] [--langjarig N] [--json] [--quiet]
    The annual ijkmoment (seed 003 §3.2–3.8): the ranked opname queue, the schedule by
    capacity (overall and per municipality), the changes against the previous ijkmoment and
    the state for next year, written atomically to one folder: queue.csv, schedule.csv,
    schedule-by-municipality.csv, changes.csv, state.json, summary.txt. See docs/ijkmoment.md.

      --year Y         ijkmoment year = the first gas year counted (2025 = gas year 2025/26)
      --results FILE   per-building logic-tree results (buildings-risk.csv)
      --previous FILE  last ijkmoment's state.json (omit for the first ijkmoment)
      --status FILE    status file: inspections, strengthening, releases, batches, additions, samenloop
      --capacity C     inspections per gas year (N or N/year), per month (N/month), or a CSV
                       (municipality,per_year|per_month; municipality * = total)
      --norm X         LPR norm (default 1e-5)
      --langjarig N    minimum future gas years with P90 > norm for 'P90 langjarig' (default 5)
      --out DIR        output folder (replaced atomically; an existing folder that is not an
                       output of hra is refused)
      --accept-new-inputs
                       carry the previous list over although the previous state was made from
                       another exposure database or other model versions (checked by their
                       SHA-256 and names in state.json; refused without this option)
      --overwrite      write into an existing folder that is not a complete output of hra,
                       replacing only hra's own files
      --json           print the summary as JSON
    \(ProgressOptions.help)
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    let args = try ConfigOptions.expand(args, command: "ijkmoment")
    let a = try Arguments(
      args, options: ["year", "results", "previous", "status", "capacity", "norm", "langjarig", "out"],
      flags: ["json", "overwrite", "accept-new-inputs", "quiet"], command: "ijkmoment")
    guard a.positionals.isEmpty else {
      throw Arguments.UsageError(
        description: "ijkmoment: unexpected argument \(a.positionals[0]) (see 'hra ijkmoment --help')")
    }
    guard let year = try a.int("year"), let resultsPath = a.string("results"), let cap = a.string("capacity"),
      let out = a.string("out")
    else {
      throw Arguments.UsageError(
        description: "ijkmoment needs --year, --results, --capacity and --out (see 'hra ijkmoment --help')")
    }
    let norm = try a.double("norm") ?? 1e-5
    guard norm > 0 else { throw Arguments.UsageError(description: "--norm must be positive") }
    let langjarig = try a.int("langjarig") ?? QueueRules.defaultLangjarigYears
    guard langjarig >= 1 else { throw Arguments.UsageError(description: "--langjarig must be at least 1") }
    let capacityFile = InspectionCapacity.parse(cap) == nil
    guard !capacityFile || FileManager.default.fileExists(atPath: cap) else {
      throw Arguments.UsageError(
        description: "--capacity: '\(cap)' is neither N, N/year, N/month nor an existing CSV file")
    }
    let target = try OutputTarget(
      out, overwrite: a.has("overwrite"),
      inputs: [resultsPath] + [a.string("previous"), a.string("status")].compactMap { $0 })
    let progress = ProgressReporter(command: "ijkmoment", quiet: a.has("quiet"))
    defer { progress.finish() }
    progress.log("reading \(resultsPath)")
    let results = try RiskResults.load(path: resultsPath)
    progress.log("\(results.buildings.count) buildings read; ranking the queue of ijkmoment \(year)")
    // A capacity file's municipalities must be those of the results' buildings.
    let capacity =
      try InspectionCapacity.parse(cap)
      ?? InspectionCapacity.load(path: cap, municipalities: Set(results.buildings.map(\.municipality)))
    let previous = try a.string("previous").map { try IjkmomentState.load(path: $0) }
    let status = try a.string("status").map { try StatusFile.load(path: $0) }
    let outcome = try Ijkmoment.run(
      results: results, year: year, norm: norm, langjarigYears: langjarig, previous: previous, status: status,
      provenance: try IjkmomentState.Provenance.of(resultsPath: resultsPath), previousFile: a.string("previous") ?? "",
      acceptNewInputs: a.has("accept-new-inputs"), resultsFile: resultsPath)
    let report = IjkmomentReport(outcome: outcome, capacity: capacity)
    progress.log("queue of \(outcome.queue.count) buildings; writing \(out)")
    try report.write(
      to: target, year: year, norm: norm, langjarigYears: langjarig, capacity: cap,
      inputs: [resultsPath] + [a.string("previous"), a.string("status")].compactMap { $0 }
        + (InspectionCapacity.parse(cap) == nil ? [cap] : []))
    progress.finish()
    if a.has("json") {
      print(try JSONCoding.encode(report.summary), terminator: "")
    } else {
      print(
        report.summaryText()
          + "written to \(out)/ (queue.csv, schedule.csv, schedule-by-municipality.csv, changes.csv, state.json, summary.txt)"
      )
    }
  }
}
