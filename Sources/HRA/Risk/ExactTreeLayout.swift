/// How the combinations of the exact tree map onto the shared work of ``ExactTreeEstimator``:
/// the median paths, the bin groups, the table keys (the columns of the per-bin products) and,
/// per combination group g = (source branch, GMM pair, ε, fragility–consequence), its members in
/// path order with the keys that change from one member to the next.
struct ExactTreeLayout: Sendable {
  /// Table key of a column: GMM (τ, φ) pair index, median branch, ε branch, fc pair.
  struct Key: Hashable, Sendable {
    var pair: Int, median: Int, eps: Int, fc: Int
  }
  /// A combination group: its source branch, its members (combination indices, in path order),
  /// the key per bin group of the first member, and per later member the (bin group, old key,
  /// new key) changes.
  struct Group: Sendable {
    var source: Int
    var members: [Int]
    var firstKeys: [Int]
    var changes: [[(group: Int, old: Int, new: Int)]]
  }

  let keys: [Key]
  let keyIndex: [Key: Int]
  /// Bin group of each active bin, and the number of groups.
  let groupOf: [Int]
  let groupCount: Int
  let paths: Int
  let groups: [Group]
  let combinations: Int

  init(
    tree: LogicTree, samples: [LogicTree.Sample], sourceOf: [Int], branches: TreeBranchPlan, binsOfSource: [[Int]],
    activeMagnitudes: [Double]
  ) {
    // Paths: the distinct median quantiles u (negative: a held median), ascending.
    let us = Array(Set(samples.map(\.medianU))).sorted()
    let pathOf = Dictionary(uniqueKeysWithValues: us.enumerated().map { ($1, $0) })
    let branchOf = { (u: Double, m: Double) -> Int in u < 0 ? Int(-u - 1) : tree.medianBranch(u: u, magnitude: m) }
    // Bin groups: bins whose median branch is the same function of the path.
    let kvec = activeMagnitudes.map { m in us.map { branchOf($0, m) } }
    var signature: [[Int]: Int] = [:]
    var groupOf: [Int] = []
    var groupK: [[Int]] = []
    for v in kvec {
      if let g = signature[v] {
        groupOf.append(g)
      } else {
        signature[v] = groupK.count
        groupOf.append(groupK.count)
        groupK.append(v)
      }
    }
    // Combination groups g = (source, pair, ε, fc), members sorted by path.
    let eps = samples.map { tree.s2sIndex($0) }
    var gIndex: [[Int]: Int] = [:]
    var members: [[Int]] = []
    var gSource: [Int] = []
    var gKey: [[Int]] = []
    for c in samples.indices {
      let k = [sourceOf[c], branches.pairOf[c], eps[c], branches.fcOf[c]]
      if let g = gIndex[k] {
        members[g].append(c)
      } else {
        gIndex[k] = members.count
        members.append([c])
        gSource.append(sourceOf[c])
        gKey.append(k)
      }
    }
    var keys: [Key] = []
    var keyIndex: [Key: Int] = [:]
    func key(_ k: Key) -> Int {
      if let i = keyIndex[k] { return i }
      keyIndex[k] = keys.count
      keys.append(k)
      return keys.count - 1
    }
    var groups: [Group] = []
    for (g, list) in members.enumerated() {
      let sorted = list.sorted { (pathOf[samples[$0].medianU]!, $0) < (pathOf[samples[$1].medianU]!, $1) }
      let (pair, e, fc) = (gKey[g][1], gKey[g][2], gKey[g][3])
      let keysOf = { (c: Int) -> [Int] in
        let p = pathOf[samples[c].medianU]!
        return (0..<groupK.count).map { key(Key(pair: pair, median: groupK[$0][p], eps: e, fc: fc)) }
      }
      var prev = keysOf(sorted[0])
      var changes: [[(group: Int, old: Int, new: Int)]] = [[]]
      for c in sorted.dropFirst() {
        let now = keysOf(c)
        changes.append((0..<now.count).filter { now[$0] != prev[$0] }.map { ($0, prev[$0], now[$0]) })
        prev = now
      }
      groups.append(Group(source: gSource[g], members: sorted, firstKeys: keysOf(sorted[0]), changes: changes))
    }
    self.keys = keys
    self.keyIndex = keyIndex
    self.groupOf = groupOf
    self.groupCount = groupK.count
    self.paths = us.count
    self.groups = groups
    self.combinations = samples.count
  }
}

