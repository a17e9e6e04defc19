/// Equal-width magnitude bins for rates and risk integration.
///
/// ```
/// edges_k = lower + k·width,  k = 0…count;   centres_k = lower + (k + ½)·width
/// ```
/// The HRA uses lower = 1.45, width 0.1, 51 bins (centres 1.5 … 6.5); the values come from
/// `Models/seismicity/parameters.csv`.
public struct MagnitudeBins: Sendable, Equatable {
  /// Lower edge of the first bin (= Mmin).
  public let lower: Double
  /// Bin width (magnitude units).
  public let width: Double
  /// Number of bins.
  public let count: Int

  public init(lower: Double, width: Double, count: Int) {
    precondition(width > 0 && count > 0 && lower.isFinite)
    self.lower = lower
    self.width = width
    self.count = count
  }

  /// The count + 1 bin edges.
  public var edges: [Double] { (0...count).map { lower + Double($0) * width } }
  /// The bin centres.
  public var centres: [Double] { (0..<count).map { lower + (Double($0) + 0.5) * width } }
  /// Upper edge of the last bin.
  public var upper: Double { lower + Double(count) * width }
}
