import Foundation
import Testing

@testable import HRA

/// The help of each command quotes its default sample count from ``CommandDefaults`` (the
/// number it runs with), not a copy.
@Suite struct CommandDefaultsHelpTests {
  @Test func helpQuotesTheDefaultSamples() throws {
    for (command, samples) in [("run", 1_000), ("hazard", 1_000), ("group-risk", 50), ("scenarios", 200)] {
      let o = try CLITests.hra([command, "--help"])
      #expect(o.status == 0, "\(command)")
      let line = o.stdout.split(separator: "\n").first { $0.contains("--samples N") } ?? ""
      #expect(line.contains("(default \(samples))"), "\(command): \(line)")
      #expect(samples == CommandDefaults.samples(for: command))
    }
  }
}