/// The zone tables of ``ZoneTables`` gathered as the right-hand operands of the per-bin
/// products: per wierde flag, typology and active bin a matrix [key][r] (Float, stride S).
struct ExactZoneTables {
  let values: [Bool: [Float]]
  let typologies: [Bool: [Int]]
  let keyCount: Int
  let activeCount: Int
  let stride: Int
  var byteCount: Int { values.values.reduce(0) { $0 + $1.count * 4 } }

  init(
    plan: LPRColumns.Plan, zoneIndex: Int, typologies: [Bool: [Int]], layout: ExactTreeLayout, stride S: Int,
    activeCount Mact: Int
  ) {
    let zt = ZoneTables(plan: plan, zoneIndex: zoneIndex, typologies: typologies)
    let K = layout.keys.count
    var out: [Bool: [Float]] = [:]
    for (w, types) in typologies {
      var z = [Float](repeating: 0, count: types.count * Mact * K * S)
      zt.values.withUnsafeBufferPointer { src in
        for (ki, k) in layout.keys.enumerated() {
          guard
            let base = zt.offset[
              ZoneTables.Key(tp: k.pair, median: k.median, eps: k.eps, wierde: w ? 1 : 0, group: k.fc)]
          else { continue }
          for u in 0..<types.count {
            for mi in 0..<Mact {
              let from = base + (u * Mact + mi) * S
              let to = ((u * Mact + mi) * K + ki) * S
              for r in 0..<S { z[to + r] = src[from + r] }
            }
          }
        }
      }
      out[w] = z
    }
    values = out
    self.typologies = typologies
    keyCount = K
    activeCount = Mact
    stride = S
  }
}

/// Per-thread work space of ``ExactTreeEstimator``: the product of one bin and the bin-group sums.
struct ExactSiteScratch {
  var product: [Float]
  var sums: [Double]
  let rows: Int
  let years: Int
  let keyCount: Int

  init(layout: ExactTreeLayout, rows: Int, years: Int) {
    self.rows = rows
    self.years = years
    keyCount = layout.keys.count
    product = [Float](repeating: 0, count: rows * keyCount)
    sums = [Double](repeating: 0, count: layout.groupCount * rows * keyCount)
  }

  /// L of one typology at one site for every combination: `[t * combinations + c]`.
  mutating func values(
    tables: ExactZoneTables, wierde: Bool, typology ty: Int, block: UnsafePointer<Float>,
    prep: TreeEstimator.Prepared, layout: ExactTreeLayout
  ) -> [Double] {
    let K = keyCount
    let R = rows
    let S = prep.stride
    let Mact = prep.activeCount
    let u = tables.typologies[wierde]!.firstIndex(of: ty)!
    let z = tables.values[wierde]!
    for i in 0..<sums.count { sums[i] = 0 }
    // 1. Per active bin: C = A_bin (rows × S) · T_binᵀ (S × keys), added to the bin's group.
    z.withUnsafeBufferPointer { zb in
      product.withUnsafeMutableBufferPointer { pb in
        sums.withUnsafeMutableBufferPointer { sb in
          for mi in 0..<Mact {
            LinearAlgebra.gemm(
              m: R, n: K, k: S, a: block + mi * S, lda: Mact * S, b: zb.baseAddress! + (u * Mact + mi) * K * S, ldb: S,
              c: pb.baseAddress!, ldc: K, transposeB: true)
            let g = sb.baseAddress! + layout.groupOf[mi] * R * K
            for j in 0..<(R * K) { g[j] += Double(pb[j]) }
          }
        }
      }
    }
    // 2. Per combination group and year: the first path in full, then the changes along the paths.
    let n = layout.combinations
    let Yp = prep.paddedYears
    var out = [Double](repeating: 0, count: years * n)
    sums.withUnsafeBufferPointer { sb in
      for g in layout.groups {
        for t in 0..<years {
          let row = (g.source * Yp + t) * K
          var cur = 0.0
          for (grp, k) in g.firstKeys.enumerated() { cur += sb[grp * R * K + row + k] }
          for (j, c) in g.members.enumerated() {
            for ch in g.changes[j] { cur += sb[ch.group * R * K + row + ch.new] - sb[ch.group * R * K + row + ch.old] }
            out[t * n + c] = max(0, cur)
          }
        }
      }
    }
    return out
  }
}
