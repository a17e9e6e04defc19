import Foundation

/// One class of a fragility branch table, in memory: the capacity-demand relation and the
/// collapse displacement limits.
///
/// ```
/// ln SD = b0 + b1·ln AvgSa[g]          (SD: spectral displacement demand, m)
/// θ_k   = exp((ln DL_CSk − b0)/b1)     (median AvgSa [g] of collapse state k)
/// β     = sigma/b1
/// ```
/// Reference: Crowley & Pinho (2020) eq. 5.1-5.3; TNO `fcm_tables.py:fcm_structural_poe`.
/// Columns of `Fragility_*.csv`: `structural_system, b0, b1, sigma, DL_CS1..3, Median_PGA_chf, beta_chf`.
package struct FragilityRow: Sendable, Equatable {
  /// The class name (`structural_system`).
  package var typology: String
  package var b0: Double
  package var b1: Double
  /// σ of ln SD.
  package var sigma: Double
  /// Displacement limits of CS1, CS2, CS3 [m].
  package var displacementLimits: [Double]
  /// Chimney/gable *fragility* (`Median_PGA_chf` [g], `beta_chf`; 0 = none). Kept for completeness:
  /// the LPR uses the chimney *death* model of ``ConsequenceRow`` only (TNO `risk_prep.py:calculate_LPR`).
  package var medianPGAChimney: Double
  package var betaChimney: Double
  /// Where the row came from, for error messages.
  package var file: String
  package var line: Int?

  package init(
    typology: String, b0: Double, b1: Double, sigma: Double, displacementLimits: [Double],
    medianPGAChimney: Double = 0, betaChimney: Double = 0, file: String, line: Int? = nil
  ) {
    self.typology = typology
    self.b0 = b0
    self.b1 = b1
    self.sigma = sigma
    self.displacementLimits = displacementLimits
    self.medianPGAChimney = medianPGAChimney
    self.betaChimney = betaChimney
    self.file = file
    self.line = line
  }

  /// Reads every row of a fragility file (numbers only; ``FragilityConsequence`` checks them).
  /// - Throws: ``InputError`` for an unreadable file, a missing column or a non-numeric cell.
  package static func load(path: String) throws -> [FragilityRow] {
    let t = try CSVTable(contentsOf: path)
    try t.require(["structural_system", "b0", "b1", "sigma", "DL_CS1", "DL_CS2", "DL_CS3"])
    return try t.rows.map { r in
      FragilityRow(
        typology: try t.string(r, "structural_system"), b0: try t.double(r, "b0"), b1: try t.double(r, "b1"),
        sigma: try t.double(r, "sigma"), displacementLimits: try (1...3).map { try t.double(r, "DL_CS\($0)") },
        medianPGAChimney: t.has("Median_PGA_chf") ? try t.double(r, "Median_PGA_chf") : 0,
        betaChimney: t.has("beta_chf") ? try t.double(r, "beta_chf") : 0, file: path, line: r.line)
    }
  }
}
