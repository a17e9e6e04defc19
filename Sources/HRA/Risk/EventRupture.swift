/// One sampled earthquake rupture of the event-based estimators (``MonteCarloEstimator``,
/// ``EventSetEstimator``): epicentre, length, strike and hypocentre position, and its R_rup to any
/// site, the one R_rup geometry of every estimator that samples events (the tables' estimators
/// apply the same ``RuptureModel`` through its ``RuptureKernel``).
///
/// ```
/// L = L̃(M) · 10^(σ_log10 L · z),   strike ~ the model's strike law,   u ~ U(0, 1)
/// R_rup = ‖(site − epicentre) − clamp(along, −u·L, (1 − u)·L)·(sin θ, cos θ)‖ with depth
/// ```
/// (``RuptureModel/sample(medianLengthKm:z:zStrike:uStrike:position:)``,
/// ``RuptureModel/rrup(east:north:lengthKm:strike:position:)``.)
struct EventRupture {
  /// Epicentre [km] (map coordinates / 1000).
  let eastKm: Double
  let northKm: Double
  /// Rupture length [km], strike [radians clockwise from north], hypocentre fraction u.
  let lengthKm: Double
  let strike: Double
  let position: Double
}

extension EventRupture {
  /// Draws the rupture of an event at epicentre (x, y) [m] from the caller's stream, in this
  /// order: the hypocentre position u, the strike's uniform, the length's normal.
  @inline(__always)
  init(model: RuptureModel, medianLengthKm: Double, x: Double, y: Double, rng: inout RandomStream) {
    let pos = rng.uniform()
    let uStrike = rng.uniform()
    let zLength = rng.normal()
    let g = model.sample(
      medianLengthKm: medianLengthKm, z: zLength, zStrike: Normal.quantile(uStrike), uStrike: uStrike, position: pos)
    self.init(eastKm: x / 1000, northKm: y / 1000, lengthKm: g.lengthKm, strike: g.strike, position: g.position)
  }

  /// R_rup [km] to a site at (x, y) [m].
  @inline(__always)
  func rrup(model: RuptureModel, x: Double, y: Double) -> Double {
    model.rrup(
      east: x / 1000 - eastKm, north: y / 1000 - northKm, lengthKm: lengthKm, strike: strike, position: position)
  }
}
