/// Equal-width magnitude bins for rates and risk integration.
///
/// ```
/// edges_k = lower + k·width,  k = 0…count;   centres_k = lower + (k + ½)·width
/// ```
/// The HRA uses lower = 1.45, width 0.1, 51 bins (centres 1.5 … 6.5); the values come from
/// `Models/seismicity/parameters.csv`.
package struct MagnitudeBins: Sendable, Equatable {
  /// Lower edge of the first bin (= Mmin).
  package let lower: Double
  /// Bin width (magnitude units).
  package let width: Double
  /// Number of bins.
  package let count: Int

  package init(lower: Double, width: Double, count: Int) {
    precondition(width > 0 && count > 0 && lower.isFinite)
    self.lower = lower
    self.width = width
    self.count = count
  }

  /// The count + 1 bin edges.
  package var edges: [Double] { (0...count).map { lower + Double($0) * width } }
  /// The bin centres.
  package var centres: [Double] { (0..<count).map { lower + (Double($0) + 0.5) * width } }
  /// Upper edge of the last bin.
  package var upper: Double { lower + Double(count) * width }
}
