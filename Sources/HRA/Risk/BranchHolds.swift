/// One branch set held at one of its branches: the tree's percentiles of a building's LPR
/// over the combinations that take that branch (weights renormalised), i.e. the percentiles
/// of the conditional distribution given the branch.
package struct BranchHold: Sendable, Codable, Equatable {
  package var set: String
  package var branch: String
  /// The branch's share of the tree's weight (its weight in the set; for the GMM median the
  /// weight of the paths that take it below the lower hinge magnitude).
  package var weight: Double
  /// The number of branch combinations that take it.
  package var combinations: Int
  /// The lower and upper percentile (P50 and P90 for the lists) with the set held there.
  package var p50: Double
  package var p90: Double
}

/// Which branch sets decide a building's category, from the exact tree without resampling:
/// for every set and each of its branches, the percentiles of the building's LPR over the
/// combinations that take that branch.
///
/// ```
/// Q_{s=j}(q) = min { v : Σ_k p_k Σ_{c: b_s(c)=j, v_kc ≤ v} w_c  ≥  q · P · W_{s=j} }
/// W_{s=j} = Σ_{c: b_s(c)=j} w_c,   P = Σ_k p_k
/// ```
/// (the definition of ``WeightedQuantile`` on the sub-tree). The GMM median is a path over
/// magnitudes (``LogicTree/medianPaths(magnitudes:)``); "held at branch k" means the paths that
/// take branch k at and below the lower hinge magnitude (eq. 9.8 of Bommer et al. 2021): the
/// conditional distribution given the quantile u's band at small magnitudes, where τ is paired
/// with it. All sets are done in one ascending walk over the mixture's values (the buckets of
/// ``MixtureQuantile``, sorted inside each bucket), O(combinations × sets) per building.
struct BranchHolds: Sendable {
  /// Sets with at least two branches in use, their branch labels and weights.
  let sets: [String]
  let branchNames: [[String]]
  let weights: [[Double]]
  let counts: [[Int]]
  /// First flat index of each set's branches, and per combination and set the flat branch index.
  let offsets: [Int]
  let flat: [Int32]
  let setCount: Int

  init(tree: LogicTree, samples: [LogicTree.Sample]) {
    var sets: [String] = []
    var names: [[String]] = []
    var weights: [[Double]] = []
    var counts: [[Int]] = []
    var offsets: [Int] = []
    var labelsOf: [[Int]] = []
    let total = samples.reduce(0) { $0 + $1.weight }
    for (k, set) in tree.sets.enumerated() {
      let label = samples.map { k == tree.medianSet ? tree.medianBranch($0, magnitude: tree.mLow) : $0.branch[k] }
      var w = [Double](repeating: 0, count: set.branches.count)
      var n = [Int](repeating: 0, count: set.branches.count)
      for (c, j) in label.enumerated() {
        w[j] += samples[c].weight / total
        n[j] += 1
      }
      guard w.filter({ $0 > 0 }).count > 1 else { continue }
      offsets.append(offsets.isEmpty ? 0 : offsets.last! + names.last!.count)
      sets.append(set.name)
      names.append(set.branches)
      weights.append(w)
      counts.append(n)
      labelsOf.append(label)
    }
    let S = sets.count
    var flat = [Int32](repeating: 0, count: samples.count * S)
    for s in 0..<S {
      for c in samples.indices { flat[c * S + s] = Int32(offsets[s] + labelsOf[s][c]) }
    }
    (self.sets, self.branchNames, self.weights, self.counts, self.offsets, self.flat, self.setCount) =
      (sets, names, weights, counts, offsets, flat, S)
  }

  /// The held percentiles `qs` (ascending, in (0, 1]) of the mixture Σ p_k·component_k, per set
  /// and branch (branches with no weight are left out).
  func holds(_ parts: [(MixtureQuantile.Component, Double)], qs: (Double, Double)) -> [BranchHold] {
    let F = offsets.last.map { $0 + branchNames.last!.count } ?? 0
    guard F > 0 else { return [] }
    let P = parts.reduce(0) { $0 + $1.1 }
    let grand = parts.first.map { $0.0.total } ?? 0
    var target50 = [Double](repeating: .infinity, count: F)
    var target90 = [Double](repeating: .infinity, count: F)
    for s in 0..<setCount {
      for (j, w) in weights[s].enumerated() where w > 0 {
        let t = w * grand * P
        target50[offsets[s] + j] = qs.0 * t - 1e-12 * t
        target90[offsets[s] + j] = qs.1 * t - 1e-12 * t
      }
    }
    var acc = [Double](repeating: 0, count: F)
    var q50 = [Double](repeating: .nan, count: F)
    var q90 = [Double](repeating: .nan, count: F)
    var open = 2 * weights.reduce(0) { $0 + $1.filter { $0 > 0 }.count }
    var inside: [(v: Double, w: Double, c: Int32)] = []
    let S = setCount
    flat.withUnsafeBufferPointer { lab in
      for b in 0..<MixtureQuantile.Component.buckets where open > 0 {
        inside.removeAll(keepingCapacity: true)
        for (c, p) in parts {
          for i in Int(c.start[b])..<Int(c.start[b + 1]) { inside.append((c.values[i], p * c.weights[i], c.order[i])) }
        }
        if inside.isEmpty { continue }
        if inside.count > 1 { inside.sort { $0.v < $1.v } }
        for x in inside {
          let base = Int(x.c) * S
          for s in 0..<S {
            let f = Int(lab[base + s])
            acc[f] += x.w
            if q50[f].isNaN && acc[f] >= target50[f] {
              q50[f] = x.v
              open -= 1
            }
            if q90[f].isNaN && acc[f] >= target90[f] {
              q90[f] = x.v
              open -= 1
            }
          }
        }
      }
    }
    var out: [BranchHold] = []
    for s in 0..<setCount {
      for (j, w) in weights[s].enumerated() where w > 0 {
        let f = offsets[s] + j
        out.append(
          BranchHold(
            set: sets[s], branch: branchNames[s][j], weight: w, combinations: counts[s][j], p50: q50[f], p90: q90[f]))
      }
    }
    return out
  }
}

extension BranchHold {
  /// The category of the building with this set held at this branch.
  package func category(norm: Double) -> RiskCategory { RiskCategory(p50: p50, p90: p90, norm: norm) }

  /// The sets that decide a building's category: those with a branch whose hold moves it to
  /// another category (`mmax|gmm_median`), and those holds (`mmax=4.5:normaal;…`); both empty
  /// when no single set changes it.
  package static func deciding(_ holds: [BranchHold], category: RiskCategory, norm: Double) -> (
    sets: String, holds: String
  ) {
    let moved = holds.filter { $0.category(norm: norm) != category }
    var sets: [String] = []
    for h in moved where !sets.contains(h.set) { sets.append(h.set) }
    return (
      sets.joined(separator: "|"),
      moved.map { "\($0.set)=\($0.branch):\($0.category(norm: norm).rawValue)" }.joined(separator: ";")
    )
  }
}
