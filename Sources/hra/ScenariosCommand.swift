import Foundation
import HRA

enum ScenariosCommand {
  static let help = """
    usage: hra scenarios --paths P1,P2[,...] --out DIR [--year Y] [--capacity C] [--variants SPEC]
                         [logic-tree and common options] [--json]
    Runs the same model (same exposure, same logic-tree samples and seed) on several production
    paths, optionally also on model variants, and writes atomically one folder: per run
    <run>/buildings-risk.csv, the side-by-side comparison (categories-per-year.csv,
    category-differences.csv, queue-comparison.csv), summary.txt, summary.json, manifest.json.
    See docs/ijkmoment.md.

      --paths P,...        production paths in Models/production (e.g. phase-out-actual,
                           no-phase-out-12bcm,cold-year-2021) or CSV paths
      --year Y             ijkmoment year of the queue comparison (default: --from)
      --capacity C         inspections per gas year (N or N/year), per month (N/month) or a CSV
                           (as hra ijkmoment); default: not limited
      --variants SPEC      model variants run on every path besides the plain model:
                           NAME:SET=BRANCH[,SET=BRANCH...][;NAME:...], e.g. 'mmax45:mmax=4.5'
      --logic-tree MODE    sample (default) or enumerate (every branch combination, exact)
      --samples N          branch combinations sampled from the tree (default \(CommandDefaults.samples(for: "scenarios")))
      --fix SET=BRANCH,... branch sets held fixed in every run
      --percentiles A,B    the two list percentiles (default 50,90)
      --norm X             LPR norm (default 1e-5)
      --langjarig N        minimum future gas years with P90 > norm for 'P90 langjarig' (default 5)
      --out DIR            output folder (replaced atomically); with --shard the parts folder
      --shard I/N          compute shard I of N (0-based: every run on the buildings of a set of
                           whole site-response zones) into --out; 'hra merge OUT PARTS' writes the study
      --overwrite          write into an existing folder that is not a complete output of hra
      --json               print the summary as JSON
    \(CommonOptions.help)
    \(ProgressOptions.help)
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    let args = try ConfigOptions.expand(args, command: "scenarios")
    let a = try Arguments(
      args,
      options: CommonOptions.names + [
        "paths", "year", "capacity", "variants", "logic-tree", "samples", "fix", "percentiles", "norm", "langjarig",
        "out", "shard",
      ],
      flags: ["json", "overwrite", "quiet"], command: "scenarios")
    guard a.positionals.isEmpty else {
      throw Arguments.UsageError(
        description: "scenarios: unexpected argument \(a.positionals[0]) (see 'hra scenarios --help')")
    }
    guard let p = a.string("paths"), let out = a.string("out") else {
      throw Arguments.UsageError(description: "scenarios needs --paths and --out (see 'hra scenarios --help')")
    }
    guard a.string("production") == nil else {
      throw Arguments.UsageError(description: "scenarios: use --paths, not --production")
    }
    var c = try CommonOptions.configuration(a).config
    try TreeOptions.apply(a, to: &c)
    if let n = try a.double("norm") {
      guard n > 0 else { throw Arguments.UsageError(description: "--norm must be positive") }
      c.norm = n
    }
    c.output = out
    c.overwrite = a.has("overwrite")
    let langjarig = try a.int("langjarig") ?? QueueRules.defaultLangjarigYears
    guard langjarig >= 1 else { throw Arguments.UsageError(description: "--langjarig must be at least 1") }
    var capacity = InspectionCapacity(total: nil)
    if let cap = a.string("capacity") {
      if let v = InspectionCapacity.parse(cap) {
        capacity = v
      } else if FileManager.default.fileExists(atPath: cap) {
        capacity = try InspectionCapacity.load(path: cap)
      } else {
        throw Arguments.UsageError(
          description: "--capacity: '\(cap)' is neither N, N/year, N/month nor an existing CSV file")
      }
    }
    let variants = try a.string("variants").map(ScenarioPlan.variants(parsing:)) ?? []
    let paths = p.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    // One step per path and model variant: the study logs 'NAME: computed in T s' after each.
    let progress = ProgressReporter(
      command: "scenarios", quiet: a.has("quiet"), total: paths.count * (variants.count + 1),
      counts: { $0.contains(": computed in ") })
    defer { progress.finish() }
    if let (i, n) = try ShardOption.parse(a, refusing: ["overwrite", "json"]) {
      let path = try ShardedStudy.runShard(
        configuration: c, paths: paths, variants: variants, year: try a.int("year"), capacity: capacity,
        langjarigYears: langjarig, shard: i, of: n, log: progress.log)
      progress.finish()
      print("part: \(path)")
      return
    }
    let s = try ScenarioStudy.run(
      configuration: c, paths: paths, variants: variants, year: try a.int("year"), capacity: capacity,
      langjarigYears: langjarig, log: progress.log)
    progress.finish()
    if a.has("json") {
      print(try JSONCoding.encode(s), terminator: "")
    } else {
      print(try String(contentsOfFile: out + "/summary.txt", encoding: .utf8), terminator: "")
    }
  }
}
