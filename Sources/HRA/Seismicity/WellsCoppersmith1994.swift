import Foundation

/// The rupture-area scaling of Wells & Coppersmith (1994) for all slip types.
///
/// ```
/// log10 RA = a + b·M        RA: rupture area [km²], M: moment magnitude
/// L = √(RA·α),  W = √(RA/α)  α: aspect ratio L/W (a run parameter)
/// ```
/// Reference: Wells, D.L. & Coppersmith, K.J. (1994), BSSA 84(4), 974–1002, Table 2A
/// (a = −3.49, b = 0.91, σ = 0.24 for all slip types; data 4.8 ≤ M ≤ 7.9). The coefficients are read
/// from `Models/rupture-scaling/wells-coppersmith-1994.csv`; below M 4.8 the relation is extrapolated.
package struct WellsCoppersmith1994: Sendable, Equatable {
  package let a: Double
  package let b: Double
  package let file: String

  package init(a: Double, b: Double, file: String = "wells-coppersmith-1994") {
    self.a = a
    self.b = b
    self.file = file
  }

  /// Reads the `area,all` row of the coefficient file.
  package init(path: String) throws {
    let t = try CSVTable(contentsOf: path)
    try t.require(["relation", "slip_type", "a", "b"])
    guard
      let row = try t.rows.first(where: { try t.string($0, "relation") == "area" && t.string($0, "slip_type") == "all" }
      )
    else { throw InputError(file: path, field: "relation", "no row with relation 'area' and slip_type 'all'") }
    let b = try t.double(row, "b")
    guard b > 0 else { throw t.error(row, "b", "the magnitude slope must be positive (got \(b))") }
    self.init(a: try t.double(row, "a"), b: b, file: path)
  }

  /// The median rupture area [km²] at magnitude `m`.
  package func area(magnitude m: Double) -> Double { pow(10, a + b * m) }

  /// Length and width [km] of a rectangular rupture with aspect ratio L/W = `aspectRatio`.
  package func dimensions(magnitude m: Double, aspectRatio: Double) -> (length: Double, width: Double) {
    let ra = area(magnitude: m)
    return ((ra * aspectRatio).squareRoot(), (ra / aspectRatio).squareRoot())
  }
}
