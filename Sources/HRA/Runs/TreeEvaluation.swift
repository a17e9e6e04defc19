import Foundation

/// What the LPR tree gave for a run's buildings, in exposure order: of one run, or assembled
/// from the parts of its shards or checkpoints (``RunPart``), what the run's folder is written from.
struct TreeEvaluation {
  var result: TreeEstimator.Result
  /// The run's risk sites.
  var siteCount: Int
  /// The distinct GMM-median paths (enumeration) or nil (sampling).
  var medianPaths: Int?
  /// The field maxima of the mean 475-year PGA per gas year (nil: `hazard_summary` off).
  var hazard: [HazardRunSummary.Year]?

  /// The evaluation of a computed tree (its rate blocks dropped: the hazard summary is done).
  init(_ k: TreeComputation, hazard: [HazardRunSummary.Year]?) {
    var r = k.result
    r.rateBlocks = nil
    (result, siteCount, medianPaths, self.hazard) = (r, k.sites.siteCount, k.medianPaths, hazard)
  }

  init(result: TreeEstimator.Result, siteCount: Int, medianPaths: Int?, hazard: [HazardRunSummary.Year]?) {
    (self.result, self.siteCount, self.medianPaths, self.hazard) = (result, siteCount, medianPaths, hazard)
  }
}
