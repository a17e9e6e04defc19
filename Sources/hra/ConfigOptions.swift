import Foundation
import HRA

/// `--config FILE`: the options of a run configuration file (``CommandConfiguration``) as
/// command-line words, for the options not given on the command line (flags override the file).
enum ConfigOptions {
  /// `args` without `--config FILE`, followed by the file's options that `args` does not give.
  static func expand(_ args: [String], command: String) throws -> [String] {
    var rest: [String] = []
    var file: String? = nil
    var i = 0
    while i < args.count {
      let a = args[i]
      if a == "--config" {
        guard i + 1 < args.count else {
          throw Arguments.UsageError(description: "\(command): option --config needs a value")
        }
        guard file == nil else { throw Arguments.UsageError(description: "\(command): --config given twice") }
        file = args[i + 1]
        i += 2
        continue
      }
      if a.hasPrefix("--config=") {
        guard file == nil else { throw Arguments.UsageError(description: "\(command): --config given twice") }
        file = String(a.dropFirst("--config=".count))
        i += 1
        continue
      }
      rest.append(a)
      i += 1
    }
    OptionOrigins.command = command
    OptionOrigins.fromFile = [:]
    guard let file else { return rest }
    let given = Set(
      rest.filter { $0.hasPrefix("--") }.map { String($0.dropFirst(2).split(separator: "=", maxSplits: 1)[0]) })
    for (option, words, line, key) in try CommandConfiguration.arguments(file: file, command: command)
    where !given.contains(option) {
      rest += words
      OptionOrigins.fromFile[option] = .init(file: file, line: line, key: key)
    }
    return rest
  }

  static let help = """
      --config FILE         run configuration file (INI: sections and keys named after these
                            options, e.g. examples/default.ini); options given here override it
    """
}
