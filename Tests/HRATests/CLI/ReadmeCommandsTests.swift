import Foundation
import Testing

@testable import HRA

/// Every `hra` command line documented in README.md's fenced code blocks names a command the
/// built binary knows: `hra CMD --help` (or `hra CMD SUB --help`) exits 0 and prints help that
/// names the command, so a documented command cannot go missing from main.swift's table again.
/// The commands in the binary's usage list answer `--help` too and the documented ones are listed.
@Suite struct ReadmeCommandsTests {
  /// One documented invocation: a command and, for `exposure generate`-style lines, its subcommand.
  struct Invocation: Hashable, CustomStringConvertible {
    var command: String
    var subcommand: String?
    var description: String { ([command] + (subcommand.map { [$0] } ?? [])).joined(separator: " ") }
  }

  /// The lines inside the fenced (``` or ~~~) code blocks of a Markdown text.
  static func codeBlockLines(_ markdown: String) -> [String] {
    var inside = false
    var lines: [String] = []
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      let t = line.trimmingCharacters(in: .whitespaces)
      if t.hasPrefix("```") || t.hasPrefix("~~~") {
        inside.toggle()
      } else if inside {
        lines.append(String(line))
      }
    }
    return lines
  }

  /// The `hra` invocations in `lines`: `hra CMD`, `.build/release/hra CMD`, `hra CMD SUB`, also
  /// inside comments such as `# or: hra run ...`. `hra-bench` and top-level flags (`hra --version`)
  /// are not commands; a second word is a subcommand only if it is a lowercase word (not an
  /// option, a number or a bracketed placeholder).
  static func invocations(in lines: [String]) -> [Invocation] {
    let word = { (s: Substring) in
      s.first.map { $0.isLetter && $0.isLowercase } == true && s.allSatisfy { $0.isLowercase || $0 == "-" }
    }
    var found: [Invocation] = []
    for line in lines {
      let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      for (i, token) in tokens.enumerated() {
        let t = token.drop(while: { "(=`'\"".contains($0) })
        guard t == "hra" || t.hasSuffix("/hra"), i + 1 < tokens.count else { continue }
        let command = tokens[i + 1].trimmingCharacters(in: CharacterSet(charactersIn: ")`'\",;"))
        guard word(Substring(command)) else { continue }
        var sub: String?
        if i + 2 < tokens.count {
          let s = tokens[i + 2].trimmingCharacters(in: CharacterSet(charactersIn: ")`'\",;"))
          if word(Substring(s)) { sub = s }
        }
        found.append(Invocation(command: command, subcommand: sub))
      }
    }
    return found
  }

  /// The distinct invocations documented in README.md, in order of first appearance.
  static func documented() throws -> [Invocation] {
    let readme = try String(contentsOfFile: TestModels.root + "/README.md", encoding: .utf8)
    var seen = Set<Invocation>()
    return invocations(in: codeBlockLines(readme)).filter { seen.insert($0).inserted }
  }

  /// The command names of the binary's usage text (`hra help`): the indented lines under `commands:`.
  static func usageCommands() throws -> [String] {
    let r = try CLITests.hra(["help"], timeout: 10)
    #expect(r.status == 0, "hra help: \(r.stderr)")
    var inList = false
    var names: [String] = []
    for line in r.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.trimmingCharacters(in: .whitespaces) == "commands:" {
        inList = true
        continue
      }
      guard inList else { continue }
      if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
      if let name = line.split(separator: " ").first { names.append(String(name)) }
    }
    return names
  }

  @Test func theExtractionFindsCommandsAndSubcommands() {
    let lines = [
      "hra run --buildings 5000 --from 2019", ".build/release/hra exposure generate --buildings 10 --out e.csv",
      ".build/release/hra explain 1966100000074149 [--json]",
      "x --config a.ini   # generic case (= hra generic-hazard)",
      ".build/release/hra --version", ".build/release/hra-bench kernel", "hra seismicity export --out f.csv",
    ]
    #expect(
      Self.invocations(in: lines).map(\.description) == [
        "run", "exposure generate", "explain", "generic-hazard", "seismicity export",
      ])
    let md = "text hra notacommand\n```sh\nhra models\n```\nhra outside\n  ```\n  hra hazard\n  ```\n"
    #expect(Self.invocations(in: Self.codeBlockLines(md)).map(\.description) == ["models", "hazard"])
  }

  @Test func everyDocumentedCommandAnswersHelp() throws {
    let documented = try Self.documented()
    // The README documents the main commands; far fewer would mean the extraction broke.
    #expect(documented.count >= 10, "\(documented)")
    for c in ["run", "hazard", "generic-hazard", "exposure", "seismicity"] {
      #expect(documented.contains { $0.command == c }, "README no longer documents hra \(c)?")
    }
    for inv in documented {
      let args = [inv.command] + (inv.subcommand.map { [$0] } ?? []) + ["--help"]
      let r = try CLITests.hra(args, timeout: 10)
      #expect(r.status == 0, "hra \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)")
      #expect(!r.stdout.isEmpty, "hra \(args.joined(separator: " ")) printed no help")
      #expect(
        r.stdout.contains("usage: hra \(inv)"), "the help of hra \(inv) does not name it: \(r.stdout.prefix(200))")
    }
  }

  @Test func everyListedCommandAnswersHelpAndEveryDocumentedOneIsListed() throws {
    let listed = try Self.usageCommands()
    #expect(listed.count >= 10, "\(listed)")
    for c in listed {
      let r = try CLITests.hra([c, "--help"], timeout: 10)
      #expect(r.status == 0, "hra \(c) --help exited \(r.status): \(r.stderr)")
      #expect(!r.stdout.isEmpty, "hra \(c) --help printed nothing")
      #expect(r.stdout.contains("usage: hra \(c)"), "the help of hra \(c) does not name it")
      let viaHelp = try CLITests.hra(["help", c], timeout: 10)
      #expect(viaHelp.status == 0 && viaHelp.stdout == r.stdout, "hra help \(c): \(viaHelp.stderr)")
    }
    for d in Set(try Self.documented().map(\.command)) {
      #expect(listed.contains(d), "hra \(d) is documented in README.md but not in hra's usage list")
    }
  }
}
