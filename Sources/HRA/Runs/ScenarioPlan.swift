import Foundation

/// A checked scenario study (`hra scenarios`): the models and exposure read once, and its runs,
/// every production path with the plain model, then with each variant (branch sets held).
/// Everything is checked before the long part.
package struct ScenarioPlan {
  /// One run of a study: a production path, with the plain model or a variant (`<path>+<variant>`).
  struct Job {
    var name: String
    var path: String
    var variant: ScenarioVariant?
    var config: RunConfiguration
  }

  var models: ModelSet
  var exposure: ExposureDatabase
  /// The run names of the paths (file names without `.csv`).
  var names: [String]
  /// The ijkmoment year of the queue comparison.
  var year: Int
  var productions: [String: ProductionPath]
  var jobs: [Job]

  /// Checks the study and reads the models and the exposure once.
  /// - Parameters:
  ///   - paths: production path names in `Models/production/` (or CSV paths), at least one, distinct;
  ///   - year: the ijkmoment year (nil: the first gas year).
  /// - Throws: ``InputError`` naming `seismicity.paths`, `scenarios.variants`, `scenarios.year`,
  ///   `logic_tree.*` or `seismicity.forecast` before anything is computed.
  init(
    _ c: RunConfiguration, paths: [String], variants: [ScenarioVariant], year: Int?, log: (String) -> Void
  ) throws {
    guard !paths.isEmpty else { throw InputError(key: "seismicity.paths", "give at least one production path") }
    guard c.logicTree != .central else {
      throw InputError(
        key: "logic_tree.logic_tree",
        "a scenario study needs the logic tree (sample or enumerate); hold sets with logic_tree.fix")
    }
    let names = try paths.map { try Self.pathName($0, models: c.models) }
    if let d = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 }) {
      throw InputError(key: "seismicity.paths", field: d.key, "production path given twice")
    }
    let year = year ?? c.firstGasYear
    guard c.gasYears.contains(year) else {
      throw InputError(
        key: "scenarios.year",
        "ijkmoment year \(year) is not in the gas years \(c.firstGasYear)–\(c.lastGasYear) of the run")
    }
    try Self.check(variants)
    guard c.percentiles == [50, 90] else {
      throw InputError(
        key: "logic_tree.percentiles",
        "a scenario study compares categories and queues, which are defined on P50 and P90")
    }
    guard c.forecast == nil else {
      throw InputError(
        key: "seismicity.forecast",
        "a scenario study compares production paths of the built-in seismicity model; run a forecast with hra run")
    }
    let models = try ModelSet(directory: c.models, choice: c.choice)
    try Self.check(variants, c, tree: models.tree)
    var productions: [String: ProductionPath] = [:]
    for (p, n) in zip(paths, names) {
      productions[n] = try models.production(p)
      try models.validateGasYears(c.firstGasYear...c.lastGasYear, production: p)
    }
    let exposure = try models.exposure(
      path: c.exposure, buildings: c.exposureBuildings, seed: c.exposureSeed, snapDistance: c.snapDistance)
    log(
      "exposure: \(exposure.buildings.count) buildings; \(names.count) paths × \(variants.count + 1) model(s); logic tree \(c.logicTree.rawValue)\(c.logicTree == .sample ? ", \(c.logicTreeSamples) samples, seed \(c.seed)" : "")"
    )
    // The runs: every path with the plain model, then with each variant.
    var jobs: [Job] = []
    for (p, n) in zip(paths, names) {
      for v in [nil] + variants.map(Optional.some) {
        var cv = c
        cv.production = p
        if let v { cv.fixedBranches.merge(v.fixed) { _, new in new } }
        jobs.append(Job(name: v.map { "\(n)+\($0.name)" } ?? n, path: n, variant: v, config: cv))
      }
    }
    (self.models, self.exposure, self.names, self.year) = (models, exposure, names, year)
    (self.productions, self.jobs) = (productions, jobs)
  }

  /// Checks a production path name or CSV path and returns the run name (file name without `.csv`).
  /// - Throws: ``InputError`` naming `seismicity.paths` and the bundled paths.
  static func pathName(_ p: String, models: String) throws -> String {
    guard !p.isEmpty else { throw InputError(key: "seismicity.paths", "empty production path name") }
    let file = p.hasSuffix(".csv") ? p : models + "/production/\(p).csv"
    guard FileManager.default.fileExists(atPath: file) else {
      let bundled = ((try? FileManager.default.contentsOfDirectory(atPath: models + "/production")) ?? [])
        .filter { $0.hasSuffix(".csv") && $0 != "historic.csv" }.map { String($0.dropLast(4)) }.sorted()
      throw InputError(
        key: "seismicity.paths", field: p,
        "unknown production path: no file \(file) (bundled paths: \(bundled.joined(separator: ", ")))")
    }
    return ((p as NSString).lastPathComponent as NSString).deletingPathExtension
  }

  /// Parses `NAME:SET=BRANCH[,SET=BRANCH…][;NAME:…]` (the `scenarios.variants` key).
  /// - Throws: ``InputError`` naming `scenarios.variants` and the variant.
  package static func variants(parsing spec: String) throws -> [ScenarioVariant] {
    var out: [ScenarioVariant] = []
    for part in spec.split(separator: ";", omittingEmptySubsequences: true) {
      let nv = part.split(separator: ":", maxSplits: 1).map(String.init)
      guard nv.count == 2, !nv[0].isEmpty else {
        throw InputError(
          key: "scenarios.variants", field: String(part),
          "a variant is NAME:SET=BRANCH[,SET=BRANCH…], e.g. mmax45:mmax=4.5")
      }
      var fixed: [String: String] = [:]
      for kv in nv[1].split(separator: ",") {
        let p = kv.split(separator: "=", maxSplits: 1).map(String.init)
        guard p.count == 2, !p[0].isEmpty, !p[1].isEmpty else {
          throw InputError(key: "scenarios.variants", field: nv[0], "'\(kv)' is not SET=BRANCH")
        }
        fixed[p[0]] = p[1]
      }
      guard !fixed.isEmpty else {
        throw InputError(key: "scenarios.variants", field: nv[0], "a variant must fix at least one branch set")
      }
      out.append(ScenarioVariant(name: nv[0], fixed: fixed))
    }
    return out
  }

  /// Variant names: letters, digits, '.', '_' and '-', each once.
  static func check(_ variants: [ScenarioVariant]) throws {
    var seen = Set<String>()
    for v in variants {
      guard v.name.range(of: "^[A-Za-z0-9._-]+$", options: .regularExpression) != nil else {
        throw InputError(
          key: "scenarios.variants", field: v.name, "variant names may use letters, digits, '.', '_' and '-' only")
      }
      guard seen.insert(v.name).inserted else {
        throw InputError(key: "scenarios.variants", field: v.name, "variant given twice")
      }
    }
  }

  /// The configuration's fixes and every variant's fixes name sets and branches of the tree.
  static func check(_ variants: [ScenarioVariant], _ c: RunConfiguration, tree: LogicTree) throws {
    _ = try TreeDraw.fixed(c, tree: tree)
    for v in variants {
      var cv = c
      cv.fixedBranches.merge(v.fixed) { _, new in new }
      do { _ = try TreeDraw.fixed(cv, tree: tree) } catch let e as InputError {
        throw InputError(key: "scenarios.variants", field: v.name, e.description)
      }
    }
  }

  /// The manifest of one run computed in `seconds`: the first run's in full, the others from it
  /// (`base`) with their own configuration and production path.
  func manifest(_ j: Job, _ r: TreeEstimator.Result, seconds: Double, base: Manifest?, _ c: RunConfiguration) throws
    -> Manifest
  {
    var m: Manifest
    if let b = base {
      m = b
      m.configuration = j.config
      m.production = productions[j.path]!.intervals.map {
        .init(start: $0.start, end: $0.end, volumeBcm: $0.volumeBcm, label: $0.label)
      }
    } else {
      m = try Manifest.make(
        configuration: j.config, models: models, exposure: exposure, runtime: seconds,
        production: productions[j.path]!)
    }
    m.runtimeSeconds = seconds
    m.logicTree = Manifest.TreeInfo(
      mode: c.logicTree.rawValue, samples: r.samples, seed: c.seed, fixed: j.config.fixedBranches,
      estimator: "integrated per branch combination")
    return m
  }
}
