import Foundation

extension HazardEstimator {
  /// One zone of the hazard curves with fractiles as a reducer of the ``ZoneDriver``: the zone's
  /// ``ZoneTables`` (``ExceedanceColumns``), then per site and block of 16 levels every sample's rates
  /// (``RateContraction/columnBlock(a:binStride:stride:years:nodes:bins:rows:levelStride:l0:out:)``, `samples × years × 16` floats) reduced per (year, level) into the
  /// weighted mean and the fractiles (``statistics(site:level0:block:perm:scratch:first:)``).
  struct FractileZone: ZoneReducer {
    let plan: ExceedanceColumns.Plan
    let cache: RateBlocks
    let branches: TreeBranchPlan
    let tree: LogicTree
    let samples: [LogicTree.Sample]
    let sourceOf: [Int]
    /// The samples in source-branch order and their normalised weights in that order.
    let order: [Int]
    let weights: [Double]
    let equalWeights: Bool
    let binsOfSource: [[Int]]
    let fractiles: [Double]
    let siteWierde: [Bool]
    let siteNode: [Int]
    let siteCount: Int
    let years: Int
    let nodes: Int
    let stride: Int
    let activeCount: Int
    let paddedLevels: Int
    let levels: Int
    /// Mean `[(site · years + t) · levels + l]` and fractiles `[f · sites · years · levels + …]`.
    let meanOut: SharedBuffer<Double>
    let fracOut: SharedBuffer<Double>

    func reduce(zone z: Int, position: Int, sites list: [Int]) {
      let (Y, N, S, Mact, Lp, Lc) = (years, nodes, stride, activeCount, paddedLevels, levels)
      let nSamples = samples.count
      let flags = [false, true].filter { f in list.contains { siteWierde[$0] == f } }
      let tables = ZoneTables(plan: plan, zoneIndex: z, wierde: flags)
      let rowBase = rowOffsets(tables, flags: flags)
      var block = [Float](repeating: 0, count: nSamples * Y * 16)
      let scratch = UnsafeMutablePointer<Float>.allocate(capacity: nSamples)
      defer { scratch.deallocate() }
      var perm = [Int32](repeating: 0, count: Y * nSamples)
      var rows = [UnsafePointer<Float>](repeating: UnsafePointer(bitPattern: 16)!, count: Mact)
      tables.values.withUnsafeBufferPointer { tv in
        let tbase = tv.baseAddress!
        for site in list {
          let w = siteWierde[site] ? 1 : 0
          let node = siteNode[site]
          for t in 0..<Y { for s in 0..<nSamples { perm[t * nSamples + s] = Int32(s) } }
          var first = true
          for l0 in Swift.stride(from: 0, to: Lc, by: 16) {
            // Every sample's rates for this block of levels.
            block.withUnsafeMutableBufferPointer { bb in
              rows.withUnsafeMutableBufferPointer { rb in
                for (o, i) in order.enumerated() {
                  let src = sourceOf[i]
                  binsOfSource[src].withUnsafeBufferPointer { bins in
                    for mi in bins { rb[mi] = tbase + rowBase[(o * 2 + w) * Mact + mi] }
                    RateContraction.columnBlock(
                      a: cache.block(node: node, source: src), binStride: Mact, stride: S, years: Y, nodes: N,
                      bins: bins, rows: UnsafePointer(rb.baseAddress!), levelStride: Lp, l0: l0,
                      out: bb.baseAddress! + o * Y * 16)
                  }
                }
              }
            }
            statistics(site: site, level0: l0, block: block, perm: &perm, scratch: scratch, first: first)
            first = false
          }
        }
      }
    }

    /// Per sample (in `order`) and wierde flag: the table offset of each active bin,
    /// `[(o · 2 + wierde) · activeCount + mi]`, −1 where unused.
    func rowOffsets(_ tables: ZoneTables, flags: [Bool]) -> [Int] {
      let Mact = activeCount
      var rowBase = [Int](repeating: -1, count: samples.count * 2 * Mact)
      for (o, i) in order.enumerated() {
        for w in flags {
          for mi in binsOfSource[sourceOf[i]] {
            let key = ZoneTables.Key(
              tp: branches.pairOf[i], median: branches.medianOf[i][mi], eps: tree.s2sIndex(samples[i]),
              wierde: w ? 1 : 0)
            rowBase[(o * 2 + (w ? 1 : 0)) * Mact + mi] = tables.offset[key]! + mi * nodes * paddedLevels
          }
        }
      }
      return rowBase
    }

