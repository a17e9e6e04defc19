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
  /// A one-period hazard exceedance probability from the safeguarded Newton root
  /// (``ExceedanceProbability``, |Δx| < 1e-10) against a 200-step bisection root of the same
  /// function (relative: Φ̄'s log slope, ≤ 9 at z ≤ 8.5, times 1e-10/σ, plus erfc's own error).
  static let exceedanceRoot = 1e-8
  /// RD New ↔ WGS84 by the Schreutelkamp & Strang van Hees (2001) polynomials: the authors state
  /// ~1 m over the Netherlands; the control points are ETRS89 (RDNAPTRANS™2018), which the
  /// polynomials do not distinguish from WGS84 (metres).
  static let rdPolynomialMetres = 1.0
  /// The two polynomial directions are separate fits, so a round trip is not exact; over the
  /// Groningen field it closes within 2.5 mm (metres).
  static let rdRoundTripMetres = 0.01
  /// Hazard curve ⊗ lognormal fragility by OpenQuake's classical_damage discretisation against the
  /// exact integral. Σ_l ν_l·F(x_l) with ν_l = ½(λ_{l−1} − λ_{l+1}) is the trapezoid rule in F over
  /// the rate differences: relative error ≈ (h·κ)²/12 with h = Δln x and κ = d ln F/d ln x where the
  /// hazard mass lies (κ ≈ |z|/β ≈ 4–6 in a fragility's lower tail). At 400 levels over 1e-4–4 g
  /// (h = 0.027) that is ≤ 0.1 %; observed ≤ 0.2 % (relative).
  static let levelConvolution = 5e-3
  /// The same at the default 48 levels (ratio 1.25, h = 0.223, Models/hazard/levels.csv):
  /// (h·κ)²/12 ≈ 2–10 %; observed 1.3–9.5 % (always an overestimate) (relative).
  static let levelConvolutionCoarse = 0.12
  /// The integrated hazard of the Groningen chain against an event set of the exact chain, on top
  /// of the sampling error: the rupture kernel (quadrature over position, angle and length, three
  /// azimuth harmonics; ≤ 0.5 %, RuptureKernelTests), the cubic distance
  /// interpolation (≤ 0.1 %) and the AvgSa quadrature (≤ 1 %) are numerical integrations (relative).
  static let hazardChain = 0.02
  /// A mean over 2,000 logic-tree samples of a 9-branch distribution whose branches differ by
  /// less than a factor 3: the sampling error of the mean is below 3 % (relative).
  static let treeSampling = 0.05
  /// Group-risk event sets against the integrated LPR estimator, on top of the sampling error:
  /// the integrated side integrates the rupture position, length and strike by quadrature, interpolates
  /// in distance (≤ 0.1 %) and uses the AvgSa quadrature (≤ 1 %), the event sets sample them
  /// exactly (relative).
  static let eventSetVsIntegrated = 0.02
  /// Monte Carlo: estimates must lie within this many reported standard errors.
  static let monteCarloSigmas = 4.0
}

/// Asserts |observed − expected| ≤ rel·max(|expected|, tiny).
func close(_ observed: Double, _ expected: Double, rel: Double, tiny: Double = 1e-300) -> Bool {
  abs(observed - expected) <= rel * max(abs(expected), tiny)
}
