import Foundation

/// printf-style formatting of one number through the C library's `vsnprintf`, without the
/// Foundation `String(format:)` machinery (which builds an `NSString` and parses the format on
/// every call: 7 % of a full-field central run went there).
///
/// The text is byte-for-byte what `String(format:)` gives for the same format: on Linux,
/// CoreFoundation formats a floating-point conversion with the C library's `snprintf` too (in
/// the C locale, the one a Swift program keeps unless it calls `setlocale`). Checked value by
/// value in `NumberFormatTests`.
package enum NumberFormat {
  /// `v` formatted with a printf format of one `double` conversion, e.g. `"%.6e"`, `"%.1f"`.
  @inline(__always) package static func c(_ format: StaticString, _ v: Double) -> String {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 352) { buffer in
      let n = withVaList([v]) { args in
        format.withUTF8Buffer { f in
          f.withMemoryRebound(to: CChar.self) { vsnprintf(buffer.baseAddress!, buffer.count, $0.baseAddress!, args) }
        }
      }
      if n >= 0 && Int(n) < buffer.count {
        return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(n)), as: UTF8.self)
      }
      return String(format: "\(format)", v)  // longer than the buffer (%f of a huge number)
    }
  }

  /// `%.6e`: the engine's probabilities and rates in its tables (6 digits after the point).
  @inline(__always) package static func sci6(_ v: Double) -> String { c("%.6e", v) }

  /// `%.1f`: RD coordinates in metres to one decimal.
  @inline(__always) package static func fixed1(_ v: Double) -> String { c("%.1f", v) }
}