    /// The mean and fractiles of one site's block of 16 levels from `level0` on, per year: with
    /// equal weights (a sampled tree) the type-1 quantile is the order statistic ⌈q·n⌉ found by
    /// selection; otherwise the samples' order per year is kept in `perm` (a full sort at the
    /// first level, then an insertion sort from the previous level's order: curves rarely
    /// cross) and the weights are accumulated along it.
    func statistics(
      site: Int, level0 l0: Int, block: [Float], perm: inout [Int32], scratch: UnsafeMutablePointer<Float>,
      first: Bool
    ) {
      let (Y, Lc, F) = (years, levels, fractiles.count)
      let nSamples = samples.count
      block.withUnsafeBufferPointer { bb in
        perm.withUnsafeMutableBufferPointer { pb in
          for t in 0..<Y {
            let p = pb.baseAddress! + t * nSamples
            for j in 0..<min(16, Lc - l0) {
              @inline(__always) func v(_ s: Int32) -> Float { bb[(Int(s) * Y + t) * 16 + j] }
              if equalWeights {
                // Equal weights (a sampled tree): the type-1 quantile is the order statistic
                // ⌈q·n⌉, found by selection (largest first, then within the part below it).
                var hi = nSamples
                for f in Swift.stride(from: F - 1, through: 0, by: -1) {
                  let k = min(hi - 1, max(0, Int(((fractiles[f] - 1e-12) * Double(nSamples)).rounded(.up)) - 1))
                  if f == F - 1 { for s in 0..<nSamples { scratch[s] = bb[(s * Y + t) * 16 + j] } }
                  let value = QuickSelect.select(scratch, count: hi, k: k)
                  fracOut.pointer[f * siteCount * Y * Lc + (site * Y + t) * Lc + l0 + j] = Double(value)
                  hi = k + 1
                }
              } else if first && j == 0 {
                // Full sort at the first level; ties by sample order.
                let sorted = (0..<nSamples).sorted { a, b in
                  let (va, vb) = (bb[(a * Y + t) * 16], bb[(b * Y + t) * 16])
                  return va != vb ? va < vb : a < b
                }
                for (k, s) in sorted.enumerated() { p[k] = Int32(s) }
              } else {
                HazardEstimator.insertionSort(p, count: nSamples, value: v)
              }
              var mean = 0.0
              for s in 0..<nSamples { mean += weights[s] * Double(bb[(s * Y + t) * 16 + j]) }
              let cell = (site * Y + t) * Lc + l0 + j
              meanOut.pointer[cell] = mean
              if equalWeights { continue }
              var f = 0
              var c = 0.0
              for k in 0..<nSamples where f < F {
                c += weights[Int(p[k])]
                while f < F && c >= fractiles[f] - 1e-12 {
                  fracOut.pointer[f * siteCount * Y * Lc + cell] = Double(v(p[k]))
                  f += 1
                }
              }
              while f < F {
                fracOut.pointer[f * siteCount * Y * Lc + cell] = Double(v(p[nSamples - 1]))
                f += 1
              }
            }
          }
        }
      }
    }
  }

  /// Insertion sort of the permutation `p` (n entries) by `value`, from its present order
  /// (stable); where the curves cross so much that it would be quadratic (more than 32·n
  /// moves), a full sort instead (ties by sample index).
  @inline(__always)
  static func insertionSort(_ p: UnsafeMutablePointer<Int32>, count nSamples: Int, value v: (Int32) -> Float) {
    var moves = 0
    for k in 1..<max(1, nSamples) {
      let x = p[k]
      let vx = v(x)
      var m = k - 1
      while m >= 0 && v(p[m]) > vx {
        p[m + 1] = p[m]
        m -= 1
      }
      p[m + 1] = x
      moves += k - 1 - m
      if moves > 32 * nSamples {
        let sorted = (0..<nSamples).sorted { a, b in
          let (va, vb) = (v(Int32(a)), v(Int32(b)))
          return va != vb ? va < vb : a < b
        }
        for (k, s) in sorted.enumerated() { p[k] = Int32(s) }
        break
      }
    }
  }
}
