import Foundation

/// One building of the exposure database: location, typology mix, population and owner.
///
/// The typology is a probability mix (EDB V7.1 `system_1..10` with `s_probability_1..10`):
/// the building is of typology `typologies[k]` with probability `probabilities[k]`, and risk
/// is the probability-weighted sum over the mix. Population figures are expected numbers of
/// persons (fractional), as in NAM's EDB: inside the building by day and by night, passers-by,
/// and people running out. `zone` is the site-response zone (ID_V6) the location lies in.
///
/// Units: `x`, `y` in RD New (EPSG:28992) metres; populations in persons.
/// Reference: NAM Exposure Database V7.1 extract format (TNO SHRA `tests/res/example_EDB.csv`).
package struct Building: Sendable, Equatable {
  /// BAG-like building (pand) id: 16 digits in the synthetic exposure (any non-empty text is read).
  package let id: String
  /// RD coordinates (m).
  package let x: Double, y: Double
  /// EDB `main_use` / `secondary_use` (BAG use class; may be empty).
  package let mainUse: String, secondaryUse: String
  /// Typology names (fragility classes), 1 to 10, distinct.
  package let typologies: [String]
  /// Probability of each typology, same order; each in [0, 1], summing to 1 ± 1e-6.
  package let probabilities: [Double]
  /// On a dwelling mound (*wierde*): uses the wierde site amplification.
  package let wierde: Bool
  /// Expected persons inside by day / by night.
  package let populationInsideDay: Double, populationInsideNight: Double
  /// Expected passers-by by day / by night.
  package let passersDay: Double, passersNight: Double
  /// Expected persons running out by day / by night.
  package let runnersOutDay: Double, runnersOutNight: Double
  /// Municipality (2021+ boundaries); "unknown" when not given.
  package let municipality: String
  /// Place (EDB `community`); may be empty.
  package let place: String
  /// Owner type: "corporation" (housing corporation), "private", "other" or "unknown".
  package let ownerType: String
  /// Site-response zone id (ID_V6).
  package let zone: Int

  /// The largest number of typologies in a mix (EDB V7.1 has 10 pairs of columns).
  package static let maxTypologies = 10
  /// Tolerance on the sum of a mix's probabilities.
  package static let probabilitySumTolerance = 1e-6

  /// A violated invariant of a building: the field concerned and what is wrong.
  package struct Invalid: Error, Sendable, Equatable {
    package let field: String
    package let message: String
  }

  /// Creates a building, checking its invariants.
  /// - Throws: ``Building/Invalid`` naming the field (EDB column name) if the id is empty, a
  ///   coordinate or population is not finite or a population is negative, the mix is empty,
  ///   longer than 10, has repeated typologies or counts that differ, or a probability lies
  ///   outside [0, 1], or the probabilities do not sum to 1 ± 1e-6.
  package init(
    id: String, x: Double, y: Double, mainUse: String = "", secondaryUse: String = "",
    typologies: [String], probabilities: [Double], wierde: Bool,
    populationInsideDay: Double, populationInsideNight: Double,
    passersDay: Double, passersNight: Double, runnersOutDay: Double, runnersOutNight: Double,
    municipality: String, place: String, ownerType: String, zone: Int
  ) throws {
    guard !id.isEmpty else { throw Invalid(field: "bag_building_id", message: "empty building id") }
    guard x.isFinite else { throw Invalid(field: "point_x", message: "not a finite coordinate") }
    guard y.isFinite else { throw Invalid(field: "point_y", message: "not a finite coordinate") }
    guard !typologies.isEmpty else { throw Invalid(field: "system_1", message: "no typology") }
    guard typologies.count == probabilities.count else {
      throw Invalid(
        field: "s_probability_1", message: "\(typologies.count) typologies but \(probabilities.count) probabilities")
    }
    guard typologies.count <= Building.maxTypologies else {
      throw Invalid(field: "system_11", message: "more than \(Building.maxTypologies) typologies")
    }
    for (k, t) in typologies.enumerated() where typologies[..<k].contains(t) {
      throw Invalid(field: "system_\(k + 1)", message: "typology \(t) appears twice in the mix")
    }
    for (k, p) in probabilities.enumerated() where !(p >= 0 && p <= 1) {
      throw Invalid(field: "s_probability_\(k + 1)", message: "probability \(p) outside [0, 1]")
    }
    let sum = probabilities.reduce(0, +)
    guard abs(sum - 1) <= Building.probabilitySumTolerance else {
      throw Invalid(
        field: "s_probability_1", message: "probabilities sum to \(sum), not 1 ± \(Building.probabilitySumTolerance)")
    }
    let populations = [
      ("sum_pop_in_day", populationInsideDay), ("sum_pop_in_night", populationInsideNight),
      ("sum_pop_pas_day", passersDay), ("sum_pop_pas_night", passersNight),
      ("sum_pop_runners_out_day", runnersOutDay), ("sum_pop_runners_out_night", runnersOutNight),
    ]
    for (name, v) in populations where !(v.isFinite && v >= 0) {
      throw Invalid(field: name, message: "population \(v) is negative or not finite")
    }
    self.id = id
    self.x = x
    self.y = y
    self.mainUse = mainUse
    self.secondaryUse = secondaryUse
    self.typologies = typologies
    self.probabilities = probabilities
    self.wierde = wierde
    self.populationInsideDay = populationInsideDay
    self.populationInsideNight = populationInsideNight
    self.passersDay = passersDay
    self.passersNight = passersNight
    self.runnersOutDay = runnersOutDay
    self.runnersOutNight = runnersOutNight
    self.municipality = municipality
    self.place = place
    self.ownerType = ownerType
    self.zone = zone
  }
}

extension Building {
  /// The typology mix as written in result files: `URM4L:0.7;RC1L:0.3`.
  package var mixLabel: String {
    zip(typologies, probabilities).map { "\($0.0):\(NumberFormat.c("%g", $0.1))" }.joined(separator: ";")
  }
}
