import Foundation

/// `hra scenario --logic-tree`: one earthquake evaluated for every building over the
/// ground-motion, fragility and consequence branches of the logic tree
/// (``ScenarioTreeContraction``): per building the weighted mean or a weighted percentile of
/// each quantity of ``ScenarioCalculation``.
package enum ScenarioTree {
  /// Per building, in exposure order; statistic of each quantity; `combinations` evaluated.
  package static func run(
    models: ModelSet, exposure: ExposureDatabase, magnitude: Double, x: Double, y: Double,
    statistic: ConditionalTree.Statistic,
    fixed: [String: String], threads: Int
  ) throws -> (rows: [ScenarioCalculation.Row], combinations: Int) {
    try models.validateEarthquake(magnitude: magnitude, x: x, y: y)
    LinearAlgebra.setBLASThreads(1)
    let tree = models.tree
    let fx = try ConditionalTree.resolve(fixed, tree: tree)
    let est = try TreeEstimator(models: models, threads: threads)
    let (sites, mixes) = try models.sites(for: exposure)
    // [median, tau, phi, s2s, frag, cons] per combination.
    let combos = ConditionalTree.combinations(tree: tree, magnitude: magnitude, fixed: fx)
    let contraction = try ScenarioTreeContraction(
      estimator: est, combinations: combos, magnitude: magnitude, x: x, y: y)
    let rows = contraction.run(sites: sites, mixes: mixes, statistic: statistic, threads: threads)
    return (rows, combos.count)
  }
}
