import Foundation
import HRA

/// `hra merge OUT PARTS...`: the output folder of a sharded run (``ShardedRun``).
enum MergeCommand {
  static let help = """
    usage: hra merge OUT PARTS... [--overwrite] [--threads N] [--json] [--quiet]
           hra merge --missing PARTS_DIR [--shards N]
    Merges the parts of a job split with 'hra run|scenarios|group-risk|hazard --shard I/N --out PARTS_DIR' (files,
    or folders of *.hrapart files) into the output folder OUT: the same files as the unsharded
    job, byte for byte (run: buildings-risk.csv, the lists, near-norm.csv; group risk:
    fn-curve.csv, group-risk.csv, events-top.csv; scenarios: every run's buildings-risk.csv and
    the comparison tables; hazard: curves, maps, spectra, disaggregation). The parts must come from
    the same configuration, model files, exposure and code version and cover every shard once;
    otherwise nothing is written and the error names the part or the missing shards.

      --overwrite           write into an existing folder that is not a complete output of hra
      --threads N           worker threads of the merge (default: all cores)
      --json                print the job's summary as JSON
      --missing             print the shards of PARTS_DIR without a complete part, one per
                            line (to resubmit them); exit 0
      --shards N            with --missing: the shard count when no part says it yet
    \(ProgressOptions.help)
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    let a = try Arguments(
      args, options: ["threads", "shards"], flags: ["overwrite", "json", "missing", "quiet"], command: "merge")
    if a.has("missing") {
      guard a.positionals.count == 1 else {
        throw Arguments.UsageError(description: "merge --missing takes one parts folder")
      }
      let (_, missing) = try PartSet.missing(in: a.positionals[0], count: try a.int("shards"))
      for i in missing { print(i) }
      return
    }
    guard a.positionals.count >= 2 else {
      throw Arguments.UsageError(description: "merge needs the output folder and the parts: hra merge OUT PARTS...")
    }
    let progress = ProgressReporter(command: "merge", quiet: a.has("quiet"))
    defer { progress.finish() }
    let (out, parts) = (a.positionals[0], Array(a.positionals.dropFirst()))
    let threads = try a.int("threads") ?? ProcessInfo.processInfo.activeProcessorCount
    switch try PartSet.kind(parts) {
    case "group-risk":
      var s = try ShardedGroupRisk.merge(
        out: out, parts: parts, overwrite: a.has("overwrite"), threads: threads, log: progress.log)
      s.top = a.has("json") ? [] : s.top
      progress.output(a.has("json") ? try JSONCoding.encode(s) : s.text)
    case "hazard":
      let s = try ShardedHazard.merge(
        out: out, parts: parts, overwrite: a.has("overwrite"), threads: threads, log: progress.log)
      progress.output(a.has("json") ? try JSONCoding.encode(s) : s.text)
    case "scenarios":
      let s = try ShardedStudy.merge(
        out: out, parts: parts, overwrite: a.has("overwrite"), threads: threads, log: progress.log)
      progress.output(
        a.has("json") ? try JSONCoding.encode(s) : try String(contentsOfFile: out + "/summary.txt", encoding: .utf8))
    default:
      let s = try ShardedRun.merge(
        out: out, parts: parts, overwrite: a.has("overwrite"), threads: threads, log: progress.log)
      progress.output(a.has("json") ? try JSONCoding.encode(s) : s.text)
    }
  }
}
