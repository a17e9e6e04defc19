import Foundation

/// An intensity measure type (IMT) a hazard calculation reports.
///
/// `PGA` (peak ground acceleration [g]; in the Groningen GMMs the 0.01 s spectral acceleration),
/// `SA(T)` (5 %-damped spectral acceleration at period T [s], in g), `AVGSA` (the geometric mean
/// of Sa over the GMM's periods, in g: the fragility models' intensity, Bommer et al. 2021 §2)
/// and `PGV` (peak ground velocity [cm/s], only for models that provide it, e.g. Dost et al. 2004).
/// Parsed from and printed as OpenQuake's spelling: `PGA`, `SA(0.3)`, `AVGSA`, `PGV`.
package enum IntensityMeasure: Sendable, Hashable, CustomStringConvertible, Comparable {
  case pga
  case sa(Double)
  case avgSa
  case pgv

  /// Parses `PGA`, `SA(0.3)`, `AVGSA` or `PGV` (case-insensitive).
  package init?(_ text: String) {
    let s = text.trimmingCharacters(in: .whitespaces).uppercased()
    switch s {
    case "PGA": self = .pga
    case "AVGSA": self = .avgSa
    case "PGV": self = .pgv
    default:
      guard s.hasPrefix("SA("), s.hasSuffix(")"), let t = Double(s.dropFirst(3).dropLast()), t.isFinite, t > 0 else {
        return nil
      }
      self = .sa(t)
    }
  }

  package var description: String {
    switch self {
    case .pga: return "PGA"
    case .avgSa: return "AVGSA"
    case .pgv: return "PGV"
    case .sa(let t):
      var s = String(format: "%.3f", t)
      while s.hasSuffix("0") { s.removeLast() }
      if s.hasSuffix(".") { s += "0" }
      return "SA(\(s))"
    }
  }

  /// The unit of the levels: g for accelerations, cm/s for PGV.
  package var unit: String { self == .pgv ? "cm/s" : "g" }

  /// Order used in outputs: PGA, SA by period, AVGSA, PGV.
  var rank: (Int, Double) {
    switch self {
    case .pga: return (0, 0)
    case .sa(let t): return (1, t)
    case .avgSa: return (2, 0)
    case .pgv: return (3, 0)
    }
  }
  package static func < (a: IntensityMeasure, b: IntensityMeasure) -> Bool { a.rank < b.rank }

  /// Parses a comma-separated list (`PGA,SA(0.3),AVGSA`): a located error for an unknown IMT
  /// or a repeated one. `source` names where the list came from (an option or a file).
  package static func list(_ text: String, source: String) throws -> [IntensityMeasure] {
    // Split on commas outside parentheses (SA(0.3) has none inside, but stay safe).
    var items: [String] = []
    var cur = ""
    var depth = 0
    for ch in text {
      if ch == "(" { depth += 1 }
      if ch == ")" { depth -= 1 }
      if ch == "," && depth == 0 {
        items.append(cur)
        cur = ""
      } else {
        cur.append(ch)
      }
    }
    items.append(cur)
    var out: [IntensityMeasure] = []
    for item in items {
      guard let m = IntensityMeasure(item) else {
        throw InputError(
          file: source, field: "imt",
          "unknown intensity measure '\(item.trimmingCharacters(in: .whitespaces))' (use PGA, SA(T) with T in s, AVGSA or PGV)"
        )
      }
      guard !out.contains(m) else { throw InputError(file: source, field: "imt", "intensity measure \(m) given twice") }
      out.append(m)
    }
    return out
  }
}
