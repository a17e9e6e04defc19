import Foundation
import HRA

/// `hra`: the thin command-line front end of GroningenHRA. Each subcommand parses its
/// arguments, calls one library entry point and formats the result.
let usage = """
  usage: hra <command> [options]

  commands:
    run          LPR of every building for every gas year of a production path (the main job)
    calibrate    fit the activity-rate and b-value models to the KNMI catalogue
    conditional  collapse and death probabilities for one earthquake at one site
    scenario     one earthquake at an epicentre, evaluated for every building (CSV)
    explain      what drives one building's LPR (magnitudes, distances, sources)
    exposure     'exposure generate': write the synthetic exposure database
    ijkmoment    the annual ijkmoment: ranked opname queue, schedule, list changes, state
    scenarios    the same model on several production paths (and variants), compared side by side

  'hra <command> --help' describes a command's options.
  """

var args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first, command != "--help", command != "-h", command != "help" else {
  print(usage)
  exit(args.isEmpty ? 2 : 0)
}
args.removeFirst()
let commands: [String: ([String]) throws -> Void] = [
  "run": RunCommand.main, "calibrate": CalibrateCommand.main, "conditional": ConditionalCommand.main,
  "scenario": ScenarioCommand.main, "explain": ExplainCommand.main, "exposure": ExposureCommand.main,
  "ijkmoment": IjkmomentCommand.main, "scenarios": ScenariosCommand.main,
]
guard let body = commands[command] else {
  FileHandle.standardError.write(Data("hra: unknown command '\(command)'\n\n\(usage)\n".utf8))
  exit(2)
}
do {
  try body(args)
} catch let e as Arguments.UsageError {
  FileHandle.standardError.write(Data("hra: \(e.description)\n".utf8))
  exit(2)
} catch let e as InputError {
  FileHandle.standardError.write(Data("hra: input error: \(e.description)\n".utf8))
  exit(2)
} catch let e as OutputError {
  FileHandle.standardError.write(Data("hra: \(e.description)\n".utf8))
  exit(e.refused ? 2 : 1)
} catch {
  FileHandle.standardError.write(Data("hra: \(error)\n".utf8))
  exit(1)
}
