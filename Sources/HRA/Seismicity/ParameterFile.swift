import Foundation

/// A model-parameter file in the simple `key,value,unit,description` CSV form.
///
/// Every number the seismicity model uses lives in such a file under `Models/`, so the
/// Swift code carries no model constants. Look-ups throw an ``InputError`` naming the
/// file, the line and the key.
package struct ParameterFile: Sendable {
  /// The file read (as given).
  package let file: String
  private var values: [String: (value: String, line: Int)] = [:]

  /// Reads `key,value,unit,description` rows; keys must be unique.
  package init(contentsOf path: String) throws {
    let table = try CSVTable(contentsOf: path)
    try table.require(["key", "value", "unit", "description"])
    file = path
    for row in table.rows {
      let key = try table.string(row, "key")
      if key.isEmpty { throw table.error(row, "key", "empty key") }
      if values[key] != nil { throw table.error(row, "key", "duplicate key '\(key)'") }
      values[key] = (try table.string(row, "value"), row.line)
    }
  }

  /// Whether the file defines `key`.
  package func has(_ key: String) -> Bool { values[key] != nil }

  /// A finite numeric parameter, optionally required to lie in a closed range.
  /// - Throws: ``InputError`` (field = key) if absent, not a finite number, or out of range.
  package func double(_ key: String, in range: ClosedRange<Double>? = nil) throws -> Double {
    guard let entry = values[key] else { throw InputError(file: file, field: key, "missing parameter") }
    guard let v = Double(entry.value), v.isFinite else {
      throw InputError(file: file, line: entry.line, field: key, "not a finite number (\"\(entry.value)\")")
    }
    if let range, !range.contains(v) {
      throw InputError(file: file, line: entry.line, field: key, "value \(v) outside the allowed range \(range)")
    }
    return v
  }

  /// A text parameter.
  package func string(_ key: String) throws -> String {
    guard let entry = values[key] else { throw InputError(file: file, field: key, "missing parameter") }
    return entry.value
  }
}
