import Foundation

/// P90 (and P50) of one building's LPR in one gas year with one branch set held at one
/// branch: the conditional distribution, estimated from the samples that have that branch
/// (sampled tree) or exact over the combinations that take it (``BranchHold``).
///
/// The influence of a set is the spread of P90 over its branches,
/// ```
/// influence(set) = max_j P90_{set=j} / min_j P90_{set=j}   (min > 0)
/// ```
/// over the branches with at least 10 samples (all branches when exact).
package struct BranchSensitivity: Sendable, Codable {
  package var set: String
  package var branch: String
  package var weight: Double
  package var samples: Int
  package var p50: Double
  package var p90: Double

  /// From the kept values of one building and gas year of a sampled tree (`values`, `weights`,
  /// `sampleIndices` of ``TreeEstimator/Result``) and the `drawn` samples: per set and branch
  /// the quantiles `qs` (lower, upper; in (0, 1)) of the values whose sample has that branch.
  /// The GMM median is held at its branch at M 4.5.
  package static func sampled(
    values v: [Double], weights w: [Double], sampleIndices si: [Int], tree: LogicTree, drawn: [LogicTree.Sample],
    qs: [Double]
  ) -> (rows: [BranchSensitivity], influence: [String: Double]) {
    var sens: [BranchSensitivity] = []
    var influence: [String: Double] = [:]
    for (k, set) in tree.sets.enumerated() {
      var p90s: [Double] = []
      for (bi, name) in set.branches.enumerated() {
        let idx: [Int]
        if k == tree.medianSet {
          // The median branch at the building's most contributing magnitude is not one number;
          // use the branch at M 4.5 (the central bin of the damaging range).
          idx = v.indices.filter { tree.medianBranch(drawn[si[$0]], magnitude: 4.5) == bi }
        } else {
          idx = v.indices.filter { drawn[si[$0]].branch[k] == bi }
        }
        let n = Set(idx.map { si[$0] }).count
        guard n > 0 else {
          sens.append(
            BranchSensitivity(set: set.name, branch: name, weight: set.weights[bi], samples: 0, p50: .nan, p90: .nan))
          continue
        }
        let q = WeightedQuantile.quantiles(idx.map { v[$0] }, weights: idx.map { w[$0] }, qs: qs)
        sens.append(
          BranchSensitivity(set: set.name, branch: name, weight: set.weights[bi], samples: n, p50: q[0], p90: q[1]))
        if n >= 10 { p90s.append(q[1]) }
      }
      if let mx = p90s.max(), let mn = p90s.min(), mn > 0 { influence[set.name] = mx / mn }
    }
    return (sens, influence)
  }

  /// From the exact holds of the enumerated tree (``BranchHolds``; no samples, no resampling).
  package static func exact(_ holds: [BranchHold]) -> (rows: [BranchSensitivity], influence: [String: Double]) {
    let sens = holds.map {
      BranchSensitivity(
        set: $0.set, branch: $0.branch, weight: $0.weight, samples: $0.combinations, p50: $0.p50, p90: $0.p90)
    }
    var influence: [String: Double] = [:]
    for set in Set(holds.map(\.set)) {
      let p90s = holds.filter { $0.set == set }.map(\.p90)
      if let mx = p90s.max(), let mn = p90s.min(), mn > 0 { influence[set] = mx / mn }
    }
    return (sens, influence)
  }
}
