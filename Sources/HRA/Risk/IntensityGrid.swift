/// The ln-intensity grid [ln g] on which every estimator tabulates the distribution of surface
/// ln AvgSa and ln PGA, with the one linear mass assignment and the one response tabulation
/// that the integrated estimator (``EventRiskTable``), the logic tree (``ZoneTables``) and the
/// scenario tree (``ScenarioTree``) share.
///
/// ```
/// y_j = lnMin + j·step,  j = 0 … count−1                                 (Models/risk/numerics.csv)
/// deposit(v, w):  t = clip((v − lnMin)/step, 0, count − 1 − 1e-9),  i = ⌊t⌋,  f = t − i
///                 h[i] += w·(1 − f),  h[i+1] += w·f
/// E[g(Y)] ≈ Σ_j h[j]·g(y_j)        (exact for g linear between nodes; mass beyond the ends on the end nodes)
/// ```
package struct IntensityGrid: Sendable, Equatable {
  package let lnMin: Double
  package let step: Double
  package let count: Int
  let inverse: Double
  let top: Double

  package init(lnMin: Double, step: Double, count: Int) {
    precondition(step > 0 && count >= 2)
    self.lnMin = lnMin
    self.step = step
    self.count = count
    inverse = 1 / step
    top = Double(count - 1) - 1e-9
  }

  /// The value of node j [ln g].
  @inline(__always) package func value(_ j: Int) -> Double { lnMin + Double(j) * step }

  /// Adds weight `w` at ln-intensity `v` into a histogram whose element 0 is node `low`
  /// (nodes below `low` are dropped: the logic tree leaves out nodes whose response is below
  /// its floor).
  @inline(__always)
  package func deposit(_ v: Double, weight w: Double, into h: UnsafeMutablePointer<Double>, low: Int = 0) {
    let t = min(max((v - lnMin) * inverse, 0), top)
    let i = Int(t)
    let f = t - Double(i)
    if i >= low { h[i - low] += w * (1 - f) }
    if i + 1 >= low { h[i + 1 - low] += w * f }
  }

  /// A response tabulated on the grid for every typology: `r[j * typologies + t] = f(y_j, t)`
  /// (row-major J × T, the right-hand side of the contraction histogram · response).
  package func tabulate(typologies T: Int, _ f: (Double, Int) -> Double) -> [Double] {
    var r = [Double](repeating: 0, count: count * T)
    for j in 0..<count {
      let y = value(j)
      for t in 0..<T { r[j * T + t] = f(y, t) }
    }
    return r
  }
}

extension RiskModel {
  /// The model's intensity grid.
  package var intensityGrid: IntensityGrid {
    IntensityGrid(lnMin: intensityMin, step: intensityStep, count: intensityCount)
  }
}
