/// The branch combinations a logic-tree run uses, grouped as its tables need them: per sample
/// the (τ, φ_ss) pair, the median branch per active magnitude bin, the ε branch and the
/// fragility/consequence pair; per (τ, φ_ss) pair the medians, bins and (ε → pairs) in use.
struct TreeBranchPlan {
  /// Per sample: index of its (τ, φ) pair in `pairs`, its fragility/consequence pair f·C + c,
  /// and its median branch per active bin.
  let pairOf: [Int]
  let fcOf: [Int]
  let medianOf: [[Int]]
  /// The (τ, φ) pairs in use (τ·Φ + φ), ascending.
  let pairs: [Int]
  /// Per pair: median branches in use; per median the active-bin indices; per ε the fc pairs.
  let medians: [Set<Int>]
  let bins: [[Int: Set<Int>]]
  let epsilons: [[Int: Set<Int>]]

  init(tree: LogicTree, samples: [LogicTree.Sample], sourceOf: [Int], binsOfSource: [[Int]], activeMagnitudes: [Double])
  {
    let nPhi = tree.phiCount
    let nCons = tree.consequenceCount
    let tpOf = samples.map { tree.tauIndex($0) * nPhi + tree.phiIndex($0) }
    let tpList = Array(Set(tpOf)).sorted()
    let tpIndex = Dictionary(uniqueKeysWithValues: tpList.enumerated().map { ($1, $0) })
    fcOf = samples.map { tree.fragilityIndex($0) * nCons + tree.consequenceIndex($0) }
    medianOf = samples.map { s in activeMagnitudes.map { tree.medianBranch(s, magnitude: $0) } }
    var medSets = [Set<Int>](repeating: [], count: tpList.count)
    var binSets = [[Int: Set<Int>]](repeating: [:], count: tpList.count)
    var epsSets = [[Int: Set<Int>]](repeating: [:], count: tpList.count)
    for (i, s) in samples.enumerated() {
      let g = tpIndex[tpOf[i]]!
      for mi in binsOfSource[sourceOf[i]] {
        medSets[g].insert(medianOf[i][mi])
        binSets[g][medianOf[i][mi], default: []].insert(mi)
      }
      epsSets[g][tree.s2sIndex(s), default: []].insert(fcOf[i])
    }
    pairOf = tpOf.map { tpIndex[$0]! }
    pairs = tpList
    medians = medSets
    bins = binSets
    epsilons = epsSets
  }

  /// The magnitude bins with events in some source branch (`list`, indices into the rate fields'
  /// bins) and, per source branch, the positions in `list` of its own active bins.
  static func activeBins(_ rates: [RateField]) -> (list: [Int], ofSource: [[Int]]) {
    let bySource = rates.map { IntegratedEstimator.activeBins($0) }
    let list = (0..<rates[0].binCount).filter { m in bySource.contains { $0[m] } }
    return (list, bySource.map { a in list.indices.filter { a[list[$0]] } })
  }

  /// The surface motion (ε = 0) of every (pair, median) in use, `[pair][median in sorted order]`.
  func motions(base: RiskModel, phiCount nPhi: Int, component: SurfaceMotion.Component = .arbitrary) throws
    -> [[SurfaceMotion]]
  {
    try pairs.enumerated().map { g, tp in
      try medians[g].sorted().map { k in
        try SurfaceMotion(
          gmm: base.motion.gmm, amplification: base.motion.amplification,
          branch: GMMBranch(median: k, tau: tp / nPhi, phi: tp % nPhi, s2sEpsilon: 0), component: component)
      }
    }
  }

  /// The branches in use as the zone-table builder needs them (``ZoneTables/Branches``):
  /// medians, bins and ε per pair in ascending order, with the run's `motions`, the active bins'
  /// magnitudes and the model's R_rup grid and quadrature rule.
  func tableBranches(motions: [[SurfaceMotion]], tree: LogicTree, magnitudes: [Double], base: RiskModel)
    -> ZoneTables.Branches
  {
    ZoneTables.Branches(
      motions: motions, medians: medians.map { $0.sorted() },
      bins: (0..<pairs.count).map { g in medians[g].sorted().map { bins[g][$0]!.sorted() } },
      epsilons: epsilons.map { $0.keys.sorted() }, epsilonValues: tree.s2sEpsilons, magnitudes: magnitudes,
      distances: base.grid.nodes, rule: base.rule)
  }
}
