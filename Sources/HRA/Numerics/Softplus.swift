#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// softplus(u) = ln(1 + eᵘ) and its derivative, the logistic σ(u) = 1/(1 + e⁻ᵘ), without
/// transcendental calls: cubic Hermite interpolation in a table of (softplus, σ) on
/// u ∈ [−40, 40] with step 1/64 (interpolation error below 1e-9, checked in the tests);
/// outside, softplus = 0 resp. u (errors below e⁻⁴⁰).
///
/// The nonlinear site term of GMM V7 (eq. 9.12) is f2·ln((Sa + f3)/f3) = f2·softplus(ln Sa − ln f3),
/// so the hot loop of the surface-motion quadrature needs no exp/log per period.
package enum Softplus {
  static let lo = -40.0
  static let step = 1.0 / 64
  static let invStep = 64.0
  static let count = 80 * 64 + 1
  /// Interleaved (softplus, σ) at the nodes.
  static let table: [Double] = {
    var t = [Double](repeating: 0, count: 2 * count)
    for i in 0..<count {
      let u = lo + Double(i) * step
      t[2 * i] = u > 0 ? u + log1p(exp(-u)) : log1p(exp(u))
      t[2 * i + 1] = 1 / (1 + exp(-u))
    }
    return t
  }()

  /// (softplus(u), σ(u)).
  @inline(__always)
  package static func evaluate(_ u: Double) -> (value: Double, logistic: Double) {
    let x = (u - lo) * invStep
    if !(x >= 0) { return (0, 0) }
    if x >= Double(count - 1) { return (u, 1) }
    let i = Int(x)
    let t = x - Double(i)
    return table.withUnsafeBufferPointer { p in
      let f0 = p[2 * i]
      let d0 = p[2 * i + 1] * step
      let f1 = p[2 * i + 2]
      let d1 = p[2 * i + 3] * step
      let t2 = t * t
      let t3 = t2 * t
      let v = (2 * t3 - 3 * t2 + 1) * f0 + (t3 - 2 * t2 + t) * d0 + (-2 * t3 + 3 * t2) * f1 + (t3 - t2) * d1
      let s = p[2 * i + 1] + (p[2 * i + 3] - p[2 * i + 1]) * t
      return (v, s)
    }
  }
}
