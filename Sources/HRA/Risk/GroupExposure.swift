/// The people and buildings at each risk site, per typology: what the fatalities and collapses
/// of one earthquake are summed over.
///
/// For building b with typology mix p_b(τ) at site s(b), inside occupants I_b and outside
/// occupants O_b (``occupants(_:dayFraction:)``):
/// ```
/// inside[s, τ]  = Σ_{b: s(b)=s} p_b(τ)·I_b        persons
/// outside[s, τ] = Σ_{b: s(b)=s} p_b(τ)·O_b        persons
/// buildings[s, τ] = Σ_{b: s(b)=s} p_b(τ)          expected number of buildings of typology τ
/// N(event) = Σ_s Σ_τ inside[s,τ]·P_in(death | field_s) + outside[s,τ]·(P_out + P_chimney)(field_s)
/// ```
/// Entries are flat (struct of arrays): site s owns `start[s]..<start[s+1]`.
package struct GroupExposure: Sendable {
  package let start: [Int]
  package let typology: [Int]
  package let inside: [Double]
  package let outside: [Double]
  package let buildings: [Double]
  /// Site of every building (for per-building results).
  package let siteOfBuilding: [Int]

  /// Inside and outside occupants of a building [persons], averaged over the time of day:
  /// ```
  /// I = f·sum_pop_in_day + (1 − f)·sum_pop_in_night
  /// O = f·(sum_pop_pas_day + sum_pop_runners_out_day) + (1 − f)·(sum_pop_pas_night + sum_pop_runners_out_night)
  /// ```
  /// (f = `dayFraction`; runners-out are exposed to the outside consequences, as passers-by).
  package static func occupants(_ b: Building, dayFraction f: Double) -> (inside: Double, outside: Double) {
    (
      f * b.populationInsideDay + (1 - f) * b.populationInsideNight,
      f * (b.passersDay + b.runnersOutDay) + (1 - f) * (b.passersNight + b.runnersOutNight)
    )
  }

  /// Aggregates buildings (mix and occupants each) per site and typology.
  /// - Parameters:
  ///   - siteCount: the number of risk sites.
  ///   - mixes: per building its site and typology mix.
  ///   - inside, outside: per building its occupants [persons], ≥ 0.
  package init(siteCount: Int, mixes: [MonteCarloEstimator.Mix], inside: [Double], outside: [Double]) {
    precondition(mixes.count == inside.count && inside.count == outside.count)
    var per = [[Int: (Double, Double, Double)]](repeating: [:], count: siteCount)
    for (b, m) in mixes.enumerated() {
      for (k, t) in m.typologies.enumerated() {
        let p = m.probabilities[k]
        let v = per[m.site][t] ?? (0, 0, 0)
        per[m.site][t] = (v.0 + p * inside[b], v.1 + p * outside[b], v.2 + p)
      }
    }
    var st = [0]
    var ty: [Int] = []
    var i: [Double] = []
    var o: [Double] = []
    var n: [Double] = []
    for s in 0..<siteCount {
      for t in per[s].keys.sorted() {
        let v = per[s][t]!
        ty.append(t)
        i.append(v.0)
        o.append(v.1)
        n.append(v.2)
      }
      st.append(ty.count)
    }
    start = st
    typology = ty
    self.inside = i
    self.outside = o
    buildings = n
    siteOfBuilding = mixes.map(\.site)
  }

  package var siteCount: Int { start.count - 1 }
  /// Total inside and outside occupants.
  package var totalOccupants: Double { inside.reduce(0, +) + outside.reduce(0, +) }
}
