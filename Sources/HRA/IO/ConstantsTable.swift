/// A `name,value,...` CSV of named scalar model constants (further columns document unit and source).
package struct ConstantsTable: Sendable {
  package let file: String
  private let values: [String: (Double, Int)]

  /// Reads the table; every `value` must be a finite number and every `name` unique.
  package init(path: String) throws {
    let t = try CSVTable(contentsOf: path)
    try t.require(["name", "value"])
    var v: [String: (Double, Int)] = [:]
    for r in t.rows {
      let n = try t.string(r, "name")
      if let prev = v[n] { throw t.error(r, "name", "duplicate constant '\(n)' (first on line \(prev.1))") }
      v[n] = (try t.double(r, "value"), r.line)
    }
    file = path
    values = v
  }

  /// The value of a required constant.
  package func value(_ name: String) throws -> Double {
    guard let v = values[name] else { throw InputError(file: file, field: name, "missing constant") }
    return v.0
  }

  /// The value of a required constant inside its physical or numerical domain.
  /// - Parameters:
  ///   - range: the allowed closed interval;
  ///   - above: an exclusive lower bound (e.g. 0 for "positive"), checked as well;
  ///   - integer: the value must be a whole number.
  /// - Throws: ``InputError`` naming the file, the constant's line and the domain.
  package func value(_ name: String, in range: ClosedRange<Double>, above: Double? = nil, integer: Bool = false) throws
    -> Double
  {
    guard let (v, line) = values[name] else { throw InputError(file: file, field: name, "missing constant") }
    var ok = range.contains(v)
    if let a = above, !(v > a) { ok = false }
    if integer && v != v.rounded() { ok = false }
    if !ok {
      let lo = above.map { "> \($0)" } ?? "≥ \(range.lowerBound)"
      throw InputError(
        file: file, line: line, field: name,
        "\(v) is outside the allowed domain (\(integer ? "an integer " : "")\(lo) and ≤ \(range.upperBound))")
    }
    return v
  }

  /// An integer constant in a range (see ``value(_:in:above:integer:)``).
  package func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int {
    Int(try value(name, in: Double(range.lowerBound)...Double(range.upperBound), integer: true))
  }
}
