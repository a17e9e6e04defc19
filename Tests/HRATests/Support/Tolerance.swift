/// The project's one tolerance policy: every comparison in the tests uses one of these,
/// and each states why it is as loose as it is.
enum Tolerance {
  /// Exact arithmetic up to accumulated round-off of a few operations (relative).
  static let algebra = 1e-12
  /// Special functions from the C library (erfc, log, exp) composed a few times (relative).
  static let special = 1e-10
  /// ln AF through the nonlinear site term f2·softplus(·), which `Softplus` interpolates in a
  /// table (error below 1e-9, NumericsTests) with |f2| ≤ 1.03 in the V5–V7 tables (absolute).
  static let softplusTable = 2e-9
  /// The same sums of ~10⁴–10⁶ non-negative terms taken in another order or grouping
  /// (relative; round-off grows like n·ε ≈ 1e-10 at most).
  static let summation = 1e-10
  /// Numerical quadrature of smooth integrands at the default orders (relative).
  static let quadrature = 1e-6
  /// Published tables are printed with 4–6 significant digits (relative).
  static let published = 1e-3
  /// Long sums of non-negative terms accumulated in single precision (the logic-tree rate
  /// blocks sum up to ~8,000 source cells in Float: 24-bit mantissa, ~6e-8 per addition;
  /// observed up to 1.2e-5).
  static let singlePrecision = 5e-5
  /// The same intensity distribution evaluated through the 0.04 ln-unit intensity grid (linear
  /// mass assignment, second order in the step h) instead of at the quadrature nodes directly:
  /// relative error ~h²z²/(8β²) in a fragility tail z standard deviations out (2 % at z = 6).
  static let intensityGrid = 2e-2
  /// Monte Carlo: estimates must lie within this many reported standard errors.
  static let monteCarloSigmas = 4.0
}

/// Asserts |observed − expected| ≤ rel·max(|expected|, tiny).
func close(_ observed: Double, _ expected: Double, rel: Double, tiny: Double = 1e-300) -> Bool {
  abs(observed - expected) <= rel * max(abs(expected), tiny)
}
