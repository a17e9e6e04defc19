import Foundation
import HRA

/// `hra report OUT`: one self-contained HTML file showing an output folder (``HTMLReport``).
enum ReportCommand {
  static let help = """
    usage: hra report OUT [--out FILE] [--models DIR] [--geojson DIR [--crs rd|wgs84]] [--overwrite] [--quiet]
    Writes one self-contained HTML report of the output folder OUT of 'hra run' (logic tree or
    --logic-tree central; other output folders get their manifest and file list): a map of the
    field in RD New with the buildings by category per gas year, plots per gas year, the list
    counts per municipality and the first list entries, the group-risk FN curves when present,
    and the manifest. No network access is needed to view it (inline SVG, no external files).

      --out FILE            the report (default OUT/report.html, which is added to OUT's
                            SHA256SUMS; another existing file is replaced only with --overwrite)
      --models DIR          model folder for the field outline and the site-response zones
                            (default: the run's, else Models)
      --geojson DIR         also write GeoJSON layers for a GIS into the folder DIR (an hra
                            output folder: buildings.geojson with category, P50 and P90 per
                            gas year; zones.geojson; field-outline.geojson; manifest.json)
      --crs C               rd (default): RD New, EPSG:28992 metres [x, y], named in each file
                            ("crs" member); wgs84: [longitude, latitude] degrees (RFC 7946) by
                            the published RD to WGS84 approximation, accurate to about 1 m
      --overwrite           replace an existing FILE (and write into a DIR that is not an
                            output of hra, replacing only hra's files)
    \(ProgressOptions.help)
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    let a = try Arguments(
      args, options: ["out", "models", "geojson", "crs"], flags: ["overwrite", "quiet"], command: "report",
      positionals: 1)
    guard let folder = a.positionals.first else {
      throw Arguments.UsageError(description: "report: give the output folder of a run, e.g. hra report out/default")
    }
    let path = a.string("out") ?? folder + "/report.html"
    let crsName = a.string("crs") ?? "rd"
    guard let crs = GeoJSONExport.CRS(rawValue: crsName) else {
      throw Arguments.UsageError(description: "--crs must be rd or wgs84 (got '\(crsName)')")
    }
    if a.string("crs") != nil && a.string("geojson") == nil {
      throw Arguments.UsageError(description: "--crs applies to --geojson DIR")
    }
    let progress = ProgressReporter(command: "report", quiet: a.has("quiet"))
    defer { progress.finish() }
    let start = Date()
    progress.log("reading \(folder)")
    let src = try ReportSource(folder: folder, models: a.string("models"))
    progress.log("writing \(path)")
    let bytes = try HTMLReport.write(src, to: path, overwrite: a.has("overwrite"))
    let seconds = Date().timeIntervalSince(start)
    progress.output(
      "report: \(path) (\(String(format: "%.1f", Double(bytes) / 1e6)) MB, \(String(format: "%.1f", seconds)) s)\n")
    if let dir = a.string("geojson") {
      let t0 = Date()
      progress.log("writing the GeoJSON layers into \(dir)")
      let names = try GeoJSONExport.write(src, to: dir, crs: crs, overwrite: a.has("overwrite"))
      let took = String(format: "%.1f", Date().timeIntervalSince(t0))
      progress.finish()
      print(
        "geojson (\(crs == .rd ? "EPSG:28992" : "WGS84")): \(names.map { dir + "/" + $0 }.joined(separator: ", ")) (\(took) s)"
      )
    }
  }
}
