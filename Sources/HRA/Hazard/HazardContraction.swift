/// The per-site contraction of a hazard run: annual rates × exceedance tables, for one block of
/// 16 levels.
///
/// ```
/// λ(t, l) = Σ_m Σ_h A(t, m, h) · H_m(h, l)       for every gas year t and level l of the block
/// ```
/// A: the node's rate histograms (``RateBlocks``, `[t (padded to 4)][bin][h (padded)]`), H_m: the
/// table of bin m (median branch chosen per bin), `[h][l]`. Register-blocked over 4 years ×
/// 16 levels (8 `SIMD8<Float>` accumulators): each pass loads two level vectors and four rates
/// for eight fused multiply-adds. Fixed summation order (results do not depend on threads).
/// Single precision: every term is non-negative, so the relative rounding error stays near
/// 1e-6 (the tests compare with a Double sum).
enum HazardContraction {
  /// - Parameters:
  ///   - a: the rate block; `binStride` bins per year row, `stride` distance entries per bin;
  ///   - years: gas years (rows beyond are padding);
  ///   - nodes: distance nodes N used (≤ stride);
  ///   - bins: the active bin indices to sum over;
  ///   - rows: per bin index, its table `[h][levelStride]`;
  ///   - l0: first level of the block;
  ///   - out: `years × 16` rates, `out[t * 16 + j]` for level l0 + j.
  @inline(__always)
  static func rates(
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
