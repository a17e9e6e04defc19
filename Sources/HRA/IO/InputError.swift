/// An error in an input file, naming the file, the line and the field.
///
/// Every reader of model, exposure, production or status files throws this type, so a
/// user always learns *where* the input is wrong: `Models/x.csv:12: field 'b0': not a number ("abc")`.
/// Line numbers are 1-based physical lines of the file (the header is line 1 of a CSV);
/// `line` is `nil` for whole-file problems (missing file, missing column).
package struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file, as given by the caller (relative paths stay relative).
  package var file: String
  /// The 1-based line number, or `nil` when the problem concerns the whole file.
  package var line: Int?
  /// The column or key the problem concerns, or `nil`.
  package var field: String?
  /// What is wrong, in plain words.
  package var message: String

  /// The configuration key (`section.key`, e.g. `logic_tree.fix`) whose value is wrong, when the
  /// problem is in a run's configuration rather than in a file; `file` is then empty. The
  /// library names keys, never command-line options: the CLI knows whether the value came from
  /// an option the user typed or from a line of a `--config` file and says which.
  package var key: String?

  package init(file: String, line: Int? = nil, field: String? = nil, _ message: String) {
    self.file = file
    self.line = line
    self.field = field
    self.message = message
  }

  /// A wrong value of the configuration key `key` (`section.key`); `field` is the part of the
  /// value concerned (a branch set, a production path), if any.
  package init(key: String, field: String? = nil, _ message: String) {
    self.init(file: "", field: field, message)
    self.key = key
  }

  package var description: String {
    var s = key.map { "configuration key '\($0)'" } ?? file
    if let line { s += ":\(line)" }
    if let field { s += ": field '\(field)'" }
    return s + ": " + message
  }
}
