import Foundation

/// SHA-256 (FIPS 180-4) of a byte sequence, for the run manifest's input hashes.
///
/// Written here because the project takes no package dependencies and Foundation on Linux
/// has no digest API. Validated against the FIPS 180-4 example vectors in the tests.
package enum SHA256 {
  static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  /// The digest as 64 lower-case hexadecimal characters.
  package static func hex(_ data: Data) -> String { hexText(digest(data)) }

  /// The hex digest of a file's bytes, read in blocks of 4 MiB (a forecast of 400 MB is not held
  /// in memory a second time).
  package static func hex(file path: String, blockSize: Int = 1 << 22) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError(file: path, "cannot read file") }
    defer { try? handle.close() }
    var hasher = Hasher()
    do {
      while let block = try handle.read(upToCount: blockSize), !block.isEmpty {
        block.withUnsafeBytes { hasher.update($0) }
      }
    } catch {
      throw InputError(file: path, "cannot read file")
    }
    return hexText(hasher.finalize())
  }

  /// The 32-byte digest.
  package static func digest(_ data: Data) -> [UInt8] {
    var hasher = Hasher()
    data.withUnsafeBytes { hasher.update($0) }
    return hasher.finalize()
  }

  /// Lower-case hexadecimal text of bytes.
  static func hexText(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(2 * bytes.count)
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The running hash: whole 64-byte blocks are compressed straight from the caller's bytes;
  /// at most one partial block is kept until ``finalize()`` pads it (FIPS 180-4 § 5.1.1).
  package struct Hasher {
    var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
      0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    /// The bytes of the partial block (fewer than 64).
    var pending: [UInt8] = []
    /// The number of bytes hashed so far.
    var length: UInt64 = 0

    package init() {}

    /// Hashes more bytes.
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
      length &+= UInt64(bytes.count)
      var start = 0
      if !pending.isEmpty {
        let take = min(64 - pending.count, bytes.count)
        pending += bytes[0..<take]
        start = take
        if pending.count < 64 { return }
        pending.withUnsafeBytes { compress($0.baseAddress!) }
        pending.removeAll(keepingCapacity: true)
      }
      while bytes.count - start >= 64 {
        compress(bytes.baseAddress! + start)
        start += 64
      }
      if start < bytes.count { pending += bytes[start...] }
    }

    /// The 32-byte digest of everything hashed (padding and length appended).
    package mutating func finalize() -> [UInt8] {
      let bits = length &* 8
      var tail = pending + [0x80]
      while tail.count % 64 != 56 { tail.append(0) }
      for i in (0..<8).reversed() { tail.append(UInt8((bits >> (UInt64(i) * 8)) & 0xff)) }
      tail.withUnsafeBytes { t in
        for block in stride(from: 0, to: t.count, by: 64) { compress(t.baseAddress! + block) }
      }
      var out: [UInt8] = []
      for v in [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7] {
        for s in stride(from: 24, through: 0, by: -8) { out.append(UInt8((v >> UInt32(s)) & 0xff)) }
      }
      return out
    }

    /// One 64-byte block (FIPS 180-4 § 6.2.2).
    mutating func compress(_ block: UnsafeRawPointer) {
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        for i in 0..<16 { w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) }
        for i in 16..<64 {
          let s0 = SHA256.rotr(w[i - 15], 7) ^ SHA256.rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
          let s1 = SHA256.rotr(w[i - 2], 17) ^ SHA256.rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
          w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, hh) = h
        for i in 0..<64 {
          let s1 = SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)
          let ch = (e & f) ^ (~e & g)
          let t1 = hh &+ s1 &+ ch &+ SHA256.k[i] &+ w[i]
          let s0 = SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)
          let maj = (a & b) ^ (a & c) ^ (b & c)
          (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ s0 &+ maj)
        }
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
      }
    }
  }

  @inline(__always) static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}

/// A file and the SHA-256 of its bytes, as recorded in manifests.
package struct FileHash: Codable, Sendable, Equatable {
  package var path: String
  package var sha256: String
  package init(path: String, sha256: String) {
    self.path = path
    self.sha256 = sha256
  }
}
