import Foundation

/// A CSV file whose every cell is a plain number, read straight from its bytes into one array
/// per column: the fast path for large numeric tables (a gridded forecast of millions of rows).
///
/// Only the simplest files take this path: ASCII, no quotes, no control characters other than the
/// line breaks, every row with as many cells as the header, every cell a finite number. For
/// anything else ``read(_:file:)`` returns `nil` and the caller parses the file with
/// ``CSVTable``, whose errors name the file, line and field; so the fast path never decides what
/// an error says. The values are those of `Double(String)` on the cell trimmed of white space
/// (the correctly rounded double): a decimal with at most 15 significant digits and a power of
/// ten within ±22 is converted exactly with one rounded multiplication or division (Clinger's
/// fast path; both operands are exact doubles), any other cell through `Double(String)`.
///
/// Reference: W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990.
package struct NumericColumns: Sendable {
  /// The column names of the header row, trimmed.
  package let header: [String]
  /// The values, `columns[j][i]` of column `j` in data row `i` (blank lines skipped).
  package let columns: [[Double]]
  /// The physical line of each data row (1 = the header).
  package let lines: [Int]
  /// Per column, whether every cell is a plain integer (`[+-]digits`, at most 15 digits), so
  /// that `Int(String)` reads the same value.
  package let integral: [Bool]

  /// The values of a named column.
  package func column(_ name: String) -> [Double]? { header.firstIndex(of: name).map { columns[$0] } }

  /// Reads a numeric CSV file from its bytes, or `nil` when the file is not a plain numeric
  /// table (see the type's summary); a leading UTF-8 byte-order mark is skipped.
  /// - Parameters:
  ///   - data: the file's bytes.
  ///   - progress: called with the fraction of the bytes read, about every 1 % of a large file.
  package static func read(_ data: Data, progress: (Double) -> Void = { _ in }) -> NumericColumns? {
    withoutActuallyEscaping(progress) { progress in
      data.withUnsafeBytes { raw -> NumericColumns? in
        let all = raw.bindMemory(to: UInt8.self)
        let bom = all.count >= 3 && all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF
        var reader = Reader(UnsafeBufferPointer(rebasing: all[(bom ? 3 : 0)...]), progress: progress)
        return reader.table()
      }
    }
  }

  /// The byte scanner behind ``read(_:progress:)``.
  struct Reader {
    let b: UnsafeBufferPointer<UInt8>
    let progress: (Double) -> Void
    var i = 0
    var line = 1

    init(_ b: UnsafeBufferPointer<UInt8>, progress: @escaping (Double) -> Void) {
      (self.b, self.progress) = (b, progress)
    }

    /// The header, then the rows; `nil` at the first cell or row the fast path does not take.
    mutating func table() -> NumericColumns? {
      guard let header = headerRow(), !header.contains(""), Set(header).count == header.count else { return nil }
      let width = header.count
      var integral = [Bool](repeating: true, count: width)
      var values: [Double] = []  // row by row; split into columns at the end
      values.reserveCapacity(b.count / 8)
      var lines: [Int] = []
      lines.reserveCapacity(b.count / max(8 * width, 1))
      let step = max(b.count / 100, 1 << 20)
      var nextReport = step
      while i < b.count {
        let blank = lineBreakLength(at: i)
        if blank > 0 {
          i += blank
          line += 1
          continue
        }
        for j in 0..<width {
          guard let (v, isInteger) = cell(last: j == width - 1) else { return nil }
          values.append(v)
          if !isInteger { integral[j] = false }
        }
        lines.append(line)
        line += 1
        if i >= nextReport {
          progress(Double(i) / Double(b.count))
          nextReport = i + step
        }
      }
      let columns = (0..<width).map { j in stride(from: j, to: values.count, by: width).map { values[$0] } }
      return NumericColumns(header: header, columns: columns, lines: lines, integral: integral)
    }

    /// The length of the line break at `k` (CR LF: 2; CR or LF: 1; else 0).
    @inline(__always) func lineBreakLength(at k: Int) -> Int {
      guard k < b.count else { return 0 }
      if b[k] == 0x0A { return 1 }
      if b[k] == 0x0D { return k + 1 < b.count && b[k + 1] == 0x0A ? 2 : 1 }
      return 0
    }

    /// The header's names (plain ASCII without quotes), trimmed; `nil` otherwise.
    mutating func headerRow() -> [String]? {
      var names: [String] = []
      var start = i
      while true {
        let end = i >= b.count || b[i] == 0x2C || lineBreakLength(at: i) > 0
        if end {
          let name = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
          names.append(name.trimmingCharacters(in: .whitespaces))
          if i >= b.count || b[i] != 0x2C {
            i += lineBreakLength(at: i)
            line += 1
            return names
          }
          i += 1
          start = i
          continue
        }
        let c = b[i]
        if c == 0x22 || c >= 0x7F || (c < 0x20 && c != 0x09) { return nil }
        i += 1
      }
    }

    /// The next cell as a finite number and whether it is a plain integer, and the separator
    /// after it consumed: a comma, or (for the row's last cell) a line break or the end of the
    /// file; `nil` for anything else.
    @inline(__always) mutating func cell(last: Bool) -> (Double, Bool)? {
      let start = i
      while i < b.count {
        let c = b[i]
        if c == 0x2C || c == 0x0A || c == 0x0D { break }
        if c == 0x22 || c >= 0x7F || (c < 0x20 && c != 0x09) { return nil }
        i += 1
      }
      let end = i
      if last {
        if i < b.count {
          guard b[i] != 0x2C else { return nil }
          i += lineBreakLength(at: i)
        }
      } else {
        guard i < b.count, b[i] == 0x2C else { return nil }
        i += 1
      }
      let d = NumericColumns.decimal(b, start, end)
      if let v = d.value { return (v, d.isInteger) }
      // A decimal with more digits (shortest round-trip texts have up to 17) is read by the C
      // library, which stops at the separator after it (never at the end of the bytes).
      let v =
        d.isDecimal && end < b.count && NumericColumns.cLocaleDecimalPoint
        ? NumericColumns.strtodDouble(b, start, end) : NumericColumns.slowDouble(b, start, end)
      guard let v, v.isFinite else { return nil }
      return (v, false)
    }
  }

  /// What ``decimal(_:_:_:)`` found in a cell.
  struct Decimal {
    /// The value, when the cell is a decimal with at most 15 significant digits and a power of
    /// ten within ±22 (converted exactly).
    var value: Double?
    /// Whether the cell is a plain decimal, `[+-]digits[.digits][(e|E)[+-]digits]` or
    /// `[+-].digits…` (with `value` `nil` when it has more digits or a larger power of ten).
    var isDecimal: Bool
    /// Whether it is a plain integer, `[+-]digits`.
    var isInteger: Bool
  }

  /// Reads a plain decimal exactly when it has at most 15 significant digits and a power of ten
  /// within ±22 (Clinger's fast path), and says what the cell is otherwise.
  @inline(__always) static func decimal(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Decimal {
    let none = Decimal(value: nil, isDecimal: false, isInteger: false)
    var k = start
    var negative = false
    if k < end && (b[k] == 0x2D || b[k] == 0x2B) {
      negative = b[k] == 0x2D
      k += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0  // significant digits (after leading zeros)
    var anyDigit = false
    var scale = 0  // digits after the point
    var afterPoint = false
    while k < end {
      let c = b[k]
      if c >= 0x30 && c <= 0x39 {
        anyDigit = true
        if mantissa != 0 || c != 0x30 { digits += 1 }
        if digits <= 15 {
          mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
          if afterPoint { scale += 1 }
        } else if !afterPoint {
          scale -= 1  // an integer digit beyond the 15th: only its place counts here
        }
      } else if c == 0x2E && !afterPoint {
        afterPoint = true
      } else {
        break
      }
      k += 1
    }
    guard anyDigit else { return none }
    var exponent = 0
    let hadExponent = k < end
    if hadExponent {
      guard b[k] == 0x65 || b[k] == 0x45 else { return none }
      k += 1
      var expNegative = false
      if k < end && (b[k] == 0x2D || b[k] == 0x2B) {
        expNegative = b[k] == 0x2D
        k += 1
      }
      guard k < end else { return none }
      while k < end {
        let c = b[k]
        guard c >= 0x30 && c <= 0x39 else { return none }
        if exponent < 100_000 { exponent = exponent * 10 + Int(c - 0x30) }
        k += 1
      }
      if expNegative { exponent = -exponent }
    }
    let isInteger = !afterPoint && !hadExponent
    let e = exponent - scale
    if mantissa == 0 && digits == 0 {
      return Decimal(value: negative ? -0.0 : 0.0, isDecimal: true, isInteger: isInteger)
    }
    guard digits <= 15 && e >= -22 && e <= 22 else { return Decimal(value: nil, isDecimal: true, isInteger: isInteger) }
    let m = Double(mantissa)  // exact: < 10^15 < 2^53
    let v = e >= 0 ? m * powersOfTen[e] : m / powersOfTen[-e]
    return Decimal(value: negative ? -v : v, isDecimal: true, isInteger: isInteger)
  }

  /// 10^0 … 10^22, each exact in binary64.
  static let powersOfTen: [Double] = (0...22).map { p in (0..<p).reduce(1.0) { a, _ in a * 10 } }

  /// Whether the C library reads decimals with a point (the C locale's `LC_NUMERIC`, which a
  /// Swift program keeps unless it calls `setlocale`).
  static let cLocaleDecimalPoint: Bool = localeconv().map { String(cString: $0.pointee.decimal_point) == "." } ?? false

  /// `strtod` of a plain decimal cell that is followed by a separator in `b`: the correctly
  /// rounded double, as `Double(String)` (which calls `strtod` in the C locale); `nil` unless it
  /// reads exactly the cell.
  static func strtodDouble(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
    let first = UnsafeMutableRawPointer(mutating: b.baseAddress! + start).assumingMemoryBound(to: CChar.self)
    var stop: UnsafeMutablePointer<CChar>? = nil
    let v = strtod(first, &stop)
    guard let stop, stop - first == end - start else { return nil }
    return v
  }

  /// `Double(String)` of the cell trimmed of white space (the rare cells ``decimal`` does not take).
  static func slowDouble(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
    Double(CSVTable.trimmed(String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)))
  }
}
