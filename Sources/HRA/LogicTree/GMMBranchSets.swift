import Foundation

/// The logic-tree branch sets a ground-motion model version brings (its `branch-weights.csv`):
/// the median (weights possibly magnitude-dependent), τ (or τ paired with the median), φ_ss and
/// the epistemic site-to-site ε.
///
/// Two layouts of `branch-weights.csv` (columns `set, branch, weight_low_m, weight_high_m,
/// epsilon`):
/// - V7 (Bommer et al. 2021, Table 9.1): sets `median` (weights linear in M between
///   `median_weight_m_low` and `median_weight_m_high` of `constants.csv`, eq. 9.8), `tau`,
///   `phi_ss`, `s2s`;
/// - V5/V6 (TNO `convert_GMMV6.py`): set `median_tau`: median level k with τ level k (a diagonal,
///   not a product), magnitude-independent weights; `phi_ss`, `s2s`.
/// Every set's weights lie in [0, 1] and sum to 1 ± 1e-9 at both magnitudes.
package struct GMMBranchSets: Sendable {
  /// The file the sets were read from.
  package let file: String
  /// Median branch labels and their weights at M ≤ mLow and M ≥ mHigh (linear in between).
  package let medianNames: [String]
  package let medianLow: [Double]
  package let medianHigh: [Double]
  package let mLow: Double
  package let mHigh: Double
  /// True when τ level k goes with median level k (V5/V6); `tauNames` is then empty.
  package let pairedTau: Bool
  package let tauNames: [String]
  package let tauWeights: [Double]
  package let phiNames: [String]
  package let phiWeights: [Double]
  package let s2sNames: [String]
  package let s2sWeights: [Double]
  /// ε of each site-to-site branch (standard deviations of φ_S2S).
  package let s2sEpsilons: [Double]

  /// The logic-tree set names this model brings, in tree order.
  package var setNames: [String] {
    pairedTau ? ["gmm_median_tau", "gmm_phi_ss", "gmm_s2s"] : ["gmm_median", "gmm_tau", "gmm_phi_ss", "gmm_s2s"]
  }

  /// The sets as logic-tree branch sets (median weights at M ≤ mLow), in tree order.
  package var branchSets: [LogicTree.BranchSet] {
    var s = [LogicTree.BranchSet(name: setNames[0], branches: medianNames, weights: medianLow)]
    if !pairedTau { s.append(.init(name: "gmm_tau", branches: tauNames, weights: tauWeights)) }
    s.append(.init(name: "gmm_phi_ss", branches: phiNames, weights: phiWeights))
    s.append(.init(name: "gmm_s2s", branches: s2sNames, weights: s2sWeights))
    return s
  }

  /// Reads `branch-weights.csv` (and, for magnitude-dependent median weights, `constants.csv`)
  /// of a GMM folder.
  /// - Parameters:
  ///   - directory: e.g. `Models/gmm/v7`;
  ///   - medianBranches, tauBranches, phiBranches: how many levels the model's tables have
  ///     (a set with another count is an error naming the file).
  package init(directory: String, medianBranches: Int, tauBranches: Int, phiBranches: Int) throws {
    let path = directory + "/branch-weights.csv"
    file = path
    let g = try CSVTable(contentsOf: path)
    try g.require(["set", "branch", "weight_low_m", "weight_high_m"])
    var lo: [String: [(String, Double)]] = [:]
    var hi: [String: [(String, Double)]] = [:]
    var eps: [Double] = []
    var order: [String] = []
    for r in g.rows {
      let set = try g.string(r, "set")
      let b = try g.string(r, "branch")
      let a = try g.double(r, "weight_low_m")
      let c = try g.double(r, "weight_high_m")
      if !(a >= 0 && a <= 1) { throw g.error(r, "weight_low_m", "weight outside [0, 1]") }
      if !(c >= 0 && c <= 1) { throw g.error(r, "weight_high_m", "weight outside [0, 1]") }
      if lo[set]?.contains(where: { $0.0 == b }) ?? false {
        throw g.error(r, "branch", "branch \(b) of set \(set) given twice")
      }
      if lo[set] == nil { order.append(set) }
      if g.has("level"), try g.int(r, "level") != (lo[set]?.count ?? 0) + 1 {
        throw g.error(r, "level", "levels of set \(set) must be listed in order 1, 2, … (the tables' _levelK columns)")
      }
      lo[set, default: []].append((b, a))
      hi[set, default: []].append((b, c))
      if set == "s2s" {
        let e = try g.double(r, "epsilon")
        if !(abs(e) <= 5) { throw g.error(r, "epsilon", "site-to-site ε outside [-5, 5]") }
        eps.append(e)
      }
    }
    for set in order {
      for (v, name) in [
        (lo[set]!.reduce(0) { $0 + $1.1 }, "weight_low_m"), (hi[set]!.reduce(0) { $0 + $1.1 }, "weight_high_m"),
      ]
      where abs(v - 1) > 1e-9 {
        throw InputError(file: path, field: name, "weights of set \(set) sum to \(v), not 1")
      }
    }
    let paired = lo["median_tau"] != nil
    let known = paired ? ["median_tau", "phi_ss", "s2s"] : ["median", "tau", "phi_ss", "s2s"]
    for set in order where !known.contains(set) {
      throw InputError(
        file: path, field: "set", "unknown set '\(set)' (this layout has \(known.joined(separator: ", ")))")
    }
    func need(_ set: String, _ count: Int) throws -> [(String, Double)] {
      guard let ws = lo[set] else { throw InputError(file: path, field: "set", "missing set \(set)") }
      guard ws.count == count else {
        throw InputError(
          file: path, field: "branch", "set \(set) has \(ws.count) branches; the model's tables have \(count)")
      }
      return ws
    }
    let med = try need(paired ? "median_tau" : "median", medianBranches)
    if paired && tauBranches != medianBranches {
      throw InputError(
        file: path, field: "set",
        "median_tau pairs median and τ levels, but the tables have \(medianBranches) and \(tauBranches)")
    }
    medianNames = med.map(\.0)
    medianLow = med.map(\.1)
    medianHigh = hi[paired ? "median_tau" : "median"]!.map(\.1)
    pairedTau = paired
    if paired {
      guard medianLow == medianHigh else {
        throw InputError(
          file: path, field: "weight_high_m",
          "median_tau weights must not depend on magnitude (τ is chosen with the median)")
      }
      tauNames = []
      tauWeights = []
      mLow = 0
      mHigh = 1
    } else {
      let t = try need("tau", tauBranches)
      tauNames = t.map(\.0)
      tauWeights = t.map(\.1)
      if medianLow != medianHigh {
        let k = try ConstantsTable(path: directory + "/constants.csv")
        mLow = try k.value("median_weight_m_low", in: 0...10)
        mHigh = try k.value("median_weight_m_high", in: 0...10, above: mLow)
      } else {
        mLow = 0
        mHigh = 1
      }
    }
    let p = try need("phi_ss", phiBranches)
    phiNames = p.map(\.0)
    phiWeights = p.map(\.1)
    guard let s = lo["s2s"], !s.isEmpty else { throw InputError(file: path, field: "set", "missing set s2s") }
    s2sNames = s.map(\.0)
    s2sWeights = s.map(\.1)
    s2sEpsilons = eps
  }
}

extension GMMBranchSets {
  /// The sets as the version declares them (`hra models`): the median's weights at M ≤ mLow,
  /// and at M ≥ mHigh when they differ.
  package var declaredSets: [DeclaredBranchSet] {
    var sets = branchSets.map(DeclaredBranchSet.init)
    if medianLow != medianHigh { sets[0].weightsHighM = medianHigh }
    return sets
  }
}
