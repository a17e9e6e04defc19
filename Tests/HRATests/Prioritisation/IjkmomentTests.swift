import Foundation
import Testing

@testable import HRA

@Suite struct IjkmomentTests {
  func status(_ body: String) throws -> StatusFile {
    try StatusFile.parse(CSVTable(data: Data((StatusFileTests.header + body).utf8), file: "status.csv"))
  }

  @Test func firstIjkmomentTakesTheP90ListIncludingP50() throws {
    let r = Hand.results(
      2025,
      [
        Hand.b("n", p50: [1e-6, 1e-6], p90: [5e-6, 5e-6]),
        Hand.b("l", p50: [5e-6, 5e-6], p90: [2e-5, 2e-5]),
        Hand.b("v", p50: [2e-5, 1e-5], p90: [4e-5, 3e-5]),
      ])
    let o = try Ijkmoment.run(results: r, year: 2025)
    #expect(o.queue.map(\.id) == ["v", "l"])
    #expect(o.queue.map(\.category) == [.verhoogd, .lichtVerhoogd])
    #expect(o.changes.map(\.kind) == [.added, .added])
    #expect(o.state.scope.map(\.entryYear) == [2025, 2025])
    #expect(o.categoryCounts == [.verhoogd: 1, .lichtVerhoogd: 1, .normaal: 1])
    #expect(o.horizon == 2025...2026)
  }

  @Test func statusDatesOutsideTheProgrammeAndTheGasYearAreLocatedErrors() throws {
    let o1 = try Ijkmoment.run(results: Hand.results(2019, [Hand.b("a", p50: [2e-5], p90: [3e-5])]), year: 2019)
    let r = Hand.results(2020, [Hand.b("a", p50: [2e-5], p90: [3e-5])])
    // 1900 is before the programme (2012-08-16); 2030 after the end of gas year 2020/21.
    for (date, line) in [("1900-01-01", 2), ("2030-01-01", 2)] {
      do {
        _ = try Ijkmoment.run(
          results: r, year: 2020, previous: o1.state, status: try status("a,inspected,\(date),meets_norm,,,,"))
        Issue.record("status date \(date) accepted")
      } catch let e as InputError {
        #expect(e.file == "status.csv" && e.line == line && e.field == "date", "\(e)")
      }
    }
    // The last day of the gas year is still inside.
    _ = try Ijkmoment.run(
      results: r, year: 2020, previous: o1.state, status: try status("a,inspected,2021-09-30,meets_norm,,,,"))
  }

  @Test func inspectedBuildingAboveTheNormAgainReentersOnlyIfItsRiskRose() throws {
    let y1 = Hand.results(2020, [Hand.b("a", p50: [2e-5], p90: [3e-5]), Hand.b("s", p50: [2e-5], p90: [3e-5])])
    let o1 = try Ijkmoment.run(results: y1, year: 2020)
    let st = try status("a,inspected,2021-03-01,meets_norm,,,,\ns,inspected,2021-03-02,needs_strengthening,,,,")
    // 2021: both inspected → leave (§3.4a), reference P90 = this year's P90.
    let y2 = Hand.results(2021, [Hand.b("a", p50: [2e-5], p90: [2.5e-5]), Hand.b("s", p50: [2e-5], p90: [2.5e-5])])
    let o2 = try Ijkmoment.run(results: y2, year: 2021, previous: o1.state, status: st)
    #expect(o2.queue.isEmpty)
    #expect(o2.changes.map(\.kind) == [.leftInspected, .leftInspected])
    #expect(o2.state.closed.map(\.referenceP90) == [2.5e-5, 2.5e-5])
    // 2022: above the norm, risk not risen → stays off; the same status file does not count twice.
    let y3 = Hand.results(2022, [Hand.b("a", p50: [2e-5], p90: [2.4e-5]), Hand.b("s", p50: [2e-5], p90: [9e-5])])
    let o3 = try Ijkmoment.run(results: y3, year: 2022, previous: o2.state, status: st)
    #expect(o3.queue.isEmpty)
    #expect(o3.changes.map(\.kind) == [.notReentered, .notReentered])
    // 2023: a's risk rose → re-enters with the rule's reason code and the reentry flag; s (needs strengthening) never.
    let y4 = Hand.results(2023, [Hand.b("a", p50: [2e-5], p90: [2.6e-5]), Hand.b("s", p50: [2e-5], p90: [9e-5])])
    let o4 = try Ijkmoment.run(results: y4, year: 2023, previous: o3.state, status: st)
    #expect(o4.queue.map(\.id) == ["a"])
    #expect(o4.queue[0].reason == .p50 && o4.queue[0].reentry && o4.queue[0].flags == "reentry")
    #expect(o4.changes.first { $0.id == "a" }?.kind == .reentered)
    // 2024: the same (old) inspection row does not close it again; a new inspection does.
    let o5 = try Ijkmoment.run(
      results: Hand.results(2024, [Hand.b("a", p50: [1e-6], p90: [2e-6]), Hand.b("s", p50: [0], p90: [0])]),
      year: 2024, previous: o4.state, status: st)
    #expect(o5.queue.map(\.id) == ["a"] && o5.queue[0].reason == .keptOnList)
    let o6 = try Ijkmoment.run(
      results: Hand.results(2025, [Hand.b("a", p50: [1e-6], p90: [2e-6]), Hand.b("s", p50: [0], p90: [0])]),
      year: 2025, previous: o5.state, status: try status("a,inspected,2025-05-01,meets_norm,,,,"))
    #expect(o6.queue.isEmpty && o6.changes.map(\.kind) == [.leftInspected])
  }

