import Foundation
import Testing

@testable import HRA

/// Replays the fuzzing corpus in-process (no sanitizer) through the fuzz targets' drivers (``FuzzTargets``):
/// every file of `Fuzz/regressions/<target>/` (inputs that once crashed a target) and of `Fuzz/corpus/<target>/`
/// (the hand-written seeds) must return or throw, never crash, and keep its round trips. Seeds named `ok-*`
/// must also be accepted, so that the corpus keeps reaching past the first checks.
@Suite struct FuzzRegressionTests {
  static let fuzz = TestModels.root + "/Fuzz"

  /// The files of `Fuzz/<folder>/<target>/`, sorted; none when the folder does not exist.
  static func files(_ folder: String, _ target: String) -> [String] {
    let dir = fuzz + "/" + folder + "/" + target
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted().map { dir + "/" + $0 }
  }

  @Test(arguments: FuzzTargets.names) func replaysRegressionsAndCorpus(target: String) throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-replay-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let context =
      target == "exposure"
      ? try FuzzTargets.ExposureContext(models: TestModels.models, scratch: scratch.path) : nil
    let seeds = Self.files("corpus", target)
    #expect(!seeds.isEmpty, "Fuzz/corpus/\(target)/ has no seeds")
    for path in Self.files("regressions", target) + seeds {
      let data = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
      let outcome = FuzzTargets.run(target, data, exposure: context)
      #expect(outcome.problems.isEmpty, "\(path): \(outcome.problems.joined(separator: "; "))")
      if (path as NSString).lastPathComponent.hasPrefix("ok-") {
        #expect(outcome.accepted, "\(path): a seed named ok-* must be accepted by the parser")
      }
    }
  }

  @Test func everyTargetHasItsFuzzEntry() {
    for t in FuzzTargets.names {
      #expect(FileManager.default.fileExists(atPath: Self.fuzz + "/\(t).swift"), "no Fuzz/\(t).swift")
      #expect(FileManager.default.fileExists(atPath: Self.fuzz + "/dict/\(t).dict"), "no Fuzz/dict/\(t).dict")
    }
  }
}
