import Foundation

/// The sections and typed keys a ``ConfigFile`` may contain.
///
/// A file validated against a schema (``ConfigFile/validated(against:)``) has only known sections and keys,
/// every value of the declared type and in range, and every `required` key present. The typed accessors of
/// a validated file then apply the declared ranges too.
package struct ConfigSchema: Sendable {
  /// One allowed `[section]` and its keys, in the order they are documented.
  package struct Section: Sendable {
    package var name: String
    package var keys: [ConfigKey]
    package init(_ name: String, _ keys: [ConfigKey]) {
      self.name = name
      self.keys = keys
    }
  }

  /// The allowed sections; the order decides which name is suggested when two are equally close.
  package var sections: [Section]

  package init(_ sections: [Section]) { self.sections = sections }

  /// The declared section of that name, or `nil`.
  package func section(_ name: String) -> Section? { sections.first { $0.name == name } }

  /// The declared key, or `nil`.
  package func key(_ section: String, _ key: String) -> ConfigKey? {
    self.section(section)?.keys.first { $0.name == key }
  }
}

/// One allowed key of a schema section: its name, value type and whether it may be empty or must be given.
package struct ConfigKey: Sendable {
  /// The type of a value, with its allowed range.
  package enum Kind: Sendable, Equatable {
    /// Any non-empty text.
    case string
    /// A decimal integer in the closed range.
    case integer(ClosedRange<Int>)
    /// A finite number, optionally bounded; a bound is inclusive unless marked exclusive.
    case double(min: Double? = nil, max: Double? = nil, exclusiveMin: Bool = false, exclusiveMax: Bool = false)
    /// `true`/`false`, `yes`/`no` or `1`/`0` (letters in any case).
    case boolean
    /// One of the listed strings (case-sensitive).
    case enumeration([String])
    /// Comma-separated finite numbers, each within the bounds; optionally a number of elements.
    case doubles(
      min: Double? = nil, max: Double? = nil, exclusiveMin: Bool = false, exclusiveMax: Bool = false,
      count: ClosedRange<Int>? = nil)
    /// Comma-separated `name=value` pairs with non-empty, distinct names and non-empty values.
    case pairs
    /// A file or folder path; ``ConfigFile/path(_:_:)`` resolves a relative one against the file's folder.
    case path
  }

  package var name: String
  package var kind: Kind
  /// Whether `key =` (an empty value) is allowed; the typed accessors then read it as absent (`nil`).
  package var allowsEmpty: Bool
  /// Whether validation fails when the key is absent.
  package var required: Bool

  package init(_ name: String, _ kind: Kind, allowsEmpty: Bool = false, required: Bool = false) {
    self.name = name
    self.kind = kind
    self.allowsEmpty = allowsEmpty
    self.required = required
  }
}

/// A value parsed according to its ``ConfigKey/Kind``.
enum ConfigValue {
  case text(String)
  case integer(Int)
  case number(Double)
  case boolean(Bool)
  case numbers([Double])
  case pairs([(key: String, value: String)])
}

extension ConfigKey.Kind {
  /// What a valid value looks like, in plain words: "an integer in 1...65535".
  package var expectation: String {
    switch self {
    case .string: return "a text value"
    case .integer(let r):
      return r == Int.min...Int.max ? "an integer" : "an integer in \(r.lowerBound)...\(r.upperBound)"
    case .double(let lo, let hi, let xlo, let xhi): return "a finite number" + Self.bounds(lo, hi, xlo, xhi)
    case .boolean: return "a boolean (true, false, yes, no, 1 or 0)"
    case .enumeration(let allowed): return "one of (" + allowed.joined(separator: ", ") + ")"
    case .doubles(let lo, let hi, let xlo, let xhi, let count):
      var s = "a comma-separated list of "
      if let c = count {
        s += c.lowerBound == c.upperBound ? "\(c.lowerBound) " : "\(c.lowerBound) to \(c.upperBound) "
      }
      return s + "finite numbers" + Self.bounds(lo, hi, xlo, xhi)
    case .pairs: return "a comma-separated list of name=value pairs"
    case .path: return "a file path"
    }
  }

