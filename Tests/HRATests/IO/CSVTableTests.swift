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
}
