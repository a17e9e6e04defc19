/// Expected numbers of earthquakes per gas year, source cell and magnitude bin: the input of
/// both risk estimators, independent of how the seismological model produced it.
package struct RateField: Sendable {
  /// Gas years (2019 = gas year 2019/20).
  package let gasYears: [Int]
  /// Source cell centres [RD m].
  package let cellX: [Double]
  package let cellY: [Double]
  /// Representative magnitude of each bin (bin centre).
  package let magnitudes: [Double]
  /// `rates[(year * cells + cell) * bins + bin]`: expected number of events.
  package let rates: [Double]

  package var cellCount: Int { cellX.count }
  package var binCount: Int { magnitudes.count }

  package init(gasYears: [Int], cellX: [Double], cellY: [Double], magnitudes: [Double], rates: [Double]) {
    precondition(cellX.count == cellY.count)
    precondition(rates.count == gasYears.count * cellX.count * magnitudes.count, "rate array has the wrong size")
    precondition(rates.allSatisfy { $0 >= 0 && $0.isFinite }, "rates must be finite and non-negative")
    self.gasYears = gasYears
    self.cellX = cellX
    self.cellY = cellY
    self.magnitudes = magnitudes
    self.rates = rates
  }

  /// Expected number of events of all magnitudes in year index `t`.
  package func total(year t: Int) -> Double {
    let n = cellCount * binCount
    return rates[(t * n)..<((t + 1) * n)].reduce(0, +)
  }
}

extension RateField {
  /// The rates of a seismicity forecast over its source grid (magnitudes = bin centres).
  package init(_ e: EventRates, grid: SourceGrid) {
    self.init(gasYears: e.gasYears, cellX: grid.x, cellY: grid.y, magnitudes: e.bins.centres, rates: e.rates)
  }
}
