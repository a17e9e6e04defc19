import Foundation

/// Text helpers for the report's markup (XHTML-compatible HTML and inline SVG): escaping and
/// number formatting. The report is well-formed XML so that it parses with `XMLParser` as well as
/// in a browser.
enum Markup {
  /// Escapes `&`, `<`, `>`, `"` and `'` for element text and attribute values.
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(c)
      }
    }
    return out
  }

  /// A coordinate in SVG user units with one decimal (0.1 px is below what a screen shows).
  @inline(__always) static func px(_ v: Double) -> String { NumberFormat.fixed1(v) }

  /// A probability in scientific notation with 3 significant digits (`1.10e-04`).
  static func sci(_ v: Double) -> String { NumberFormat.c("%.2e", v) }

  /// A count with thousands separators (`1,295`).
  static func count(_ n: Int) -> String {
    let s = String(abs(n))
    var out = ""
    for (i, c) in s.enumerated() {
      if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }
}
