import Foundation
import Testing

/// `make layout` (Scripts/check-layout.swift, issue 26): the library's folders have no cycle, and
/// the script fails on one, naming the folders and a reference of each edge.
@Suite(.serialized) struct LayoutCheckTests {
  static func check(_ folder: String) throws -> CLITests.Outcome {
    try CLITests.run(
      "/usr/bin/env", ["swift", TestModels.root + "/Scripts/check-layout.swift", folder], in: TestModels.root,
      timeout: 300)
  }

  @Test func theLibraryHasNoFolderCycle() throws {
    let r = try Self.check(TestModels.root + "/Sources/HRA")
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.contains("folder cycles: none"))
  }

  @Test func aCycleIsFoundAndNamed() throws {
    let dir = NSTemporaryDirectory() + "hra-layout-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let files = [
      "Alpha/A.swift": "/// Uses Beta: a comment naming Gamma is not a dependency.\nstruct A { var b: B }\n",
      "Beta/B.swift": "struct B { var a: [A] }\n",
      "Gamma/C.swift": "enum C { static let s = \"A B\" }\n",
    ]
    for (path, text) in files {
      let p = dir + "/" + path
      try FileManager.default.createDirectory(
        atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: p, atomically: true, encoding: .utf8)
    }
    let r = try Self.check(dir)
    #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.contains("folder cycle among: Alpha, Beta"), "\(r.stdout)")
    #expect(r.stdout.contains("Alpha -> Beta") && r.stdout.contains("Beta -> Alpha"), "\(r.stdout)")
    #expect(!r.stdout.contains("Gamma,") && !r.stdout.contains("-> Gamma"), "\(r.stdout)")
  }
}
