/// One combination of logic-tree branches, one label per set of the run's tree, resolved into
/// the source branch labels, the ground-motion branch and the fragility/consequence indices.
/// The central combination of every command's central mode comes from
/// `Models/logic-tree/central-branches.csv`.
package struct BranchCombination: Sendable, Codable, Equatable {
  package struct Label: Sendable, Codable, Equatable {
    package var set: String
    package var branch: String
  }
  /// One label per set of the tree, in tree order.
  package var labels: [Label]
  /// The source branch labels (the source's sets, in order).
  package var sourceLabels: [String]
  package var gmm: GMMBranch
  /// Fragility and consequence branch indices (0 Lower, 1 Middle, 2 Upper).
  package var fragility: Int
  package var consequence: Int

  /// The label of a set, if the tree has it.
  package func label(_ set: String) -> String? { labels.first { $0.set == set }?.branch }

  /// Reads `set,branch` rows and resolves them against `tree`: every set of the tree needs a
  /// row (the file lists the central branch of every model version's sets; rows of sets this
  /// tree does not have are not used).
  /// - Throws: ``InputError`` naming the file, the line and the set for a missing set, an
  ///   unknown branch or a set given twice.
  /// - Parameter overriding: labels that replace the file's for some sets (e.g. a forecast's central Mmax).
  package static func load(path: String, tree: LogicTree, overriding: [String: String] = [:]) throws
    -> BranchCombination
  {
    let t = try CSVTable(contentsOf: path)
    try t.require(["set", "branch"])
    var v: [String: (String, CSVTable.Row)] = [:]
    for r in t.rows {
      let s = try t.string(r, "set")
      if let prev = v[s] { throw t.error(r, "set", "branch set '\(s)' given twice (first on line \(prev.1.line))") }
      v[s] = (try t.string(r, "branch"), r)
    }
    for (s, b) in overriding { if let r = v[s]?.1 ?? t.rows.first { v[s] = (b, r) } }
    var idx: [Int] = []
    var labels: [Label] = []
    for set in tree.sets {
      guard let (b, r) = v[set.name] else {
        throw InputError(file: path, field: "set", "missing the central branch of set '\(set.name)'")
      }
      guard let i = set.branches.firstIndex(of: b) else {
        throw t.error(
          r, "branch", "unknown \(set.name) branch '\(b)' (expected one of \(set.branches.joined(separator: ", ")))")
      }
      idx.append(i)
      labels.append(Label(set: set.name, branch: b))
    }
    let med = idx[tree.medianSet]
    let gmm = GMMBranch(
      median: med, tau: tree.tauSet.map { idx[$0] } ?? med, phi: idx[tree.phiSet],
      s2sEpsilon: tree.s2sEpsilons[idx[tree.s2sSet]])
    return BranchCombination(
      labels: labels, sourceLabels: tree.sourceSets.map { labels[$0].branch }, gmm: gmm,
      fragility: idx[tree.fragilitySet],
      consequence: idx[tree.consequenceSet])
  }
}
