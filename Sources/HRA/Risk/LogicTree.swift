import Foundation

/// The epistemic logic tree of the default model: the branch sets, their weights (data in
/// `Models/logic-tree/source-branches.csv` and `Models/gmm/v7/branch-weights.csv`), and how
/// branch combinations are sampled or enumerated.
///
/// Sets: activity-rate model (2), b-value model (2), Mmax (6), GMM median (4, weights linear
/// in M between 3.6 and 5.0, Bommer et al. 2021 eq. 9.8), τ (3), φ_ss (2), site-to-site ε (3),
/// fragility (3), consequence (3): 15,552 combinations.
///
/// **Magnitude-dependent median weights.** A realisation of the tree picks the median branch
/// through one quantile u ~ U(0,1): at magnitude M it is the branch k with
/// C_{k−1}(M) < u ≤ C_k(M), C the cumulative weights at M. Every magnitude then sees exactly
/// its published weights, and a realisation is consistently low or high across magnitudes
/// (comonotone), as one model in the tree would be.
public struct LogicTree: Sendable {
  /// Named branch sets in a fixed order, each with branch labels and weights.
  public struct BranchSet: Sendable, Equatable {
    public let name: String
    public let branches: [String]
    public let weights: [Double]
  }
  public static let setNames = ["rate_model", "b_model", "mmax", "gmm_median", "gmm_tau", "gmm_phi_ss", "gmm_s2s", "fragility", "consequence"]

  public let sets: [BranchSet]
  /// GMM median weights at M ≤ mLow and M ≥ mHigh (linear in between).
  public let medianLow: [Double]
  public let medianHigh: [Double]
  public let mLow: Double
  public let mHigh: Double
  public let s2sEpsilons: [Double]

  /// One branch combination: an index into each set (the median through `medianU`), and its weight.
  public struct Sample: Sendable, Equatable, Codable {
    public var index: Int
    public var branch: [Int]  // per set, in `setNames` order; gmm_median entry unused when medianU is set
    public var medianU: Double
    public var weight: Double
  }

  public init(models: String) throws {
    let sw = try BranchWeights(path: models + "/logic-tree/source-branches.csv")
    var list: [BranchSet] = []
    for n in ["rate_model", "b_model", "mmax"] {
      guard let s = sw.sets[n] else { throw InputError(file: models + "/logic-tree/source-branches.csv", field: "set", "missing branch set \(n)") }
      list.append(BranchSet(name: n, branches: s.map(\.branch), weights: s.map(\.weight)))
    }
    for s in list[2].branches where Double(s) == nil {
      throw InputError(file: models + "/logic-tree/source-branches.csv", field: "branch", "Mmax branch '\(s)' is not a number")
    }
    for (i, known) in [(0, SourceBranch.rateModels), (1, SourceBranch.bModels)] {
      for b in list[i].branches where !known.contains(b) {
        throw InputError(file: models + "/logic-tree/source-branches.csv", field: "branch", "unknown \(list[i].name) branch '\(b)' (known: \(known.joined(separator: ", ")))")
      }
    }
    let gpath = models + "/gmm/v7/branch-weights.csv"
    let g = try CSVTable(contentsOf: gpath)
    var lo: [String: [(String, Double)]] = [:], hi: [String: [(String, Double)]] = [:], eps: [Double] = []
    for r in g.rows {
      let set = try g.string(r, "set"), b = try g.string(r, "branch")
      let a = try g.double(r, "weight_low_m"), c = try g.double(r, "weight_high_m")
      if !(a >= 0 && a <= 1 && c >= 0 && c <= 1) { throw g.error(r, "weight_low_m", "weight outside [0, 1]") }
      lo[set, default: []].append((b, a)); hi[set, default: []].append((b, c))
      if set == "s2s" { eps.append(try g.double(r, "epsilon")) }
    }
    for (set, ws) in lo {
      for (v, name) in [(ws.reduce(0) { $0 + $1.1 }, "weight_low_m"), (hi[set]!.reduce(0) { $0 + $1.1 }, "weight_high_m")] where abs(v - 1) > 1e-9 {
        throw InputError(file: gpath, field: name, "weights of set \(set) sum to \(v), not 1")
      }
    }
    let expected: [(String, [String], String)] = [
      ("median", GMMBranch.medianNames, "gmm_median"), ("tau", GMMBranch.tauNames, "gmm_tau"), ("phi_ss", GMMBranch.phiNames, "gmm_phi_ss"),
      ("s2s", ["Lower", "Central", "Upper"], "gmm_s2s"),
    ]
    for (set, names, tree) in expected {
      guard let ws = lo[set], ws.map(\.0) == names else {
        throw InputError(file: gpath, field: "branch", "set \(set) must list branches \(names.joined(separator: ", ")) in that order")
      }
      list.append(BranchSet(name: tree, branches: names, weights: ws.map(\.1)))
    }
    let k = try ConstantsTable(path: models + "/gmm/v7/constants.csv")
    medianLow = lo["median"]!.map(\.1)
    medianHigh = hi["median"]!.map(\.1)
    mLow = try k.value("median_weight_m_low")
    mHigh = try k.value("median_weight_m_high")
    s2sEpsilons = eps
    for n in ["fragility", "consequence"] {
      guard let s = sw.sets[n], s.map(\.branch) == ["Lower", "Middle", "Upper"] else {
        throw InputError(file: models + "/logic-tree/source-branches.csv", field: "branch", "set \(n) must list Lower, Middle, Upper")
      }
      list.append(BranchSet(name: n, branches: s.map(\.branch), weights: s.map(\.weight)))
    }
    sets = list
  }

