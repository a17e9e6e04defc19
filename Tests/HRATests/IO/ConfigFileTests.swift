import Foundation
import Testing

@testable import HRA

/// A schema shaped like the engine's run configuration.
let configTestSchema = ConfigSchema([
  .init(
    "run",
    [
      ConfigKey("description", .string, allowsEmpty: true),
      ConfigKey("logic_tree", .enumeration(["sample", "enumerate", "central"])),
      ConfigKey("samples", .integer(1...65_535)),
      ConfigKey("seed", .integer(0...Int.max)),
      ConfigKey("parallel", .boolean),
      ConfigKey("percentiles", .doubles(min: 0, max: 100, exclusiveMin: true, exclusiveMax: true, count: 2...2)),
      ConfigKey("fix", .pairs, allowsEmpty: true),
    ]),
  .init(
    "exposure",
    [
      ConfigKey("buildings", .path, required: true),
      ConfigKey("snap_distance_m", .double(min: 0)),
    ]),
  .init(
    "seismicity",
    [
      ConfigKey("mmin", .double(min: 0, max: 10, exclusiveMin: true)),
      ConfigKey("rate_tolerance", .double(min: 0, exclusiveMin: true)),
    ]),
])

@Suite struct ConfigFileTests {
  /// Parses `text` as "x.ini", validated against the test schema unless `schema` is `nil`.
  func parse(_ text: String, schema: ConfigSchema? = configTestSchema) throws -> ConfigFile {
    try ConfigFile(text: text, file: "x.ini", schema: schema)
  }

  @Test func parsesARealisticFile() throws {
    let lines = [
      "# Effective configuration",  // 1
      "; written by hand",  // 2
      "",  // 3
      "[run]",  // 4
      "description = Groningen; 2024 run",  // 5: ';' not after white space stays
      "logic_tree = sample   # or enumerate",  // 6
      "  samples=500 ; inline",  // 7
      "",  // 8
      "parallel = Yes",  // 9
      "percentiles = 50, 90",  // 10
      "fix = mmax=4.5,gmm_median=Upper",  // 11
      "\t# indented comment",  // 12
      "[ exposure ]",  // 13
      "buildings = ../Models/edb.csv",  // 14
      "snap_distance_m = 25",  // 15
      "[seismicity]",  // 16
      "rate_tolerance = 1e-5",  // 17
    ]
    let data = Data(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8)
    let c = try ConfigFile(data: data, file: "examples/run.ini", schema: configTestSchema)
    #expect(c.sections.map(\.name) == ["run", "exposure", "seismicity"])
    #expect(c.sections.map(\.line) == [4, 13, 16])
    let keys = ["description", "logic_tree", "samples", "parallel", "percentiles", "fix"]
    #expect(c.sections[0].entries.map(\.key) == keys)
    #expect(c.sections[0].entries.map(\.line) == [5, 6, 7, 9, 10, 11])
    #expect(c.entry("run", "samples") == .init(section: "run", key: "samples", value: "500", line: 7))
    #expect(try c.string("run", "description") == "Groningen; 2024 run")
    #expect(try c.string("run", "logic_tree") == "sample")
    #expect(try c.int("run", "samples") == 500)
    #expect(try c.bool("run", "parallel") == true)
    #expect(try c.doubles("run", "percentiles") == [50, 90])
    let fix = try #require(try c.pairs("run", "fix"))
    #expect(fix.map(\.key) == ["mmax", "gmm_median"] && fix.map(\.value) == ["4.5", "Upper"])
    #expect(try c.path("exposure", "buildings") == "examples/../Models/edb.csv")
    #expect(try c.double("exposure", "snap_distance_m") == 25)
    #expect(try c.double("seismicity", "rate_tolerance") == 1e-5)
    #expect(try c.int("run", "seed") == nil)
    #expect(try c.double("seismicity", "mmin") == nil)
    #expect(c.error("run", "samples", "too many").description == "examples/run.ini:7: field 'run.samples': too many")
  }