  @Test func specialAdditionsBatchesReleasesAndSamenloop() throws {
    let r = Hand.results(
      2025,
      [
        Hand.b("v", p50: [2e-5], p90: [4e-5]),
        Hand.b("sp", p50: [1e-7], p90: [1e-6]),
        Hand.b("spHigh", p50: [1e-7], p90: [2e-5]),
        Hand.b("bat", p50: [1e-8], p90: [1e-7]),
        Hand.b("rel", p50: [2e-5], p90: [4e-5]),
      ])
    let st = try status(
      """
      sp,open,,,,request,owner feels unsafe,1
      spHigh,,,,,NCG,special circumstances,
      bat,,,,1588,,,
      v,,,,,,,1
      rel,released,2025-01-10,,,,demolished,
      """)
    let o = try Ijkmoment.run(results: r, year: 2025, status: st)
    #expect(o.queue.map(\.id) == ["bat", "v", "spHigh", "sp"])
    #expect(o.queue.map(\.reason) == [.historicBatch, .p50, .p90, .specialAddition])
    #expect(o.queue[0].batch == .b1588)
    #expect(o.queue[1].flags == "samenloop")
    #expect(o.queue[3].flags == "samenloop;special_addition" && o.queue[3].addedBy == .request)
    #expect(o.queue[2].specialAddition)
    #expect(Set(o.changes.map(\.kind)) == [.added, .addedSpecial, .addedBatch, .notReentered])
    #expect(o.state.closed.map(\.id) == ["rel"])
  }

  @Test func whatIsOnTheListStaysAndRankMovesAreReported() throws {
    let o1 = try Ijkmoment.run(
      results: Hand.results(2020, [Hand.b("a", p50: [2e-5], p90: [3e-5]), Hand.b("b", p50: [3e-5], p90: [4e-5])]),
      year: 2020)
    #expect(o1.queue.map(\.id) == ["b", "a"])
    let o2 = try Ijkmoment.run(
      results: Hand.results(
        2021,
        [
          Hand.b("a", p50: [2e-5], p90: [3e-5]), Hand.b("b", p50: [1e-6], p90: [2e-6]),
          Hand.b("c", p50: [1e-6], p90: [2e-5]),
        ]), year: 2021, previous: o1.state)
    #expect(o2.queue.map(\.id) == ["a", "c", "b"])
    let b = o2.changes.first { $0.id == "b" }!
    #expect(b.kind == .keptOnList && b.previousRank == 1 && b.rank == 3 && b.rankMove == -2 && b.reason == .keptOnList)
    #expect(o2.changes.first { $0.id == "a" }?.rankMove == 1)
    #expect(o2.changes.first { $0.id == "c" }?.kind == .added)
  }

