import Foundation
import HRA

enum GroupRiskCommand {
  static let help = """
    usage: hra group-risk [options]
    Group risk per gas year over the logic tree (the same model chain, tree and seed as 'hra run'):
    event sets stratified by magnitude with spatially correlated ground-motion fields, the FN
    curve (annual frequency of events with >= N fatalities), the potential loss of life (PLL)
    and expected collapses, compared with the guidance line (Models/group-risk). Written
    atomically to an output folder: fn-curve.csv, group-risk.csv, events-top.csv,
    summary.txt/json, manifest.json, config.ini.

    \(CommonOptions.help)
      --events K            events per magnitude stratum per tree sample (default: events_per_stratum
                            of Models/group-risk/parameters.csv)
      --events-low K        events per stratum below split_magnitude (default: events_low_stratum, 4)
      --correlation C       full (default: shared between-event term, spatially correlated
                            within-event field), between_only, or independent (every site apart)
      --correlation-range KM  range b of rho(h) = exp(-3h/b) (default: the parameters file, 16.5 km)
      --parameters FILE     group-risk parameters (default Models/group-risk/parameters.csv)
      --guidance-line FILE  guidance line n,frequency_per_yr (default Models/group-risk/guidance-line.csv)
      --site-spacing M      risk-site grid spacing in metres (default 1000, as the LPR)
      --area X0,Y0,X1,Y1    only the buildings in this RD New box (e.g. a resolution study)
      --fractiles LIST      fractiles over the tree [%] (default 16,50,84)
      --logic-tree MODE     sample (default) or enumerate
      --samples N           branch combinations sampled from the tree (default \(CommandDefaults.groupRiskSamples))
      --fix SET=BRANCH,...  hold branch sets fixed, e.g. mmax=4.5,gmm_median=Upper
      --out DIR             output folder (default out/group-risk); with --shard the parts folder
      --shard I/N           compute shard I of N (0-based; a block of the tree samples) and write
                            its part into --out; 'hra merge OUT PARTS' writes the run's folder
      --overwrite           write into a folder that is not a complete output of hra
      --json                print the summary as JSON
    \(ProgressOptions.help)
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    let args = try ConfigOptions.expand(args, command: "group-risk")
    let a = try Arguments(
      args,
      options: CommonOptions.names + [
        "out", "logic-tree", "samples", "fix", "events", "events-low", "correlation", "correlation-range", "parameters",
        "guidance-line", "site-spacing", "area", "fractiles", "shard",
      ], flags: ["json", "overwrite", "quiet"], command: "group-risk")
    var c = try CommonOptions.configuration(a).config
    if let o = a.string("out") { c.output = o }
    c.overwrite = a.has("overwrite")
    try TreeOptions.apply(a, to: &c)
    var g = GroupRiskSettings()
    if let v = try a.int("events") {
      guard v >= 2 else { throw Arguments.UsageError(description: "--events must be at least 2") }
      g.eventsPerStratum = v
    }
    if let v = try a.int("events-low") {
      guard v >= 2 else { throw Arguments.UsageError(description: "--events-low must be at least 2") }
      g.eventsLow = v
    }
    if let v = a.string("correlation") {
      guard let k = EventSetEstimator.Correlation(rawValue: v) else {
        throw Arguments.UsageError(description: "--correlation must be full, between_only or independent")
      }
      g.correlation = k
    }
    g.rangeKm = try a.double("correlation-range")
    g.parameters = a.string("parameters")
    g.guidanceLine = a.string("guidance-line")
    g.siteSpacing = try a.double("site-spacing")
    if let v = a.string("area") { g.area = try GroupRiskSettings.area(v, source: "--area") }
    if let v = a.string("fractiles") { g.fractiles = try HazardSettings.fractiles(v, source: "--fractiles") }
    let progress = ProgressReporter(command: "group-risk", quiet: a.has("quiet"))
    defer { progress.finish() }
    if let (i, n) = try ShardOption.parse(a, refusing: ["overwrite", "json"]) {
      let path = try ShardedGroupRisk.runShard(c, g, shard: i, of: n, log: progress.log)
      progress.output("part: \(path)\n")
      return
    }
    let s = try GroupRiskRun.run(c, g, log: progress.log)
    progress.finish()
    if a.has("json") {
      var j = s
      j.top = []
      print(try JSONCoding.encode(j), terminator: "")
    } else {
      print(s.text, terminator: "")
    }
  }
}
