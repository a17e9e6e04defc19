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
    let records = try data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      guard String(validating: bytes, as: UTF8.self) != nil else {
        throw InputError(file: file, "not valid UTF-8 text")
      }
      let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
      return try CSVTable.parse(UnsafeBufferPointer(rebasing: bytes[(bom ? 3 : 0)...]), file: file)
    }
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

  /// Splits valid UTF-8 bytes into records, tracking the physical line each record starts on.
  ///
  /// Works on bytes: the characters with a meaning (`"`, `,`, CR, LF and the control characters)
  /// are ASCII and never part of a multi-byte UTF-8 sequence. A quoted field may hold separators
  /// and line breaks (each CR and each LF inside quotes counts a line); `""` inside quotes is a
  /// quote; a quote inside an unquoted field is kept as a character. Outside quotes CR LF, CR and
  /// LF each end a record.
  /// Control characters (NUL, escape, …; tab is allowed) are never data: a NUL copied into the
  /// outputs would corrupt them.
  /// - Throws: ``InputError`` at the line of a control character (other than tab) or of the start
  ///   of an unterminated quoted field.
  static func parse(_ b: UnsafeBufferPointer<UInt8>, file: String) throws -> [Row] {
    var records: [Row] = []
    var cells: [String] = []
    var cell: [UInt8] = []
    cell.reserveCapacity(64)
    var (inQuotes, cellWasQuoted) = (false, false)
    var (line, recordLine) = (1, 1)
    let (quote, comma, cr, lf): (UInt8, UInt8, UInt8, UInt8) = (0x22, 0x2C, 0x0D, 0x0A)
    @inline(__always) func isControl(_ c: UInt8) -> Bool { (c < 0x20 && c != 0x09) || c == 0x7F }
    func controlError(_ c: UInt8) -> InputError {
      InputError(file: file, line: line, "control character U+\(String(format: "%04X", c)) in the text")
    }
    func endCell() {
      cells.append(String(decoding: cell, as: UTF8.self))
      cell.removeAll(keepingCapacity: true)
      cellWasQuoted = false
    }
    var i = 0
    let n = b.count
    while i < n {
      let c = b[i]
      i += 1
      if inQuotes {
        if c == quote {
          if i < n && b[i] == quote {
            cell.append(quote)
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          if c == lf || c == cr { line += 1 } else if isControl(c) { throw controlError(c) }
          cell.append(c)
        }
        continue
      }
      switch c {
      case quote:
        if cell.isEmpty && !cellWasQuoted {
          (inQuotes, cellWasQuoted) = (true, true)
        } else {
          cell.append(c)
        }
      case comma: endCell()
      case cr, lf:
        if c == cr && i < n && b[i] == lf { i += 1 }
        endCell()
        records.append(Row(line: recordLine, cells: cells))
        cells = []
        line += 1
        recordLine = line
      default:
        if isControl(c) { throw controlError(c) }
        cell.append(c)
      }
    }
    if inQuotes { throw InputError(file: file, line: recordLine, "unterminated quoted field") }
    if !cell.isEmpty || !cells.isEmpty {
      endCell()
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
    CSVTable.trimmed(row.cells[try self.column(column)])
  }

  /// The text without surrounding white space (Foundation's `.whitespaces`: tab and the Unicode
  /// space separators); a cell that starts and ends with a printable ASCII character other than
  /// space, the usual case, is returned as it is without calling Foundation.
  @inline(__always) static func trimmed(_ s: String) -> String {
    let u = s.utf8
    guard let a = u.first, let z = u.last else { return s }
    if a > 0x20 && a < 0x7F && z > 0x20 && z < 0x7F { return s }
    return s.trimmingCharacters(in: .whitespaces)
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
    if let n = nanAs, ["nan", "na"].contains(s.lowercased()) { return n }
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
