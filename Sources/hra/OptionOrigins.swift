import Foundation
import HRA

/// Where the options of the running command came from, so that an error is blamed on what the
/// user wrote: the library names configuration keys (`logic_tree.fix`), never options
/// (``InputError/key``); the CLI says `--fix` when the user typed it, or `run.ini:12: field
/// 'logic_tree.fix'` when the value came from that line of the `--config` file.
enum OptionOrigins {
  /// A value taken from a line of the `--config` file.
  struct Line {
    var file: String
    var line: Int
    /// `section.key`.
    var key: String
  }

  /// The command whose options these are (``ConfigOptions/expand(_:command:)`` sets it).
  nonisolated(unsafe) static var command = ""
  /// The options the `--config` file gave (by option name, without `--`).
  nonisolated(unsafe) static var fromFile: [String: Line] = [:]

  /// `e` located where the user wrote the value: for an error naming a configuration key (or a
  /// key-shaped source such as `hazard.imt`, or an option `--imt`), the `--config` line that gave
  /// it, else the option; any other error unchanged.
  static func located(_ e: InputError) -> InputError {
    guard let option = option(of: e) else { return e }
    if let l = fromFile[option] {
      let message = e.field.map { "\($0): " + e.message } ?? e.message
      return InputError(file: l.file, line: l.line, field: l.key, message)
    }
    return InputError(file: "--" + option, field: e.field, e.message)
  }

  /// The option of the running command that `e` is about, or nil.
  static func option(of e: InputError) -> String? {
    if e.key == nil, e.file.hasPrefix("--") { return String(e.file.dropFirst(2)) }
    guard let name = e.key ?? (e.line == nil && isKeyShaped(e.file) ? e.file : nil) else { return nil }
    let keys = CommandConfiguration.keys(for: command)
    let last = name.split(separator: ".").last.map(String.init) ?? name
    let key =
      keys.first { $0.section + "." + $0.key == name } ?? keys.first { $0.key == last && e.key != nil }
    return key?.option
  }

  /// `section.key`: lower-case words joined by one dot (not a file name such as `x.csv`, which
  /// is a key of no command).
  private static func isKeyShaped(_ s: String) -> Bool {
    let parts = s.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 2 && parts.allSatisfy { p in !p.isEmpty && p.allSatisfy { $0.isLowercase || $0 == "_" } }
  }
}
