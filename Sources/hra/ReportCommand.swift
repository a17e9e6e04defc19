import Foundation
import HRA

/// `hra report OUT`: one self-contained HTML file showing an output folder (``HTMLReport``).
enum ReportCommand {
  static let help = """
    usage: hra report OUT [--out FILE] [--models DIR] [--overwrite]
    Writes one self-contained HTML report of the output folder OUT of 'hra run' (logic tree or
    --logic-tree central; other output folders get their manifest and file list): a map of the
    field in RD New with the buildings by category per gas year, plots per gas year, the list
    counts per municipality and the first list entries, the group-risk FN curves when present,
    and the manifest. No network access is needed to view it (inline SVG, no external files).

      --out FILE            the report (default OUT/report.html, which is added to OUT's
                            SHA256SUMS; another existing file is replaced only with --overwrite)
      --models DIR          model folder for the field outline and the site-response zones
                            (default: the run's, else Models)
      --overwrite           replace an existing FILE
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    let a = try Arguments(args, options: ["out", "models"], flags: ["overwrite"], command: "report", positionals: 1)
    guard let folder = a.positionals.first else {
      throw Arguments.UsageError(description: "report: give the output folder of a run, e.g. hra report out/default")
    }
    let path = a.string("out") ?? folder + "/report.html"
    let start = Date()
    let src = try ReportSource(folder: folder, models: a.string("models"))
    let bytes = try HTMLReport.write(src, to: path, overwrite: a.has("overwrite"))
    let seconds = Date().timeIntervalSince(start)
    print("report: \(path) (\(String(format: "%.1f", Double(bytes) / 1e6)) MB, \(String(format: "%.1f", seconds)) s)")
  }
}
