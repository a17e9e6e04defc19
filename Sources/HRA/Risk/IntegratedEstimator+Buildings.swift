import Foundation

extension IntegratedEstimator.Result {
  /// The LPR per building and gas year, `[b * years + t]`: the site's LPR mixed over the
  /// building's typologies,
  /// ```
  /// LPR(b, t) = Σ_k p_b(τ_k) · LPR(site(b), τ_k, t)
  /// ```
  package func buildingLPR(mixes: [MonteCarloEstimator.Mix]) -> [Double] {
    let Y = yearCount
    var lpr = [Double](repeating: 0, count: mixes.count * Y)
    for (b, mix) in mixes.enumerated() {
      for y in 0..<Y {
        var v = 0.0
        for (k, t) in mix.typologies.enumerated() {
          v += mix.probabilities[k] * self.lpr(site: mix.site, typology: t, year: y)
        }
        lpr[b * Y + y] = v
      }
    }
    return lpr
  }
}
