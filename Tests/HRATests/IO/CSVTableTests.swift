import Foundation
import Testing

@testable import HRA

@Suite struct CSVTableTests {
  @Test func parsesQuotedFieldsAndLineEndings() throws {
    let text = "\u{FEFF}a,b,c\r\n1,\"x,y\",3\r\n\r\n4,\"he said \"\"hi\"\"\",6\r7,8,9"
    let t = try CSVTable(data: Data(text.utf8), file: "t.csv")
    #expect(t.header == ["a", "b", "c"])
    #expect(t.rows.count == 3)
    #expect(try t.string(t.rows[0], "b") == "x,y")
    #expect(try t.string(t.rows[1], "b") == "he said \"hi\"")
    #expect(t.rows[1].line == 4)
    #expect(t.rows[2].line == 5)
    #expect(try t.double(t.rows[2], "c") == 9)
  }

  @Test func errorsNameFileLineAndField() throws {
    let t = try CSVTable(data: Data("a,b\n1,2\n3,zz\n".utf8), file: "m.csv")
    #expect(throws: InputError(file: "m.csv", line: 3, field: "b", "not a finite number (\"zz\")")) {
      try t.double(t.rows[1], "b")
    }
    #expect(throws: InputError.self) { try t.column("c") }
    #expect(throws: InputError.self) { try CSVTable(data: Data("a,b\n1\n".utf8), file: "x.csv") }
  }

  /// The byte-level parser keeps the rules of the text parser it replaced: line breaks inside
  /// quotes count lines (CR LF as two), a quote inside an unquoted field is a character,
  /// multi-byte UTF-8 passes through, and errors name the line.
  @Test func byteParserKeepsTheRules() throws {
    let text = "n,t\n1,\"a\r\nb\"\n2,x\"y\"\n3,\"\"\n4,Zoë 😀\n"
    let t = try CSVTable(data: Data(text.utf8), file: "q.csv")
    #expect(t.rows.map(\.line) == [2, 5, 6, 7])
    #expect(t.rows.map { $0.cells[1] } == ["a\r\nb", "x\"y\"", "", "Zoë 😀"])
    #expect(throws: InputError(file: "c.csv", line: 3, "control character U+0001 in the text")) {
      try CSVTable(data: Data("a\n1\n\u{1}\n".utf8), file: "c.csv")
    }
    #expect(throws: InputError(file: "u.csv", line: 2, "unterminated quoted field")) {
      try CSVTable(data: Data("a\n\"1\n2\n".utf8), file: "u.csv")
    }
    #expect(throws: InputError(file: "b.csv", "not valid UTF-8 text")) {
      try CSVTable(data: Data([0x61, 0x0A, 0xFF, 0x0A]), file: "b.csv")
    }
    #expect(try CSVTable(data: Data("a\r1\r2".utf8), file: "r.csv").rows.map(\.line) == [2, 3])
  }
}
