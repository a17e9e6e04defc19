import Foundation

extension TreeEstimator {
  /// The statistic over `combinations` (``LogicTree/earthquakeCombinations(magnitude:fixed:)``)
  /// of each quantity of ``ConditionalRisk`` for one earthquake at one site and typology.
  /// - Parameters:
  ///   - magnitude: moment magnitude.
  ///   - rrup: rupture distance [km].
  ///   - zoneIndex: index of the site-response zone in the amplification model.
  ///   - typologyIndex: index of the typology in the fragility/consequence model.
  package func conditional(
    combinations combos: [(branch: [Int], weight: Double)], magnitude m: Double, rrup r: Double, zoneIndex zi: Int,
    wierde: Bool, typologyIndex ti: Int, statistic: TreeStatistic
  ) throws -> ConditionalRisk {
    var values: [ConditionalRisk] = []
    for c in combos {
      let g = GMMBranch(
        median: c.branch[0], tau: c.branch[1], phi: c.branch[2], s2sEpsilon: tree.s2sEpsilons[c.branch[3]])
      let model = try model(g, frag: c.branch[4], cons: c.branch[5])
      values.append(ConditionalRisk.evaluate(model: model, magnitude: m, rrup: r, zoneIndex: zi, wierde: wierde)[ti])
    }
    let w = combos.map(\.weight)
    func stat(_ f: (ConditionalRisk) -> Double) -> Double { statistic.of(values.map(f), weights: w) }
    return ConditionalRisk(
      pCS1: stat(\.pCS1), pCS2: stat(\.pCS2), pCS3: stat(\.pCS3), pDeathInside: stat(\.pDeathInside),
      pDeathOutsideStructural: stat(\.pDeathOutsideStructural), pDeathChimney: stat(\.pDeathChimney), lpr: stat(\.lpr))
  }
}
