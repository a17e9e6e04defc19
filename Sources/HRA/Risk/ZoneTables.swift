import Foundation

/// The tables of one site zone for every branch combination a logic-tree run uses: the one table
/// builder of the tree pipeline (rates → zone tables → contraction → reducers). A table holds
/// *response columns* per (magnitude bin, R_rup node) row of a GMM branch (τ φ_ss pair, median),
/// site-to-site ε and wierde flag:
///
/// ```
/// T_key(m, r; c) = E[response c | m, R_rup = r]        key = (pair, median, ε, wierde, group)
/// ```
/// on the R_rup grid (the rupture kernel is applied to the rates: ``RateBlocks``). What the
/// columns are is the ``ZoneColumns`` of the estimator: the LPR's P(collapse)·P(death | collapse)
/// per typology (``LPRColumns``, one block per fragility/consequence pair: group = fc pair) or
/// the hazard's exceedance probabilities per (IMT, level) (`ExceedanceColumns`, one group). The
/// builder owns what they share: the branches in use (``Branches``), the key order and block
/// offsets, and the loop over (pair, median) in which the columns fill their blocks (one
/// surface-motion computation per (pair, median, bin, distance) serves every ε, wierde flag and
/// group; see the columns for the work sharing inside).
struct ZoneTables {
  /// A block of the tables: GMM branch (τ φ pair `tp`, median), ε branch, wierde flag (0/1) and
  /// column group (the LPR's fragility/consequence pair f·3 + c; 0 for the hazard).
  struct Key: Hashable {
    var tp: Int, median: Int, eps: Int, wierde: Int, group: Int
    init(tp: Int, median: Int, eps: Int, wierde: Int, group: Int = 0) {
      self.tp = tp
      self.median = median
      self.eps = eps
      self.wierde = wierde
      self.group = group
    }
  }

  /// The branch combinations in use, shared by every zone and every kind of column.
  struct Branches: Sendable {
    /// Surface motion per (τ, φ_ss) pair index and median branch in use (ε = 0).
    let motions: [[SurfaceMotion]]
    /// Per (τ, φ) pair: the median branches used and, per median, the active-bin indices used.
    let medians: [[Int]]
    let bins: [[[Int]]]
    /// Per (τ, φ) pair: ε branch indices used.
    let epsilons: [[Int]]
    /// ε_S2S value of each ε branch.
    let epsilonValues: [Double]
    /// Magnitude per active bin; R_rup nodes [km].
    let magnitudes: [Double]
    let distances: [Double]
    let rule: SurfaceMotion.Rule
  }

  /// Offset of a key's block in `values` (block size: ``ZoneColumns/blockSize(wierde:)``).
  let offset: [Key: Int]
  let values: [Float]

  /// Builds the tables of the zone of `columns` for the wierde flags `flags` (false before
  /// true): the block layout (``layout(branches:columns:flags:)``), then per (τ φ pair, median)
  /// with bins in use the columns' ``ZoneColumns/fill(branches:pair:medianIndex:flags:offset:into:)``.
  init(branches b: Branches, columns: some ZoneColumns, flags: [Bool]) {
    let (off, total) = ZoneTables.layout(branches: b, columns: columns, flags: flags)
    var out = [Float](repeating: 0, count: total)
    out.withUnsafeMutableBufferPointer { ob in
      for tp in 0..<b.motions.count {
        for ki in b.medians[tp].indices where !b.bins[tp][ki].isEmpty {
          columns.fill(branches: b, pair: tp, medianIndex: ki, flags: flags, offset: off, into: ob.baseAddress!)
        }
      }
    }
    offset = off
    values = out
  }

  /// The layout of the tables: per key (τ φ pair, median, ε, wierde, group) in that order the
  /// offset of its block of ``ZoneColumns/blockSize(wierde:)`` floats, and the total.
  static func layout(
    branches b: Branches, columns: some ZoneColumns, flags: [Bool]
  ) -> (offset: [Key: Int], total: Int) {
    var off: [Key: Int] = [:]
    var total = 0
    for tp in 0..<b.motions.count {
      for k in b.medians[tp] {
        for (ei, e) in b.epsilons[tp].enumerated() {
          for w in flags {
            for g in columns.groups(pair: tp, epsilonIndex: ei) {
              off[Key(tp: tp, median: k, eps: e, wierde: w ? 1 : 0, group: g)] = total
              total += columns.blockSize(wierde: w)
            }
          }
        }
      }
    }
    return (off, total)
  }
}
