import Foundation
import Testing

@testable import HRA

@Suite struct NumericsTests {
  @Test func normalQuantileInvertsCDF() {
    for p in [1e-12, 1e-6, 0.01, 0.2, 0.5, 0.7, 0.975, 1 - 1e-9] {
      #expect(close(Normal.cdf(Normal.quantile(p)), p, rel: Tolerance.special))
    }
    // Reference value Φ⁻¹(0.975) = 1.959963984540054 (to 16 digits).
    #expect(close(Normal.quantile(0.975), 1.959963984540054, rel: 1e-15))
  }

  @Test func gaussHermiteIntegratesMoments() {
    let gh = GaussHermite(order: 12)
    #expect(close(gh.weights.reduce(0, +), 1, rel: Tolerance.algebra))
    // E[Z^2k] = (2k−1)!!, exact up to degree 2n−1 = 23.
    var dfact = 1.0
    for k in 1...11 {
      dfact *= Double(2 * k - 1)
      let m = zip(gh.nodes, gh.weights).reduce(0) { $0 + $1.1 * pow($1.0, Double(2 * k)) }
      #expect(close(m, dfact, rel: 1e-10))
    }
    // E[exp(sZ)] = exp(s²/2) (smooth, converges fast).
    let s = 0.6
    let e = zip(gh.nodes, gh.weights).reduce(0) { $0 + $1.1 * exp(s * $1.0) }
    #expect(close(e, exp(s * s / 2), rel: Tolerance.quadrature))
  }
}

@Suite struct SoftplusTests {
  @Test func tableMatchesTheFormula() {
    var worst = 0.0
    var worstS = 0.0
    var u = -45.0
    while u < 45 {
      let exact = u > 0 ? u + log1p(exp(-u)) : log1p(exp(u))
      let e = Softplus.evaluate(u)
      worst = max(worst, abs(e.value - exact))
      worstS = max(worstS, abs(e.logistic - 1 / (1 + exp(-u))))
      u += 0.0013
    }
    // Cubic Hermite on a 1/64 grid: error ~h⁴·max|f⁗|/384 ≈ 1e-10; the logistic is linear: ~h²/8·0.1.
    #expect(worst < 1e-9)
    #expect(worstS < 5e-6)
  }
}
