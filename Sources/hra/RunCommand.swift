import Foundation
import HRA

enum RunCommand {
  static let help = """
    usage: hra run [options]
    Computes the LPR of every building for every gas year over the logic tree and writes an
    output folder atomically: buildings-risk.csv (mean/P50/P90 and category per gas year),
    lists/p50-*.csv and lists/p90-*.csv, near-norm.csv, summary.txt/json, manifest.json.
    With --logic-tree central: one branch combination, buildings-lpr.csv.

    \(CommonOptions.help)
      --logic-tree MODE     sample (default: Monte Carlo over the tree), enumerate (every
                            branch combination, exact percentiles, near-norm.csv names
                            the deciding sets; docs/exact-tree.md) or central (one
                            branch combination, Models/logic-tree/central-branches.csv)
      --samples N           branch combinations sampled from the tree (default \(CommandDefaults.runSamples))
      --fix SET=BRANCH,...  hold branch sets fixed, e.g. mmax=4.5,gmm_median=Upper
      --percentiles A,B     the two list percentiles (default 50,90)
      --estimator E         central mode only: integrated (default) or montecarlo
      --catalogues N        synthetic catalogues per gas year (montecarlo; default 2000)
      --norm X              the LPR norm [1/yr] that sets the categories, the lists and the
                            summary counts (default 1e-5; 1e-4 for the temporary norm)
      --out DIR             output folder (default out/run); an existing folder that is not
                            a complete output of hra is refused
      --overwrite           write into such a folder, replacing only hra's own files
      --hazard-summary S    on (default): the summary also gives the field maximum of the
                            mean 475-year PGA per gas year (surface, over the same tree
                            samples; about 25 s on the default job); off: LPR only
      --group-risk S        off (default); on: also the group risk of the same exposure and
                            tree (FN curves, PLL; hra group-risk with its default settings)
                            in group-risk/ of the output folder
      --shard I/N           compute shard I of N (0-based; whole site-response zones, balanced
                            by sites) and write its part into the folder --out; hra merge OUT
                            PARTS writes the run's output folder, byte-identical for any N
                            (docs/scaling.md)
      --checkpoints K       compute the buildings in K parts one after the other, each kept
                            in .NAME.parts beside --out until the output is in place, so that
                            --resume can go on after a kill (default 1: one pass)
      --resume              reuse the complete parts of an earlier run of the same configuration
                            that was killed; compute only the rest (K default \(CommandDefaults.checkpoints))
      --report              also write report.html into the output folder (hra report OUT:
                            map, plots, tables, manifest; one self-contained HTML file)
      --json                print the summary as JSON
    \(ProgressOptions.help)
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    let args = try ConfigOptions.expand(args, command: "run")
    let a = try Arguments(
      args,
      options: CommonOptions.names + [
        "estimator", "catalogues", "norm", "out", "logic-tree", "samples", "fix", "percentiles", "hazard-summary",
        "group-risk", "shard", "checkpoints",
      ], flags: ["json", "overwrite", "report", "quiet", "resume"], command: "run")
    var c = try CommonOptions.configuration(a).config
    if let e = a.string("estimator") {
      guard let v = RunConfiguration.Estimator(rawValue: e) else {
        throw Arguments.UsageError(description: "--estimator must be integrated or montecarlo")
      }
      c.estimator = v
    }
    if let n = try a.int("catalogues") {
      guard n >= 2 else { throw Arguments.UsageError(description: "--catalogues must be at least 2") }
      c.catalogues = n
    }
    if let n = try a.double("norm") {
      guard n > 0 && n <= 1 else {
        throw Arguments.UsageError(description: "--norm is an annual probability: give a value in (0, 1], e.g. 1e-5")
      }
      c.norm = n
    }
    if let o = a.string("out") { c.output = o }
    if let v = a.string("hazard-summary") {
      guard v == "on" || v == "off" else {
        throw Arguments.UsageError(description: "--hazard-summary must be on or off (got '\(v)')")
      }
      c.hazardSummary = v == "on"
    }
    if let v = a.string("group-risk") {
      guard v == "on" || v == "off" else {
        throw Arguments.UsageError(description: "--group-risk must be on or off (got '\(v)')")
      }
      c.groupRisk = v == "on"
    }
    c.overwrite = a.has("overwrite")
    if let k = try a.int("checkpoints") { c.checkpoints = k }
    // The default job is the full logic tree (CommandDefaults): the reference workload of the README.
    try TreeOptions.apply(a, to: &c)
    if c.logicTree != .central && (a.string("estimator") != nil || a.string("catalogues") != nil) {
      throw Arguments.UsageError(description: "--estimator and --catalogues apply to --logic-tree central only")
    }
    if c.logicTree == .central, let o = ["samples", "fix", "percentiles"].first(where: { a.string($0) != nil }) {
      throw Arguments.UsageError(
        description:
          "--\(o) applies to the logic tree; --logic-tree central runs the central branches of Models/logic-tree/central-branches.csv"
      )
    }
    if c.logicTree == .enumerate && a.string("samples") != nil {
      throw Arguments.UsageError(
        description: "--samples applies to --logic-tree sample; enumerate evaluates every combination")
    }
    if c.estimator != .montecarlo && a.string("catalogues") != nil {
      throw Arguments.UsageError(description: "--catalogues applies to --estimator montecarlo")
    }
    if c.logicTree == .central, let o = ["hazard-summary", "group-risk"].first(where: { a.string($0) != nil }) {
      throw Arguments.UsageError(description: "--\(o) applies to the logic tree (sample or enumerate)")
    }
    let json = a.has("json")
    let progress = ProgressReporter(command: "run", quiet: a.has("quiet"))
    defer { progress.finish() }
    if c.logicTree == .central, let o = ["checkpoints", "resume"].first(where: { a.string($0) != nil || a.has($0) }) {
      throw Arguments.UsageError(description: "--\(o) applies to the logic tree (sample or enumerate)")
    }
    if let (i, n) = try ShardOption.parse(a, refusing: ["report", "overwrite", "resume", "checkpoints"]) {
      let path = try ShardedRun.runShard(c, shard: i, of: n, log: progress.log)
      progress.output("part: \(path)\n")
      return
    }
    if c.logicTree == .central {
      let s = try LPRRun.run(c, log: progress.log)
      progress.output(json ? try JSONCoding.encode(s) : s.text)
    } else {
      let s = try TreeRun.run(c, resume: a.has("resume"), log: progress.log)
      progress.output(json ? try JSONCoding.encode(s) : s.text)
    }
    if a.has("report") {
      // Into the run's folder, listed in its SHA256SUMS; with --json the path goes to stderr.
      let path = c.output + "/report.html"
      progress.log("writing \(path)")
      let bytes = try HTMLReport.write(try ReportSource(folder: c.output), to: path, overwrite: true)
      progress.finish()
      let line = "report: \(path) (\(String(format: "%.1f", Double(bytes) / 1e6)) MB)\n"
      if json { FileHandle.standardError.write(Data(line.utf8)) } else { print(line, terminator: "") }
    }
  }
}

/// The logic-tree options shared by run, explain and scenarios.
enum TreeOptions {
  static func apply(_ a: Arguments, to c: inout RunConfiguration) throws {
    if let m = a.string("logic-tree") {
      guard let v = RunConfiguration.TreeMode(rawValue: m) else {
        throw Arguments.UsageError(description: "--logic-tree must be sample, enumerate or central")
      }
      c.logicTree = v
    }
    if let n = try a.int("samples") {
      guard n >= 1 && n <= 65_535 else { throw Arguments.UsageError(description: "--samples must be in 1...65535") }
      c.logicTreeSamples = n
    }
    if let f = a.string("fix") {
      for part in f.split(separator: ",") {
        let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
        guard kv.count == 2 else {
          throw Arguments.UsageError(description: "--fix takes SET=BRANCH pairs separated by commas")
        }
        c.fixedBranches[kv[0]] = kv[1]
      }
    }
    if let p = a.string("percentiles") { c.percentiles = try RunConfiguration.percentiles(p, source: "--percentiles") }
  }
}
