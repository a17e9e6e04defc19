/// A counter-based random stream keyed by *what is being sampled*, never by scheduling order.
///
/// The n-th output of the stream for key `(seed, k1, k2, …)` is
/// ```
/// x_n = mix64(state + (n + 1) · γ),   state = mix64(… mix64(mix64(seed) ⊕ k1) … ⊕ kj),  γ = 0x9E3779B97F4A7C15
/// ```
/// where `mix64` is the SplitMix64 finaliser (Steele, Lea & Flood 2014, "Fast splittable
/// pseudorandom number generators", OOPSLA). Two streams with different keys are
/// statistically independent for practical purposes, and a stream's values depend only on
/// (seed, key, n): the same catalogue year or logic-tree sample gets the same numbers
/// whatever thread evaluates it, so results are bit-identical for any thread count or
/// shard split.
package struct RandomStream: RandomNumberGenerator, Sendable {
  private var state: UInt64
  private var counter: UInt64 = 0

  /// A stream for `seed` and the key path `keys` (e.g. `[purpose, year, sample]`).
  package init(seed: UInt64, keys: [UInt64]) {
    var s = RandomStream.mix64(seed ^ 0x5851_F42D_4C95_7F2D)
    for k in keys { s = RandomStream.mix64(s ^ RandomStream.mix64(k &+ 0x2545_F491_4F6C_DD1D)) }
    state = s
  }

  /// The SplitMix64 output function (a bijective 64-bit mixer).
  @inline(__always)
  package static func mix64(_ z0: UInt64) -> UInt64 {
    var z = z0
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The next 64 random bits.
  @inline(__always)
  package mutating func next() -> UInt64 {
    counter &+= 1
    return RandomStream.mix64(state &+ counter &* 0x9E37_79B9_7F4A_7C15)
  }

  /// A uniform double in the open interval (0, 1) (53 random bits, never 0 or 1).
  @inline(__always)
  package mutating func uniform() -> Double {
    (Double(next() >> 11) + 0.5) * (1.0 / 9_007_199_254_740_992.0)
  }

  /// A standard normal deviate (by inversion of Φ, so one uniform per normal).
  @inline(__always)
  package mutating func normal() -> Double { Normal.quantile(uniform()) }

  /// A Poisson deviate with mean `lambda` ≥ 0.
  ///
  /// Inversion by sequential search for λ < 30 (exact); for larger λ the PTRS
  /// transformed-rejection method (Hörmann 1993, "The transformed rejection method for
  /// generating Poisson random variables", Insurance: Math. & Econ. 12, algorithm PTRS).
  package mutating func poisson(_ lambda: Double) -> Int {
    precondition(lambda >= 0 && lambda.isFinite, "Poisson mean must be finite and non-negative")
    if lambda == 0 { return 0 }
    if lambda < 30 {
      var k = 0
      var p = Foundation_exp(-lambda)
      var cdf = p
      let u = uniform()
      while u > cdf && k < 10_000 {
        k += 1
        p *= lambda / Double(k)
        cdf += p
        if p == 0 { break }
      }
      return k
    }
    let slam = lambda.squareRoot()
    let loglam = Foundation_log(lambda)
    let b = 0.931 + 2.53 * slam
    let a = -0.059 + 0.02483 * b
    let invalpha = 1.1239 + 1.1328 / (b - 3.4)
    let vr = 0.9277 - 3.6224 / (b - 2)
    while true {
      let u = uniform() - 0.5
      let v = uniform()
      let us = 0.5 - abs(u)
      let k = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
      if us >= 0.07 && v <= vr { return Int(k) }
      if k < 0 || (us < 0.013 && v > us) { continue }
      if Foundation_log(v) + Foundation_log(invalpha) - Foundation_log(a / (us * us) + b)
        <= -lambda + k * loglam - Normal.logGamma(k + 1)
      {
        return Int(k)
      }
    }
  }
}
