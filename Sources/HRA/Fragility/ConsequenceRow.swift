import Foundation

/// One class of a consequence (fatality) branch table, in memory.
///
/// ```
/// P_inside  = Σₖ [Pd_in(CSk) − Pd_in(CSk−1)]·P(≥CSk)      (Pd(CS0) = 0)
/// P_chimney = Φ((ln PGA[g] − ln Median_PGA_chd)/beta_chd)  (0 where the class has none)
/// ```
/// Reference: TNO `fcm_tables.py:fcm_structural_pod`, `fcm_chimney_pod`.
/// Columns of `Fatality_*.csv`: `structural_system, Pd_inside|CS1..3, Pd_outside|CS1..3, Median_PGA_chd, beta_chd`.
package struct ConsequenceRow: Sendable, Equatable {
  /// The class name (`structural_system`).
  package var typology: String
  /// Probability of death inside / outside given CS1, CS2, CS3.
  package var pdInside: [Double]
  package var pdOutside: [Double]
  /// Death outside by falling chimneys/gables: median PGA [g] and ln-σ; 0 = none.
  package var medianPGADeath: Double
  package var betaDeath: Double
  /// Where the row came from, for error messages.
  package var file: String
  package var line: Int?

  package init(
    typology: String, pdInside: [Double], pdOutside: [Double], medianPGADeath: Double = 0, betaDeath: Double = 0,
    file: String, line: Int? = nil
  ) {
    self.typology = typology
    self.pdInside = pdInside
    self.pdOutside = pdOutside
    self.medianPGADeath = medianPGADeath
    self.betaDeath = betaDeath
    self.file = file
    self.line = line
  }

  /// Reads every row of a fatality file (numbers only; ``FragilityConsequence`` checks them).
  /// - Throws: ``InputError`` for an unreadable file, a missing column or a non-numeric cell.
  package static func load(path: String) throws -> [ConsequenceRow] {
    let t = try CSVTable(contentsOf: path)
    let cols = (1...3).flatMap { ["Pd_inside|CS\($0)", "Pd_outside|CS\($0)"] }
    try t.require(["structural_system", "Median_PGA_chd", "beta_chd"] + cols)
    return try t.rows.map { r in
      ConsequenceRow(
        typology: try t.string(r, "structural_system"),
        pdInside: try (1...3).map { try t.double(r, "Pd_inside|CS\($0)") },
        pdOutside: try (1...3).map { try t.double(r, "Pd_outside|CS\($0)") },
        medianPGADeath: try t.double(r, "Median_PGA_chd"), betaDeath: try t.double(r, "beta_chd"), file: path,
        line: r.line)
    }
  }
}
