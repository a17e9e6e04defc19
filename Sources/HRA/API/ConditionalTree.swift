import Foundation

/// `hra conditional`: one earthquake at one site over the ground-motion, fragility and
/// consequence branches of the logic tree (the source branches do not matter for a given
/// earthquake): the weighted mean, or a weighted percentile, of each quantity, or the values of
/// one picked combination.
package enum ConditionalTree {
  package typealias Statistic = TreeStatistic

  /// The sets that matter for one earthquake (``LogicTree/earthquakeSets``).
  package static func sets(_ tree: LogicTree) -> [String] { tree.earthquakeSets }

  /// Every combination of the one-earthquake sets (fixed ones held) with its weight
  /// (``LogicTree/earthquakeCombinations(magnitude:fixed:)``); `branch` is always
  /// [median, τ, φ_ss, ε, fragility, consequence].
  package static func combinations(tree: LogicTree, magnitude: Double, fixed: [String: Int]) -> [(
    branch: [Int], weight: Double
  )] {
    tree.earthquakeCombinations(magnitude: magnitude, fixed: fixed)
  }

  /// Resolves `SET=BRANCH` labels of the one-earthquake sets into branch indices.
  package static func resolve(_ fixed: [String: String], tree: LogicTree) throws -> [String: Int] {
    try tree.branchIndices(fixed, allowed: sets(tree), key: "conditional.branch")
  }

  /// The statistic of each quantity for magnitude m at R_rup r [km], zone index, wierde and typology name
  /// (``TreeEstimator/conditional(combinations:magnitude:rrup:zoneIndex:wierde:typologyIndex:statistic:)``).
  package static func evaluate(
    models: ModelSet, magnitude m: Double, rrup r: Double, zone: Int, wierde: Bool, typology: String,
    statistic: Statistic, fixed: [String: String]
  ) throws -> (result: ConditionalRisk, combinations: Int) {
    let tree = models.tree
    let fx = try resolve(fixed, tree: tree)
    let est = try TreeEstimator(models: models, threads: 1)
    guard let zi = est.base.motion.amplification.index(ofZone: zone) else {
      throw InputError(key: "conditional.zone", "zone \(zone) has no amplification coefficients")
    }
    guard let ti = est.base.fcm.index(of: typology) else {
      throw InputError(key: "conditional.typology", "unknown typology \(typology)")
    }
    let combos = combinations(tree: tree, magnitude: m, fixed: fx)
    let q = try est.conditional(
      combinations: combos, magnitude: m, rrup: r, zoneIndex: zi, wierde: wierde, typologyIndex: ti,
      statistic: statistic)
    return (q, combos.count)
  }
}
