/// A result outside its mathematical domain (a probability that is NaN, negative or above 1):
/// the run stops and names the building, the gas year and the quantity instead of writing a
/// silent NaN into a list.
package struct NumericalError: Error, CustomStringConvertible, Sendable, Equatable {
  package var message: String
  package var description: String { message }
}

/// Checks of computed results against their domains before anything is written.
package enum NumericalGuard {
  /// Every value of a per-building, per-year probability array (`values[b * years + t]`) must be
  /// finite and in [0, 1].
  /// - Parameters:
  ///   - quantity: what the values are, e.g. "P90 LPR".
  ///   - buildings: building ids in array order; `gasYears` the years.
  /// - Throws: ``NumericalError`` naming the first offending building, gas year and value.
  package static func probabilities(_ values: [Double], quantity: String, buildings: [String], gasYears: [Int]) throws {
    let Y = gasYears.count
    for (i, v) in values.enumerated() where !(v >= 0 && v <= 1) {
      throw NumericalError(
        message: "\(quantity) of building \(buildings[i / Y]) in gas year \(GasYear.label(gasYears[i % Y])) is \(v), "
          + "not a probability in [0, 1]: the run stopped before writing (an internal error; please report it with the manifest)"
      )
    }
  }
}
