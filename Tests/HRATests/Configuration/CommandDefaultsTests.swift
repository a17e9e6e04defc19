import Foundation
import Testing

@testable import HRA

/// Each command's defaults live in one place (``CommandDefaults``): the configuration a command
/// starts from has them, and the `config.ini` written for it shows them.
@Suite struct CommandDefaultsTests {
  @Test func eachCommandStartsFromItsDefaults() {
    let expected: [(String, RunConfiguration.TreeMode, Int, String)] = [
      ("run", .sample, 1_000, "out/run"), ("hazard", .sample, 1_000, "out/hazard"),
      ("group-risk", .sample, 50, "out/group-risk"), ("scenarios", .sample, 200, "out/run"),
      ("explain", .central, 200, "out/run"),
    ]
    for (command, mode, samples, output) in expected {
      let c = RunConfiguration(command: command)
      #expect(c.logicTree == mode && c.logicTreeSamples == samples && c.output == output, "\(command)")
    }
    #expect(RunConfiguration().logicTreeSamples == CommandDefaults.librarySamples)
    #expect(CommandDefaults.checkpoints == 8 && CommandDefaults.explainSamples == 500)
  }

  @Test func theWrittenConfigurationShowsTheDefault() throws {
    let folder = "out/defaults"
    let run = try CommandConfiguration.text(RunConfiguration(command: "run"), writtenTo: folder)
    let hazard = try CommandConfiguration.hazardText(
      RunConfiguration(command: "hazard"), HazardSettings(), writtenTo: folder)
    let group = try CommandConfiguration.groupRiskText(
      RunConfiguration(command: "group-risk"), GroupRiskSettings(), writtenTo: folder)
    for (text, samples) in [(run, 1_000), (hazard, 1_000), (group, 50)] {
      let lines = text.split(separator: "\n").map { $0.replacingOccurrences(of: " ", with: "") }
      #expect(lines.contains("samples=\(samples)"), "\(text)")
      #expect(lines.contains("logic_tree=sample"))
    }
  }
}
