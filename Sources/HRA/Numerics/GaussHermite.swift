/// Gauss–Hermite quadrature for expectations over a standard normal variable.
///
/// ```
/// E[f(Z)] = ∫ f(z) φ(z) dz ≈ Σᵢ wᵢ f(zᵢ),   Z ~ N(0,1)
/// ```
/// The nodes and weights are the "probabilists'" rule (weight function φ), computed by the
/// Golub–Welsch algorithm (Golub & Welsch 1969, "Calculation of Gauss quadrature rules",
/// Math. Comp. 23): the nodes are the eigenvalues of the symmetric tridiagonal Jacobi
/// matrix with off-diagonal √k, and wᵢ is the squared first component of the i-th
/// normalised eigenvector. The rule is exact for polynomials of degree ≤ 2n−1.
package struct GaussHermite: Sendable, Equatable {
  /// Nodes zᵢ in ascending order.
  package let nodes: [Double]
  /// Weights wᵢ (positive, summing to 1).
  package let weights: [Double]

  /// The n-point rule, n ≥ 1.
  package init(order n: Int) {
    precondition(n >= 1 && n <= 200, "Gauss–Hermite order must be in 1...200")
    if n == 1 {
      nodes = [0]
      weights = [1]
      return
    }
    var j = [Double](repeating: 0, count: n * n)
    for k in 1..<n {
      let b = Double(k).squareRoot()
      j[(k - 1) * n + k] = b
      j[k * n + (k - 1)] = b
    }
    // The Jacobi matrix is symmetric tridiagonal and well conditioned: dsyev cannot fail here.
    let (values, vectors) = try! LinearAlgebra.symmetricEigen(j, n: n)
    var w = (0..<n).map { i in vectors[i] * vectors[i] }
    // Symmetrise to remove round-off asymmetry: the rule is symmetric about 0.
    var z = values
    for i in 0..<(n / 2) {
      let zi = 0.5 * (z[n - 1 - i] - z[i])
      z[i] = -zi
      z[n - 1 - i] = zi
      let wi = 0.5 * (w[i] + w[n - 1 - i])
      w[i] = wi
      w[n - 1 - i] = wi
    }
    if n % 2 == 1 { z[n / 2] = 0 }
    let s = w.reduce(0, +)
    nodes = z
    weights = w.map { $0 / s }
  }
}
