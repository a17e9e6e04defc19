/// One subcommand's command line, parsed against its option and flag names.
///
/// The grammar:
/// - `--name value` and `--name=value` give an option its value; the value of the first form must
///   not look like an option (a word starting with `-`, except negative numbers such as `-1` or
///   `-.5`): `--out --json` is a missing value, not an output folder named `--json`. The second form
///   takes any non-empty text (`--fix=mmax=4.5`, `--out=-odd-name`).
/// - `--flag` sets a switch; `--flag=value` is an error.
/// - An option or flag given twice is an error (`run: --samples given twice`), whichever forms.
/// - `-h` and `--help` anywhere mean help (``helpRequested``, ``wantsHelp(_:)``); any other word that
///   starts with `-` and is not a negative number is an unknown option.
/// - Every other word is a positional argument; more than the command allows is an error.
///
/// Errors are ``UsageError``s naming the command, which the front end reports with exit status 2.
struct CommandLineArguments: Sendable {
  /// A command line that does not fit the command; its description is the one-sentence message.
  struct UsageError: Error, CustomStringConvertible, Sendable, Equatable {
    let description: String
  }

  /// Option values by option name (without the leading `--`).
  private(set) var options: [String: String] = [:]
  /// The flags given (names without the leading `--`).
  private(set) var flags: Set<String> = []
  /// The positional arguments, in order.
  private(set) var positionals: [String] = []
  /// Whether `-h` or `--help` was among the arguments.
  private(set) var helpRequested = false

  /// Parses `args` against the known option and flag names of the subcommand `command`.
  ///
  /// `positionals` is the largest number of positional arguments the command takes (default:
  /// any number); one more is an error naming the first word too many.
  init(
    _ args: [String], options known: [String], flags knownFlags: [String], command: String,
    positionals maxPositionals: Int = .max
  ) throws {
    let seeHelp = "see 'hra \(command) --help'"
    var i = 0
    while i < args.count {
      let a = args[i]
      i += 1
      if a == "-h" || a == "--help" {
        helpRequested = true
      } else if a.hasPrefix("--") {
        let body = a.dropFirst(2)
        let name: String
        let inlineValue: String?
        if let eq = body.firstIndex(of: "=") {
          name = String(body[..<eq])
          inlineValue = String(body[body.index(after: eq)...])
        } else {
          name = String(body)
          inlineValue = nil
        }
        if knownFlags.contains(name) {
          guard inlineValue == nil else { throw UsageError(description: "\(command): flag --\(name) takes no value") }
          guard !flags.contains(name) else { throw UsageError(description: "\(command): --\(name) given twice") }
          flags.insert(name)
        } else if known.contains(name) {
          guard options[name] == nil else { throw UsageError(description: "\(command): --\(name) given twice") }
          let value: String
          if let v = inlineValue {
            value = v
          } else {
            guard i < args.count, !Self.looksLikeOption(args[i]) else {
              let got = i < args.count ? " (found \(args[i]); write --\(name)=VALUE for a value starting with '-')" : ""
              throw UsageError(description: "\(command): option --\(name) needs a value\(got)")
            }
            value = args[i]
            i += 1
          }
          guard !value.isEmpty else { throw UsageError(description: "\(command): option --\(name) needs a value") }
          if Self.setOptions.contains(name) { try Self.requireDistinctSets(value, option: name) }
          options[name] = value
        } else {
          throw UsageError(description: "\(command): unknown option --\(name) (\(seeHelp))")
        }
      } else if Self.looksLikeOption(a) {
        throw UsageError(description: "\(command): unknown option \(a) (\(seeHelp))")
      } else {
        guard positionals.count < maxPositionals else {
          let limit =
            maxPositionals == 0
            ? "takes no positional arguments"
            : "takes at most \(maxPositionals) positional argument\(maxPositionals == 1 ? "" : "s")"
          throw UsageError(description: "\(command): unexpected argument '\(a)' (\(command) \(limit); \(seeHelp))")
        }
        positionals.append(a)
      }
    }
  }

