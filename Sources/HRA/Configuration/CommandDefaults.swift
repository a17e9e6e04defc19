import Foundation

/// The defaults of each command's configuration, in one place: what a command runs with before
/// any option or configuration file is read (``RunConfiguration/init(command:)``). The CLI starts
/// from it and its help quotes it; the written `config.ini` of a run without options shows it.
///
/// | command | logic tree | samples | output |
/// |---|---|---|---|
/// | `run` | sample | 1,000 (the full-field reference workload, README "Performance") | `out/run` |
/// | `hazard` | sample | 1,000 (the same tree as `run`) | `out/hazard` |
/// | `group-risk` | sample | 50 (each sample is a full set of event sets) | `out/group-risk` |
/// | `scenarios` | sample | 200 (every path × variant is a tree run) | (required) |
/// | library, `explain` | central | 200 (`explain`: 500 for its tree view, ``explainSamples``) | `out/run` |
package enum CommandDefaults {
  /// Logic-tree samples of `hra run` and `hra hazard`.
  package static let runSamples = 1_000
  /// Logic-tree samples of `hra group-risk`.
  package static let groupRiskSamples = 50
  /// Logic-tree samples of the library's ``RunConfiguration`` and of `hra scenarios`.
  package static let librarySamples = 200
  /// Branch combinations of `hra explain`'s tree and hazard views (one building).
  package static let explainSamples = 500
  /// The parts of `hra run --resume` when the configuration gives no checkpoint count.
  package static let checkpoints = 8

  /// The logic-tree samples of `command`.
  package static func samples(for command: String) -> Int {
    switch command {
    case "run", "hazard": return runSamples
    case "group-risk": return groupRiskSamples
    default: return librarySamples
    }
  }

  /// The logic-tree mode of `command`: sampled for the commands over the tree, else central.
  package static func logicTree(for command: String) -> RunConfiguration.TreeMode {
    ["run", "hazard", "group-risk", "scenarios"].contains(command) ? .sample : .central
  }

  /// The output folder of `command` (`out/<command>`; `out/run` for the library).
  package static func output(for command: String) -> String {
    ["hazard", "group-risk"].contains(command) ? "out/" + command : "out/run"
  }
}

extension RunConfiguration {
  /// The configuration of `command` before any option or file (``CommandDefaults``).
  package init(command: String) {
    self.init()
    logicTree = CommandDefaults.logicTree(for: command)
    logicTreeSamples = CommandDefaults.samples(for: command)
    output = CommandDefaults.output(for: command)
  }
}
