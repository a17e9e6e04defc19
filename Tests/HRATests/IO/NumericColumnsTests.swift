import Foundation
import Testing

@testable import HRA

/// The fast numeric reader against `Double(String)` and ``CSVTable``: the same values bit for
/// bit, and `nil` (so that ``CSVTable`` reports) for every file it does not take.
@Suite struct NumericColumnsTests {
  /// Texts of numbers in the shapes a writer produces: integers, decimals, exponents, signs,
  /// leading zeros, 1–17 digits, tiny and huge powers of ten.
  static func numberTexts(count: Int, seed: UInt64) -> [String] {
    var g = RandomStream(seed: seed, keys: [])
    var out: [String] = []
    for i in 0..<count {
      let digits = 1 + Int(g.uniform() * 17)
      var m = String((0..<digits).map { _ in Character(String(Int(g.uniform() * 10))) })
      if g.uniform() < 0.5 { m.insert(".", at: m.index(m.startIndex, offsetBy: Int(g.uniform() * Double(digits + 1)))) }
      let sign = ["", "-", "+"][i % 3]
      let e = Int(g.uniform() * 70) - 35
      let exponent = i % 4 == 0 ? "e\(e)" : (i % 4 == 1 ? "E+\(abs(e))" : "")
      out.append(sign + m + exponent)
    }
    return out + ["0", "-0", "1.", ".5", "0.1", "1e22", "1e23", "123456789012345e-22", "9007199254740993", "5e-324"]
  }

  @Test func decimalsReadAsDoubleStringDoes() throws {
    let texts = Self.numberTexts(count: 20_000, seed: 7)
    var (fast, c) = (0, 0)
    for t in texts {
      let bytes = Array(t.utf8) + [0x2C]  // a separator after the cell, as in a file
      let n = bytes.count - 1
      let (v, path) = bytes.withUnsafeBufferPointer { b -> (Double?, Int) in
        let d = NumericColumns.decimal(b, 0, n)
        if let v = d.value { return (v, 0) }
        return d.isDecimal ? (NumericColumns.strtodDouble(b, 0, n), 1) : (NumericColumns.slowDouble(b, 0, n), 2)
      }
      #expect(v?.bitPattern == Double(t)?.bitPattern, "\(t)")
      fast += path == 0 ? 1 : 0
      c += path == 1 ? 1 : 0
    }
    #expect(fast > texts.count / 3 && c > texts.count / 10)  // both the exact fast path and strtod are exercised
  }

  @Test func plainFileEqualsCSVTable() throws {
    let values = Self.numberTexts(count: 3_000, seed: 11).filter { Double($0)?.isFinite == true }
    var text = "\u{FEFF}a, b ,c\r\n"
    for r in stride(from: 0, to: values.count - 3, by: 3) {
      text += "\(values[r]),\(values[r + 1]),\t\(values[r + 2])" + (r % 7 == 0 ? "\r" : (r % 5 == 0 ? "\n\n" : "\r\n"))
    }
    let data = Data(text.utf8)
    let fast = try #require(NumericColumns.read(data))
    let t = try CSVTable(data: data, file: "p.csv")
    #expect(fast.header == t.header)
    #expect(fast.lines == t.rows.map(\.line))
    for (j, name) in t.header.enumerated() {
      let expected = try t.rows.map { try t.double($0, name) }
      #expect(fast.columns[j].map(\.bitPattern) == expected.map(\.bitPattern))
    }
    #expect(fast.integral == [false, false, false])
    let ints = try #require(NumericColumns.read(Data("y,v\n2019,1.5\n+2020,2\n".utf8)))
    #expect(ints.integral == [true, false] && ints.columns[0] == [2019, 2020])
  }

  @Test func anythingUnusualIsLeftToCSVTable() {
    let refused = [
      "a,b\n1,\"2\"\n",  // quotes
      "a,b\n1,x\n",  // not a number
      "a,b\n1,\n",  // empty cell
      "a,b\n1,2,3\n",  // too many cells
      "a,b\n1\n",  // too few
      "a,a\n1,2\n",  // duplicate column
      "a,b\n1,inf\n",  // not finite
      "a,b\n1,2\u{0}\n",  // control character
      "a,b\n1,2\n  \n",  // a blank line of spaces (CSVTable skips it; the fast path does not decide)
      "a,é\n1,2\n",  // non-ASCII header
      "",
    ]
    for text in refused { #expect(NumericColumns.read(Data(text.utf8)) == nil, "\(text.debugDescription)") }
  }

  @Test func progressIsReportedForALargeFile() {
    var text = "a,b\n"
    for i in 0..<200_000 { text += "\(i),\(Double(i) * 0.25)\n" }
    var seen: [Double] = []
    let t = NumericColumns.read(Data(text.utf8)) { seen.append($0) }
    #expect(t?.lines.count == 200_000)
    #expect(!seen.isEmpty && seen == seen.sorted() && seen.allSatisfy { $0 > 0 && $0 <= 1 })
  }
}
