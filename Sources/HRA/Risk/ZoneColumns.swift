/// The response columns of one zone's tables (``ZoneTables``): what an estimator contracts the
/// rates with. A value is built per zone (it knows its zone and, for the LPR, the typologies
/// present there) and fills the blocks of one (τ φ pair, median) at a time.
///
/// Conforming types: ``LPRColumns`` (P(collapse)·P(death | collapse) per typology, by intensity
/// histograms × responses) and `ExceedanceColumns` (Hazard/: P(IM > x_l) per IMT and level).
/// A new kind of column is a conforming type; the builder, the driver (``ZoneDriver``) and the
/// contraction (``RateContraction``) stay as they are.
protocol ZoneColumns {
  /// The column groups of (τ φ pair, ε index): one block each (the LPR's fragility/consequence
  /// pairs; `[0]` when the columns have one group).
  func groups(pair: Int, epsilonIndex: Int) -> [Int]
  /// Floats of one block for wierde flag `wierde`.
  func blockSize(wierde: Bool) -> Int
  /// Fills every block (ε, wierde flag, group) of the median `medianIndex` of pair `pair`:
  /// the block of key k starts at `dst + offset[k]`.
  func fill(
    branches: ZoneTables.Branches, pair: Int, medianIndex: Int, flags: [Bool], offset: [ZoneTables.Key: Int],
    into dst: UnsafeMutablePointer<Float>
  )
}
