import Foundation

/// The generic hazard and damage run (`hra generic-hazard`): hazard curves, hazard maps and
/// damage-state rates at sites from an area source and Dost et al. (2004) / Bommer et al. (2013),
/// for cross-code checks against OpenQuake or KNMI's small-field method.
///
/// Writes, atomically (``OutputTarget``): `hazard-curves-<IMT>.csv` (`site,x,y,imt,level,rate_mean,
/// poe_mean` for the integrated estimator, `rate_mc,rate_mc_se,poe_mc` for the event-based one),
/// `hazard-map.csv` (`site,x,y,imt,return_period,level`, from the integrated curves when computed,
/// else the Monte Carlo ones), `damage.csv` (`site,x,y,typology,damage_state,estimator,annual_rate,
/// annual_probability,annual_rate_se`: the rate and probability of reaching each state; sites with a
/// typology get only that typology's rows) and `manifest.json` (input hashes, code version, seed).
package enum GenericHazardRun {
  package struct Summary: Sendable, Codable {
    package var sites: Int
    package var cells: Int
    package var magnitudeBins: Int
    package var totalRate: Double
    package var imts: [String]
    package var estimator: String
    package var events: Int?
    package var catalogueYears: Double?
    package var maxLevel: [String: [String: Double]]
    package var runtimeSeconds: Double
    package var output: String
  }

  struct Manifest: Codable {
    var codeVersion: String
    var createdUTC: String
    var command: String
    var inputs: [FileHash]
    var seed: UInt64
    var estimator: String
    var gmm: String
    var truncationSigma: Double
    var catalogueYears: Double?
    var summary: Summary
  }

  /// Results in memory (no output).
  package typealias Result = GenericHazardResult

  /// Runs the job and writes the output folder; every input is validated before the folder is touched.
  package static func run(_ c: GenericHazardConfiguration, log: (String) -> Void = { _ in }) throws -> Summary {
    let start = Date()
    let target = try OutputTarget(c.output, overwrite: c.overwrite, inputs: c.inputs)
    log(
      "area source: \(c.source.cellCount) cells, \(c.source.magnitudes.count) magnitude bins, \(c.source.totalRate)/yr; \(c.sites.count) sites"
    )
    let r = GenericHazardComputation.compute(c)
    let curves = GenericHazardTables.curves(r, sites: c.sites, imts: c.imts, returnPeriods: c.returnPeriods)
    let maxLevel = curves.maxLevel
    var files = curves.files
    files.append((curves.map, "hazard-map.csv"))
    if let f = c.fragility { files.append((GenericHazardTables.damage(r, sites: c.sites, fragility: f), "damage.csv")) }
    let summary = Summary(
      sites: c.sites.count, cells: c.source.cellCount, magnitudeBins: c.source.magnitudes.count,
      totalRate: c.source.totalRate, imts: c.imts.map { $0.imt.description }, estimator: c.estimator.rawValue,
      events: r.eventBased?.events, catalogueYears: r.eventBased == nil ? nil : c.catalogueYears, maxLevel: maxLevel,
      runtimeSeconds: Date().timeIntervalSince(start), output: c.output)
    let hashes = try c.inputs.map { FileHash(path: $0, sha256: try SHA256.hex(file: $0)) }
    let iso = ISO8601DateFormatter()
    let manifest = Manifest(
      codeVersion: CodeVersion.current, createdUTC: iso.string(from: Date()), command: "generic-hazard", inputs: hashes,
      seed: c.seed, estimator: c.estimator.rawValue, gmm: c.gmm.name, truncationSigma: c.truncation,
      catalogueYears: r.eventBased == nil ? nil : c.catalogueYears, summary: summary)
    try target.write { out in
      for (text, name) in files { try out.write(text, name: name) }
      try RunEpilogue(
        text: nil, summary: nil, configuration: try c.configText(writtenTo: target.path), manifest: manifest
      ).write(to: out)
    }
    return summary
  }
}