  /// Index of a set by name.
  public func setIndex(_ name: String) -> Int? { LogicTree.setNames.firstIndex(of: name) }

  /// Resolves `set → branch label` pairs (from the command-line option `option`) into branch
  /// indices; sets outside `allowed` or unknown labels are errors naming the set.
  public func branchIndices(_ labels: [String: String], allowed: [String] = LogicTree.setNames, option: String) throws -> [String: Int] {
    var out: [String: Int] = [:]
    for (name, label) in labels {
      guard allowed.contains(name), let i = setIndex(name) else {
        throw InputError(file: option, field: name, "unknown or not applicable branch set (sets: \(allowed.joined(separator: ", ")))")
      }
      guard let k = sets[i].branches.firstIndex(of: label) else {
        throw InputError(file: option, field: name, "unknown branch '\(label)' (branches: \(sets[i].branches.joined(separator: ", ")))")
      }
      out[name] = k
    }
    return out
  }

  /// GMM median weights at magnitude m (eq. 9.8, clipped).
  public func medianWeights(magnitude m: Double) -> [Double] {
    let f = (min(max(m, mLow), mHigh) - mLow) / (mHigh - mLow)
    return (0..<medianLow.count).map { medianLow[$0] + (medianHigh[$0] - medianLow[$0]) * f }
  }

  /// The median branch of quantile u at magnitude m.
  public func medianBranch(u: Double, magnitude m: Double) -> Int {
    let w = medianWeights(magnitude: m)
    var c = 0.0
    for k in 0..<w.count { c += w[k]; if u <= c + 1e-12 { return k } }
    return w.count - 1
  }

  /// `count` combinations drawn from the tree by their weights (each weight 1/count), from
  /// the stream keyed (seed, "LOGICTRE", sample). Sets in `fixed` are held at that branch.
  public func sample(count: Int, seed: UInt64, fixed: [String: Int] = [:]) -> [Sample] {
    (0..<count).map { s in
      var rng = RandomStream(seed: seed, keys: [0x4C4F_4749_4354_5245, UInt64(s)])
      var b: [Int] = []
      for (i, set) in sets.enumerated() {
        let u = rng.uniform()
        if let f = fixed[LogicTree.setNames[i]] { b.append(f); continue }
        var c = 0.0, pick = set.weights.count - 1
        for k in 0..<set.weights.count { c += set.weights[k]; if u <= c { pick = k; break } }
        b.append(pick)
      }
      var mu = rng.uniform()
      if let f = fixed["gmm_median"] {
        // Hold the median at branch f for every magnitude: u in the middle of f's interval is not
        // magnitude-independent, so the fixed branch is flagged by medianU < 0.
        mu = -1 - Double(f)
      }
      return Sample(index: s, branch: b, medianU: mu, weight: 1 / Double(count))
    }
  }

  /// Every combination of the sets not in `fixed` (fixed sets held at their branch), with product
  /// weights. The median is enumerated over its branches as if magnitude-independent, with the
  /// weights at `medianMagnitude` (an approximation, for reduced trees and tests).
  public func enumerate(fixed: [String: Int] = [:], medianMagnitude: Double = 4.5) -> [Sample] {
    var out: [Sample] = []
    let mw = medianWeights(magnitude: medianMagnitude)
    func rec(_ i: Int, _ b: [Int], _ w: Double) {
      if i == sets.count {
        let med = b[3]
        out.append(Sample(index: out.count, branch: b, medianU: -1 - Double(med), weight: w))
        return
      }
      let name = LogicTree.setNames[i]
      if let f = fixed[name] { rec(i + 1, b + [f], w); return }
      let ws = name == "gmm_median" ? mw : sets[i].weights
      for k in 0..<ws.count where ws[k] > 0 { rec(i + 1, b + [k], w * ws[k]) }
    }
    rec(0, [], 1)
    return out
  }

  /// The median branch a sample uses at magnitude m.
  public func medianBranch(_ s: Sample, magnitude m: Double) -> Int {
    s.medianU < 0 ? Int(-s.medianU - 1) : medianBranch(u: s.medianU, magnitude: m)
  }

  /// The source branch of a sample.
  public func source(_ s: Sample) -> SourceBranch {
    SourceBranch(rateModel: sets[0].branches[s.branch[0]], bModel: sets[1].branches[s.branch[1]], mmax: Double(sets[2].branches[s.branch[2]])!)
  }
}
