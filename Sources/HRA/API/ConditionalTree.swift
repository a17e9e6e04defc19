import Foundation

/// One earthquake at one site over the ground-motion, fragility and consequence branches of
/// the logic tree (the source branches do not matter for a given earthquake): the weighted
/// mean, or a weighted percentile, of each quantity, or the values of one picked combination.
public enum ConditionalTree {
  public enum Statistic: Sendable, Equatable {
    case mean
    /// A weighted quantile, q in (0, 1) (``WeightedQuantile``).
    case percentile(Double)
  }

  /// The sets that matter for one earthquake: the ground-motion and fragility/consequence
  /// sets of the tree (not the source's).
  public static func sets(_ tree: LogicTree) -> [String] { Array(tree.names[tree.medianSet...]) }

  /// Every combination of the one-earthquake sets (fixed ones held) with its weight: median
  /// weights at the earthquake's magnitude (V7 eq. 9.8). `branch` is always
  /// [median, τ, φ_ss, ε, fragility, consequence] (τ = median where they are paired).
  public static func combinations(tree: LogicTree, magnitude: Double, fixed: [String: Int]) -> [(
    branch: [Int], weight: Double
  )] {
    var out: [([Int], Double)] = []
    let mw = tree.medianWeights(magnitude: magnitude)
    let idx = Array(tree.medianSet..<tree.sets.count)
    func rec(_ i: Int, _ b: [Int], _ w: Double) {
      if i == idx.count {
        let at = { (set: Int) in b[set - tree.medianSet] }
        let v = [
          at(tree.medianSet), tree.tauSet.map(at) ?? at(tree.medianSet), at(tree.phiSet), at(tree.s2sSet),
          at(tree.fragilitySet), at(tree.consequenceSet),
        ]
        out.append((v, w))
        return
      }
      let set = tree.sets[idx[i]]
      if let f = fixed[set.name] {
        rec(i + 1, b + [f], w)
        return
      }
      let ws = idx[i] == tree.medianSet ? mw : set.weights
      for k in 0..<ws.count where ws[k] > 0 { rec(i + 1, b + [k], w * ws[k]) }
    }
    rec(0, [], 1)
    return out.map { (branch: $0.0, weight: $0.1) }
  }

  /// Resolves `SET=BRANCH` labels of the one-earthquake sets into branch indices.
  public static func resolve(_ fixed: [String: String], tree: LogicTree) throws -> [String: Int] {
    try tree.branchIndices(fixed, allowed: sets(tree), option: "--branch")
  }

  /// The statistic of each quantity for magnitude m at R_rup r [km], zone index, wierde and typology name.
  public static func evaluate(
    models: ModelSet, magnitude m: Double, rrup r: Double, zone: Int, wierde: Bool, typology: String,
    statistic: Statistic, fixed: [String: String]
  ) throws -> (result: ConditionalRisk, combinations: Int) {
    let tree = models.tree
    let fx = try resolve(fixed, tree: tree)
    let est = try TreeEstimator(models: models, threads: 1)
    guard let zi = est.base.motion.amplification.index(ofZone: zone) else {
      throw InputError(file: "--zone", field: "zone", "zone \(zone) has no amplification coefficients")
    }
    guard let ti = est.base.fcm.index(of: typology) else {
      throw InputError(file: "--typology", field: "typology", "unknown typology \(typology)")
    }
    let combos = combinations(tree: tree, magnitude: m, fixed: fx)
    var values: [ConditionalRisk] = []
    for c in combos {
      let g = GMMBranch(
        median: c.branch[0], tau: c.branch[1], phi: c.branch[2], s2sEpsilon: tree.s2sEpsilons[c.branch[3]])
      let model = try est.model(g, frag: c.branch[4], cons: c.branch[5])
      values.append(ConditionalRisk.evaluate(model: model, magnitude: m, rrup: r, zoneIndex: zi, wierde: wierde)[ti])
    }
    let w = combos.map(\.weight)
    func stat(_ f: (ConditionalRisk) -> Double) -> Double {
      let v = values.map(f)
      switch statistic {
      case .mean: return zip(v, w).reduce(0) { $0 + $1.0 * $1.1 } / w.reduce(0, +)
      case .percentile(let q): return WeightedQuantile.quantile(v, weights: w, q: q)
      }
    }
    let r = ConditionalRisk(
      pCS1: stat(\.pCS1), pCS2: stat(\.pCS2), pCS3: stat(\.pCS3), pDeathInside: stat(\.pDeathInside),
      pDeathOutsideStructural: stat(\.pDeathOutsideStructural), pDeathChimney: stat(\.pDeathChimney), lpr: stat(\.lpr))
    return (r, combos.count)
  }
}
