import Foundation

/// A part file: one shard's results, written by one process and read by the merge.
///
/// Layout (version 1): the line `GroningenHRA part 1\n`, the header's length in bytes as a
/// decimal line, the header (JSON, UTF-8), then the payload (little-endian binary). The header
/// holds the payload's length and SHA-256, so a truncated or corrupt file is found before any
/// of it is used. Written atomically (a temporary file in the same folder, then renamed), so a
/// killed process leaves no part, only a temporary file that readers ignore.
package enum PartFile {
  static let magic = "GroningenHRA part 1\n"
  /// The file name extension of part files.
  package static let pathExtension = "hrapart"

  /// Writes `header` (its `payloadBytes` and `payloadSHA256` are set here) and `payload` to
  /// `path` atomically.
  package static func write<H: PartHeader>(_ header: H, payload: Data, to path: String) throws {
    var h = header
    h.payloadBytes = payload.count
    h.payloadSHA256 = SHA256.hex(payload)
    let json = Data(try JSONCoding.encode(h).utf8)
    var data = Data(magic.utf8)
    data.append(Data("\(json.count)\n".utf8))
    data.append(json)
    data.append(payload)
    try AtomicOutput.writeFile(data, to: path)
  }

  /// Reads the header and payload of `path`, checking format, version, lengths and checksum.
  /// - Throws: ``InputError`` naming the file for anything that is not a complete part.
  package static func read<H: PartHeader>(_ type: H.Type, from path: String) throws -> (header: H, payload: Data) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: path, "cannot read the part file")
    }
    let m = Data(magic.utf8)
    guard data.count > m.count, data.prefix(m.count) == m else {
      throw InputError(file: path, field: "format", "not a GroningenHRA part file (version 1)")
    }
    var i = data.startIndex + m.count
    guard let nl = data[i...].firstIndex(of: UInt8(ascii: "\n")),
      let n = Int(String(decoding: data[i..<nl], as: UTF8.self)), n > 0, nl + 1 + n <= data.endIndex
    else {
      throw InputError(file: path, field: "header", "the header is truncated or damaged")
    }
    i = nl + 1
    let header: H
    do {
      header = try JSONDecoder().decode(H.self, from: data[i..<(i + n)])
    } catch {
      throw InputError(file: path, field: "header", "the header cannot be read: \(error)")
    }
    let payload = data[(i + n)...]
    guard payload.count == header.payloadBytes else {
      throw InputError(
        file: path, field: "payload",
        "the part is truncated or damaged: \(payload.count) payload bytes, the header says \(header.payloadBytes)")
    }
    guard SHA256.hex(Data(payload)) == header.payloadSHA256 else {
      throw InputError(
        file: path, field: "payload", "the part is corrupt: its payload's SHA-256 differs from the header's")
    }
    return (header, Data(payload))
  }
}

/// The header of a part file: any Codable record with the payload's length and checksum.
package protocol PartHeader: Codable {
  var payloadBytes: Int { get set }
  var payloadSHA256: String { get set }
}

/// Little-endian packing of the numbers of a part's payload.
package struct PartPayload {
  package private(set) var data = Data()
  private var offset = 0

  package init() {}
  package init(_ data: Data) { self.data = data }

  package mutating func append(_ values: [Double]) {
    for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
  }

  package mutating func append(_ values: [Int]) {
    for v in values { withUnsafeBytes(of: Int64(v).littleEndian) { data.append(contentsOf: $0) } }
  }

  /// The next `count` doubles; nil when the payload is shorter.
  package mutating func doubles(_ count: Int) -> [Double]? {
    guard let raw = next(count) else { return nil }
    return raw.map { Double(bitPattern: $0) }
  }

  /// The next `count` integers; nil when the payload is shorter.
  package mutating func integers(_ count: Int) -> [Int]? {
    guard let raw = next(count) else { return nil }
    return raw.map { Int(Int64(bitPattern: $0)) }
  }

  private mutating func next(_ count: Int) -> [UInt64]? {
    guard count >= 0, offset + count * 8 <= data.count else { return nil }
    var out = [UInt64](repeating: 0, count: count)
    data.withUnsafeBytes { raw in
      for k in 0..<count {
        out[k] = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + k * 8, as: UInt64.self))
      }
    }
    offset += count * 8
    return out
  }

  /// Whether every byte has been read.
  package var isAtEnd: Bool { offset == data.count }
}
