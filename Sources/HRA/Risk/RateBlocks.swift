/// The annual earthquake rates seen from every exposure node, per source branch, binned on the
/// hypocentral-distance grid: the "A" side of the logic-tree contraction.
///
/// ```
/// A(n, i; t, m, h) = Σ_c λ_i(t, c, m) · w_h(R_hyp(n, c)),   R_hyp = √(d² + depth²)
/// ```
/// w_h: the cubic Lagrange weights of ``LogDistanceGrid`` (four neighbouring nodes). Only cells
/// with some rate and the active magnitude bins are visited. Each cell adds its (year × bin)
/// rate vector to four distance rows (`SIMD8<Float>`, fixed order: deterministic); sums of
/// non-negative terms in single precision (relative rounding ~1e-6, checked against
/// ``IntegratedEstimator/rateHistogram(nodeX:nodeY:rates:)`` in the tests). Stored as Float
/// `[t (padded to 4)][active bin][h (padded to 8)]`, padding zero.
final class RateBlocks: @unchecked Sendable {
  let values: SharedBuffer<Float>
  let sources: Int
  let slab: Int
  /// What the blocks were built from (nodes, bins, padding): a run reuses blocks only when its
  /// own key is equal (the LPR tree and its hazard summary share them).
  let key: Key
  struct Key: Equatable {
    var nodeX: [Double], nodeY: [Double], bins: [Int], paddedYears: Int, stride: Int, sources: Int, years: [Int]
  }

  /// - Parameters:
  ///   - bins: the active bin indices into the rate fields' bins.
  ///   - paddedYears, stride: the padded year count and distance-node stride.
  init(
    nodeX: [Double], nodeY: [Double], rates: [RateField], bins: [Int], paddedYears Yp: Int, stride S: Int,
    grid: LogDistanceGrid, depthKm: Double, threads: Int
  ) {
    let Y = rates[0].gasYears.count
    let M = rates[0].binCount
    let Mact = bins.count
    sources = rates.count
    slab = Yp * Mact * S
    key = Key(
      nodeX: nodeX, nodeY: nodeY, bins: bins, paddedYears: Yp, stride: S, sources: rates.count,
      years: rates[0].gasYears)
    let nodes = nodeX.count
    values = SharedBuffer<Float>(repeating: 0, count: nodes * rates.count * slab)
    // Compact rates per source: the cells with some rate, each a vector [t][mi] padded to L floats.
    let L = (Y * Mact + 7) / 8 * 8
    var compact: [[Float]] = []
    var cellsOf: [[Int]] = []
    for r in rates {
      let C = r.cellCount
      let cells = (0..<C).filter { c in (0..<Y).contains { t in bins.contains { r.rates[(t * C + c) * M + $0] > 0 } } }
      var a = [Float](repeating: 0, count: cells.count * L)
      for (k, c) in cells.enumerated() {
        for t in 0..<Y {
          for (mi, m) in bins.enumerated() { a[k * L + t * Mact + mi] = Float(r.rates[(t * C + c) * M + m]) }
        }
      }
      compact.append(a)
      cellsOf.append(cells)
    }
    let d2 = depthKm * depthKm
    let compactRates = compact
    let cellLists = cellsOf
    let out = values
    let slab = slab
    let count = rates.count
    let N = grid.count
    parallelFor(nodes, threads: threads) { n in
      var scratch = [Float](repeating: 0, count: N * L)
      for i in 0..<count {
        let cells = cellLists[i]
        let cx = rates[i].cellX
        let cy = rates[i].cellY
        scratch.withUnsafeMutableBufferPointer { sb in
          let acc = sb.baseAddress!
          acc.update(repeating: 0, count: N * L)
          compactRates[i].withUnsafeBufferPointer { cb in
            let src = UnsafeRawPointer(cb.baseAddress!)
            for (k, c) in cells.enumerated() {
              let dx = (cx[c] - nodeX[n]) / 1000
              let dy = (cy[c] - nodeY[n]) / 1000
              guard let (f, w) = grid.weights((dx * dx + dy * dy + d2).squareRoot()) else { continue }
              let w0 = Float(w.0)
              let w1 = Float(w.1)
              let w2 = Float(w.2)
              let w3 = Float(w.3)
              let row = src + k * L * 4
              let d = UnsafeMutableRawPointer(acc + f * L)
              var j = 0
              while j < L {
                let v = row.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
                let o0 = j * 4
                let o1 = (L + j) * 4
                let o2 = (2 * L + j) * 4
                let o3 = (3 * L + j) * 4
                d.storeBytes(
                  of: d.loadUnaligned(fromByteOffset: o0, as: SIMD8<Float>.self) + v * w0, toByteOffset: o0,
                  as: SIMD8<Float>.self)
                d.storeBytes(
                  of: d.loadUnaligned(fromByteOffset: o1, as: SIMD8<Float>.self) + v * w1, toByteOffset: o1,
                  as: SIMD8<Float>.self)
                d.storeBytes(
                  of: d.loadUnaligned(fromByteOffset: o2, as: SIMD8<Float>.self) + v * w2, toByteOffset: o2,
                  as: SIMD8<Float>.self)
                d.storeBytes(
                  of: d.loadUnaligned(fromByteOffset: o3, as: SIMD8<Float>.self) + v * w3, toByteOffset: o3,
                  as: SIMD8<Float>.self)
                j += 8
              }
            }
          }
          let dst = out.pointer + (n * count + i) * slab
          for h in 0..<N {
            for t in 0..<Y { for mi in 0..<Mact { dst[(t * Mact + mi) * S + h] = acc[h * L + t * Mact + mi] } }
          }
        }
      }
    }
  }

  /// The block of node n and source branch i.
  @inline(__always) func block(node n: Int, source i: Int) -> UnsafePointer<Float> {
    UnsafePointer(values.pointer + (n * sources + i) * slab)
  }
}
