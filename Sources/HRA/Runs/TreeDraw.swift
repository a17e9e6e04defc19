import Foundation

/// The logic-tree samples of a run and the rate fields of their source branches: what the LPR
/// tree, the hazard over the tree and group risk draw from one configuration (the same tree and
/// seed, so sample s is the same branch combination in each).
package enum TreeDraw {
  /// Resolves the configuration's held sets (`logic_tree.fix`, set → branch label) into set indices.
  /// - Throws: ``InputError`` naming `logic_tree.fix` for an unknown set or branch.
  static func fixed(_ c: RunConfiguration, tree: LogicTree) throws -> [String: Int] {
    try tree.branchIndices(c.fixedBranches, key: "logic_tree.fix")
  }

  /// The distinct source branches of the samples (in order of first use), each sample's source
  /// branch and the rate field of each (shared by the LPR and the hazard over the tree).
  static func sourceRates(_ c: RunConfiguration, models: ModelSet, samples: [LogicTree.Sample]) throws -> (
    sourceOf: [Int], rates: [RateField]
  ) {
    let source = try models.source(production: c.production)
    var sources: [[String]] = []
    var sourceOf: [Int] = []
    for s in samples {
      let b = models.tree.sourceLabels(s)
      if let i = sources.firstIndex(of: b) {
        sourceOf.append(i)
      } else {
        sources.append(b)
        sourceOf.append(sources.count - 1)
      }
    }
    return (sourceOf, try sources.map { try source.rates(labels: $0, gasYears: c.gasYears) })
  }

  /// The samples, source branches and rate fields of a computation over the logic tree that
  /// needs every sample to be a branch combination (hazard, group risk): sampled or enumerated
  /// with the run's seed and fixed sets (`extraFixed` for enumeration only: sets that do not
  /// change the quantity), never central.
  /// - Throws: ``InputError`` naming `logic_tree.logic_tree` for a central run.
  static func drawn(_ c: RunConfiguration, models: ModelSet, purpose: String, extraFixed: [String: Int] = [:]) throws
    -> (samples: [LogicTree.Sample], sourceOf: [Int], rates: [RateField])
  {
    let fixed = try Self.fixed(c, tree: models.tree)
    let samples: [LogicTree.Sample]
    switch c.logicTree {
    case .enumerate:
      samples = models.tree.enumerate(
        fixed: fixed.merging(extraFixed) { a, _ in a }, magnitudes: models.seismicity.bins.centres)
    case .sample: samples = models.tree.sample(count: c.logicTreeSamples, seed: c.seed, fixed: fixed)
    case .central:
      throw InputError(
        key: "logic_tree.logic_tree",
        "\(purpose) is computed over the logic tree: use sample or enumerate (hold sets with logic_tree.fix for a single branch)"
      )
    }
    let (sourceOf, rates) = try sourceRates(c, models: models, samples: samples)
    return (samples, sourceOf, rates)
  }
}
