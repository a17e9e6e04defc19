import Foundation

/// Fragility and consequence model (V7, one fragility branch × one consequence branch) for
/// every typology: the probability of death given the surface ground motion.
///
/// Requires: ln AvgSa [g] (for collapse), ln PGA [g] (for chimneys/gables). Computes:
/// ```
/// P(≥CSk | AvgSa) = Φ((ln AvgSa − ln θk)/β),  θk = exp((ln DL_CSk − b0)/b1),  β = σ/b1
/// P_inside  = Σₖ [Pd_in(CSk) − Pd_in(CSk−1)] · P(≥CSk)           (Pd(CS0) = 0)
/// P_outside = Σₖ [Pd_out(CSk) − Pd_out(CSk−1)] · P(≥CSk)
/// P_chimney = Φ((ln PGA − ln median_chd)/β_chd)   (0 where the class has none)
/// LPR per event = w_in·P_inside + w_out·(P_outside + P_chimney),   w = 0.99 / 0.01
/// ```
/// Reference: Crowley, H. & Pinho, R. (2020), "Report on the v7 Fragility and Consequence
/// Models for the Groningen Field", NAM; TNO `risk_prep.py:calculate_LPR` (LPR weights),
/// `fcm_chimney_pod`. Tables: `Models/fcm/v7/` (EUPL-1.2, TNO).
package struct FragilityConsequence: ModelAnatomy, Sendable {
  /// Typology names in table order.
  package let typologies: [String]
  /// ln θ for CS1..3, per typology: `lnMedian[3*t + k]`.
  package let lnMedian: [Double]
  /// β per typology.
  package let beta: [Double]
  /// Pd inside / outside given CS1..3: `[3*t + k]`.
  package let pdInside: [Double]
  package let pdOutside: [Double]
  /// Chimney/gable death: ln median PGA [g] and β; β = 0 means none.
  package let lnMedianChimney: [Double]
  package let betaChimney: [Double]
  /// Whereabouts weights (inside, outside).
  package let weightInside: Double
  package let weightOutside: Double
  private let index: [String: Int]

  /// Loads one fragility file and one fatality file (e.g. the Middle branches).
  package init(fragilityFile: String, fatalityFile: String, weightInside: Double = 0.99, weightOutside: Double = 0.01)
    throws
  {
    try self.init(
      fragility: try FragilityRow.load(path: fragilityFile), consequence: try ConsequenceRow.load(path: fatalityFile),
      weightInside: weightInside, weightOutside: weightOutside)
  }

  /// Builds the model from rows in memory (e.g. the converted TNO2020 tables, or V6 classes
  /// renamed to exposure typologies): the same equations and checks as the file initialiser.
  ///
  /// θk = exp((ln DL_CSk − b0)/b1), β = σ/b1; typologies in the order of `fragility`, each
  /// needing exactly one row in `consequence`. Errors name the offending row's `file` and `line`.
  /// Reference: Crowley & Pinho (2020); TNO `fcm_tables.py`.
  package init(
    fragility: [FragilityRow], consequence: [ConsequenceRow], weightInside: Double = 0.99, weightOutside: Double = 0.01
  ) throws {
    let f = try FragilityConsequence.fragilityColumns(fragility)
    let idx = Dictionary(uniqueKeysWithValues: f.names.enumerated().map { ($1, $0) })
    let c = try FragilityConsequence.consequenceColumns(consequence, index: idx)
    if let missing = f.names.first(where: { !c.found.contains($0) }) {
      let r = f.rows[missing]!
      throw InputError(
        file: r.file, line: r.line, field: "structural_system", "typology \(missing) has no consequence row")
    }
    typologies = f.names
    lnMedian = f.lnMedian
    beta = f.beta
    pdInside = c.pdInside
    pdOutside = c.pdOutside
    lnMedianChimney = c.lnMedianChimney
    betaChimney = c.betaChimney
    self.weightInside = weightInside
    self.weightOutside = weightOutside
    index = idx
  }

  /// The fragility columns in the order of `fragility`: θk = exp((ln DL_CSk − b0)/b1) as
  /// `lnMedian[3*t + k]`, β = σ/b1, and each typology's row (for later errors).
  /// - Throws: ``InputError`` naming the row's file, line and field for a duplicate typology,
  ///   b1 ≤ 0, σ ≤ 0, a non-finite b0, or displacement limits not three, positive, non-decreasing.
  static func fragilityColumns(
    _ fragility: [FragilityRow]
  ) throws -> (names: [String], lnMedian: [Double], beta: [Double], rows: [String: FragilityRow]) {
    var names: [String] = []
    var lm: [Double] = []
    var be: [Double] = []
    var seen: [String: FragilityRow] = [:]
    for r in fragility {
      func fail(_ field: String, _ message: String) -> InputError {
        InputError(file: r.file, line: r.line, field: field, message)
      }
      if let first = seen[r.typology] {
        let at = first.line.map(String.init) ?? "?"
        throw fail("structural_system", "duplicate typology \(r.typology) (first on line \(at))")
      }
      seen[r.typology] = r
      guard r.b1 > 0 else { throw fail("b1", "must be positive (demand must grow with AvgSa)") }
      guard r.sigma > 0 else { throw fail("sigma", "must be positive") }
      guard r.b0.isFinite else { throw fail("b0", "not a finite number") }
      guard r.displacementLimits.count == 3 else { throw fail("DL_CS1", "need three displacement limits (CS1..3)") }
      var prev = 0.0
      for (k, dl) in r.displacementLimits.enumerated() {
        guard dl > 0 && dl.isFinite else { throw fail("DL_CS\(k + 1)", "displacement limit must be positive") }
        guard dl >= prev else { throw fail("DL_CS\(k + 1)", "displacement limits must not decrease from CS1 to CS3") }
        prev = dl
        lm.append((log(dl) - r.b0) / r.b1)
      }
      names.append(r.typology)
      be.append(r.sigma / r.b1)
    }
    return (names, lm, be, seen)
  }

  /// The consequence columns, laid out by the fragility typology index `idx`: Pd inside and
  /// outside given CS1..3 (`[3*t + k]`), the chimney/gable ln median PGA and β (0: none), and
  /// the typologies that had a row.
  /// - Throws: ``InputError`` naming the row's file, line and field for a typology without a
  ///   fragility row or given twice, probabilities not three or outside [0, 1], or a negative
  ///   chimney median or β.
  static func consequenceColumns(
    _ consequence: [ConsequenceRow], index idx: [String: Int]
  ) throws -> (
    pdInside: [Double], pdOutside: [Double], lnMedianChimney: [Double], betaChimney: [Double], found: Set<String>
  ) {
    var pin = [Double](repeating: 0, count: 3 * idx.count)
    var pout = pin
    var lmc = [Double](repeating: 0, count: idx.count)
    var bc = lmc
    var found = Set<String>()
    for r in consequence {
      func fail(_ field: String, _ message: String) -> InputError {
        InputError(file: r.file, line: r.line, field: field, message)
      }
      guard let t = idx[r.typology] else {
        throw fail("structural_system", "typology \(r.typology) has no fragility row")
      }
      guard found.insert(r.typology).inserted else {
        throw fail("structural_system", "duplicate typology \(r.typology)")
      }
      guard r.pdInside.count == 3 && r.pdOutside.count == 3 else {
        throw fail("Pd_inside|CS1", "need three probabilities (CS1..3) inside and outside")
      }
      for k in 0..<3 {
        guard r.pdInside[k] >= 0 && r.pdInside[k] <= 1 else {
          throw fail("Pd_inside|CS\(k + 1)", "probability outside [0, 1]")
        }
        guard r.pdOutside[k] >= 0 && r.pdOutside[k] <= 1 else {
          throw fail("Pd_outside|CS\(k + 1)", "probability outside [0, 1]")
        }
        pin[3 * t + k] = r.pdInside[k]
        pout[3 * t + k] = r.pdOutside[k]
      }
      guard r.medianPGADeath >= 0 && r.betaDeath >= 0 else {
        throw fail("Median_PGA_chd", "must be ≥ 0 (0 = no chimney model)")
      }
      if r.medianPGADeath > 0 && r.betaDeath > 0 {
        lmc[t] = log(r.medianPGADeath)
        bc[t] = r.betaDeath
      }
    }
    return (pin, pout, lmc, bc, found)
  }

  /// What every Groningen FCM version reads: the typology, AvgSa and PGA (``FCMVersion/requirements``).
  package static var requirements: ModelRequirements { FCMVersion.requirements }

  /// The index of a typology name, or nil.
  package func index(of name: String) -> Int? { index[name] }

  /// P(≥CSk) for k = 1, 2, 3 at ln AvgSa [g].
  @inline(__always)
  package func collapseProbabilities(typology t: Int, lnAvgSa y: Double) -> (Double, Double, Double) {
    let b = beta[t]
    return (
      Normal.cdf((y - lnMedian[3 * t]) / b), Normal.cdf((y - lnMedian[3 * t + 1]) / b),
      Normal.cdf((y - lnMedian[3 * t + 2]) / b)
    )
  }

  /// Probability of death inside and outside (structural) at ln AvgSa [g].
  @inline(__always)
  package func deathStructural(typology t: Int, lnAvgSa y: Double) -> (inside: Double, outside: Double) {
    let (p1, p2, p3) = collapseProbabilities(typology: t, lnAvgSa: y)
    let i = 3 * t
    let din = pdInside[i] * p1 + (pdInside[i + 1] - pdInside[i]) * p2 + (pdInside[i + 2] - pdInside[i + 1]) * p3
    let dout = pdOutside[i] * p1 + (pdOutside[i + 1] - pdOutside[i]) * p2 + (pdOutside[i + 2] - pdOutside[i + 1]) * p3
    return (din, dout)
  }

  /// Probability of death outside by falling chimneys/gables at ln PGA [g].
  @inline(__always)
  package func deathChimney(typology t: Int, lnPGA x: Double) -> Double {
    betaChimney[t] > 0 ? Normal.cdf((x - lnMedianChimney[t]) / betaChimney[t]) : 0
  }
}