  /// What is wrong with `raw` as a value of this kind, in plain words ("expected an integer in
  /// 1...1024, found \"100000\""), or nil when it fits. The one domain check behind both a
  /// configuration file's value and a command-line option (``CommandConfiguration/key(option:command:)``).
  package func problem(_ raw: String) -> String? {
    if case .failure(let p) = parse(raw) { return p.message }
    return nil
  }

  /// Parses a non-empty, trimmed value, or says in plain words what was wrong with it.
  func parse(_ raw: String) -> Result<ConfigValue, ValueProblem> {
    func problem(_ found: String) -> Result<ConfigValue, ValueProblem> {
      .failure(ValueProblem(message: "expected \(expectation), found \(found)"))
    }
    switch self {
    case .string, .path: return .success(.text(raw))
    case .integer(let r):
      guard let v = Int(raw), r.contains(v) else { return problem("\"\(raw)\"") }
      return .success(.integer(v))
    case .double(let lo, let hi, let xlo, let xhi):
      guard let v = Double(raw), Self.within(v, lo, hi, xlo, xhi) else { return problem("\"\(raw)\"") }
      return .success(.number(v))
    case .boolean:
      switch raw.lowercased() {
      case "true", "yes", "1": return .success(.boolean(true))
      case "false", "no", "0": return .success(.boolean(false))
      default: return problem("\"\(raw)\"")
      }
    case .enumeration(let allowed):
      return allowed.contains(raw) ? .success(.text(raw)) : problem("\"\(raw)\"")
    case .doubles(let lo, let hi, let xlo, let xhi, let count):
      var out: [Double] = []
      for (i, part) in raw.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
        let s = part.trimmingCharacters(in: .whitespaces)
        guard let v = Double(s), Self.within(v, lo, hi, xlo, xhi) else {
          return problem("\"\(s)\" as element \(i + 1)")
        }
        out.append(v)
      }
      if let c = count, !c.contains(out.count) { return problem("\(out.count) element" + (out.count == 1 ? "" : "s")) }
      return .success(.numbers(out))
    case .pairs:
      var out: [(key: String, value: String)] = []
      for (i, part) in raw.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
        let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
          .map { $0.trimmingCharacters(in: .whitespaces) }
        let trimmed = part.trimmingCharacters(in: .whitespaces)
        guard kv.count == 2, !kv[0].isEmpty, !kv[1].isEmpty else {
          return problem("\"\(trimmed)\" as element \(i + 1)")
        }
        if out.contains(where: { $0.key == kv[0] }) { return problem("name '\(kv[0])' twice") }
        out.append((kv[0], kv[1]))
      }
      return .success(.pairs(out))
    }
  }

  private static func within(_ v: Double, _ lo: Double?, _ hi: Double?, _ xlo: Bool, _ xhi: Bool) -> Bool {
    guard v.isFinite else { return false }
    if let lo, xlo ? !(v > lo) : !(v >= lo) { return false }
    if let hi, xhi ? !(v < hi) : !(v <= hi) { return false }
    return true
  }

  /// " in (0, 100]", " > 0", " <= 1" or "" for no bounds.
  private static func bounds(_ lo: Double?, _ hi: Double?, _ xlo: Bool, _ xhi: Bool) -> String {
    func f(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : x.description }
    switch (lo, hi) {
    case (let lo?, let hi?): return " in " + (xlo ? "(" : "[") + f(lo) + ", " + f(hi) + (xhi ? ")" : "]")
    case (let lo?, nil): return (xlo ? " > " : " >= ") + f(lo)
    case (nil, let hi?): return (xhi ? " < " : " <= ") + f(hi)
    case (nil, nil): return ""
    }
  }
}

/// Why a value does not fit its kind ("expected an integer in 1...65535, found \"abc\"").
struct ValueProblem: Error {
  let message: String
}