  @Test func inputsThatDoNotFitAreRefused() throws {
    let r = Hand.results(2020, [Hand.b("a", p50: [2e-5], p90: [3e-5])])
    let o = try Ijkmoment.run(results: r, year: 2020)
    // A year the results lack and a previous state that is not earlier: located errors (exit 2),
    // naming the results file and --year, or the state file (issue 29; an internal failure before).
    let noYear = #expect(throws: InputError.self) { try Ijkmoment.run(results: r, year: 2019, resultsFile: "r.csv") }
    #expect(noYear?.file == "r.csv" && noYear?.line == 1 && noYear?.field == "mean_2019_20")
    #expect(noYear?.message.contains("year 2019 is not in them") == true)
    let later = #expect(throws: InputError.self) {
      try Ijkmoment.run(results: r, year: 2020, previous: o.state, previousFile: "prev/state.json")
    }
    #expect(later?.file == "prev/state.json" && later?.field == "year")
    // Unknown id: located error in the status file.
    let e = #expect(throws: InputError.self) {
      try Ijkmoment.run(results: r, year: 2020, status: try status("a,,,,,,,\nzz,,,,,,,1"))
    }
    #expect(e?.file == "status.csv" && e?.line == 3 && e?.field == "building_id")
    // A building on the list that disappeared from the results must be closed explicitly …
    let r2 = Hand.results(2021, [Hand.b("other", p50: [0], p90: [0])])
    let gone = #expect(throws: InputError.self) {
      try Ijkmoment.run(
        results: r2, year: 2021, previous: o.state, previousFile: "prev/state.json", resultsFile: "r2.csv")
    }
    #expect(gone?.file == "prev/state.json" && gone?.field == "scope[0].id", "\(String(describing: gone))")
    #expect(gone?.message.contains("not in the results r2.csv (a)") == true, "\(String(describing: gone))")
    let ok = try Ijkmoment.run(
      results: r2, year: 2021, previous: o.state,
      status: try status("a,released,2021-02-01,,,,merged into another BAG id,"))
    #expect(ok.changes.map(\.kind) == [.released] && ok.state.closed.first?.referenceP90 == 3e-5)
    // … and an open status for a closed building contradicts the state unless it is a special addition.
    let c = try Ijkmoment.run(
      results: Hand.results(2021, [Hand.b("a", p50: [0], p90: [0])]), year: 2021, previous: o.state,
      status: try status("a,inspected,2021-01-01,meets_norm,,,,"))
    let r3 = Hand.results(2022, [Hand.b("a", p50: [0], p90: [0])])
    let e2 = #expect(throws: InputError.self) {
      try Ijkmoment.run(results: r3, year: 2022, previous: c.state, status: try status("a,open,,,,,,"))
    }
    #expect(e2?.field == "status" && e2?.line == 2)
    let re = try Ijkmoment.run(
      results: r3, year: 2022, previous: c.state, status: try status("a,open,,,,request,owner asks again,"))
    #expect(re.queue.map(\.reason) == [.specialAddition] && re.queue[0].reentry)
  }

  @Test func stateRoundTripsAndRefusesForeignAndOldFiles() throws {
    let o = try Ijkmoment.run(
      results: Hand.results(2020, [Hand.b("a", p50: [2e-5], p90: [3e-5]), Hand.b("b", p50: [0], p90: [0])]), year: 2020,
      status: try status("a,,,,,,,1\nb,inspected,2019-05-01,meets_norm,,,,"))
    let text = try o.state.json()
    #expect(text.contains("\"format\" : \"groningen-hra-ijkmoment-state\"") && text.contains("\"version\" : 2"))
    #expect(try IjkmomentState.decode(Data(text.utf8), file: "s.json") == o.state)
    let old = text.replacingOccurrences(of: "\"version\" : 2", with: "\"version\" : 0")
    let e1 = #expect(throws: InputError.self) { try IjkmomentState.decode(Data(old.utf8), file: "s.json") }
    #expect(e1?.field == "version" && e1!.message.contains("not supported"))
    let e2 = #expect(throws: InputError.self) {
      try IjkmomentState.decode(Data("{\"format\":\"manifest\",\"version\":1}".utf8), file: "m.json")
    }
    #expect(e2?.field == "format")
    #expect(throws: InputError.self) { try IjkmomentState.decode(Data("[1,2]".utf8), file: "x.json") }
    let broken = text.replacingOccurrences(of: "\"langjarigYears\"", with: "\"langjarig\"")
    let e3 = #expect(throws: InputError.self) { try IjkmomentState.decode(Data(broken.utf8), file: "s.json") }
    #expect(e3?.field == "langjarigYears")
  }

  /// A results table for the provenance tests: one building above the norm.
  private static func provenanceRun(
    _ p: IjkmomentState.Provenance?, previous: IjkmomentState? = nil, accept: Bool = false
  )
    throws -> Ijkmoment.Outcome
  {
    try Ijkmoment.run(
      results: Hand.results(2020, [Hand.b("a", p50: [2e-5, 2e-5], p90: [3e-5, 3e-5])]),
      year: previous == nil ? 2020 : 2021, previous: previous, provenance: p, previousFile: "prev/state.json",
      acceptNewInputs: accept)
  }

  @Test func stateChecksumCatchesAnEditAndVersion1IsReadWithANote() throws {
    let o = try Self.provenanceRun(IjkmomentState.Provenance(exposureSHA256: "aa", exposureBuildings: 1))
    let text = try o.state.json()
    #expect(text.contains("\"sha256\" : \""))
    // An edited risk value: the checksum no longer matches.
    let edited = text.replacingOccurrences(of: "\"year\" : 2020", with: "\"year\" : 2019")
    #expect(edited != text)
    let e = #expect(throws: InputError.self) { try IjkmomentState.decode(Data(edited.utf8), file: "s.json") }
    #expect(e?.field == "sha256" && e!.message.contains("changed after hra wrote it"))
    // A version-2 file without its checksum.
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let noSum = lines.filter { !$0.contains("\"sha256\" : \"") }.joined(separator: "\n")
    let e2 = #expect(throws: InputError.self) { try IjkmomentState.decode(Data(noSum.utf8), file: "s.json") }
    #expect(e2?.field == "sha256")
    // Version 1 (no checksum, no provenance) is read, and the next ijkmoment says it was not checked.
    var v1 = o.state
    v1.version = 1
    v1.provenance = nil
    let back = try IjkmomentState.decode(Data(try v1.json().utf8), file: "v1.json")
    #expect(back == v1)
    let next = try Self.provenanceRun(IjkmomentState.Provenance(exposureSHA256: "aa"), previous: back)
    #expect(next.notes.contains { $0.contains("records no input hashes") })
  }

  @Test func stateFromAnotherExposureOrModelIsRefusedUnlessAccepted() throws {
    let first = try Self.provenanceRun(
      IjkmomentState.Provenance(exposureSHA256: "aaaa", exposureBuildings: 1, models: "gmm V7 · fcm V7 · seismicity a")
    )
    let previous = try IjkmomentState.decode(Data(try first.state.json().utf8), file: "prev/state.json")
    #expect(previous.provenance?.exposureSHA256 == "aaaa")
    // Same inputs: accepted without notes about them.
    let same = try Self.provenanceRun(previous.provenance, previous: previous)
    #expect(!same.notes.contains { $0.contains("exposure") || $0.contains("gmm") })
    // Another exposure database.
    var other = previous.provenance!
    other.exposureSHA256 = "bbbb"
    let e = #expect(throws: InputError.self) { try Self.provenanceRun(other, previous: previous) }
    #expect(e?.file == "prev/state.json" && e?.field == "provenance.exposureSHA256")
    #expect(e!.message.contains("--accept-new-inputs"))
    let accepted = try Self.provenanceRun(other, previous: previous, accept: true)
    #expect(accepted.notes.contains { $0.contains("exposure aaaa") && $0.contains("accepted") })
    #expect(accepted.state.provenance?.exposureSHA256 == "bbbb")
    // Other model versions.
    var models = previous.provenance!
    models.models = "gmm V6 · fcm V6 · seismicity a"
    let e2 = #expect(throws: InputError.self) { try Self.provenanceRun(models, previous: previous) }
    #expect(e2?.field == "provenance.models")
  }

  /// Through the binary: a year the results lack, a previous state from a later year and a state
  /// listing a building the results lack exit 2 naming the file or option, nothing written (issue
  /// 29: exit 1, an internal failure, before); an unknown municipality in a capacity file too.
  @Test func stateAndYearErrorsExit2NamingTheFileOrOption() throws {
    let fm = FileManager.default
    let d = NSTemporaryDirectory() + "ijk-cli-\(UUID().uuidString)"
    try fm.createDirectory(atPath: d, withIntermediateDirectories: true)
    defer { try? fm.removeItem(atPath: d) }
    let r = Hand.results(2020, [Hand.b("a", p50: [2e-5, 2e-5], p90: [3e-5, 3e-5])])
    try r.csv(norm: 1e-5).write(toFile: d + "/r.csv", atomically: true, encoding: .utf8)
    let r2 = Hand.results(2020, [Hand.b("b", p50: [0, 0], p90: [0, 0])])
    try r2.csv(norm: 1e-5).write(toFile: d + "/r2.csv", atomically: true, encoding: .utf8)
    try Ijkmoment.run(results: r, year: 2021).state.json().write(
      toFile: d + "/state-2021.json", atomically: true, encoding: .utf8)
    try Ijkmoment.run(results: r, year: 2020).state.json().write(
      toFile: d + "/state-2020.json", atomically: true, encoding: .utf8)
    try "municipality,per_year\nGroningn,5\n".write(toFile: d + "/cap.csv", atomically: true, encoding: .utf8)
    let cases: [([String], String)] = [
      (
        ["--year", "2025", "--results", d + "/r.csv"],
        "\(d)/r.csv:1: field 'mean_2025_26': these results have no gas year 2025/26"
      ),
      (
        ["--year", "2020", "--results", d + "/r.csv", "--previous", d + "/state-2021.json"],
        "\(d)/state-2021.json: field 'year': the previous state is from ijkmoment 2021"
      ),
      (
        ["--year", "2021", "--results", d + "/r2.csv", "--previous", d + "/state-2020.json"],
        "\(d)/state-2020.json: field 'scope[0].id': 1 building(s) on the list are not in the results \(d)/r2.csv (a)"
      ),
      (
        ["--year", "2020", "--results", d + "/r.csv", "--capacity", d + "/cap.csv"],
        "\(d)/cap.csv:2: field 'municipality'"
      ),
    ]
    for (args, message) in cases {
      let capacity = args.contains("--capacity") ? [] : ["--capacity", "10"]
      let o = try CLITests.hra(["ijkmoment"] + args + capacity + ["--out", d + "/out"], timeout: 60)
      #expect(o.status == 2, "\(args): \(o.stderr)")
      #expect(o.stderr.contains("hra: input error: " + message), "\(args): \(o.stderr)")
      #expect(!fm.fileExists(atPath: d + "/out"))
    }
  }

  @Test func provenanceIsReadFromTheManifestBesideTheResults() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prov-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let results = dir.appendingPathComponent("buildings-risk.csv").path
    try "id\n".write(toFile: results, atomically: true, encoding: .utf8)
    // Without a manifest: only the results' own hash.
    let bare = try IjkmomentState.Provenance.of(resultsPath: results)
    #expect(bare.resultsSHA256 == SHA256.hex(Data("id\n".utf8)) && bare.exposureSHA256 == nil)
    try """
    {"exposure": {"path": "edb.csv", "sha256": "abc"}, "exposureBuildings": 7,
     "models": {"gmm": "V7", "fcm": "V7", "seismicity": "default"}}
    """.write(toFile: dir.appendingPathComponent("manifest.json").path, atomically: true, encoding: .utf8)
    let p = try IjkmomentState.Provenance.of(resultsPath: results)
    #expect(p.exposureSHA256 == "abc" && p.exposureBuildings == 7 && p.models == "gmm V7 · fcm V7 · seismicity default")
    try "[1]".write(toFile: dir.appendingPathComponent("manifest.json").path, atomically: true, encoding: .utf8)
    let e = #expect(throws: InputError.self) { try IjkmomentState.Provenance.of(resultsPath: results) }
    #expect(e?.file.hasSuffix("manifest.json") == true)
  }
}
