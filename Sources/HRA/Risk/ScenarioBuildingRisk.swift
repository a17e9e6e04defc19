import Foundation

/// The result of one scenario earthquake for one building (`hra scenario`): the mix-weighted
/// collapse and death probabilities and the per-event LPR (``ConditionalRisk``) at its
/// hypocentral distance [km].
package struct ScenarioBuildingRisk: Sendable {
  /// Index of the building in exposure order.
  package var buildingIndex: Int
  /// Distance from the hypocentre to the building's risk site [km].
  package var hypocentralDistanceKm: Double
  package var risk: ConditionalRisk

  package init(buildingIndex: Int, hypocentralDistanceKm: Double, risk: ConditionalRisk) {
    self.buildingIndex = buildingIndex
    self.hypocentralDistanceKm = hypocentralDistanceKm
    self.risk = risk
  }
}
