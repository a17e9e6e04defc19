import Foundation

/// The run configuration file of a command (`hra run --config FILE`): an INI file
/// (``ConfigFile``) whose keys are the command's options, grouped in sections.
///
/// ```ini
/// # GroningenHRA run configuration
/// [models]
/// models = ../../Models          # paths are relative to this file's folder
/// gmm = V7
/// fcm = V7
/// [seismicity]
/// production = phase-out-actual
/// from = 2019
/// to = 2030
/// [logic_tree]
/// logic_tree = sample
/// samples = 1000
/// seed = 20190401
/// ```
/// Every key stands for the option of the same name (`_` for `-`; `snap_distance_m` for
/// `--snap-distance`); options given on the command line override the file. An unknown
/// section or key, or a value of the wrong kind or out of range, is an ``InputError`` naming
/// the file, the line and `section.key` (nothing is computed or written). Every run writes the
/// effective configuration into its output folder as `config.ini`; `hra run --config
/// out/X/config.ini` runs it again with byte-identical result files. Its paths are relative to
/// the file when the input and the output folder both lie in the run's folder tree (below the
/// current folder of the run), else absolute, with a comment saying so (``written(_:from:)``).
package enum CommandConfiguration {
  /// One key of a command's configuration file.
  package struct Key: Sendable {
    package var section: String
    package var key: String
    package var kind: ConfigKey.Kind
    /// A switch (`--json`): the key is a boolean and the option takes no value.
    package var isFlag: Bool = false
    /// A path: relative values are taken relative to the configuration file's folder.
    package var isPath: Bool = false
  }

  static func k(_ section: String, _ key: String, _ kind: ConfigKey.Kind, flag: Bool = false, path: Bool = false)
    -> Key
  { Key(section: section, key: key, kind: kind, isFlag: flag, isPath: path) }

  static let models: [Key] = [
    k("models", "models", .path, path: true),
    k("models", "gmm", .enumeration(GMMVersion.allCases.map(\.rawValue))),
    k("models", "fcm", .enumeration(FCMVersion.allCases.map(\.rawValue))),
  ]
  static let years: [Key] = [
    k("seismicity", "from", .integer(1963...2100)),
    k("seismicity", "to", .integer(1963...2100)),
  ]
  static let seismicity: [Key] =
    [
      k("seismicity", "production", .string),
      k("seismicity", "forecast", .path, path: true),
      k("seismicity", "mmax_weights", .string),
    ] + years
  static let exposure: [Key] = [
    k("exposure", "exposure", .path, path: true),
    k("exposure", "buildings", .integer(1...10_000_000)),
    k("exposure", "exposure_seed", .integer(0...Int.max)),
    k("exposure", "snap_distance_m", .double(min: 0, max: 10_000)),
  ]
  static let tree: [Key] = [
    k("logic_tree", "logic_tree", .enumeration(["sample", "enumerate", "central"])),
    k("logic_tree", "samples", .integer(1...65_535)),
    k("logic_tree", "fix", .pairs),
    k("logic_tree", "percentiles", .doubles(min: 0, max: 100, exclusiveMin: true, exclusiveMax: true, count: 2...2)),
    k("logic_tree", "seed", .integer(0...Int.max)),
  ]
  static let output: [Key] = [
    k("output", "out", .path, path: true),
    k("output", "threads", .integer(1...1_024)),
    k("output", "overwrite", .boolean, flag: true),
    k("output", "json", .boolean, flag: true),
  ]

  /// The keys of `hra run`.
  static let runKeys: [Key] =
    models + seismicity + exposure + tree + [
      k("risk", "norm", .double(min: 0, max: 1, exclusiveMin: true)),
      k("risk", "estimator", .enumeration(["integrated", "montecarlo"])),
      k("risk", "catalogues", .integer(2...10_000_000)),
      k("risk", "hazard_summary", .enumeration(["on", "off"])),
      k("risk", "group_risk", .enumeration(["on", "off"])),
    ] + output + [k("output", "checkpoints", .integer(1...1_000))]

  /// The keys of `hra hazard`. No fcm: hazard uses no fragility or consequence model.
  static let hazardKeys: [Key] =
    models.filter { $0.key != "fcm" } + seismicity + exposure
    + tree.filter { $0.key != "percentiles" } + [
      k("hazard", "imt", .string),
      k("hazard", "return_periods", .string),
      k("hazard", "sites", .string),
      k("hazard", "component", .enumeration(SurfaceMotion.Component.allCases.map(\.rawValue))),
      k("hazard", "horizon", .enumeration(["surface", "reference"])),
      k("hazard", "fractiles", .string),
      k("hazard", "site", .string),
      k("hazard", "levels", .path, path: true),
    ] + output

  /// The keys of `hra group-risk`.
  static let groupRiskKeys: [Key] =
    models + seismicity + exposure + tree.filter { $0.key != "percentiles" } + [
      k("group_risk", "events", .integer(2...10_000_000)),
      k("group_risk", "events_low", .integer(2...10_000_000)),
      k("group_risk", "correlation", .enumeration(EventSetEstimator.Correlation.allCases.map(\.rawValue))),
      k("group_risk", "correlation_range", .double(min: 0, max: 1_000, exclusiveMin: true)),
      k("group_risk", "parameters", .path, path: true),
      k("group_risk", "guidance_line", .path, path: true),
      k("group_risk", "site_spacing", .double(min: 0, max: 100_000, exclusiveMin: true)),
      k("group_risk", "area", .string),
      k("group_risk", "fractiles", .string),
    ] + output

  /// The keys of `hra scenarios`.
  static let scenariosKeys: [Key] =
    models + [k("seismicity", "paths", .string)] + years + exposure + tree + [
      k("risk", "norm", .double(min: 0, max: 1, exclusiveMin: true)),
      k("scenarios", "year", .integer(1963...2100)),
      k("scenarios", "capacity", .string),
      k("scenarios", "variants", .string),
      k("scenarios", "langjarig", .integer(1...100)),
    ] + output

  /// The keys of `hra explain`.
  static let explainKeys: [Key] =
    models + seismicity + exposure
    // P50/P90 by definition (no percentiles key: explain has no --percentiles).
    + tree.filter { ["samples", "fix", "seed"].contains($0.key) } + [
      k("explain", "central_only", .boolean, flag: true),
      k("risk", "norm", .double(min: 0, max: 1, exclusiveMin: true)),
      k("output", "threads", .integer(1...1_024)), k("output", "json", .boolean, flag: true),
    ]

  /// The keys of `hra scenario`.
  static let scenarioKeys: [Key] =
    models + exposure + [
      k("scenario", "magnitude", .double(min: 0, max: 7, exclusiveMin: true)),
      k("scenario", "x", .double()), k("scenario", "y", .double()),
      k("scenario", "logic_tree", .enumeration(["central", "mean", "p50", "p90"])),
      k("scenario", "branch", .pairs),
    ] + output

  /// The keys of `hra conditional`.
  static let conditionalKeys: [Key] =
    models + [
      k("conditional", "magnitude", .double(min: 0, max: 7, exclusiveMin: true)),
      k("conditional", "rrup", .double(min: 0, max: 1_000, exclusiveMin: true)),
      k("conditional", "zone", .integer(0...Int.max)),
      k("conditional", "typology", .string),
      k("conditional", "wierde", .boolean, flag: true),
      k("conditional", "logic_tree", .enumeration(["central", "mean", "p50", "p90"])),
      k("conditional", "branch", .pairs),
      k("output", "json", .boolean, flag: true),
    ]

  /// The keys of `hra ijkmoment`.
  static let ijkmomentKeys: [Key] =
    [
      k("ijkmoment", "year", .integer(1963...2100)),
      k("ijkmoment", "results", .path, path: true),
      k("ijkmoment", "previous", .path, path: true),
      k("ijkmoment", "status", .path, path: true),
      k("ijkmoment", "capacity", .string),
      k("ijkmoment", "norm", .double(min: 0, max: 1, exclusiveMin: true)),
      k("ijkmoment", "langjarig", .integer(1...100)),
    ] + output.filter { $0.key != "threads" }  // no computation to spread over threads

  /// The keys of a command's configuration file, in file order.
  package static func keys(for command: String) -> [Key] {
    switch command {
    case "run": return runKeys
    case "hazard": return hazardKeys
    case "group-risk": return groupRiskKeys
    case "scenarios": return scenariosKeys
    case "explain": return explainKeys
    case "scenario": return scenarioKeys
    case "conditional": return conditionalKeys
    case "ijkmoment": return ijkmomentKeys
    case "merge":
      // The parts carry the run's configuration; these are the merge's own options.
      return output.filter { $0.key != "out" }
    case "generic-hazard":
      // Its file has its own schema (GenericHazardConfiguration); these are its command-line
      // output options (overwrite only in the file).
      return output.filter { $0.key != "overwrite" }
    default:
      return []
    }
  }

  /// The schema of a command's file. An empty value (`samples =`) is an error naming the file,
  /// the line and the key, not the default: a key that is not meant is left out.
  package static func schema(for command: String) -> ConfigSchema {
    var sections: [ConfigSchema.Section] = []
    for key in keys(for: command) {
      let ck = ConfigKey(key.key, key.kind, allowsEmpty: false)
      if let i = sections.firstIndex(where: { $0.name == key.section }) {
        sections[i].keys.append(ck)
      } else {
        sections.append(.init(key.section, [ck]))
      }
    }
    return ConfigSchema(sections)
  }

  /// The configuration file of a run: every key that applies to the configuration's mode with
  /// its effective value; paths relative to `folder` (where the file is written).
  package static func text(
    _ c: RunConfiguration, writtenTo folder: String, command: String = "run", extra: [String: String] = [:]
  ) throws -> String {
    func p(_ s: String) -> String { written(s, from: folder) }
    var v: [String: String] = [
      "models": p(c.models), "gmm": c.gmm.rawValue, "fcm": c.fcm.rawValue,
      "from": String(c.firstGasYear), "to": String(c.lastGasYear),
      "logic_tree": c.logicTree.rawValue, "seed": String(c.seed), "norm": ConfigFile.format(c.norm),
      "threads": String(c.threads),
    ]
    if let f = c.forecast {
      v["forecast"] = p(f)
      if let w = c.mmaxWeights { v["mmax_weights"] = RunConfiguration.format(mmaxWeights: w) }
    } else {
      v["production"] = c.production.hasSuffix(".csv") ? p(c.production) : c.production
    }
    if let e = c.exposure {
      v["exposure"] = p(e)
    } else {
      v["buildings"] = String(c.exposureBuildings)
      v["exposure_seed"] = String(c.exposureSeed)
    }
    if c.snapDistance > 0 { v["snap_distance_m"] = ConfigFile.format(c.snapDistance) }
    if let k = c.checkpoints { v["checkpoints"] = String(k) }
    if !c.fixedBranches.isEmpty {
      v["fix"] = c.fixedBranches.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
    switch c.logicTree {
    case .central:
      v["estimator"] = c.estimator.rawValue
      if c.estimator == .montecarlo { v["catalogues"] = String(c.catalogues) }
    case .sample:
      v["samples"] = String(c.logicTreeSamples)
      v["percentiles"] = ConfigFile.format(c.percentiles)
      v["hazard_summary"] = c.hazardSummary ? "on" : "off"
      v["group_risk"] = c.groupRisk ? "on" : "off"
    case .enumerate:
      v["percentiles"] = ConfigFile.format(c.percentiles)
      v["hazard_summary"] = c.hazardSummary ? "on" : "off"
      v["group_risk"] = c.groupRisk ? "on" : "off"
    }
    if command == "hazard" {
      v["percentiles"] = nil
      v["estimator"] = nil
      v["catalogues"] = nil
      v["norm"] = nil
      v["hazard_summary"] = nil
      v["group_risk"] = nil
    }
    for (key, value) in extra { v[key] = value }
    var sections: [(name: String, entries: [(key: String, value: String, comment: String?)])] = []
    var anyAbsolute = false
    for key in keys(for: command) where !key.isFlag && key.key != "out" {
      guard let value = v[key.key] else { continue }
      // A written path is relative unless it had to be absolute (``written(_:from:)``): say so.
      let isPath = key.isPath || ["sites", "production"].contains(key.key)
      let comment = isPath && value.hasPrefix("/") ? absoluteComment : nil
      anyAbsolute = anyAbsolute || comment != nil
      if let i = sections.firstIndex(where: { $0.name == key.section }) {
        sections[i].entries.append((key.key, value, comment))
      } else {
        sections.append((key.section, [(key.key, value, comment)]))
      }
    }
    return try ConfigFile.render(sections, header: header(command: command, anyAbsolute: anyAbsolute))
  }

  /// The comment above a path written absolute.
  static let absoluteComment =
    "absolute path: the input or this output folder lies outside the run's folder tree (its current folder)"

  /// The first lines of a written configuration file.
  static func header(command: String, anyAbsolute: Bool) -> String {
    let paths =
      anyAbsolute
      ? "relative paths are relative to this file's folder; absolute ones are marked"
      : "paths are relative to this file's folder"
    return "GroningenHRA \(command) configuration, written by the run (code \(CodeVersion.current)).\n"
      + "Rerun with: hra \(command) --config <this file> --out <folder>  (\(paths))"
  }

  /// A path as a written configuration file holds it: relative to `folder` (where the file is
  /// written) when both lie in the run's folder tree, the current folder and below, so that the
  /// tree can be moved or copied as a whole; otherwise absolute (the caller marks it). Before,
  /// any two paths with a common ancestor other than `/` were related by `../..`, which broke as
  /// soon as an output folder outside the project was moved.
  static func written(_ path: String, from folder: String) -> String {
    let cwd = OutputTarget.normalise(FileManager.default.currentDirectoryPath, cwd: "/")
    let p = OutputTarget.normalise(path, cwd: cwd)
    let f = OutputTarget.normalise(folder, cwd: cwd)
    guard cwd != "/", OutputTarget.contains(cwd, p), OutputTarget.contains(cwd, f) else { return p }
    return relative(p, from: f)
  }

  /// `path` relative to `folder` (both resolved against the current folder).
  static func relative(_ path: String, from folder: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    let a = OutputTarget.normalise(path, cwd: cwd).split(separator: "/")
    let b = OutputTarget.normalise(folder, cwd: cwd).split(separator: "/")
    var i = 0
    while i < a.count && i < b.count && a[i] == b[i] { i += 1 }
    if i == 0 { return "/" + a.joined(separator: "/") }  // nothing in common but the root: absolute
    let parts = Array(repeating: "..", count: b.count - i) + a[i...].map(String.init)
    return parts.isEmpty ? "." : parts.joined(separator: "/")
  }

  /// A path written relative to the current folder when it lies below it, else absolute.
  package static func relativeToCurrentFolder(_ path: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    let abs = OutputTarget.normalise(path, cwd: cwd)
    let r = relative(abs, from: cwd)
    return r.hasPrefix("..") ? abs : r
  }
}

extension CommandConfiguration {
  /// The configuration file of a hazard run (``text(_:writtenTo:command:extra:)`` with the hazard keys).
  package static func hazardText(_ c: RunConfiguration, _ h: HazardSettings, writtenTo folder: String) throws -> String
  {
    var extra: [String: String] = [
      "imt": h.imts.joined(separator: ","),
      "return_periods": h.returnPeriods.map(ConfigFile.format).joined(separator: ","),
      "sites": {
        if case .file(let f) = h.sites { return written(f, from: folder) }
        return h.sites.description
      }(),
      "component": h.component.rawValue, "horizon": h.horizon.rawValue,
      "fractiles": h.fractiles.isEmpty ? "none" : h.fractiles.map(ConfigFile.format).joined(separator: ","),
    ]
    if !h.spectrumSites.isEmpty {
      extra["site"] = h.spectrumSites.map { "\(ConfigFile.format($0[0])),\(ConfigFile.format($0[1]))" }.joined(
        separator: ";")
    }
    if let l = h.levels { extra["levels"] = written(l, from: folder) }
    return try text(c, writtenTo: folder, command: "hazard", extra: extra)
  }
}

extension CommandConfiguration {
  /// The configuration file of a group-risk run (``text(_:writtenTo:command:extra:)`` with the `[group_risk]` keys).
  package static func groupRiskText(_ c: RunConfiguration, _ g: GroupRiskSettings, writtenTo folder: String) throws
    -> String
  {
    var extra: [String: String] = [
      "correlation": g.correlation.rawValue,
      "fractiles": g.fractiles.isEmpty ? "none" : g.fractiles.map(ConfigFile.format).joined(separator: ","),
    ]
    if let v = g.eventsPerStratum { extra["events"] = String(v) }
    if let v = g.eventsLow { extra["events_low"] = String(v) }
    if let v = g.rangeKm { extra["correlation_range"] = ConfigFile.format(v) }
    if let v = g.parameters { extra["parameters"] = written(v, from: folder) }
    if let v = g.guidanceLine { extra["guidance_line"] = written(v, from: folder) }
    if let v = g.siteSpacing { extra["site_spacing"] = ConfigFile.format(v) }
    if let a = g.area { extra["area"] = a.map(ConfigFile.format).joined(separator: ",") }
    return try text(c, writtenTo: folder, command: "group-risk", extra: extra)
  }
}

extension RunConfiguration {
  /// Parses Mmax weights `4.0:0.27,4.5:0.405,…` (`--mmax-weights`, config `mmax_weights`).
  /// - Throws: ``InputError`` naming `source` for an element that is not `M:W` with numbers.
  package static func mmaxWeights(_ text: String, source: String) throws -> [MmaxWeight] {
    try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
      let kv = part.split(separator: ":", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard kv.count == 2, let m = Double(kv[0]), let w = Double(kv[1]), m.isFinite, w.isFinite else {
        throw InputError(file: source, field: "mmax_weights", "'\(part)' is not MMAX:WEIGHT (e.g. 4.0:0.27,4.5:0.405)")
      }
      return MmaxWeight(mmax: m, weight: w)
    }
  }

  /// The text form of Mmax weights (round trip of ``mmaxWeights(_:source:)``).
  package static func format(mmaxWeights w: [MmaxWeight]) -> String {
    w.map { "\($0.mmax.description):\($0.weight.description)" }.joined(separator: ",")
  }
}
