import Foundation
import HRA

/// `hra`: the thin command-line front end of GroningenHRA. Each subcommand parses its
/// arguments, calls one library entry point and formats the result.
let usage = """
  usage: hra <command> [options]

  commands:
    run             LPR of every building for every gas year of a production path (the main job)
    hazard          hazard curves, maps, spectra and disaggregation per gas year over the logic tree
    generic-hazard  hazard curves and damage rates from an area source and a generic GMM (cross-code checks)
    group-risk      FN curves, PLL and collapses per gas year from event sets with correlated fields
    calibrate       fit the activity-rate and b-value models to the KNMI catalogue
    conditional     collapse and death probabilities for one earthquake at one site
    scenario        one earthquake at an epicentre, evaluated for every building (CSV)
    explain         what drives one building's LPR (magnitudes, distances, sources)
    exposure        'exposure generate': write the synthetic exposure database
    ijkmoment       the annual ijkmoment: ranked opname queue, schedule, list changes, state
    scenarios       the same model on several production paths (and variants), compared side by side
    models          the model versions (GMM, FCM, seismicity), their logic-tree branch sets and files
    seismicity      'seismicity export': the built-in model's rates as a gridded forecast CSV
    report          one self-contained HTML report (map, plots, tables, manifest) of an output folder
    merge           the output folder of a run computed in shards (hra run --shard I/N)
    version         the code version this binary was built from (also 'hra --version')

  'hra <command> --help' (or -h, or 'hra help <command>') describes a command's options.
  """

/// The help of `hra version`, answered in this file: `version` is not in `commands`.
let versionHelp = """
  usage: hra version (or hra --version)
  Prints the code version this binary was built from: the release, the git commit of the checkout
  and -dirty when tracked files were modified (+unknown outside a git checkout).
  """

/// Writes `message` to standard error and exits with status 2 (a usage error).
func usageFailure(_ message: String) -> Never {
  FileHandle.standardError.write(Data("hra: \(message)\n".utf8))
  exit(2)
}

var args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else {
  print(usage)
  exit(2)
}
args.removeFirst()
let commands: [String: ([String]) throws -> Void] = [
  "run": RunCommand.main, "calibrate": CalibrateCommand.main, "conditional": ConditionalCommand.main,
  "scenario": ScenarioCommand.main, "explain": ExplainCommand.main, "exposure": ExposureCommand.main,
  "ijkmoment": IjkmomentCommand.main, "scenarios": ScenariosCommand.main, "models": ModelsCommand.main,
  "seismicity": SeismicityCommand.main, "hazard": HazardCommand.main, "group-risk": GroupRiskCommand.main,
  "generic-hazard": GenericHazardCommand.main, "report": ReportCommand.main, "merge": MergeCommand.main,
]
// The command to run and its arguments. Help is dispatched here, before a command parses
// anything: 'hra help CMD' and -h/--help anywhere among CMD's arguments become 'CMD --help',
// which every command answers by printing its help and returning (nothing is computed).
let body: ([String]) throws -> Void
switch command {
case "-h", "--help":
  print(usage)
  exit(0)
case "--version", "version":
  if command == "version" && Arguments.wantsHelp(args) {
    print(versionHelp)
    exit(0)
  }
  guard args.isEmpty else { usageFailure("\(command) takes no arguments") }
  print(CodeVersion.current)
  exit(0)
case "help":
  guard let topic = args.first else {
    print(usage)
    exit(0)
  }
  guard args.count == 1 else { usageFailure("help takes one command name (see 'hra help')") }
  if topic == "version" {
    print(versionHelp)
    exit(0)
  }
  guard let b = commands[topic] else { usageFailure("unknown command '\(topic)'\n\n\(usage)") }
  body = b
  args = ["--help"]
default:
  guard let b = commands[command] else { usageFailure("unknown command '\(command)'\n\n\(usage)") }
  body = b
  if Arguments.wantsHelp(args) { args = ["--help"] }
}
do {
  try body(args)
} catch let e as Arguments.UsageError {
  FileHandle.standardError.write(Data("hra: \(e.description)\n".utf8))
  exit(2)
} catch let e as InputError {
  let located = OptionOrigins.located(e)
  FileHandle.standardError.write(Data("hra: input error: \(located.description)\n".utf8))
  exit(2)
} catch let e as OutputError {
  FileHandle.standardError.write(Data("hra: \(e.description)\n".utf8))
  exit(e.refused ? 2 : 1)
} catch {
  FileHandle.standardError.write(Data("hra: \(error)\n".utf8))
  exit(1)
}
