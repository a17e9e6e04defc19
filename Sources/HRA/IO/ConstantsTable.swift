/// A `name,value,...` CSV of named scalar model constants (further columns document unit and source).
public struct ConstantsTable: Sendable {
  public let file: String
  private let values: [String: (Double, Int)]

  /// Reads the table; every `value` must be a finite number and every `name` unique.
  public init(path: String) throws {
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
  public func value(_ name: String) throws -> Double {
    guard let v = values[name] else { throw InputError(file: file, field: name, "missing constant") }
    return v.0
  }
}
