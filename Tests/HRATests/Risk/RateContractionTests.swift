import Foundation
import Testing

@testable import HRA

/// The one contraction of the tree pipeline, both kernels against a Double sum of the same
/// Float inputs: the one-column kernel (LPR) and the 16-column block (hazard), with a year count
/// that is not a multiple of four, bins skipped and a median branch per bin.
@Suite struct RateContractionTests {
  static let (years, bins, stride, nodes) = (6, 5, 16, 13)
  static let yearsPadded = 8

  static func rates() -> [Float] {
    var rng = RandomStream(seed: 3, keys: [1])
    return (0..<(yearsPadded * bins * stride)).map { i in
      let h = i % stride
      let t = i / (bins * stride)
      return h < nodes && t < years ? Float(rng.uniform() * 1e-3) : 0
    }
  }

  @Test func oneColumnEqualsTheDoubleSum() {
    let (Y, M, S) = (Self.years, Self.bins, Self.stride)
    let a = Self.rates()
    var rng = RandomStream(seed: 3, keys: [2])
    // Two tables (median branches); bin mi reads table mi % 2, row mi.
    let tables = (0..<(2 * M * S)).map { i in i % S < Self.nodes ? Float(rng.uniform()) : 0 }
    let used = [0, 2, 3, 4]
    var out = [Double](repeating: -1, count: Y)
    a.withUnsafeBufferPointer { pa in
      tables.withUnsafeBufferPointer { pt in
        let rows = (0..<M).map { mi in pt.baseAddress! + ((mi % 2) * M + mi) * S }
        rows.withUnsafeBufferPointer { pr in
          used.withUnsafeBufferPointer { pb in
            out.withUnsafeMutableBufferPointer { po in
              RateContraction.column(
                a: pa.baseAddress!, binStride: M, stride: S, years: Y, bins: pb, rows: pr.baseAddress!,
                out: po.baseAddress!)
            }
          }
        }
      }
    }
    for t in 0..<Y {
      var s = 0.0
      for mi in used {
        for h in 0..<S { s += Double(a[(t * M + mi) * S + h]) * Double(tables[((mi % 2) * M + mi) * S + h]) }
      }
      #expect(s > 0 && close(out[t], s, rel: Tolerance.singlePrecision), "year \(t)")
    }
  }

  @Test func sixteenColumnsEqualTheDoubleSumAndClampAtZero() {
    let (Y, M, S, N) = (Self.years, Self.bins, Self.stride, Self.nodes)
    let L = 40
    let a = Self.rates()
    var rng = RandomStream(seed: 3, keys: [3])
    // Tables [mi][h][l]; column 5 negative (interpolation weights can be): clamped to 0.
    let tables = (0..<(M * N * L)).map { i in i % L == 5 ? -Float(rng.uniform()) : Float(rng.uniform()) }
    let used = [1, 2, 4]
    var out = [Float](repeating: -1, count: Y * 16)
    for l0 in [0, 16] {
      a.withUnsafeBufferPointer { pa in
        tables.withUnsafeBufferPointer { pt in
          let rows = (0..<M).map { mi in pt.baseAddress! + mi * N * L }
          rows.withUnsafeBufferPointer { pr in
            used.withUnsafeBufferPointer { pb in
              out.withUnsafeMutableBufferPointer { po in
                RateContraction.columnBlock(
                  a: pa.baseAddress!, binStride: M, stride: S, years: Y, nodes: N, bins: pb, rows: pr.baseAddress!,
                  levelStride: L, l0: l0, out: po.baseAddress!)
              }
            }
          }
        }
      }
      for t in 0..<Y {
        for j in 0..<16 {
          var s = 0.0
          for mi in used {
            for h in 0..<N { s += Double(a[(t * M + mi) * S + h]) * Double(tables[(mi * N + h) * L + l0 + j]) }
          }
          let v = Double(out[t * 16 + j])
          if l0 + j == 5 {
            #expect(v == 0)
          } else {
            #expect(s > 0 && close(v, s, rel: Tolerance.singlePrecision), "year \(t) column \(l0 + j)")
          }
        }
      }
    }
  }
}