  @Test func readsAFileFromDisk() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/job.ini"
    try Data("[exposure]\nbuildings = edb.csv\n[seismicity]\nmmin = 1.5\n".utf8).write(to: URL(fileURLWithPath: path))
    let c = try ConfigFile(contentsOf: path, schema: configTestSchema)
    #expect(try c.path("exposure", "buildings") == dir + "/edb.csv")
    #expect(try c.double("seismicity", "mmin") == 1.5)
    #expect(throws: InputError(file: dir + "/none.ini", "cannot read file")) {
      try ConfigFile(contentsOf: dir + "/none.ini")
    }
  }

  @Test func syntaxErrorsNameFileLineAndField() throws {
    let dupKey = "[run]\nsamples = 5\n\nsamples = 6\n"
    #expect(
      throws: InputError(
        file: "x.ini", line: 4, field: "run.samples",
        "duplicate key 'samples' in [run]: first given on line 2")
    ) { try parse(dupKey) }
    let dupSection = "[run]\nsamples = 5\n[exposure]\nbuildings = a\n[run]\nseed = 1\n"
    #expect(
      throws: InputError(
        file: "x.ini", line: 5, field: "run",
        "duplicate section [run]: first given on line 1")
    ) { try parse(dupSection) }
    #expect(
      throws: InputError(
        file: "x.ini", line: 2, field: "samples",
        "key 'samples' appears before any [section] header")
    ) {
      try parse("# c\nsamples = 5\n[run]")
    }
    #expect(
      throws: InputError(
        file: "x.ini", line: 2, field: "run",
        "expected \"key = value\", a [section] header or a comment, found \"samples: 5\"")
    ) {
      try parse("[run]\nsamples: 5\n")
    }
    #expect(
      throws: InputError(
        file: "x.ini", line: 1, field: "Run",
        "invalid section name \"Run\": use lowercase letters, digits and _")
    ) {
      try parse("[Run]")
    }
    #expect(
      throws: InputError(
        file: "x.ini", line: 2, field: "run",
        "expected a section header like [name], found \"[exposure\"")
    ) {
      try parse("[run]\n[exposure\n")
    }
    #expect(
      throws: InputError(
        file: "x.ini", line: 2, field: "run.Seed",
        "invalid key name \"Seed\": use lowercase letters, digits and _")
    ) {
      try parse("[run]\nSeed = 1")
    }
    #expect(
      throws: InputError(
        file: "x.ini", line: 2, field: "run.",
        "missing key name before '='")
    ) { try parse("[run]\n= 1") }
    #expect(throws: InputError(file: "x.ini", "not valid UTF-8 text")) {
      try ConfigFile(data: Data([0x5B, 0xFF, 0x5D]), file: "x.ini")
    }
  }

  @Test func unknownNamesSuggestTheClosestKnownOne() throws {
    #expect(
      throws: InputError(
        file: "x.ini", line: 3, field: "seismicty",
        "unknown section [seismicty] (did you mean [seismicity]?)")
    ) {
      try parse("[run]\nseed = 1\n[seismicty]\nmmin = 1\n")
    }
    #expect(
      throws: InputError(
        file: "x.ini", line: 1, field: "hazard",
        "unknown section [hazard] (known sections: run, exposure, seismicity)")
    ) {
      try parse("[hazard]\n")
    }
    #expect(
      throws: InputError(
        file: "x.ini", line: 3, field: "run.sampels",
        "unknown key 'sampels' in [run] (did you mean 'samples'?)")
    ) {
      try parse("[run]\n# comment\nsampels = 10\n")
    }
    #expect(
      throws: InputError(
        file: "x.ini", line: 2, field: "exposure.zones",
        "unknown key 'zones' in [exposure] (known keys: buildings, snap_distance_m)")
    ) {
      try parse("[exposure]\nzones = z.csv\nbuildings = b.csv\n")
    }
    let logicTree = ConfigSchema([.init("logic_tree", [ConfigKey("mode", .string)])])
    #expect(
      throws: InputError(
        file: "x.ini", line: 1, field: "logictree",
        "unknown section [logictree] (did you mean [logic_tree]?)")
    ) {
      try parse("[logictree]\nmode = x\n", schema: logicTree)
    }
    #expect(ConfigFile.editDistance("logictree", "logic_tree") == 1)
    #expect(ConfigFile.editDistance("", "abc") == 3)
    #expect(ConfigFile.editDistance("kitten", "sitting") == 3)
  }

  @Test func badValuesSayWhatWasExpected() throws {
    func value(_ section: String, _ line: String) -> String {
      "[\(section)]\n\(line)\n" + (section == "exposure" ? "" : "[exposure]\nbuildings = b.csv\n")
    }
    let cases: [(text: String, field: String, message: String)] = [
      (value("run", "samples = abc"), "run.samples", "expected an integer in 1...65535, found \"abc\""),
      (value("run", "samples = 70000"), "run.samples", "expected an integer in 1...65535, found \"70000\""),
      (value("run", "samples = 1.5"), "run.samples", "expected an integer in 1...65535, found \"1.5\""),
      (value("run", "seed ="), "run.seed", "expected an integer in 0...\(Int.max), found an empty value"),
      (
        value("run", "parallel = maybe"), "run.parallel",
        "expected a boolean (true, false, yes, no, 1 or 0), found \"maybe\""
      ),
      (
        value("run", "logic_tree = samples"), "run.logic_tree",
        "expected one of (sample, enumerate, central), found \"samples\""
      ),
      (
        value("run", "percentiles = 50,abc,90"), "run.percentiles",
        "expected a comma-separated list of 2 finite numbers in (0, 100), found \"abc\" as element 2"
      ),
      (
        value("run", "percentiles = 50,,90"), "run.percentiles",
        "expected a comma-separated list of 2 finite numbers in (0, 100), found \"\" as element 2"
      ),
      (
        value("run", "percentiles = 0,90"), "run.percentiles",
        "expected a comma-separated list of 2 finite numbers in (0, 100), found \"0\" as element 1"
      ),
      (
        value("run", "percentiles = 10,50,90"), "run.percentiles",
        "expected a comma-separated list of 2 finite numbers in (0, 100), found 3 elements"
      ),
      (
        value("run", "fix = mmax=4.5,gmm_median"), "run.fix",
        "expected a comma-separated list of name=value pairs, found \"gmm_median\" as element 2"
      ),
      (
        value("run", "fix = mmax=4.5,mmax=5"), "run.fix",
        "expected a comma-separated list of name=value pairs, found name 'mmax' twice"
      ),
      (value("exposure", "buildings ="), "exposure.buildings", "expected a file path, found an empty value"),
      (
        value("exposure", "snap_distance_m = -1\nbuildings = b.csv"), "exposure.snap_distance_m",
        "expected a finite number >= 0, found \"-1\""
      ),
      (value("seismicity", "mmin = 0"), "seismicity.mmin", "expected a finite number in (0, 10], found \"0\""),
      (
        value("seismicity", "rate_tolerance = nan"), "seismicity.rate_tolerance",
        "expected a finite number > 0, found \"nan\""
      ),
      (
        value("seismicity", "rate_tolerance = inf"), "seismicity.rate_tolerance",
        "expected a finite number > 0, found \"inf\""
      ),
    ]
    for c in cases {
      #expect(throws: InputError(file: "x.ini", line: 2, field: c.field, c.message), "\(c.text)") { try parse(c.text) }
    }
  }

  @Test func emptyAndRequiredKeys() throws {
    let c = try parse("[run]\ndescription =\nfix =  # none\n[exposure]\nbuildings = b.csv\n")
    #expect(c.entry("run", "description")?.value == "")
    #expect(try c.string("run", "description") == nil)
    #expect(try c.pairs("run", "fix") == nil)
    #expect(
      throws: InputError(
        file: "x.ini", line: 1, field: "exposure.buildings",
        "missing required key 'buildings' in [exposure]")
    ) {
      try parse("[exposure]\nsnap_distance_m = 3\n")
    }
    #expect(
      throws: InputError(
        file: "x.ini", field: "exposure.buildings",
        "missing required key 'buildings' in [exposure]")
    ) { try parse("[run]\n") }
  }

  @Test func accessorsWithoutASchemaCheckOnlyTheType() throws {
    let c = try parse("[a]\nn = -7\nx = 2.5\nb = off\nl = 1,2\ne =\n[b_2]\n", schema: nil)
    #expect(c.schema == nil)
    #expect(try c.int("a", "n") == -7)
    #expect(try c.double("a", "x") == 2.5)
    #expect(try c.doubles("a", "l") == [1, 2])
    #expect(
      throws: InputError(
        file: "x.ini", line: 4, field: "a.b",
        "expected a boolean (true, false, yes, no, 1 or 0), found \"off\"")
    ) {
      try c.bool("a", "b")
    }
    #expect(throws: InputError(file: "x.ini", line: 6, field: "a.e", "expected a text value, found an empty value")) {
      try c.string("a", "e")
    }
    #expect(throws: InputError(file: "x.ini", line: 3, field: "a.x", "expected an integer, found \"2.5\"")) {
      try c.int("a", "x")
    }
    #expect(c.sections.map(\.name) == ["a", "b_2"] && c.sections[1].entries.isEmpty)
  }

  @Test func renderedFilesReadBackExactly() throws {
    let numbers = [1e-5, 0.1, 20_190_401, -0.0, 1.0 / 3.0, 6.02214076e23, Double.leastNonzeroMagnitude, 0.1 + 0.2]
    let sections: [(name: String, entries: [(key: String, value: String, comment: String?)])] = [
      (
        "run",
        [
          ("description", "Groningen run = 2024", "Free text.\nTwo comment lines."),
          ("samples", "500", nil),
          ("percentiles", ConfigFile.format([50, 90]), nil),
          ("fix", ConfigFile.format([(key: "mmax", value: "4.5"), (key: "gmm_median", value: "Upper")]), nil),
          ("empty", "", "Empty values are written as `key =`."),
        ]
      ),
      ("numbers", numbers.enumerated().map { ("x\($0.offset)", ConfigFile.format($0.element), nil) }),
      ("no_keys", []),
    ]
    let text = try ConfigFile.render(sections, header: "Effective configuration of run 7")
    #expect(text.hasPrefix("# Effective configuration of run 7\n\n[run]\n# Free text.\n# Two comment lines.\n"))
    let c = try ConfigFile(text: text, file: "out/run.ini")
    #expect(c.sections.map(\.name) == sections.map(\.name))
    for (s, expected) in zip(c.sections, sections) {
      #expect(s.entries.map(\.key) == expected.entries.map(\.key))
      #expect(s.entries.map(\.value) == expected.entries.map(\.value))
    }
    for (i, x) in numbers.enumerated() {
      let back = try #require(try c.double("numbers", "x\(i)"))
      #expect(back.bitPattern == x.bitPattern, "x\(i) = \(x)")
    }
    #expect(ConfigFile.format(1e-5) == "1e-05" && ConfigFile.format(20_190_401) == "20190401.0")
    #expect(try c.doubles("run", "percentiles") == [50, 90])
    #expect(try c.pairs("run", "fix")?.map(\.value) == ["4.5", "Upper"])
  }

  @Test func renderRejectsWhatWouldNotReadBack() throws {
    for bad in ["a\nb", " padded", "x #comment", "x\t;y", "#x", ";x"] {
      #expect(throws: InputError.self, "\(bad)") { try ConfigFile.render([("run", [("k", bad, nil)])]) }
    }
    #expect(throws: InputError(file: "(configuration to write)", field: "run.k", "duplicate key")) {
      try ConfigFile.render([("run", [("k", "1", nil), ("k", "2", nil)])])
    }
    #expect(throws: InputError.self) { try ConfigFile.render([("run", []), ("run", [])]) }
    #expect(throws: InputError.self) { try ConfigFile.render([("Run", [])]) }
    #expect(throws: InputError.self) { try ConfigFile.render([("run", [("my key", "1", nil)])]) }
    #expect(try ConfigFile.render([("run", [("k", "a#b;c", nil)])]) == "[run]\nk = a#b;c\n")
  }
}
