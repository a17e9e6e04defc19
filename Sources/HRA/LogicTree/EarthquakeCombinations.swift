import Foundation

/// The branch combinations that matter for one given earthquake: the ground-motion and
/// fragility/consequence sets of the tree (the source branches do not matter once the
/// earthquake is given).
extension LogicTree {
  /// The one-earthquake sets: the ground-motion and fragility/consequence sets (not the source's).
  package var earthquakeSets: [String] { Array(names[medianSet...]) }

  /// Every combination of the one-earthquake sets (fixed ones held) with its weight: median
  /// weights at the earthquake's magnitude (V7 eq. 9.8) times the other set weights. `branch` is
  /// always [median, τ, φ_ss, ε, fragility, consequence] (τ = median where they are paired).
  /// - Parameter fixed: set name → branch index held.
  package func earthquakeCombinations(magnitude: Double, fixed: [String: Int]) -> [(branch: [Int], weight: Double)] {
    var out: [([Int], Double)] = []
    let mw = medianWeights(magnitude: magnitude)
    let idx = Array(medianSet..<sets.count)
    func rec(_ i: Int, _ b: [Int], _ w: Double) {
      if i == idx.count {
        let at = { (set: Int) in b[set - medianSet] }
        let v = [
          at(medianSet), tauSet.map(at) ?? at(medianSet), at(phiSet), at(s2sSet), at(fragilitySet),
          at(consequenceSet),
        ]
        out.append((v, w))
        return
      }
      let set = sets[idx[i]]
      if let f = fixed[set.name] {
        rec(i + 1, b + [f], w)
        return
      }
      let ws = idx[i] == medianSet ? mw : set.weights
      for k in 0..<ws.count where ws[k] > 0 { rec(i + 1, b + [k], w * ws[k]) }
    }
    rec(0, [], 1)
    return out.map { (branch: $0.0, weight: $0.1) }
  }
}
