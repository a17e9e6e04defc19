/// The per-site contraction of the logic-tree run: annual rates × event-risk table.
///
/// ```
/// L(t) = Σ_m Σ_h A(t, m, h) · T_m(h)      for every gas year t
/// ```
/// A: the node's rate histograms `[t][bin][h]` (bins of this source branch, stride padded to a
/// multiple of 8), T_m: one table row per bin (the row may come from a different median
/// branch per bin). Explicit `SIMD8<Float>` vectors over h and four years per pass, so each
/// table chunk is loaded once per four years; the summation order is fixed (results do not
/// depend on threads). Single precision: every term is non-negative, so the relative rounding
/// error is below ~1e-6 (checked against a Double sum in the tests).
package enum RateContraction {
  /// - Parameters:
  ///   - a: the rate block, `a[(t * binStride + mi) * stride + h]`, `years` rows padded to a multiple of 4 (zero rows).
  ///   - rows: per active bin index mi, the table row for this typology (nil where the source has no events).
  ///   - bins: the active bin indices to sum over.
  ///   - out: `years` results [1/yr].
  @inline(__always)
  package static func lpr(
    a: UnsafePointer<Float>, binStride: Int, stride: Int, years: Int, bins: UnsafeBufferPointer<Int>,
    rows: UnsafePointer<UnsafePointer<Float>>, out: UnsafeMutablePointer<Double>
  ) {
    let raw = UnsafeRawPointer(a)
    let yStride = binStride * stride
    var t0 = 0
    while t0 < years {
      var s0 = SIMD8<Float>()
      var s1 = SIMD8<Float>()
      var s2 = SIMD8<Float>()
      var s3 = SIMD8<Float>()
      for mi in bins {
        let tr = UnsafeRawPointer(rows[mi])
        var ab = (t0 * binStride + mi) * stride
        var c = 0
        while c < stride {
          let tv = tr.loadUnaligned(fromByteOffset: c * 4, as: SIMD8<Float>.self)
          s0 += raw.loadUnaligned(fromByteOffset: ab * 4, as: SIMD8<Float>.self) * tv
          s1 += raw.loadUnaligned(fromByteOffset: (ab + yStride) * 4, as: SIMD8<Float>.self) * tv
          s2 += raw.loadUnaligned(fromByteOffset: (ab + 2 * yStride) * 4, as: SIMD8<Float>.self) * tv
          s3 += raw.loadUnaligned(fromByteOffset: (ab + 3 * yStride) * 4, as: SIMD8<Float>.self) * tv
          c += 8
          ab += 8
        }
      }
      out[t0] = max(0, Double(s0.sum()))
      if t0 + 1 < years { out[t0 + 1] = max(0, Double(s1.sum())) }
      if t0 + 2 < years { out[t0 + 2] = max(0, Double(s2.sum())) }
      if t0 + 3 < years { out[t0 + 3] = max(0, Double(s3.sum())) }
      t0 += 4
    }
  }
}
