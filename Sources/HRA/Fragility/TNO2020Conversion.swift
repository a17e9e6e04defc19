import Foundation

/// TNO's 2020 fragility and consequence model: per class a V6 or V7 base table, re-centred
/// and widened branches (`Models/fcm/tno2020/conversion.csv`, a transcription of TNO's
/// `conversie_v3.yaml`).
///
/// For a class with base B, model uncertainty σm and the flags of its rule, branches k = L, M, U:
/// ```
/// (b0*, b1*) = (b0, b1) of B's Upper branch if frag_up2mid, else of B's Middle branch
/// b0c        = b0* − b1*·ln 0.85 if frag_med_shift, else b0*   (median AvgSa × 0.85)
/// b0_k       = b0c + m_k·σm,  m = (−1.73, 0, +1.73)
/// b1, sigma, DL_CS1..3, chimney fragility of branch k: those of B's branch k
/// Pd (inside, outside, CS1..3), if conseq_up2mid: L' = M, M' = U, U' = U·(U/M); else unchanged
/// chimney death model (Median_PGA_chd, beta_chd) of branch k: B's branch k (not shifted)
/// ```
/// So θ_k = θ*·exp(−m_k·σm/b1)·(0.85 if shifted), θ* the median of the chosen base branch.
/// Where M = 0 = U the shifted Upper is 0 (TNO: 0/0 = NaN, filled with 0 in `fcm_tables.py`).
/// Reference: TNO `convert/convert_FCM.py:convert_to_TNO2020` @ dafa1a6 (EUPL-1.2).
package struct TNO2020Conversion: Sendable {
  /// The conversion rule of one class (one row of `conversion.csv`).
  package struct Rule: Sendable, Equatable {
    /// The class name (`namklasse`; a V7 class name).
    package var typology: String
    /// The base tables: ``FCMVersion/v6`` or ``FCMVersion/v7``.
    package var base: FCMVersion
    /// σm (`modelonzekerheid`), the epistemic σ of b0 [ln m].
    package var modelUncertainty: Double
    /// `conseq_up2mid`: the base's Upper consequence branch becomes the Middle one.
    package var consequenceUpToMiddle: Bool
    /// `frag_up2mid`: the base's Upper fragility branch gives the new centre b0.
    package var fragilityUpToMiddle: Bool
    /// `frag_med_shift`: the median AvgSa is multiplied by ``medianShiftFactor``.
    package var medianShift: Bool
    /// The line of the rule in its file.
    package var line: Int?

    package init(
      typology: String, base: FCMVersion, modelUncertainty: Double, consequenceUpToMiddle: Bool,
      fragilityUpToMiddle: Bool, medianShift: Bool, line: Int? = nil
    ) {
      self.typology = typology
      self.base = base
      self.modelUncertainty = modelUncertainty
      self.consequenceUpToMiddle = consequenceUpToMiddle
      self.fragilityUpToMiddle = fragilityUpToMiddle
      self.medianShift = medianShift
      self.line = line
    }
  }

  /// Multipliers m_k of σm for the Lower, Middle, Upper fragility branch.
  package static let branchMultipliers: [Double] = [-1.73, 0, 1.73]
  /// Factor on the median AvgSa where `frag_med_shift` is set.
  package static let medianShiftFactor = 0.85

  /// The file the rules were read from (for error messages).
  package let file: String
  /// Rules in file order; their classes are the TNO2020 classes.
  package let rules: [Rule]

  package init(file: String, rules: [Rule]) {
    self.file = file
    self.rules = rules
  }

  /// Reads `conversion.csv` (columns `key, namklasse, modelonzekerheid, base, conseq_up2mid,
  /// frag_up2mid, frag_med_shift`; `base` is `v6` or `v7`, flags `yes` or `no`).
  /// - Throws: ``InputError`` for a key different from `namklasse`, a duplicate class, an
  ///   unknown base or flag, or a negative or non-finite σm.
  package init(path: String) throws {
    let t = try CSVTable(contentsOf: path)
    try t.require(["key", "namklasse", "modelonzekerheid", "base", "conseq_up2mid", "frag_up2mid", "frag_med_shift"])
    var out: [Rule] = []
    var seen: [String: Int] = [:]
    for r in t.rows {
      let name = try t.string(r, "namklasse")
      guard try t.string(r, "key") == name else { throw t.error(r, "key", "key differs from namklasse \(name)") }
      if let l = seen[name] { throw t.error(r, "namklasse", "duplicate class \(name) (first on line \(l))") }
      seen[name] = r.line
      let baseText = try t.string(r, "base")
      let base: FCMVersion
      switch baseText {
      case "v6": base = .v6
      case "v7": base = .v7
      default: throw t.error(r, "base", "expected v6 or v7, found \"\(baseText)\"")
      }
      let sm = try t.double(r, "modelonzekerheid")
      guard sm >= 0 else { throw t.error(r, "modelonzekerheid", "must be ≥ 0") }
      func flag(_ column: String) throws -> Bool {
        switch try t.string(r, column) {
        case "yes": return true
        case "no": return false
        case let s: throw t.error(r, column, "expected yes or no, found \"\(s)\"")
        }
      }
      out.append(
        Rule(
          typology: name, base: base, modelUncertainty: sm, consequenceUpToMiddle: try flag("conseq_up2mid"),
          fragilityUpToMiddle: try flag("frag_up2mid"), medianShift: try flag("frag_med_shift"), line: r.line))
    }
    self.init(file: path, rules: out)
  }

  /// The three TNO2020 fragility branches `[Lower, Middle, Upper][class]`, classes in rule order.
  ///
  /// - Parameters: v6, v7: the base tables `[branch][row]` (rows found by class name).
  /// - Throws: ``InputError`` at the rule's line when its class is missing from its base.
  package func fragility(v6: [[FragilityRow]], v7: [[FragilityRow]]) throws -> [[FragilityRow]] {
    var out = [[FragilityRow]](repeating: [], count: 3)
    for rule in rules {
      let b = try baseRows(rule, v6: v6, v7: v7)
      let centre = rule.fragilityUpToMiddle ? b[2] : b[1]
      let b0c = rule.medianShift ? centre.b0 - centre.b1 * log(Self.medianShiftFactor) : centre.b0
      for k in 0..<3 {
        var r = b[k]
        r.b0 = b0c + Self.branchMultipliers[k] * rule.modelUncertainty
        out[k].append(r)
      }
    }
    return out
  }

  /// The three TNO2020 consequence branches `[Lower, Middle, Upper][class]`, classes in rule order.
  ///
  /// - Parameters: v6, v7: the base tables `[branch][row]` (rows found by class name).
  /// - Throws: ``InputError`` at the rule's line when its class is missing from its base, or
  ///   when the shifted Upper branch is not a probability (U > 0 where M = 0, or U²/M > 1).
  package func consequence(v6: [[ConsequenceRow]], v7: [[ConsequenceRow]]) throws -> [[ConsequenceRow]] {
    var out = [[ConsequenceRow]](repeating: [], count: 3)
    for rule in rules {
      let b = try baseRows(rule, v6: v6, v7: v7)
      guard rule.consequenceUpToMiddle else {
        for k in 0..<3 { out[k].append(b[k]) }
        continue
      }
      func upper(_ m: [Double], _ u: [Double], _ field: String) throws -> [Double] {
        try (0..<3).map { j in
          if m[j] == 0 {
            guard u[j] == 0 else {
              throw InputError(
                file: file, line: rule.line, field: "conseq_up2mid",
                "\(rule.typology): \(field)|CS\(j + 1) is 0 in the Middle branch but not in the Upper one")
            }
            return 0
          }
          let v = u[j] * (u[j] / m[j])
          guard v <= 1 else {
            throw InputError(
              file: file, line: rule.line, field: "conseq_up2mid",
              "\(rule.typology): shifted Upper \(field)|CS\(j + 1) = \(v) exceeds 1")
          }
          return v
        }
      }
      var lower = b[0]
      var middle = b[1]
      var up = b[2]
      lower.pdInside = b[1].pdInside
      lower.pdOutside = b[1].pdOutside
      middle.pdInside = b[2].pdInside
      middle.pdOutside = b[2].pdOutside
      up.pdInside = try upper(b[1].pdInside, b[2].pdInside, "Pd_inside")
      up.pdOutside = try upper(b[1].pdOutside, b[2].pdOutside, "Pd_outside")
      out[0].append(lower)
      out[1].append(middle)
      out[2].append(up)
    }
    return out
  }

  /// The base rows of a rule's class in the Lower, Middle and Upper branch.
  private func baseRows<Row>(_ rule: Rule, v6: [[Row]], v7: [[Row]]) throws -> [Row] where Row: NamedRow {
    let tables = rule.base == .v6 ? v6 : v7
    guard tables.count == 3 else {
      throw InputError(file: file, line: rule.line, field: "base", "need three branch tables of \(rule.base.rawValue)")
    }
    return try tables.map { rows in
      guard let r = rows.first(where: { $0.typology == rule.typology }) else {
        throw InputError(
          file: file, line: rule.line, field: "base",
          "class \(rule.typology) is not in the \(rule.base.rawValue) tables")
      }
      return r
    }
  }
}

/// A table row that names its class (``FragilityRow``, ``ConsequenceRow``).
protocol NamedRow { var typology: String { get } }
extension FragilityRow: NamedRow {}
extension ConsequenceRow: NamedRow {}
