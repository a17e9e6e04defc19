import Foundation
import Testing

@testable import HRA

/// ``NumberFormat`` against Foundation's `String(format:)`: identical text for every format the
/// engine's tables use, on random doubles of every magnitude and the special values.
@Suite struct NumberFormatTests {
  static var values: [Double] {
    var g = RandomStream(seed: 3, keys: [])
    var v: [Double] = [
      0, -0.0, 1, -1, 0.5, 2.5, 1e-5, 9.9999995e-6, 1.0000005, 123456.05, 238500.25, 1e300, -1e-300,
      5e-324, .greatestFiniteMagnitude, .infinity, -.infinity, .nan,
    ]
    for _ in 0..<3_000 {
      let e = Int(g.uniform() * 40) - 30
      v.append((g.uniform() - 0.2) * pow(10, Double(e)))
      v.append(Double(bitPattern: UInt64(g.uniform() * Double(UInt64.max >> 1))))
    }
    return v
  }

  @Test func sameTextAsStringFormat() {
    for v in Self.values {
      #expect(NumberFormat.sci6(v) == String(format: "%.6e", v), "\(v)")
      #expect(NumberFormat.fixed1(v) == String(format: "%.1f", v), "\(v)")
      #expect(NumberFormat.c("%.2e", v) == String(format: "%.2e", v), "\(v)")
      #expect(NumberFormat.c("%.4f", v) == String(format: "%.4f", v), "\(v)")
      #expect(NumberFormat.c("%g", v) == String(format: "%g", v), "\(v)")
    }
  }
}
