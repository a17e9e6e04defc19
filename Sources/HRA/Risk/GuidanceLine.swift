import Foundation

/// The group-risk guidance line F_g(≥ N) [1/yr] an FN curve is compared with.
///
/// Default (`Models/group-risk/guidance-line.csv`): the Dutch external-safety oriëntatiewaarde
/// F_g(≥ N) = 10⁻³/N² per year for N ≥ 10 (Bevi 2004, art. 1; see the folder's README).
/// Between tabulated points the line is interpolated linearly in (ln N, ln F); outside the
/// tabulated range it is not defined (nil).
package struct GuidanceLine: Sendable, Equatable {
  package let n: [Double]
  package let frequency: [Double]
  package let file: String

  /// Reads `n,frequency_per_yr`.
  /// - Throws: ``InputError`` naming the file, line and column for a value ≤ 0 or not finite,
  ///   N not strictly ascending, or a frequency that does not strictly decrease.
  package init(path: String) throws {
    let t = try CSVTable(contentsOf: path)
    try t.require(["n", "frequency_per_yr"])
    var n: [Double] = []
    var f: [Double] = []
    for r in t.rows {
      let x = try t.double(r, "n")
      let y = try t.double(r, "frequency_per_yr")
      guard x >= 1 && x.isFinite else { throw t.error(r, "n", "N must be a number ≥ 1 (got \(x))") }
      guard y > 0 && y.isFinite else { throw t.error(r, "frequency_per_yr", "frequency must be > 0 (got \(y))") }
      if let last = n.last, !(x > last) { throw t.error(r, "n", "N must be strictly ascending (\(x) after \(last))") }
      if let last = f.last, !(y < last) {
        throw t.error(r, "frequency_per_yr", "the guidance line must decrease with N (\(y) after \(last))")
      }
      n.append(x)
      f.append(y)
    }
    guard !n.isEmpty else { throw InputError(file: path, field: "n", "the guidance line has no points") }
    self.n = n
    frequency = f
    file = path
  }

  /// F_g(≥ x) [1/yr] (exactly the tabulated value at a tabulated N), or nil outside the tabulated N.
  package func frequency(atLeast x: Double) -> Double? {
    guard let first = n.first, let last = n.last, x >= first, x <= last else { return nil }
    if let i = n.firstIndex(of: x) { return frequency[i] }
    var i = 0
    while i + 1 < n.count - 1 && n[i + 1] < x { i += 1 }
    let a = (log(x) - log(n[i])) / (log(n[i + 1]) - log(n[i]))
    return exp(log(frequency[i]) + a * (log(frequency[i + 1]) - log(frequency[i])))
  }
}
