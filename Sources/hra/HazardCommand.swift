import Foundation
import HRA

enum HazardCommand {
  static let help = """
    usage: hra hazard [options]
    Hazard curves, maps, uniform hazard spectra and disaggregation per gas year over the logic
    tree (the same model chain, tree and seed as 'hra run'), written atomically to an output
    folder: curves-<IMT>.csv, maps.csv, maps-<IMT>-<T>yr.geojson (RD New, EPSG:28992),
    spectra.csv and disaggregation.csv (with --site), summary.txt/json, manifest.json, config.ini.
    A --config file with an [area_source] section runs a generic cross-code case instead
    (area source, Dost et al. 2004 / Bommer et al. 2013, lognormal fragilities: see
    'hra generic-hazard --help' and examples/area-source-dost2004.ini).

    \(CommonOptions.help(omitting: ["fcm"]))
      --imt LIST            intensity measures, e.g. PGA,SA(0.3),AVGSA (default); SA(T) at a
                            period of the GMM (0.01 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.85 1.0 s)
      --return-periods LIST return periods of the maps [yr] (default 475,2475)
      --sites S             buildings (the risk sites of the exposure: default), nodes (the
                            exposure's 1 km nodes), grid:SPACING (metres, over the zonation) or
                            a sites CSV (id,x,y in RD New or id,lon,lat in WGS84)
      --component C         arbitrary (default: the fragility models' component) or geometric_mean
      --surface             at the surface, with the site response (default)
      --reference           at the NS_B reference horizon (no site response, no wierde)
      --horizon H           the same as a value: surface or reference
      --fractiles LIST      fractiles of the exceedance rate over the tree [%] (default 16,50,84; none: the mean only, faster)
      --site X,Y[;X,Y...]   RD New points for uniform hazard spectra and disaggregation
      --levels FILE         levels per IMT family (default Models/hazard/levels.csv)
      --logic-tree MODE     sample (default) or enumerate (the source and GMM sets)
      --samples N           branch combinations sampled from the tree (default \(CommandDefaults.samples(for: "hazard")))
      --fix SET=BRANCH,...  hold branch sets fixed, e.g. mmax=4.5,gmm_median=Upper
      --out DIR             output folder (default out/hazard); with --shard the parts folder
      --shard I/N           compute shard I of N (0-based: the sites of a set of whole site-response
                            zones) into --out; 'hra merge OUT PARTS' writes the run's folder
      --overwrite           write into a folder that is not a complete output of hra
      --json                print the summary as JSON
    \(ProgressOptions.help)
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    // A configuration with an [area_source] section is a generic cross-code case (Dost 2004 /
    // Bommer 2013 on an area source): 'hra generic-hazard' runs it.
    if let i = args.firstIndex(of: "--config"), i + 1 < args.count,
      let f = try? ConfigFile(contentsOf: args[i + 1]), f.sections.contains(where: { $0.name == "area_source" })
    {
      try GenericHazardCommand.main(args)
      return
    }
    let args = try ConfigOptions.expand(args, command: "hazard")
    let a = try Arguments(
      args,
      // No --fcm: hazard uses no fragility or consequence model.
      options: CommonOptions.names.filter { $0 != "fcm" } + [
        "out", "logic-tree", "samples", "fix", "imt", "return-periods", "sites", "component", "fractiles", "site",
        "levels", "horizon", "shard",
      ], flags: ["json", "overwrite", "surface", "reference", "quiet"], command: "hazard")
    var c = try CommonOptions.configuration(a).config
    if let o = a.string("out") { c.output = o }
    c.overwrite = a.has("overwrite")
    try TreeOptions.apply(a, to: &c)
    var h = HazardSettings()
    if let v = a.string("imt") { h.imts = try IntensityMeasure.list(v, source: "--imt").map(\.description) }
    if let v = a.string("return-periods") {
      h.returnPeriods = try HazardCurve.returnPeriods(v, source: "--return-periods")
    }
    if let v = a.string("sites") { h.sites = try HazardSites.Choice(parsing: v, source: "--sites") }
    if let v = a.string("component") {
      guard let comp = SurfaceMotion.Component(rawValue: v) else {
        throw Arguments.UsageError(description: "--component must be arbitrary or geometric_mean")
      }
      h.component = comp
    }
    if a.has("surface") && a.has("reference") {
      throw Arguments.UsageError(description: "give --surface or --reference, not both")
    }
    if a.has("reference") { h.horizon = .reference }
    if let v = a.string("horizon") {
      guard let hz = ExceedanceProbability.Horizon(rawValue: v), !(a.has("surface") || a.has("reference")) else {
        throw Arguments.UsageError(description: "--horizon is surface or reference (or give --surface / --reference)")
      }
      h.horizon = hz
    }
    if let v = a.string("fractiles") { h.fractiles = try HazardSettings.fractiles(v, source: "--fractiles") }
    if let v = a.string("site") {
      for p in v.split(separator: ";") { h.spectrumSites.append(try HazardSettings.point(String(p), source: "--site")) }
    }
    h.levels = a.string("levels")
    let progress = ProgressReporter(command: "hazard", quiet: a.has("quiet"))
    defer { progress.finish() }
    if let (i, n) = try ShardOption.parse(a, refusing: ["overwrite", "json"]) {
      let path = try ShardedHazard.runShard(c, h, shard: i, of: n, log: progress.log)
      progress.output("part: \(path)\n")
      return
    }
    let s = try HazardRun.run(c, h, log: progress.log)
    progress.finish()
    print(a.has("json") ? try JSONCoding.encode(s) : s.text, terminator: "")
  }
}
