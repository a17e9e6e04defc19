import Foundation

/// Stable JSON output: sorted keys, pretty-printed, no escaped slashes, newline-terminated.
package enum JSONCoding {
  package static func encode<T: Encodable>(_ v: T) throws -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    e.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return String(decoding: try e.encode(v), as: UTF8.self) + "\n"
  }
}
