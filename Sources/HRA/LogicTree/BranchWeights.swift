/// Weights of the logic-tree branch sets (`set,branch,weight` rows), validated: weights in
/// [0, 1], each set summing to 1 ± 1e-9, no branch twice.
package struct BranchWeights: Sendable {
  /// Branch names and weights per set, in file order.
  package let sets: [String: [(branch: String, weight: Double)]]

  package init(path: String) throws {
    let t = try CSVTable(contentsOf: path)
    try t.require(["set", "branch", "weight"])
    var s: [String: [(String, Double)]] = [:]
    var lastLine: [String: Int] = [:]
    for r in t.rows {
      let set = try t.string(r, "set")
      let b = try t.string(r, "branch")
      let w = try t.double(r, "weight")
      if !(w >= 0 && w <= 1) { throw t.error(r, "weight", "weight outside [0, 1]") }
      if s[set, default: []].contains(where: { $0.0 == b }) {
        throw t.error(r, "branch", "branch \(b) of set \(set) given twice")
      }
      s[set, default: []].append((b, w))
      lastLine[set] = r.line
    }
    for (set, list) in s {
      let sum = list.reduce(0) { $0 + $1.1 }
      if abs(sum - 1) > 1e-9 {
        throw InputError(file: path, line: lastLine[set], field: "weight", "weights of set \(set) sum to \(sum), not 1")
      }
    }
    sets = s.mapValues { $0.map { (branch: $0.0, weight: $0.1) } }
  }
}
