import Foundation

/// A run configuration file in the INI-like format of OpenQuake's `job.ini`, with typed, located accessors.
///
/// The format:
/// - UTF-8 text, with or without a byte-order mark; LF or CRLF line endings (a lone CR also ends a line).
/// - `[section]` headers. Section and key names use lowercase letters, digits and `_` only; white space
///   inside the brackets is ignored. A section may appear only once; a key before the first header is an error.
/// - `key = value` lines: only `=` separates (not `:`); the key is everything before the first `=`, the value
///   everything after it, both trimmed of white space. A value may contain `=` (`fix = mmax=4.5,gmm_median=Upper`).
///   A key may appear only once in a section. An empty value (`key =`) is read, but rejected by validation
///   and by the typed accessors unless the schema allows it for that key.
/// - Comments: a line whose first non-blank character is `#` or `;`; and, at the end of any line, a `#` or `;`
///   preceded by a space or tab and everything after it. Values therefore never contain ` #` or ` ;`.
/// - Blank lines are ignored.
///
/// Every entry keeps its 1-based physical line number, and every error is an ``InputError`` naming the file,
/// that line and the field `section.key` (the section name for section errors):
/// `examples/x.ini:12: field 'run.samples': expected an integer in 1...65535, found "abc"`.
/// ``render(_:header:)`` writes a file that reads back to the same sections, keys and values.
package struct ConfigFile: Sendable {
  /// One `key = value` line.
  package struct Entry: Sendable, Equatable {
    package let section: String
    package let key: String
    /// The trimmed value, without an inline comment.
    package let value: String
    /// The 1-based physical line number.
    package let line: Int
    /// `section.key`, as errors name it.
    package var field: String { section + "." + key }
  }

  /// One `[section]` with its entries in file order.
  package struct Section: Sendable, Equatable {
    package let name: String
    /// The line of the `[name]` header.
    package let line: Int
    package fileprivate(set) var entries: [Entry]
  }

  /// The file the configuration was read from (as given), used in error messages and to resolve paths.
  package let file: String
  /// The sections in file order.
  package let sections: [Section]
  /// The schema the file was validated against, whose ranges the typed accessors apply; `nil` if not validated.
  package private(set) var schema: ConfigSchema?
  private let lookup: [String: Entry]

  /// Reads and parses a configuration file, and validates it if a schema is given.
  /// - Throws: ``InputError`` if the file cannot be read, is not UTF-8, is malformed or fails validation.
  package init(contentsOf path: String, schema: ConfigSchema? = nil) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: path, "cannot read file")
    }
    try self.init(data: data, file: path, schema: schema)
  }

  /// Parses configuration bytes already in memory; `file` is used in error messages and to resolve paths.
  package init(data: Data, file: String, schema: ConfigSchema? = nil) throws {
    guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: file, "not valid UTF-8 text") }
    try self.init(text: text, file: file, schema: schema)
  }

  /// Parses configuration text; `file` is used in error messages and to resolve paths.
  package init(text: String, file: String, schema: ConfigSchema? = nil) throws {
    var text = text
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    var sections: [Section] = []
    var lookup: [String: Entry] = [:]
    for (i, raw) in lines.enumerated() {
      let n = i + 1
      let trimmed = raw.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
      let line = Self.removingInlineComment(trimmed)
      let current = sections.last?.name
      if line.hasPrefix("[") {
        guard line.hasSuffix("]"), line.count >= 2 else {
          throw InputError(
            file: file, line: n, field: current,
            "expected a section header like [name], found \"\(line)\"")
        }
        let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        guard Self.isName(name) else {
          throw InputError(
            file: file, line: n, field: name.isEmpty ? nil : name,
            "invalid section name \"\(name)\": use lowercase letters, digits and _")
        }
        if let first = sections.first(where: { $0.name == name }) {
          throw InputError(
            file: file, line: n, field: name,
            "duplicate section [\(name)]: first given on line \(first.line)")
        }
        sections.append(Section(name: name, line: n, entries: []))
        continue
      }
      guard let eq = line.firstIndex(of: "=") else {
        throw InputError(
          file: file, line: n, field: current,
          "expected \"key = value\", a [section] header or a comment, found \"\(line)\"")
      }
      let key = line[..<eq].trimmingCharacters(in: .whitespaces)
      let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
      guard let section = current else {
        throw InputError(
          file: file, line: n, field: key.isEmpty ? nil : key,
          "key '\(key)' appears before any [section] header")
      }
      guard Self.isName(key) else {
        let problem =
          key.isEmpty
          ? "missing key name before '='" : "invalid key name \"\(key)\": use lowercase letters, digits and _"
        throw InputError(file: file, line: n, field: section + "." + key, problem)
      }
      let entry = Entry(section: section, key: key, value: value, line: n)
      if let first = lookup[entry.field] {
        throw InputError(
          file: file, line: n, field: entry.field,
          "duplicate key '\(key)' in [\(section)]: first given on line \(first.line)")
      }
      lookup[entry.field] = entry
      sections[sections.count - 1].entries.append(entry)
    }
    self.file = file
    self.sections = sections
    self.lookup = lookup
    if let schema {
      try check(schema)
      self.schema = schema
    }
  }

  /// This file, checked against a schema and remembering it for the typed accessors.
  /// - Throws: ``InputError`` for an unknown section or key (suggesting the closest known name within two
  ///   edits), a value not of its declared type or out of range, an empty value the key does not allow,
  ///   or a missing required key.
  package func validated(against schema: ConfigSchema) throws -> ConfigFile {
    try check(schema)
    var copy = self
    copy.schema = schema
    return copy
  }

  private func check(_ schema: ConfigSchema) throws {
    for s in sections {
      guard let declared = schema.section(s.name) else {
        let names = schema.sections.map(\.name)
        let hint =
          Self.closest(s.name, names).map { " (did you mean [\($0)]?)" }
          ?? " (known sections: \(names.joined(separator: ", ")))"
        throw InputError(file: file, line: s.line, field: s.name, "unknown section [\(s.name)]" + hint)
      }
      for e in s.entries {
        guard let key = declared.keys.first(where: { $0.name == e.key }) else {
          let names = declared.keys.map(\.name)
          let hint =
            Self.closest(e.key, names).map { " (did you mean '\($0)'?)" }
            ?? " (known keys: \(names.joined(separator: ", ")))"
          throw InputError(file: file, line: e.line, field: e.field, "unknown key '\(e.key)' in [\(s.name)]" + hint)
        }
        _ = try parse(e, key.kind, allowsEmpty: key.allowsEmpty)
      }
    }
    for s in schema.sections {
      for k in s.keys where k.required && entry(s.name, k.name) == nil {
        throw InputError(
          file: file, line: sections.first { $0.name == s.name }?.line, field: s.name + "." + k.name,
          "missing required key '\(k.name)' in [\(s.name)]")
      }
    }
  }

  // MARK: - Typed accessors

  /// The entry for a key, or `nil` when absent.
  package func entry(_ section: String, _ key: String) -> Entry? { lookup[section + "." + key] }

  /// The value as text, checked against the key's declared kind if there is a schema.
  package func string(_ section: String, _ key: String) throws -> String? {
    try read(section, key, .string).map { _ in entry(section, key)!.value }
  }

  /// The value as an integer (in the declared range, if any).
  package func int(_ section: String, _ key: String) throws -> Int? {
    guard let v = try read(section, key, .integer(Int.min...Int.max)) else { return nil }
    guard case .integer(let i) = v else { mismatch(section, key, "int") }
    return i
  }

  /// The value as a finite number (within the declared bounds, if any).
  package func double(_ section: String, _ key: String) throws -> Double? {
    guard let v = try read(section, key, .double()) else { return nil }
    guard case .number(let x) = v else { mismatch(section, key, "double") }
    return x
  }

  /// The value as a boolean: `true`/`yes`/`1` or `false`/`no`/`0`.
  package func bool(_ section: String, _ key: String) throws -> Bool? {
    guard let v = try read(section, key, .boolean) else { return nil }
    guard case .boolean(let b) = v else { mismatch(section, key, "bool") }
    return b
  }

  /// The value as comma-separated finite numbers; any element that is not one is an error.
  package func doubles(_ section: String, _ key: String) throws -> [Double]? {
    guard let v = try read(section, key, .doubles()) else { return nil }
    guard case .numbers(let xs) = v else { mismatch(section, key, "doubles") }
    return xs
  }

  /// The value as comma-separated `name=value` pairs, in file order.
  package func pairs(_ section: String, _ key: String) throws -> [(key: String, value: String)]? {
    guard let v = try read(section, key, .pairs) else { return nil }
    guard case .pairs(let p) = v else { mismatch(section, key, "pairs") }
    return p
  }

  /// The value as a path; a relative path is resolved against the folder of ``file``.
  package func path(_ section: String, _ key: String) throws -> String? {
    guard let v = try read(section, key, .path) else { return nil }
    guard case .text(let p) = v else { mismatch(section, key, "path") }
    guard !p.hasPrefix("/"), let slash = file.lastIndex(of: "/") else { return p }
    return String(file[...slash]) + p
  }

  /// An error located at a key's line (or at no line if the key is absent), for checks made by the caller.
  package func error(_ section: String, _ key: String, _ message: String) -> InputError {
    InputError(file: file, line: entry(section, key)?.line, field: section + "." + key, message)
  }

  private func read(_ section: String, _ key: String, _ fallback: ConfigKey.Kind) throws -> ConfigValue? {
    guard let e = entry(section, key) else { return nil }
    let declared = schema?.key(section, key)
    return try parse(e, declared?.kind ?? fallback, allowsEmpty: declared?.allowsEmpty ?? false)
  }

  private func parse(_ e: Entry, _ kind: ConfigKey.Kind, allowsEmpty: Bool) throws -> ConfigValue? {
    if e.value.isEmpty {
      if allowsEmpty { return nil }
      throw InputError(file: file, line: e.line, field: e.field, "expected \(kind.expectation), found an empty value")
    }
    switch kind.parse(e.value) {
    case .success(let v): return v
    case .failure(let p): throw InputError(file: file, line: e.line, field: e.field, p.message)
    }
  }

  private func mismatch(_ section: String, _ key: String, _ accessor: String) -> Never {
    let kind = schema?.key(section, key).map { "\($0.kind)" } ?? "?"
    preconditionFailure("[\(section)] \(key) is declared as \(kind) in the schema but read with \(accessor)()")
  }

  // MARK: - Writing

  /// Writes sections of `key = value` lines that ``init(text:file:schema:)`` reads back to the same names and
  /// values, in the given order. A comment is written as `# ` lines above its key, `header` as `# ` lines at
  /// the top. Format numbers with ``format(_:)-(Double)`` so that they read back bit for bit.
  /// - Throws: ``InputError`` (file "(configuration to write)") for an invalid or repeated section or key
  ///   name, or a value that would not read back: one with a line break, surrounding white space, a leading
  ///   `#` or `;`, or a `#` or `;` after white space.
  package static func render(
    _ sections: [(name: String, entries: [(key: String, value: String, comment: String?)])],
    header: String? = nil
  ) throws -> String {
    func fail(_ field: String, _ message: String) -> InputError {
      InputError(file: "(configuration to write)", field: field, message)
    }
    func comment(_ text: String) -> String {
      text.split(omittingEmptySubsequences: false) { $0.isNewline }.map { $0.isEmpty ? "#\n" : "# \($0)\n" }.joined()
    }
    var out = header.map { comment($0) + "\n" } ?? ""
    var seen: Set<String> = []
    for (i, s) in sections.enumerated() {
      guard isName(s.name) else { throw fail(s.name, "invalid section name: use lowercase letters, digits and _") }
      guard seen.insert(s.name).inserted else { throw fail(s.name, "duplicate section") }
      out += (i == 0 ? "" : "\n") + "[\(s.name)]\n"
      for e in s.entries {
        let field = s.name + "." + e.key
        guard isName(e.key) else { throw fail(field, "invalid key name: use lowercase letters, digits and _") }
        guard seen.insert(field).inserted else { throw fail(field, "duplicate key") }
        let v = e.value
        guard !v.contains(where: \.isNewline), v.trimmingCharacters(in: .whitespaces) == v,
          !v.hasPrefix("#"), !v.hasPrefix(";"), removingInlineComment(v) == v
        else { throw fail(field, "value \"\(v)\" cannot be written: it would not read back unchanged") }
        if let c = e.comment { out += comment(c) }
        out += v.isEmpty ? "\(e.key) =\n" : "\(e.key) = \(v)\n"
      }
    }
    return out
  }

  /// A number as Swift's shortest round-trip text (`1e-05`, `0.1`, `20190401.0`); `Double(text)` gives it back.
  package static func format(_ x: Double) -> String { x.description }

  /// Numbers as a comma-separated list for a `doubles` key.
  package static func format(_ xs: [Double]) -> String { xs.map(\.description).joined(separator: ",") }

  /// Pairs as a comma-separated `name=value` list for a `pairs` key.
  package static func format(_ pairs: [(key: String, value: String)]) -> String {
    pairs.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
  }

  // MARK: - Helpers

  /// Whether a name is non-empty lowercase letters, digits and `_`.
  static func isName(_ s: String) -> Bool {
    !s.isEmpty && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
  }

  /// The text before the first `#` or `;` that follows a space or tab, trimmed.
  static func removingInlineComment(_ line: String) -> String {
    var previous: Character = "x"
    for i in line.indices {
      let c = line[i]
      if (c == "#" || c == ";") && (previous == " " || previous == "\t") {
        return line[..<i].trimmingCharacters(in: .whitespaces)
      }
      previous = c
    }
    return line
  }

  /// The candidate closest to `name` by edit distance, if within 2 edits (the first of equally close ones).
  static func closest(_ name: String, _ candidates: [String]) -> String? {
    var best: (name: String, distance: Int)? = nil
    for c in candidates {
      let d = editDistance(name, c)
      if d <= 2 && d < (best?.distance ?? .max) { best = (c, d) }
    }
    return best?.name
  }

  /// The Levenshtein distance: insertions, deletions and substitutions of characters.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
    var row = Array(0...b.count)
    for i in 1...a.count {
      var diagonal = row[0]
      row[0] = i
      for j in 1...b.count {
        let above = row[j]
        row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
        diagonal = above
      }
    }
    return row[b.count]
  }
}
