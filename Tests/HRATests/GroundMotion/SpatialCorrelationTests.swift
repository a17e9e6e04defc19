import Foundation
import Testing

@testable import HRA

/// The sampled within-event fields reproduce the model: unit variance at every point (the
/// marginal is unchanged by the correlation), the empirical correlation at several distances and
/// period pairs within its sampling error of ρ(h)·ρ_kl; two sites' joint exceedance equals the
/// bivariate normal closed form; bad ranges and singular matrices are located errors.
@Suite struct SpatialCorrelationTests {
  /// Points on a line at 0, 1, 3, 8 and 20 km from the first.
  static let offsetsKm: [Double] = [0, 1, 3, 8, 20]

  /// `columns` samples of the correlated field (row-major points × columns).
  static func sample(_ f: SpatialCorrelation, columns: Int, seed: UInt64) -> [Double] {
    var z = [Double](repeating: 0, count: f.count * columns)
    var rng = RandomStream(seed: seed, keys: [1])
    for i in 0..<z.count { z[i] = rng.normal() }
    z.withUnsafeMutableBufferPointer { f.correlate($0.baseAddress!, columns: columns) }
    return z
  }

  @Test func fieldHasUnitVarianceAndTheModelsCorrelationAtSeveralDistances() throws {
    let x = Self.offsetsKm.map { 240_000 + 1000 * $0 }
    let f = try SpatialCorrelation(
      x: x, y: Array(repeating: 590_000, count: x.count), rangeKm: 10, source: "test")
    let n = 20_000
    let z = Self.sample(f, columns: n, seed: 3)
    let p = f.count
    for i in 0..<p {
      let v = (0..<n).reduce(0.0) { $0 + z[i * n + $1] * z[i * n + $1] } / Double(n)
      // Var of a sample variance of normals: 2/n.
      #expect(abs(v - 1) <= Tolerance.monteCarloSigmas * (2 / Double(n)).squareRoot(), "point \(i): variance \(v)")
    }
    for j in 1..<p {
      let r = (0..<n).reduce(0.0) { $0 + z[$1] * z[j * n + $1] } / Double(n)
      let rho = exp(-3 * Self.offsetsKm[j] / 10)
      // SE of a sample covariance of unit normals: √((1 + ρ²)/n).
      let se = ((1 + rho * rho) / Double(n)).squareRoot()
      #expect(abs(r - rho) <= Tolerance.monteCarloSigmas * se, "h = \(Self.offsetsKm[j]) km: \(r) vs \(rho)")
    }
  }

  @Test func withThePeriodCorrelationTheFieldIsSeparable() throws {
    // ε_k(i) = Σ_j chol(ρ_P)_kj ω_j(i): Corr(ε_k(a), ε_l(b)) = ρ(h_ab)·ρ_P(k, l).
    let gmm = try GMMV7(directory: TestModels.models + "/gmm/v7")
    let P = gmm.periods.count
    let cp = try LinearAlgebra.cholesky(gmm.periodCorrelation, n: P)
    let f = try SpatialCorrelation(x: [240_000, 243_000], y: [590_000, 590_000], rangeKm: 16.5, source: "test")
    let n = 20_000
    let z = Self.sample(f, columns: n * P, seed: 9)  // column c·P + j: sample c, period j
    func eps(_ point: Int, _ k: Int, _ c: Int) -> Double {
      var e = 0.0
      for j in 0...k { e += cp[k * P + j] * z[point * n * P + c * P + j] }
      return e
    }
    for (k, l) in [(0, 0), (0, 9), (3, 6), (9, 9)] {
      var s = 0.0
      for c in 0..<n { s += eps(0, k, c) * eps(1, l, c) }
      let r = s / Double(n)
      let expected = f.rho(distanceKm: 3) * gmm.periodCorrelation[k * P + l]
      let se = ((1 + expected * expected) / Double(n)).squareRoot()
      #expect(abs(r - expected) <= Tolerance.monteCarloSigmas * se, "periods (\(k), \(l)): \(r) vs \(expected)")
    }
  }

  /// Two buildings, one earthquake: each dies when its standardised residual exceeds 0; then
  /// P(N ≥ 2) = P(z₁ > 0, z₂ > 0) = 1/4 + arcsin(ρ)/(2π) (Sheppard's formula), with ρ the pair's
  /// correlation √(α₁α₂) + √((1−α₁)(1−α₂))·ρ(h) (``EventSetEstimator/split(alpha:)``).
  @Test(arguments: [
    (alpha: 1.0, rhoSpace: 0.0), (alpha: 0.0, rhoSpace: 0.0), (alpha: 0.0, rhoSpace: 0.5), (alpha: 0.4, rhoSpace: 0.5),
  ])
  func twoBuildingsJointExceedanceIsTheBivariateNormalClosedForm(alpha: Double, rhoSpace: Double) throws {
    let range = 16.5
    // Distance with ρ(h) = rhoSpace (far apart for 0: ρ = e^{-3·100/16.5} ≈ 1e-8).
    let h = rhoSpace > 0 ? -log(rhoSpace) * range / 3 : 100
    let f = try SpatialCorrelation(
      x: [240_000, 240_000 + 1000 * h], y: [590_000, 590_000], rangeKm: range, source: "t")
    let n = 40_000
    let w = Self.sample(f, columns: n, seed: 21)
    var rng = RandomStream(seed: 22, keys: [2])
    let (a, b) = EventSetEstimator.split(alpha: alpha)
    var both = 0
    for c in 0..<n {
      let eta = rng.normal()
      let z1 = a * eta + b * w[c]
      let z2 = a * eta + b * w[n + c]
      if z1 > 0 && z2 > 0 { both += 1 }
    }
    let rho = alpha + (1 - alpha) * f.rho(distanceKm: h)
    let exact = 0.25 + asin(min(1, rho)) / (2 * Double.pi)
    let p = Double(both) / Double(n)
    let se = (exact * (1 - exact) / Double(n)).squareRoot()
    #expect(abs(p - exact) <= Tolerance.monteCarloSigmas * se, "ρ = \(rho): P(N ≥ 2) \(p) vs \(exact)")
  }

  @Test(arguments: [0.0, -3.0, Double.nan]) func aRangeThatIsNotPositiveIsALocatedError(range: Double) {
    let e = #expect(throws: InputError.self) {
      _ = try SpatialCorrelation(x: [0, 1000], y: [0, 0], rangeKm: range, source: "params.csv")
    }
    #expect(e?.file == "params.csv" && e?.field == "correlation_range_km")
  }

  @Test func aMatrixThatIsNotPositiveDefiniteReportsLAPACKsInfo() {
    // Two points at the same place: the matrix is singular; dpotrf stops at leading minor 3.
    let e = #expect(throws: InputError.self) {
      _ = try SpatialCorrelation(x: [5000, 0, 5000], y: [0, 0, 0], rangeKm: 10, source: "params.csv")
    }
    #expect(e?.file == "params.csv" && e?.message.contains("info = 3") == true, "\(String(describing: e))")
    // A symmetric matrix with unit diagonal that is indefinite.
    let c = [1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1.0]
    let f = #expect(throws: InputError.self) { _ = try SpatialCorrelation.factorise(c, n: 3, source: "m.csv") }
    #expect(f?.message.contains("info = 3") == true && f?.message.contains("not positive definite") == true)
  }
}
