/// The annual earthquake rates seen from every exposure node, per source branch, binned on the
/// rupture-distance grid: the "A" side of the logic-tree contraction.
///
/// ```
/// A_c(n, i; t, m, h) = Σ_cell λ_i(t, cell, m) · w_h(R_hyp(n, cell)) · e_c(a(cell → n))
/// A(n, i; t, m, r)   = Σ_c Σ_h A_c(n, i; t, m, h) · K_m,c(h → r)
/// ```
/// w_h: the cubic Lagrange weights of ``LogDistanceGrid`` (four neighbouring nodes), e_c the
/// azimuth harmonics 1, cos 2a, sin 2a, … of the direction from the epicentre to the node and
/// K_m,c the components of the magnitude's ``RuptureKernel``: the rupture geometry (length,
/// strike about the fault trend, hypocentre position) is applied here, on the rate side, so
/// that the tables it is contracted with are functions of R_rup alone. Only cells with some
/// rate and the active magnitude bins are visited; harmonics only for the rows h where some
/// kernel has them. Each cell adds its (year × bin) rate vector to four distance rows per
/// harmonic (`SIMD8<Float>`, fixed order: deterministic); single precision (relative rounding
/// ~1e-6, checked against ``IntegratedEstimator/rateHistogram(nodeX:nodeY:rates:)`` in the
/// tests). Stored as Float `[t (padded to 4)][active bin][r (padded to 8)]`, padding zero.
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
    grid: LogDistanceGrid, depthKm: Double, kernels: [RuptureKernel], threads: Int
  ) {
    precondition(kernels.count == bins.count)
    let Y = rates[0].gasYears.count
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
    let (compactRates, cellLists) = RateBlocks.compact(rates: rates, bins: bins, length: L)
    let fill = NodeFill(
      rates: rates, compact: compactRates, cells: cellLists, length: L, years: Y, bins: Mact, stride: S,
      slab: slab, grid: grid, depthKm: depthKm, kernels: kernels)
    let out = values
    parallelFor(nodes, threads: threads) { n in
      fill.node(x: nodeX[n], y: nodeY[n], into: out.pointer + n * fill.rates.count * fill.slab)
    }
  }

  /// Per source branch the cells with some rate in the active bins and their rates as Float
  /// vectors `[k · L + t · Mact + mi]` (k: index into the cell list, L: row length padded to 8).
  static func compact(rates: [RateField], bins: [Int], length L: Int) -> (rates: [[Float]], cells: [[Int]]) {
    let Y = rates[0].gasYears.count
    let M = rates[0].binCount
    let Mact = bins.count
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
    return (compact, cellsOf)
  }

  /// The blocks of one node for every source branch: what the per-node work shares (compact
  /// rates, distance grid, the rupture kernels stacked per bin as Float `[(c, h)][r (padded to S)]`).
  struct NodeFill: Sendable {
    let rates: [RateField]
    let compact: [[Float]]
    let cells: [[Int]]
    /// Row length L of a compact cell vector, gas years Y, active bins, distance stride S, floats per block.
    let length: Int
    let years: Int
    let bins: Int
    let stride: Int
    let slab: Int
    let grid: LogDistanceGrid
    /// Squared source depth [km²].
    let d2: Double
    /// Harmonic components in use (the most any bin has) and the rows that carry them.
    let components: Int
    let hCut: Int
    let stacked: [[Float]]

    init(
      rates: [RateField], compact: [[Float]], cells: [[Int]], length: Int, years: Int, bins: Int, stride S: Int,
      slab: Int, grid: LogDistanceGrid, depthKm: Double, kernels: [RuptureKernel]
    ) {
      self.rates = rates
      self.compact = compact
      self.cells = cells
      self.length = length
      self.years = years
      self.bins = bins
      self.stride = S
      self.slab = slab
      self.grid = grid
      d2 = depthKm * depthKm
      components = kernels.map { $0.components.count }.max() ?? 1
      hCut = kernels.map { $0.harmonicRows }.max() ?? 0
      let N = grid.count
      stacked = kernels.map { k in
        var m = [Float](repeating: 0, count: k.components.count * N * S)
        for (c, comp) in k.components.enumerated() {
          for h in 0..<N { for r in 0..<N { m[(c * N + h) * S + r] = Float(comp[h * N + r]) } }
        }
        return m
      }
    }

    /// Fills the blocks of the node at (x, y) [m], one per source branch from `dst` on: the
    /// cells' rates accumulated on the R_hyp rows (and harmonics), then per bin the rupture
    /// kernel R_hyp → R_rup as one sgemm `[t][(c, h)] · [(c, h)][r]`.
    func node(x: Double, y: Double, into dst: UnsafeMutablePointer<Float>) {
      let (L, Y, Mact, S, C, N) = (length, years, bins, stride, components, grid.count)
      var scratch = [Float](repeating: 0, count: C * N * L)
      var xs = [Float](repeating: 0, count: Y * C * N)
      var hw = [Double](repeating: 0, count: C)
      for i in 0..<rates.count {
        let cellList = cells[i]
        let cx = rates[i].cellX
        let cy = rates[i].cellY
        scratch.withUnsafeMutableBufferPointer { sb in
          let acc = sb.baseAddress!
          acc.update(repeating: 0, count: C * N * L)
          compact[i].withUnsafeBufferPointer { cb in
            let src = UnsafeRawPointer(cb.baseAddress!)
            hw.withUnsafeMutableBufferPointer { hb in
              for (k, c) in cellList.enumerated() {
                let dx = (cx[c] - x) / 1000
                let dy = (cy[c] - y) / 1000
                guard let (f, w) = grid.weights((dx * dx + dy * dy + d2).squareRoot()) else { continue }
                let row = src + k * L * 4
                RateBlocks.add(row: row, to: acc + f * L, length: L, weights: w, factor: 1)
                guard C > 1, f < hCut else { continue }
                RuptureKernel.harmonics(east: -dx, north: -dy, count: C, into: hb.baseAddress!)
                for c in 1..<C {
                  RateBlocks.add(row: row, to: acc + (c * N + f) * L, length: L, weights: w, factor: Float(hb[c]))
                }
              }
            }
          }
          let block = dst + i * slab
          xs.withUnsafeMutableBufferPointer { xb in
            for mi in 0..<Mact {
              let rowsK = stacked[mi].count / S
              for t in 0..<Y {
                for j in 0..<rowsK { xb[t * rowsK + j] = acc[j * L + t * Mact + mi] }
              }
              stacked[mi].withUnsafeBufferPointer { kb in
                LinearAlgebra.gemm(
                  m: Y, n: S, k: rowsK, a: xb.baseAddress!, lda: rowsK, b: kb.baseAddress!, ldb: S,
                  c: block + mi * S, ldc: Mact * S)
              }
            }
          }
        }
      }
    }
  }

  /// Adds `factor · w_j · row` to the four accumulator rows starting at `acc` (SIMD8).
  @inline(__always)
  static func add(
    row: UnsafeRawPointer, to acc: UnsafeMutablePointer<Float>, length L: Int,
    weights w: (Double, Double, Double, Double), factor: Float
  ) {
    let w0 = Float(w.0) * factor
    let w1 = Float(w.1) * factor
    let w2 = Float(w.2) * factor
    let w3 = Float(w.3) * factor
    let d = UnsafeMutableRawPointer(acc)
    var j = 0
    while j < L {
      let v = row.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
      let o0 = j * 4
      let o1 = (L + j) * 4
      let o2 = (2 * L + j) * 4
      let o3 = (3 * L + j) * 4
      d.storeBytes(
        of: d.loadUnaligned(fromByteOffset: o0, as: SIMD8<Float>.self) + v * w0, toByteOffset: o0, as: SIMD8<Float>.self
      )
      d.storeBytes(
        of: d.loadUnaligned(fromByteOffset: o1, as: SIMD8<Float>.self) + v * w1, toByteOffset: o1, as: SIMD8<Float>.self
      )
      d.storeBytes(
        of: d.loadUnaligned(fromByteOffset: o2, as: SIMD8<Float>.self) + v * w2, toByteOffset: o2, as: SIMD8<Float>.self
      )
      d.storeBytes(
        of: d.loadUnaligned(fromByteOffset: o3, as: SIMD8<Float>.self) + v * w3, toByteOffset: o3, as: SIMD8<Float>.self
      )
      j += 8
    }
  }

  /// The block of node n and source branch i.
  @inline(__always) func block(node n: Int, source i: Int) -> UnsafePointer<Float> {
    UnsafePointer(values.pointer + (n * sources + i) * slab)
  }
}
