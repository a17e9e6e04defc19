import Foundation

/// A parsed comma-separated table with a header row, and typed, validating accessors.
///
/// Accepts LF, CRLF and CR-only line endings (the NAM V5 files are CR-only), a UTF-8
/// byte-order mark, double-quoted fields (with `""` as an escaped quote), and blank lines
/// (skipped). Header names are trimmed of surrounding white space. Every accessor throws an
/// ``InputError`` naming the file, the physical line and the field.
package struct CSVTable: Sendable {
  /// One data row: its physical line number in the file and its cells.
  package struct Row: Sendable {
    package let line: Int
    package let cells: [String]
  }

  /// The file the table was read from (as given).
  package let file: String
  /// Column names from the header row.
  package let header: [String]
  /// Data rows in file order.
  package let rows: [Row]
  private let index: [String: Int]

  /// Reads and parses a CSV file.
  /// - Parameter path: the file to read.
  /// - Throws: ``InputError`` if the file cannot be read, is empty, or has a row whose
  ///   number of cells differs from the header.
  package init(contentsOf path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: path, "cannot read file")
    }
    try self.init(data: data, file: path)
  }

  /// Parses CSV text already in memory; `file` is used in error messages.
  package init(data: Data, file: String) throws {
    guard var text = String(data: data, encoding: .utf8) else {
      throw InputError(file: file, "not valid UTF-8 text")
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let records = try CSVTable.parse(text, file: file)
    guard let first = records.first else { throw InputError(file: file, "empty file: no header row") }
    self.file = file
    self.header = first.cells.map { $0.trimmingCharacters(in: .whitespaces) }
    var idx: [String: Int] = [:]
    for (i, h) in header.enumerated() {
      if idx[h] != nil { throw InputError(file: file, line: first.line, field: h, "duplicate column name") }
      idx[h] = i
    }
    self.index = idx
    var out: [Row] = []
    out.reserveCapacity(records.count)
    for r in records.dropFirst() {
      if r.cells.count == 1 && r.cells[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
      guard r.cells.count == header.count else {
        throw InputError(file: file, line: r.line, "expected \(header.count) fields, found \(r.cells.count)")
      }
      out.append(r)
    }
    self.rows = out
  }

  /// Splits text into records, tracking the physical line each record starts on.
  static func parse(_ text: String, file: String) throws -> [Row] {
    var records: [Row] = []
    var cells: [String] = []
    var cell = ""
    var inQuotes = false
    var line = 1
    var recordLine = 1
    var iterator = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    func next() -> Unicode.Scalar? {
      if let p = pending {
        pending = nil
        return p
      }
      return iterator.next()
    }
    var cellWasQuoted = false
    // Control characters (NUL, escape, …; tab is allowed) are never data: a NUL copied into
    // the outputs would corrupt them.
    func isControl(_ c: Unicode.Scalar) -> Bool { (c.value < 0x20 && c != "\t") || c.value == 0x7F }
    func controlError(_ c: Unicode.Scalar) -> InputError {
      InputError(file: file, line: line, "control character U+\(String(format: "%04X", c.value)) in the text")
    }
    while let c = next() {
      if inQuotes {
        if c == "\"" {
          if let n = next() {
            if n == "\"" {
              cell.unicodeScalars.append("\"")
            } else {
              inQuotes = false
              pending = n
            }
          } else {
            inQuotes = false
          }
        } else {
          if c == "\n" || c == "\r" { line += 1 } else if isControl(c) { throw controlError(c) }
          cell.unicodeScalars.append(c)
        }
        continue
      }
      switch c {
      case "\"":
        if cell.isEmpty && !cellWasQuoted {
          inQuotes = true
          cellWasQuoted = true
        } else {
          cell.unicodeScalars.append(c)
        }
      case ",":
        cells.append(cell)
        cell = ""
        cellWasQuoted = false
      case "\r", "\n":
        if c == "\r", let n = next(), n != "\n" { pending = n }
        cells.append(cell)
        cell = ""
        cellWasQuoted = false
        records.append(Row(line: recordLine, cells: cells))
        cells = []
        line += 1
        recordLine = line
      default:
        if isControl(c) { throw controlError(c) }
        cell.unicodeScalars.append(c)
      }
    }
    if inQuotes { throw InputError(file: file, line: recordLine, "unterminated quoted field") }
    if !cell.isEmpty || !cells.isEmpty {
      cells.append(cell)
      records.append(Row(line: recordLine, cells: cells))
    }
    return records
  }

  /// Whether the table has a column of that name.
  package func has(_ column: String) -> Bool { index[column] != nil }

  /// The index of a required column.
  /// - Throws: ``InputError`` naming the missing column.
  package func column(_ name: String) throws -> Int {
    guard let i = index[name] else {
      throw InputError(
        file: file, line: 1, field: name, "missing column (header has: \(header.joined(separator: ", ")))")
    }
    return i
  }

  /// Throws unless every named column is present.
  package func require(_ names: [String]) throws { for n in names { _ = try column(n) } }

  /// The trimmed text of a cell.
  package func string(_ row: Row, _ column: String) throws -> String {
    row.cells[try self.column(column)].trimmingCharacters(in: .whitespaces)
  }

  /// A cell as a finite double. Empty cells are an error unless `emptyAs` is given.
  /// The strings `NaN`, `nan` and `NA` are accepted only if `nanAs` is given (the TNO GMM tables mark
  /// unused coefficients with NaN, read as 0).
  package func double(_ row: Row, _ column: String, emptyAs: Double? = nil, nanAs: Double? = nil) throws -> Double {
    let s = try string(row, column)
    if s.isEmpty {
      if let e = emptyAs { return e }
      throw InputError(file: file, line: row.line, field: column, "empty value, expected a number")
    }
    if ["nan", "na"].contains(s.lowercased()), let n = nanAs { return n }
    guard let v = Double(s), v.isFinite else {
      throw InputError(file: file, line: row.line, field: column, "not a finite number (\"\(s)\")")
    }
    return v
  }

  /// A cell as an integer.
  package func int(_ row: Row, _ column: String) throws -> Int {
    let s = try string(row, column)
    guard let v = Int(s) else {
      throw InputError(file: file, line: row.line, field: column, "not an integer (\"\(s)\")")
    }
    return v
  }

  /// An error for a row and field, for checks made by the caller.
  package func error(_ row: Row, _ field: String?, _ message: String) -> InputError {
    InputError(file: file, line: row.line, field: field, message)
  }
}
