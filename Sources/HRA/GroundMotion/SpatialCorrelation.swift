import Foundation

/// The within-event spatial correlation of ln Sa residuals and its Cholesky factor on a set of
/// points, factorised once and reused for every earthquake.
///
/// ```
/// ρ(h) = exp(−3h / b)                      h: distance between two points [km], b: practical range [km]
/// C_ij = ρ(h_ij),   C = L·Lᵀ  (LAPACK dpotrf)
/// ω = L·Z,  Z ~ N(0, I)  ⇒  Cov(ω_i, ω_j) = ρ(h_ij)
/// ```
/// Separable in space and period: one range for the ten AvgSa periods (the period correlation is
/// applied by ``SurfaceMotion``). Reference: Jayaram, N. & Baker, J.W. (2009), "Correlation model
/// for spatially distributed ground-motion intensities", Earthq. Eng. Struct. Dyn. 38(15),
/// 1687–1708 (b(T) for T < 1 s, case 1); the range and its derivation are in
/// `Models/group-risk/README.md`.
///
/// - Complexity: factorisation n³/3 flops and n² doubles of memory (n = points); a sample of m
///   fields n²·m flops (``LinearAlgebra/lowerTriangularMultiply(n:m:l:ldl:b:ldb:)``).
package struct SpatialCorrelation: Sendable {
  /// The practical range b [km] (ρ(b) = e⁻³ ≈ 0.05).
  package let rangeKm: Double
  /// Point coordinates [m] (RD New).
  package let x: [Double]
  package let y: [Double]
  /// Lower Cholesky factor, row-major n×n; nil when the correlation is switched off (identity).
  package let factor: [Double]?

  package var count: Int { x.count }

  /// The correlation ρ(h) of two points `h` km apart.
  @inline(__always)
  package func rho(distanceKm h: Double) -> Double { exp(-3 * h / rangeKm) }

  /// The correlation matrix (row-major) of the points.
  package func matrix() -> [Double] { SpatialCorrelation.matrixOf(x: x, y: y, rangeKm: rangeKm) }

  /// Builds and factorises the correlation of the points.
  /// - Parameters:
  ///   - rangeKm: b > 0 (finite).
  ///   - correlated: false gives independent points (no factor).
  ///   - source: the file (or option) the range came from, for errors.
  /// - Throws: ``InputError`` naming `source` and `correlation_range_km` for b ≤ 0, and for a
  ///   matrix that LAPACK finds not positive definite (its `info`: the leading minor, e.g. two
  ///   points at the same place).
  package init(x: [Double], y: [Double], rangeKm: Double, correlated: Bool = true, source: String) throws {
    precondition(x.count == y.count)
    guard rangeKm > 0 && rangeKm.isFinite else {
      throw InputError(
        file: source, field: "correlation_range_km",
        "the correlation range must be a positive number of km (got \(rangeKm))")
    }
    self.rangeKm = rangeKm
    self.x = x
    self.y = y
    if !correlated {
      factor = nil
      return
    }
    let c = SpatialCorrelation.matrixOf(x: x, y: y, rangeKm: rangeKm)
    factor = try SpatialCorrelation.factorise(c, n: x.count, source: source)
  }

  static func matrixOf(x: [Double], y: [Double], rangeKm: Double) -> [Double] {
    let n = x.count
    var c = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      c[i * n + i] = 1
      for j in 0..<i {
        let dx = (x[i] - x[j]) / 1000
        let dy = (y[i] - y[j]) / 1000
        let r = exp(-3 * (dx * dx + dy * dy).squareRoot() / rangeKm)
        c[i * n + j] = r
        c[j * n + i] = r
      }
    }
    return c
  }

  /// The Cholesky factor of a correlation matrix, LAPACK's failure turned into an ``InputError``.
  package static func factorise(_ c: [Double], n: Int, source: String) throws -> [Double] {
    do {
      return try LinearAlgebra.cholesky(c, n: n)
    } catch let f as LinearAlgebra.Failure {
      switch f {
      case .notPositiveDefinite(let k):
        throw InputError(
          file: source, field: "correlation_range_km",
          "the spatial correlation matrix of \(n) points is not positive definite (LAPACK dpotrf info = \(k): leading minor \(k) is not positive; two points at the same place?)"
        )
      default:
        throw InputError(file: source, field: "correlation_range_km", "Cholesky factorisation failed: \(f)")
      }
    }
  }

  /// Correlates `columns` columns of independent standard normals in place: `z` is row-major
  /// n × `columns` (row = point). Without a factor it is left unchanged.
  package func correlate(_ z: UnsafeMutablePointer<Double>, columns: Int) {
    guard let f = factor else { return }
    f.withUnsafeBufferPointer { l in
      LinearAlgebra.lowerTriangularMultiply(n: count, m: columns, l: l.baseAddress!, ldl: count, b: z, ldb: columns)
    }
  }
}