  /// Options whose value is `SET=BRANCH` pairs separated by commas: a set may be named once.
  static let setOptions: Set<String> = ["fix", "branch"]

  /// Refuses a `SET=BRANCH,...` value that names a set twice (`mmax=4.5,mmax=5.0`: which branch
  /// was meant is not known, and the last would silently win), naming both pairs.
  static func requireDistinctSets(_ value: String, option: String) throws {
    var first: [Substring: Substring] = [:]
    for part in value.split(separator: ",") {
      let set = part.split(separator: "=", maxSplits: 1).first ?? part
      if let earlier = first[set] {
        throw UsageError(
          description: "--\(option): set '\(set)' given twice (\(earlier) and \(part)); give each set once")
      }
      first[set] = part
    }
  }

  /// Whether any element of `args` is `-h` or `--help`: the command should print its help and do nothing else.
  static func wantsHelp(_ args: [String]) -> Bool {
    args.contains { $0 == "-h" || $0 == "--help" }
  }

  /// Whether `word` is an option rather than a value: it starts with `-`, is longer than `-`, and
  /// is not a negative number (the character after the `-` is neither a digit nor `.`).
  static func looksLikeOption(_ word: String) -> Bool {
    let u = Array(word.utf8.prefix(2))
    guard u.count == 2, u[0] == UInt8(ascii: "-") else { return false }
    return !((UInt8(ascii: "0")...UInt8(ascii: "9")).contains(u[1]) || u[1] == UInt8(ascii: "."))
  }

  /// The value of option `n`, as given.
  func string(_ n: String) -> String? { options[n] }

  /// The value of option `n` as a finite decimal number (`12`, `-1.5`, `.5`, `1e-5`); `nan`, `inf`,
  /// hexadecimal, surrounding blanks, trailing characters and values beyond ±1.8e308 are errors.
  func double(_ n: String) throws -> Double? {
    guard let s = options[n] else { return nil }
    return try Self.parseDouble(s, option: n)
  }

  /// The value of option `n` as an integer in `Int.min...Int.max`; anything else is an error.
  func int(_ n: String) throws -> Int? {
    guard let s = options[n] else { return nil }
    return try Self.parseInt(s, option: n)
  }

  /// Whether flag `f` was given.
  func has(_ f: String) -> Bool { flags.contains(f) }

  /// `s` as a finite decimal number, or a ``UsageError`` naming `--option`.
  static func parseDouble(_ s: String, option: String) throws -> Double {
    guard isDecimal(s), let v = Double(s) else { throw UsageError(description: "--\(option): not a number: \(s)") }
    guard v.isFinite else { throw UsageError(description: "--\(option): \(s) is out of range (beyond ±1.8e308)") }
    return v
  }

  /// `s` as an integer, or a ``UsageError`` naming `--option` (saying so when `s` is an integer out of range).
  static func parseInt(_ s: String, option: String) throws -> Int {
    if let v = Int(s) { return v }
    let digits = s.utf8.drop { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
    let isInteger = s.utf8.count - digits.count == 1 || s.utf8.count == digits.count
    if isInteger && !digits.isEmpty && digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
      throw UsageError(description: "--\(option): \(s) is out of range (\(Int.min)...\(Int.max))")
    }
    throw UsageError(description: "--\(option): not an integer: \(s)")
  }

  /// Whether `s` is `[+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?`.
  static func isDecimal(_ s: String) -> Bool {
    let u = Array(s.utf8)
    var i = 0
    func isDigit(_ k: Int) -> Bool { k < u.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(u[k]) }
    func sign() { if i < u.count && (u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-")) { i += 1 } }
    func digits() -> Int {
      let start = i
      while isDigit(i) { i += 1 }
      return i - start
    }
    sign()
    var mantissa = digits()
    if i < u.count && u[i] == UInt8(ascii: ".") {
      i += 1
      mantissa += digits()
    }
    guard mantissa > 0 else { return false }
    if i < u.count && (u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E")) {
      i += 1
      sign()
      guard digits() > 0 else { return false }
    }
    return i == u.count
  }
}
