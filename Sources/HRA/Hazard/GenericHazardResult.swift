import Foundation

/// The results of a generic hazard and damage run in memory (``GenericHazard``): the integrated
/// curves and damage-state rates and/or the event-based (Monte Carlo) ones.
package struct GenericHazardResult: Sendable {
  /// Annual exceedance rates per IMT: `integrated[i][s·L_i + l]`.
  package var integrated: [[Double]]?
  package var eventBased: EventBasedHazard.Result?
  /// Annual rates of reaching each damage state per site and (typology, state) column
  /// (``ClassicalDamage``).
  package var damage: [Double]?

  package init(integrated: [[Double]]? = nil, eventBased: EventBasedHazard.Result? = nil, damage: [Double]? = nil) {
    self.integrated = integrated
    self.eventBased = eventBased
    self.damage = damage
  }
}
