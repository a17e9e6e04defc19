import Foundation

/// The prologue every run of the model chain shares (`hra run`, `hazard`, `group-risk`, their
/// shards and merges), written once: the model set read and checked before the long part (the
/// production path or forecast, the gas years, the held branches, then the command's own checks),
/// its warnings logged, and the exposure loaded with its snapped buildings logged. A check added
/// here holds for every command; each command's entry point adds only what is its own.
package struct RunContext {
  /// The model parts of the run (``ModelSet``), checked.
  package let models: ModelSet
  /// The buildings (empty when the command does not need them).
  package let exposure: ExposureDatabase

  /// Reads and checks the run's models and loads its exposure.
  /// - Parameters:
  ///   - needsExposure: whether the run needs the buildings (a hazard run on a grid or a sites
  ///     file does not).
  ///   - check: the command's own checks of its settings against the models, before any warning
  ///     is logged or the exposure is read.
  /// - Throws: ``InputError`` naming the file or configuration key of the first problem.
  package init(
    _ c: RunConfiguration, needsExposure: Bool = true, check: (ModelSet) throws -> Void = { _ in },
    log: (String) -> Void
  ) throws {
    let models = try ModelSet(directory: c.models, choice: c.choice, log: log)
    _ = try models.source(production: c.production)  // validate before the long part
    try models.validateGasYears(c.firstGasYear...c.lastGasYear, production: c.production)
    _ = try TreeDraw.fixed(c, tree: models.tree)
    try check(models)
    for w in models.warnings { log("warning: " + w) }
    guard needsExposure else {
      (self.models, exposure) = (models, ExposureDatabase(file: "none", buildings: []))
      return
    }
    let exposure = try models.exposure(
      path: c.exposure, buildings: c.exposureBuildings, seed: c.exposureSeed, snapDistance: c.snapDistance)
    for s in exposure.snapped {
      log(String(format: "snapped: building %@ (line %d) to zone %d, %.0f m away", s.id, s.line, s.zone, s.distanceM))
    }
    (self.models, self.exposure) = (models, exposure)
  }
}
