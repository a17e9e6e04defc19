import Foundation

/// The epistemic logic tree of a run, composed from the branch sets its model parts declare:
/// the seismicity source's (production-driven: `rate_model`, `b_model`, `mmax`; a gridded
/// forecast: `mmax`), the ground-motion model's (``GMMBranchSets``: V7 `gmm_median`, `gmm_tau`,
/// `gmm_phi_ss`, `gmm_s2s`; V5/V6 `gmm_median_tau`, `gmm_phi_ss`, `gmm_s2s`) and the
/// fragility/consequence model's (`fragility`, `consequence`), in that order. The default
/// (production-driven source, GMM V7, FCM V7) has 15,552 combinations.
///
/// **Magnitude-dependent median weights.** A realisation of the tree picks the median branch
/// through one quantile u ~ U(0,1): at magnitude M it is the branch k with
/// C_{k−1}(M) < u ≤ C_k(M), C the cumulative weights at M. Every magnitude then sees exactly
/// its published weights, and a realisation is consistently low or high across magnitudes
/// (comonotone), as one model in the tree would be. Where τ is paired with the median (V5/V6,
/// weights independent of M) the τ branch is the median branch.
package struct LogicTree: Sendable {
  /// Named branch sets in a fixed order, each with branch labels and weights.
  package struct BranchSet: Sendable, Equatable {
    package let name: String
    package let branches: [String]
    package let weights: [Double]
    package init(name: String, branches: [String], weights: [Double]) {
      self.name = name
      self.branches = branches
      self.weights = weights
    }
  }
  /// The set names of the default tree (production-driven source, GMM V7, FCM V7).
  package static let setNames = [
    "rate_model", "b_model", "mmax", "gmm_median", "gmm_tau", "gmm_phi_ss", "gmm_s2s", "fragility", "consequence",
  ]

  package let sets: [BranchSet]
  /// The set names of this tree, in order.
  package var names: [String] { sets.map(\.name) }
  /// GMM median weights at M ≤ mLow and M ≥ mHigh (linear in between).
  package let medianLow: [Double]
  package let medianHigh: [Double]
  package let mLow: Double
  package let mHigh: Double
  package let s2sEpsilons: [Double]
  /// Positions of the sets by role: the source's sets, then the GMM's and the FCM's.
  package let sourceSets: [Int]
  package let medianSet: Int
  /// nil where τ is paired with the median (V5/V6).
  package let tauSet: Int?
  package let phiSet: Int
  package let s2sSet: Int
  package let fragilitySet: Int
  package let consequenceSet: Int

  /// One branch combination: an index into each set (the median through `medianU`), and its weight.
  package struct Sample: Sendable, Equatable, Codable {
    package var index: Int
    package var branch: [Int]  // per set, in `sets` order; the median entry unused when medianU is set
    package var medianU: Double
    package var weight: Double
  }

  /// Composes the tree from the sets the parts declare.
  /// - Parameters:
  ///   - source: the seismicity source's sets (e.g. rate_model, b_model, mmax);
  ///   - gmm: the ground-motion model's sets;
  ///   - fcm: exactly the sets `fragility` and `consequence`, in that order.
  package init(source: [BranchSet], gmm: GMMBranchSets, fcm: [BranchSet]) throws {
    guard fcm.map(\.name) == ["fragility", "consequence"] else {
      throw InputError(
        file: "logic tree", field: "set",
        "the fragility/consequence model must bring the sets fragility and consequence")
    }
    let list = source + gmm.branchSets + fcm
    let names = list.map(\.name)
    if let d = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 }) {
      throw InputError(file: "logic tree", field: d.key, "branch set declared by two model parts")
    }
    sets = list
    sourceSets = Array(0..<source.count)
    medianSet = source.count
    tauSet = gmm.pairedTau ? nil : source.count + 1
    phiSet = names.firstIndex(of: "gmm_phi_ss")!
    s2sSet = names.firstIndex(of: "gmm_s2s")!
    fragilitySet = names.firstIndex(of: "fragility")!
    consequenceSet = names.firstIndex(of: "consequence")!
    medianLow = gmm.medianLow
    medianHigh = gmm.medianHigh
    mLow = gmm.mLow
    mHigh = gmm.mHigh
    s2sEpsilons = gmm.s2sEpsilons
  }

  /// The default tree of a models folder: production-driven source, GMM V7, FCM V7.
  package init(models: String) throws {
    let sw = try BranchWeights(path: models + "/logic-tree/source-branches.csv")
    try self.init(
      source: try LogicTree.productionSourceSets(sw, file: models + "/logic-tree/source-branches.csv"),
      gmm: try GMMBranchSets(directory: models + "/gmm/v7", medianBranches: 4, tauBranches: 3, phiBranches: 2),
      fcm: try LogicTree.fcmSets(sw, file: models + "/logic-tree/source-branches.csv"))
  }

  /// The sets of the production-driven seismicity source (rate_model, b_model, mmax), validated.
  package static func productionSourceSets(_ sw: BranchWeights, file: String) throws -> [BranchSet] {
    var list: [BranchSet] = []
    for n in ["rate_model", "b_model", "mmax"] {
      guard let s = sw.sets[n] else { throw InputError(file: file, field: "set", "missing branch set \(n)") }
      list.append(BranchSet(name: n, branches: s.map(\.branch), weights: s.map(\.weight)))
    }
    try validateMmax(list[2], file: file)
    for (i, known) in [(0, SourceBranch.rateModels), (1, SourceBranch.bModels)] {
      for b in list[i].branches where !known.contains(b) {
        throw InputError(
          file: file, field: "branch", "unknown \(list[i].name) branch '\(b)' (known: \(known.joined(separator: ", ")))"
        )
      }
    }
    return list
  }

  /// The Mmax set alone (the source sets of a gridded forecast), validated.
  package static func mmaxSet(_ sw: BranchWeights, file: String) throws -> BranchSet {
    guard let s = sw.sets["mmax"] else { throw InputError(file: file, field: "set", "missing branch set mmax") }
    let set = BranchSet(name: "mmax", branches: s.map(\.branch), weights: s.map(\.weight))
    try validateMmax(set, file: file)
    return set
  }

  static func validateMmax(_ set: BranchSet, file: String) throws {
    for s in set.branches where Double(s) == nil {
      throw InputError(file: file, field: "branch", "Mmax branch '\(s)' is not a number")
    }
  }

  /// The fragility and consequence sets (Lower, Middle, Upper each), validated.
  package static func fcmSets(_ sw: BranchWeights, file: String) throws -> [BranchSet] {
    try ["fragility", "consequence"].map { n in
      guard let s = sw.sets[n], s.map(\.branch) == ["Lower", "Middle", "Upper"] else {
        throw InputError(file: file, field: "branch", "set \(n) must list Lower, Middle, Upper")
      }
      return BranchSet(name: n, branches: s.map(\.branch), weights: s.map(\.weight))
    }
  }

  /// Index of a set by name.
  package func setIndex(_ name: String) -> Int? { names.firstIndex(of: name) }

  /// Resolves `set → branch label` pairs (the value of the configuration key `key`) into branch
  /// indices; sets outside `allowed` or unknown labels are errors naming the set.
  package func branchIndices(_ labels: [String: String], allowed: [String]? = nil, key: String) throws -> [String:
    Int]
  {
    let allowed = allowed ?? names
    var out: [String: Int] = [:]
    for (name, label) in labels {
      guard allowed.contains(name), let i = setIndex(name) else {
        throw InputError(
          key: key, field: name, "unknown or not applicable branch set (sets: \(allowed.joined(separator: ", ")))")
      }
      guard let k = sets[i].branches.firstIndex(of: label) else {
        throw InputError(
          key: key, field: name, "unknown branch '\(label)' (branches: \(sets[i].branches.joined(separator: ", ")))"
        )
      }
      out[name] = k
    }
    return out
  }

  /// GMM median weights at magnitude m (eq. 9.8, clipped).
  package func medianWeights(magnitude m: Double) -> [Double] {
    let f = (min(max(m, mLow), mHigh) - mLow) / (mHigh - mLow)
    return (0..<medianLow.count).map { medianLow[$0] + (medianHigh[$0] - medianLow[$0]) * f }
  }

  /// The median branch of quantile u at magnitude m.
  package func medianBranch(u: Double, magnitude m: Double) -> Int {
    let w = medianWeights(magnitude: m)
    var c = 0.0
    for k in 0..<w.count {
      c += w[k]
      if u <= c + 1e-12 { return k }
    }
    return w.count - 1
  }

  /// `count` combinations drawn from the tree by their weights (each weight 1/count), from
  /// the stream keyed (seed, "LOGICTRE", sample). Sets in `fixed` are held at that branch.
  package func sample(count: Int, seed: UInt64, fixed: [String: Int] = [:]) -> [Sample] {
    (0..<count).map { s in
      var rng = RandomStream(seed: seed, keys: [0x4C4F_4749_4354_5245, UInt64(s)])
      var b: [Int] = []
      for set in sets {
        let u = rng.uniform()
        if let f = fixed[set.name] {
          b.append(f)
          continue
        }
        var c = 0.0
        var pick = set.weights.count - 1
        for k in 0..<set.weights.count {
          c += set.weights[k]
          if u <= c {
            pick = k
            break
          }
        }
        b.append(pick)
      }
      var mu = rng.uniform()
      if let f = fixed[sets[medianSet].name] {
        // Hold the median at branch f for every magnitude: u in the middle of f's interval is not
        // magnitude-independent, so the fixed branch is flagged by medianU < 0.
        mu = -1 - Double(f)
      }
      return Sample(index: s, branch: b, medianU: mu, weight: 1 / Double(count))
    }
  }

  /// The GMM-median *paths* of the exact tree over the magnitudes in use (Bommer et al. 2021,
  /// eq. 9.8: the median weights change with magnitude).
  ///
  /// A combination draws one quantile u ∈ (0, 1); at magnitude M its median branch is the k
  /// with W_{k−1}(M) < u ≤ W_k(M) (W the cumulative weights). The breakpoints W_k(M), k < K,
  /// over every magnitude cut (0, 1) into intervals inside which every magnitude picks the same
  /// branch: each interval is one path, represented by its midpoint u, with the interval's length
  /// as weight. At every magnitude the paths that pick branch k weigh exactly w_k(M). Breakpoints
  /// closer than 1e-12 are merged. For the V7 weights (hinges M 3.6 and 5.0) and the bin centres
  /// 1.5, 1.6, …, 6.5 there are 46 paths (3 cumulative weights × the 15 centres 3.6 … 5.0, + 1),
  /// against 4 branches: the V7 tree has 24 × 46 × 3 × 2 × 3 × 9 = 178,848 combinations.
  package func medianPaths(magnitudes: [Double]) -> [(u: Double, weight: Double)] {
    var cuts: [Double] = [0, 1]
    for m in magnitudes {
      var c = 0.0
      for w in medianWeights(magnitude: m).dropLast() {
        c += w
        if c > 0 && c < 1 { cuts.append(c) }
      }
    }
    cuts.sort()
    var edges: [Double] = []
    for c in cuts {
      if let last = edges.last, c - last <= 1e-12 { continue }
      edges.append(c)
    }
    edges[edges.count - 1] = 1
    var paths: [(u: Double, weight: Double)] = []
    for i in 0..<(edges.count - 1) {
      let lo = edges[i]
      let hi = edges[i + 1]
      paths.append((u: (lo + hi) / 2, weight: hi - lo))
    }
    return paths
  }

  /// Every combination of the sets not in `fixed` (fixed sets held at their branch), with product
  /// weights: the exact tree. The GMM median enters as its paths over `magnitudes`
  /// (``medianPaths(magnitudes:)``: magnitude-dependent weights handled exactly), each a sample
  /// with `medianU` the path's u; a fixed median is held at its branch for every magnitude.
  package func enumerate(fixed: [String: Int] = [:], magnitudes: [Double]) -> [Sample] {
    var out: [Sample] = []
    let paths = medianPaths(magnitudes: magnitudes)
    func rec(_ i: Int, _ b: [Int], _ w: Double) {
      if i == sets.count {
        if let f = fixed[sets[medianSet].name] {
          out.append(Sample(index: out.count, branch: b, medianU: -1 - Double(f), weight: w))
        } else {
          for p in paths { out.append(Sample(index: out.count, branch: b, medianU: p.u, weight: w * p.weight)) }
        }
        return
      }
      if let f = fixed[sets[i].name] {
        rec(i + 1, b + [f], w)
        return
      }
      if i == medianSet {  // the paths stand for the median set (branch entry unused)
        rec(i + 1, b + [0], w)
        return
      }
      let ws = sets[i].weights
      for k in 0..<ws.count where ws[k] > 0 { rec(i + 1, b + [k], w * ws[k]) }
    }
    rec(0, [], 1)
    return out
  }

  /// The median branch a sample uses at magnitude m.
  package func medianBranch(_ s: Sample, magnitude m: Double) -> Int {
    s.medianU < 0 ? Int(-s.medianU - 1) : medianBranch(u: s.medianU, magnitude: m)
  }

  /// The source branch labels of a sample (one per source set, in order).
  package func sourceLabels(_ s: Sample) -> [String] { sourceSets.map { sets[$0].branches[s.branch[$0]] } }

  /// The τ branch of a sample (the median branch where τ is paired with it).
  package func tauIndex(_ s: Sample) -> Int { tauSet.map { s.branch[$0] } ?? medianBranch(s, magnitude: mLow) }
  package func phiIndex(_ s: Sample) -> Int { s.branch[phiSet] }
  package func s2sIndex(_ s: Sample) -> Int { s.branch[s2sSet] }
  package func fragilityIndex(_ s: Sample) -> Int { s.branch[fragilitySet] }
  package func consequenceIndex(_ s: Sample) -> Int { s.branch[consequenceSet] }
  /// Number of φ_ss, fragility and consequence branches.
  package var phiCount: Int { sets[phiSet].branches.count }
  package var fragilityCount: Int { sets[fragilitySet].branches.count }
  package var consequenceCount: Int { sets[consequenceSet].branches.count }

  /// The ground-motion branch of a sample at magnitude m.
  package func gmmBranch(_ s: Sample, magnitude m: Double) -> GMMBranch {
    GMMBranch(
      median: medianBranch(s, magnitude: m), tau: tauIndex(s), phi: phiIndex(s), s2sEpsilon: s2sEpsilons[s2sIndex(s)])
  }
}
