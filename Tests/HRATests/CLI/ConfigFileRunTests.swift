import Foundation
import Testing

@testable import HRA
@testable import hra

/// `hra run --config FILE` through the binary: the file gives the options, flags override
/// it, the run writes its effective configuration as `config.ini`, and running that file again
/// gives byte-identical result files; a bad file is a located error and nothing is written.
@Suite(.serialized) struct ConfigFileRunTests {
  static func file(_ dir: String, _ text: String) throws -> String {
    let p = dir + "/job.ini"
    try text.write(toFile: p, atomically: true, encoding: .utf8)
    return p
  }

  @Test func writtenConfigurationReproducesTheRun() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    // Paths relative to the file's folder (the scratch models folder holds the file).
    let job = try Self.file(
      s.models,
      """
      # tiny tree run
      [models]
      models = .
      gmm = V7            ; the default
      [seismicity]
      production = phase-out-actual
      from = 2019
      to = 2020
      [exposure]
      exposure = tiny-exposure.csv
      [logic_tree]
      logic_tree = sample
      samples = 3
      seed = 7
      [output]
      out = out/a
      threads = 1
      """)
    let a = try CLITests.hra(["run", "--config", job], timeout: 600)
    #expect(a.status == 0, "\(a.stderr)")
    let written = s.models + "/out/a/config.ini"
    let text = try String(contentsOfFile: written, encoding: .utf8)
    // The scratch folder lies outside the run's folder tree (the package folder, where hra runs):
    // its paths are written absolute and marked so (issue 29; they were '../../' before).
    let scratch = OutputTarget.normalise(s.models, cwd: "/")
    #expect(text.contains("samples = 3") && text.contains("seed = 7"))
    #expect(
      text.contains("# \(CommandConfiguration.absoluteComment)\nexposure = \(scratch)/tiny-exposure.csv\n"), "\(text)")
    #expect(text.contains("absolute ones are marked"))
    // Rerun from the written file into another folder; a flag overrides the file's thread count.
    let b = try CLITests.hra(
      ["run", "--config", written, "--out", s.models + "/out/b", "--threads", "2"], timeout: 600)
    #expect(b.status == 0, "\(b.stderr)")
    for f in ["buildings-risk.csv", "near-norm.csv", "lists/p90-2019_20.csv", "config.ini"] {
      let x = try Data(contentsOf: URL(fileURLWithPath: s.models + "/out/a/" + f))
      let y = try Data(contentsOf: URL(fileURLWithPath: s.models + "/out/b/" + f))
      if f == "config.ini" {
        #expect(x != y, "the thread count differs")
      } else {
        #expect(x == y, "\(f) differs")
      }
    }
    // A flag overrides the file: 2 samples instead of 3.
    let c = try CLITests.hra(["run", "--config", job, "--samples", "2", "--out", s.models + "/out/c"], timeout: 600)
    #expect(c.status == 0, "\(c.stderr)")
    let m =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: s.models + "/out/c/manifest.json")))
      as! [String: Any]
    #expect((m["logicTree"] as! [String: Any])["samples"] as? Int == 2)
  }

  @Test func badFilesAreLocatedAndWriteNothing() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let cases: [(String, String)] = [
      (
        "[models]\nmodels = .\n[logictree]\nsamples = 3\n",
        "job.ini:3: field 'logictree': unknown section [logictree] (did you mean [logic_tree]?)"
      ),
      ("[logic_tree]\nsampels = 3\n", "job.ini:2: field 'logic_tree.sampels': unknown key"),
      ("[logic_tree]\nsamples = 0\n", "job.ini:2: field 'logic_tree.samples'"),
      ("[models]\ngmm = V8\n", "job.ini:2: field 'models.gmm'"),
      ("[logic_tree]\npercentiles = 50,abc\n", "job.ini:2: field 'logic_tree.percentiles'"),
    ]
    for (text, message) in cases {
      let job = try Self.file(s.models, text + "[output]\nout = out/x\n")
      let r = try CLITests.hra(["run", "--config", job], timeout: 60)
      #expect(r.status == 2, "\(text): \(r.stderr)")
      #expect(r.stderr.contains(message), "\(text): \(r.stderr)")
      #expect(!FileManager.default.fileExists(atPath: s.models + "/out"))
    }
  }

  /// A written `config.ini` holds paths relative to itself when the input and the output folder
  /// lie in the run's folder tree (the current folder and below), else absolute paths marked by a
  /// comment and the header; it said "relative" and held absolute paths before (issue 29).
  @Test func writtenPathsAreRelativeInTheRunsTreeElseMarkedAbsolute() throws {
    let cwd = OutputTarget.normalise(FileManager.default.currentDirectoryPath, cwd: "/")
    var c = RunConfiguration()
    c.models = "Models"
    c.exposure = cwd + "/data/edb.csv"
    let inside = try CommandConfiguration.text(c, writtenTo: cwd + "/out/x")
    #expect(inside.contains("\nmodels = ../../Models\n") && inside.contains("\nexposure = ../../data/edb.csv\n"))
    #expect(inside.contains("(paths are relative to this file's folder)") && !inside.contains("# absolute"))
    c.exposure = "/elsewhere/edb.csv"
    let mixed = try CommandConfiguration.text(c, writtenTo: cwd + "/out/x")
    #expect(mixed.contains("\nmodels = ../../Models\n"))
    #expect(mixed.contains("\n# \(CommandConfiguration.absoluteComment)\nexposure = /elsewhere/edb.csv\n"), "\(mixed)")
    #expect(mixed.contains("(relative paths are relative to this file's folder; absolute ones are marked)"))
    // An output folder outside the tree: every path absolute, so that moving it keeps them right.
    let outside = try CommandConfiguration.text(c, writtenTo: "/elsewhere/out")
    #expect(outside.contains("\nmodels = \(cwd)/Models\n"), "\(outside)")
    // The file reads back, comments and all.
    let back = try ConfigFile(text: mixed, file: "config.ini", schema: CommandConfiguration.schema(for: "run"))
    #expect(back.entry("exposure", "exposure")?.value == "/elsewhere/edb.csv")
  }

  /// `samples =` silently meant the default; now an error naming the file, the line and the
  /// key, for every command's configuration file (issue 29).
  @Test func emptyValueIsAnErrorNotTheDefault() throws {
    let dir = NSTemporaryDirectory() + "hra-empty-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for (command, section, key) in [
      ("run", "logic_tree", "samples"), ("hazard", "hazard", "imt"), ("scenarios", "scenarios", "capacity"),
      ("ijkmoment", "ijkmoment", "year"), ("conditional", "conditional", "magnitude"),
    ] {
      let job = try Self.file(dir, "# \(command)\n[\(section)]\n\(key) =\n")
      let e = #expect(throws: InputError.self) { _ = try CommandConfiguration.arguments(file: job, command: command) }
      #expect(e?.file == job && e?.line == 3 && e?.field == section + "." + key, "\(command): \(String(describing: e))")
      #expect(e?.message.contains("found an empty value") == true, "\(command)")
    }
    let job = try Self.file(dir, "[logic_tree]\nsamples =\n[output]\nout = \(dir)/out\n")
    let r = try CLITests.hra(["run", "--config", job], timeout: 60)
    #expect(r.status == 2 && r.stderr.contains("job.ini:2: field 'logic_tree.samples': "), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
  }

  /// A value the library refuses is blamed on what the user wrote: the `--config` line that
  /// gave it (the library names the key `logic_tree.fix`), or the option typed on the command
  /// line (issue 26: a value read from a file was blamed on a flag the user never typed).
  @Test func refusedValueIsBlamedOnTheFileLineOrTheOption() throws {
    let s = try LPRRunTests.tinySetup()
    defer { try? FileManager.default.removeItem(atPath: s.models) }
    let job = try Self.file(
      s.models,
      "[models]\nmodels = .\n[seismicity]\nfrom = 2019\nto = 2019\n[exposure]\nexposure = tiny-exposure.csv\n"
        + "[logic_tree]\nlogic_tree = sample\nsamples = 2\nfix = mmax=9.9\n[output]\nout = out\n")
    let fromFile = try CLITests.hra(["run", "--config", job], timeout: 120)
    #expect(fromFile.status == 2, "\(fromFile.stderr)")
    #expect(
      fromFile.stderr.contains("hra: input error: \(job):11: field 'logic_tree.fix': mmax: unknown branch '9.9'"),
      "\(fromFile.stderr)")
    #expect(!fromFile.stderr.contains("--fix"), "\(fromFile.stderr)")
    let typed = try CLITests.hra(["run", "--config", job, "--fix", "mmax=8.8"], timeout: 120)
    #expect(typed.status == 2, "\(typed.stderr)")
    #expect(typed.stderr.contains("hra: input error: --fix: field 'mmax': unknown branch '8.8'"), "\(typed.stderr)")
    #expect(!FileManager.default.fileExists(atPath: s.models + "/out"))
    // The library alone names the key.
    let e = InputError(key: "logic_tree.fix", field: "mmax", "unknown branch")
    #expect(e.description == "configuration key 'logic_tree.fix': field 'mmax': unknown branch")
  }

  @Test func shippedExamplesAreValidForTheirCommands() throws {
    for (file, command) in [
      ("default.ini", "run"), ("v6.ini", "run"), ("forecast.ini", "run"), ("scenario-study.ini", "scenarios"),
    ] {
      let words = try CommandConfiguration.arguments(file: TestModels.root + "/examples/" + file, command: command)
      #expect(words.contains { $0.option == "out" }, "\(file)")
      #expect(words.contains { $0.option == "models" && $0.words[1].hasSuffix("Models") }, "\(file)")
    }
  }
}
