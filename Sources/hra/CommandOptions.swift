import Foundation
import HRA

/// The command-line options of the configuration keys: the CLI grammar of a run's configuration.
/// The library's ``CommandConfiguration`` holds each command's keys (section, key, domain); the
/// CLI names the option of each: the key with `-` for `_` (`exposure_seed` is
/// `--exposure-seed`), except where ``optionNames`` gives a shorter one.
extension CommandConfiguration.Key {
  /// Options named otherwise than their key.
  static let optionNames = ["snap_distance_m": "snap-distance"]

  /// The command-line option (without `--`).
  var option: String { Self.optionNames[key] ?? key.replacingOccurrences(of: "_", with: "-") }
}

extension CommandConfiguration {
  /// The configuration key that the command-line option `option` (without `--`) of `command`
  /// stands for, or nil (a switch, or an option the file does not have). Its kind is the
  /// option's domain: a value is checked by the same ``ConfigKey/Kind/problem(_:)`` whether it
  /// comes from the command line or from a file, so a `config.ini` a run writes is always read back.
  static func key(option: String, command: String) -> Key? {
    keys(for: command).first { $0.option == option && !$0.isFlag }
  }

  /// The options a configuration file gives, as command-line words (`--samples`, `1000`;
  /// `--json` for a true switch), paths resolved against the file's folder, each with the line
  /// and the key (`section.key`) it comes from.
  /// - Throws: ``InputError`` naming file, line and key for an unknown section or key or a bad value.
  static func arguments(file path: String, command: String) throws -> [(
    option: String, words: [String], line: Int, key: String
  )] {
    let f = try ConfigFile(contentsOf: path, schema: schema(for: command))
    let dir = (path as NSString).deletingLastPathComponent
    var out: [(String, [String], Int, String)] = []
    for key in keys(for: command) {
      guard let e = f.entry(key.section, key.key), !e.value.isEmpty else { continue }
      if key.isFlag {
        if try f.bool(key.section, key.key) == true { out.append((key.option, ["--" + key.option], e.line, e.field)) }
        continue
      }
      var v = e.value
      // `sites` is a keyword (buildings, nodes, grid:S) or a sites file, a path.
      let isPath = key.isPath || (key.key == "sites" && !["buildings", "nodes"].contains(v) && !v.hasPrefix("grid:"))
      if isPath && !v.hasPrefix("/") {
        v = CommandConfiguration.relativeToCurrentFolder(dir.isEmpty ? v : dir + "/" + v)
      }
      out.append((key.option, ["--" + key.option, v], e.line, e.field))
    }
    return out
  }
}
