/// The project's one tolerance policy: every comparison in the tests uses one of these,
/// and each states why it is as loose as it is.
enum Tolerance {
  /// Exact arithmetic up to accumulated round-off of a few operations (relative).
  static let algebra = 1e-12
  /// Special functions from the C library (erfc, log, exp) composed a few times (relative).
  static let special = 1e-10
  /// Numerical quadrature of smooth integrands at the default orders (relative).
  static let quadrature = 1e-6
  /// Published tables are printed with 4–6 significant digits (relative).
  static let published = 1e-3
  /// Monte Carlo: estimates must lie within this many reported standard errors.
  static let monteCarloSigmas = 4.0
}

/// Asserts |observed − expected| ≤ rel·max(|expected|, tiny).
func close(_ observed: Double, _ expected: Double, rel: Double, tiny: Double = 1e-300) -> Bool {
  abs(observed - expected) <= rel * max(abs(expected), tiny)
}
