/// One branch of the seismological source logic tree.
///
/// `rateModel` names the stress/creep variant of the activity rate ("elastic": short compaction
/// delay; "elastic_plastic": long creep delay, RTiCM-like), `bModel` the b-value model
/// ("linear_stress" | "split_thickness"), `mmax` the maximum magnitude (HRA.md §2.5 logic tree
/// 4.0 … 6.5).
package struct SourceBranch: Sendable, Hashable {
  package var rateModel: String
  package var bModel: String
  package var mmax: Double

  package init(rateModel: String, bModel: String, mmax: Double) {
    self.rateModel = rateModel
    self.bModel = bModel
    self.mmax = mmax
  }

  /// The rate models the model folder defines.
  package static let rateModels = ["elastic", "elastic_plastic"]
  /// The b-value models ``SeismicityModel`` implements.
  package static let bModels = ["linear_stress", "split_thickness"]
}
