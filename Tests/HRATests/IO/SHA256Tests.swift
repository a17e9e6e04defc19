import Foundation
import Testing

@testable import HRA

@Suite struct SHA256Tests {
  // FIPS 180-4 / NIST CSRC example vectors.
  @Test func knownVectors() {
    #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  /// The streaming hasher: a million "a" (FIPS 180-4 example), any split of the input into
  /// updates, and a file read in blocks give the one-shot digest.
  @Test func streamingEqualsOneShot() throws {
    #expect(
      SHA256.hex(Data(repeating: 0x61, count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    var g = RandomStream(seed: 1, keys: [])
    let bytes = (0..<5_000).map { _ in UInt8(g.uniform() * 256) }
    let whole = SHA256.digest(Data(bytes))
    for _ in 0..<50 {
      var hasher = SHA256.Hasher()
      var at = 0
      while at < bytes.count {
        let n = min(bytes.count - at, Int(g.uniform() * 150))
        bytes[at..<(at + n)].withUnsafeBytes { hasher.update($0) }
        at += n
      }
      #expect(hasher.finalize() == whole)
    }
    let big = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)").path
    try big.write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(try SHA256.hex(file: path, blockSize: 999) == SHA256.hex(big))  // 11 blocks, the last partial
    #expect(throws: InputError(file: path + ".missing", "cannot read file")) { try SHA256.hex(file: path + ".missing") }
  }
}
