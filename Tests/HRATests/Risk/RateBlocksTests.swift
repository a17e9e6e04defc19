import Foundation
import Testing

@testable import HRA

/// The single-precision rate blocks of the logic-tree run against the double-precision rate
/// histogram of the integrated estimator (same cells, weights, bins and rupture kernels).
@Suite struct RateBlocksTests {
  @Test func matchTheDoublePrecisionRateHistogram() throws {
    let ms = try ModelSet(directory: TestModels.models)
    let rates = try ms.rates(try ms.source(production: "phase-out-actual"), gasYears: [2019, 2024])
    let active = IntegratedEstimator.activeBins(rates)
    let bins = (0..<rates.binCount).filter { active[$0] }
    let xs = [240_000.0, 252_000, 231_000]
    let ys = [590_000.0, 580_000, 603_000]
    let grid = ms.risk.grid
    let N = grid.count
    let S = (N + 7) / 8 * 8
    let M = rates.binCount
    let blocks = RateBlocks(
      nodeX: xs, nodeY: ys, rates: [rates], bins: bins, paddedYears: 4, stride: S, grid: grid,
      depthKm: ms.risk.rupture.depthKm,
      kernels: bins.map { ms.risk.rupture.kernel(magnitude: rates.magnitudes[$0], grid: grid) },
      threads: 2)
    let est = IntegratedEstimator(model: ms.risk, threads: 1)
    var compared = 0
    for n in 0..<xs.count {
      let a = est.rateHistogram(nodeX: xs[n], nodeY: ys[n], rates: rates)
      let b = blocks.block(node: n, source: 0)
      for t in 0..<2 {
        for (mi, m) in bins.enumerated() {
          // The kernel's harmonics have both signs: entries far below the row's largest are
          // compared on the row's scale.
          let scale = (0..<N).map { abs(a[(t * M + m) * N + $0]) }.max()!
          for h in 0..<N {
            let want = a[(t * M + m) * N + h]
            let got = Double(b[(t * bins.count + mi) * S + h])
            #expect(
              close(got, want, rel: Tolerance.singlePrecision, tiny: max(1e-30, 1e-6 * scale)),
              "node \(n) year \(t) bin \(m) h \(h): \(got) vs \(want)")
            if want > 0 { compared += 1 }
          }
          for h in N..<S { #expect(b[(t * bins.count + mi) * S + h] == 0) }  // padding
        }
      }
      // Padded year rows are zero.
      for j in (2 * bins.count * S)..<(4 * bins.count * S) { #expect(b[j] == 0) }
    }
    #expect(compared > 1000)
  }
}
