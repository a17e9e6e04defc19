/// The one contraction of the tree pipeline: a site's rate block (``RateBlocks``) times the
/// response columns of its zone table (``ZoneTables``),
///
/// ```
/// C(t, c) = Σ_m Σ_h A(t, m, h) · T_m(h, c)      for every gas year t and column c
/// ```
/// A: the node's rate histograms `[t (padded to 4)][bin][h (padded to 8)]` of one source
/// branch (or a weighted sum of them), T_m: the table of bin m (the median branch may differ per
/// bin). Two register-blocked kernels behind this one type, one per table layout:
/// - ``column(a:binStride:stride:years:bins:rows:out:)``: one column per table row `[h]` (the
///   LPR: one typology), `SIMD8<Float>` over h, four years per pass, lanes summed at the end;
/// - ``columnBlock(a:binStride:stride:years:nodes:bins:rows:levelStride:l0:out:)``: 16 columns
///   of a row-major table `[h][column]` (the hazard: 16 levels), `SIMD8<Float>` over the columns,
///   4 years × 16 columns per pass, h in order.
/// They are not one loop because they sum in different orders (per lane over h, then across
/// lanes; or along h per column), and each order is part of its estimator's published numbers:
/// one kernel for both would change the last bits of one of them (and the 1-column case would
/// waste 15 of 16 columns in the block kernel, the 16-column case would reload the rates per
/// column in the other). Both use a fixed summation order (results do not depend on threads) and
/// single precision: every term is non-negative up to interpolation rounding, so the relative
/// error stays near 1e-6 (the tests compare with a Double sum).
package enum RateContraction {
  /// One column per table row (the LPR of one typology): `out[t] = max(0, Σ_m Σ_h A(t, m, h) · rows[m][h])`.
  /// - Parameters:
  ///   - a: the rate block, `a[(t * binStride + mi) * stride + h]`, `years` rows padded to a multiple of 4 (zero rows).
  ///   - rows: per active bin index mi, the table row for this typology (nil where the source has no events).
  ///   - bins: the active bin indices to sum over.
  ///   - out: `years` results [1/yr].
  @inline(__always)
  package static func column(
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

  /// A block of 16 columns `l0 ..< l0 + 16` of row-major tables (the hazard's levels):
  /// `out[t · 16 + j] = max(0, Σ_m Σ_h A(t, m, h) · rows[m][h · levelStride + l0 + j])`.
  /// - Parameters:
  ///   - a: the rate block; `binStride` bins per year row, `stride` distance entries per bin;
  ///   - years: gas years (rows beyond are padding);
  ///   - nodes: distance nodes N used (≤ stride);
  ///   - bins: the active bin indices to sum over;
  ///   - rows: per bin index, its table `[h][levelStride]`;
  ///   - l0: first level of the block;
  ///   - out: `years × 16` rates, `out[t * 16 + j]` for level l0 + j.
  @inline(__always)
  package static func columnBlock(
    a: UnsafePointer<Float>, binStride: Int, stride: Int, years: Int, nodes: Int, bins: UnsafeBufferPointer<Int>,
    rows: UnsafePointer<UnsafePointer<Float>>, levelStride: Int, l0: Int, out: UnsafeMutablePointer<Float>
  ) {
    let yStride = binStride * stride
    var t0 = 0
    while t0 < years {
      var c00 = SIMD8<Float>()
      var c01 = SIMD8<Float>()
      var c10 = SIMD8<Float>()
      var c11 = SIMD8<Float>()
      var c20 = SIMD8<Float>()
      var c21 = SIMD8<Float>()
      var c30 = SIMD8<Float>()
      var c31 = SIMD8<Float>()
      for mi in bins {
        let h0 = UnsafeRawPointer(rows[mi] + l0)
        let ab = a + (t0 * binStride + mi) * stride
        for h in 0..<nodes {
          let off = h * levelStride * 4
          let v0 = h0.loadUnaligned(fromByteOffset: off, as: SIMD8<Float>.self)
          let v1 = h0.loadUnaligned(fromByteOffset: off + 32, as: SIMD8<Float>.self)
          let a0 = SIMD8<Float>(repeating: ab[h])
          let a1 = SIMD8<Float>(repeating: ab[h + yStride])
          let a2 = SIMD8<Float>(repeating: ab[h + 2 * yStride])
          let a3 = SIMD8<Float>(repeating: ab[h + 3 * yStride])
          c00 += a0 * v0
          c01 += a0 * v1
          c10 += a1 * v0
          c11 += a1 * v1
          c20 += a2 * v0
          c21 += a2 * v1
          c30 += a3 * v0
          c31 += a3 * v1
        }
      }
      @inline(__always) func store(_ j: Int, _ x: SIMD8<Float>, _ y: SIMD8<Float>) {
        guard t0 + j < years else { return }
        // Clamp: the distance interpolation weights can be negative, so a sum that should be 0
        // can come out as −1e-22.
        let o = UnsafeMutableRawPointer(out + (t0 + j) * 16)
        o.storeBytes(of: x.replacing(with: 0, where: x .< 0), as: SIMD8<Float>.self)
        o.storeBytes(of: y.replacing(with: 0, where: y .< 0), toByteOffset: 32, as: SIMD8<Float>.self)
      }
      store(0, c00, c01)
      store(1, c10, c11)
      store(2, c20, c21)
      store(3, c30, c31)
      t0 += 4
    }
  }
}
