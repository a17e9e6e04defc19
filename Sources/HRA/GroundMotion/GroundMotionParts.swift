import Foundation

/// What loading a Groningen ground-motion version gives (``ModelEntry`` of kind `gmm`): the GMM at
/// NS_B, its site response to the surface and the branch sets it brings to the logic tree.
/// `GroundMotionChain` (Risk/) is these parts with the version's name.
package struct GroundMotionParts: Sendable {
  package let gmm: any GroundMotionModel
  package let site: any SiteResponseModel
  package let sets: GMMBranchSets

  package init(gmm: any GroundMotionModel, site: any SiteResponseModel, sets: GMMBranchSets) {
    self.gmm = gmm
    self.site = site
    self.sets = sets
  }

  /// The intensity measures a Groningen GMM gives with its site response: Sa at the ten AvgSa
  /// periods (``GMMV6/avgSaPeriods``; the fragility models' AvgSa is their geometric mean) and
  /// PGA ≈ Sa(0.01 s).
  package static let avgSaMeasures: [String] =
    ["PGA"] + GMMV6.avgSaPeriods.map { IntensityMeasure.sa($0).description } + ["AVGSA"]
}
