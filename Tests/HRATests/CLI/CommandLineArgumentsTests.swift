import Foundation
import Testing

@testable import HRA
@testable import hra

/// The command-line grammar of every hra subcommand: both option forms, repeats, help, missing
/// values, stray words and strict numbers.
@Suite struct CommandLineArgumentsTests {
  typealias Args = CommandLineArguments

  static func parse(_ a: [String], positionals: Int = .max) throws -> Args {
    try Args(
      a, options: ["out", "samples", "norm", "fix", "seed"], flags: ["json", "overwrite"], command: "run",
      positionals: positionals)
  }

  /// The message of the usage error `body` throws, or nil when it throws none.
  static func message(_ body: () throws -> Void) -> String? {
    do { try body() } catch let e as Args.UsageError { return e.description } catch { return "\(error)" }
    return nil
  }

  @Test func bothOptionFormsAndFlags() throws {
    let a = try Self.parse(["--out", "o", "--samples=5", "--json", "--fix=mmax=4.5,gmm_median=Upper", "id"])
    #expect(a.string("out") == "o")
    #expect(try a.int("samples") == 5)
    #expect(a.string("fix") == "mmax=4.5,gmm_median=Upper")
    #expect(a.has("json") && !a.has("overwrite"))
    #expect(a.positionals == ["id"])
    #expect(!a.helpRequested)
    #expect(try Self.parse(["--out=-odd-name"]).string("out") == "-odd-name")
  }

  @Test func repeatedOptionOrFlagIsAnError() {
    #expect(Self.message { _ = try Self.parse(["--samples=5", "--samples", "6"]) } == "run: --samples given twice")
    #expect(Self.message { _ = try Self.parse(["--samples", "5", "--samples=5"]) } == "run: --samples given twice")
    #expect(Self.message { _ = try Self.parse(["--json", "--json"]) } == "run: --json given twice")
  }

  @Test func helpAnywhere() throws {
    #expect(Args.wantsHelp(["--out", "o", "-h"]))
    #expect(Args.wantsHelp(["--help"]))
    #expect(Args.wantsHelp(["generate", "--buildings", "5", "--help"]))
    #expect(!Args.wantsHelp(["--out=-h", "--helpful"]))
    #expect(try Self.parse(["--json", "-h"]).helpRequested)
    #expect(try Self.parse(["--help", "--json"]).helpRequested)
  }

  @Test func missingValues() {
    let dash = "run: option --out needs a value (found --json; write --out=VALUE for a value starting with '-')"
    #expect(Self.message { _ = try Self.parse(["--out", "--json"]) } == dash)
    #expect(Self.message { _ = try Self.parse(["--out"]) } == "run: option --out needs a value")
    #expect(Self.message { _ = try Self.parse(["--out="]) } == "run: option --out needs a value")
    #expect(Self.message { _ = try Self.parse(["--out", "-x"]) }?.hasPrefix("run: option --out needs a value") == true)
    #expect(Self.message { _ = try Self.parse(["--json=yes"]) } == "run: flag --json takes no value")
  }

  @Test func negativeNumbersAreValues() throws {
    let a = try Self.parse(["--seed", "-1", "--norm", "-.5"])
    #expect(try a.int("seed") == -1)
    #expect(try a.double("norm") == -0.5)
    #expect(try Self.parse(["--norm", "-1e-5"]).double("norm") == -1e-5)
    #expect(try Self.parse(["-3"]).positionals == ["-3"])
  }

  @Test func unknownOptions() {
    #expect(Self.message { _ = try Self.parse(["--bogus"]) } == "run: unknown option --bogus (see 'hra run --help')")
    #expect(Self.message { _ = try Self.parse(["--bogus=1"]) } == "run: unknown option --bogus (see 'hra run --help')")
    #expect(Self.message { _ = try Self.parse(["-x"]) } == "run: unknown option -x (see 'hra run --help')")
  }

  @Test func positionalLimit() throws {
    #expect(
      Self.message { _ = try Self.parse(["stray"], positionals: 0) }
        == "run: unexpected argument 'stray' (run takes no positional arguments; see 'hra run --help')")
    #expect(
      Self.message { _ = try Self.parse(["a", "b"], positionals: 1) }
        == "run: unexpected argument 'b' (run takes at most 1 positional argument; see 'hra run --help')")
    #expect(try Self.parse(["a", "--json"], positionals: 1).positionals == ["a"])
    #expect(try Self.parse(["a", "b", "c"]).positionals == ["a", "b", "c"])
  }

  /// `--fix mmax=4.5,mmax=5.0` named a set twice and the last won; now refused naming both (issue 29).
  @Test func aSetGivenTwiceInFixIsRefusedNamingBoth() throws {
    #expect(
      Self.message { _ = try Self.parse(["--fix", "mmax=4.5,gmm_median=Upper,mmax=5.0"]) }
        == "--fix: set 'mmax' given twice (mmax=4.5 and mmax=5.0); give each set once")
    #expect(Self.message { _ = try Self.parse(["--fix=mmax=4.5,mmax=4.5"]) }?.contains("given twice") == true)
    let branch = Self.message {
      _ = try Args(
        ["--branch", "fragility=Lower,fragility=Upper"], options: ["branch"], flags: [], command: "scenario")
    }
    #expect(branch == "--branch: set 'fragility' given twice (fragility=Lower and fragility=Upper); give each set once")
    #expect(try Self.parse(["--fix", "mmax=4.5,gmm_median=Upper"]).string("fix") == "mmax=4.5,gmm_median=Upper")
  }

  @Test func strictDoubles() throws {
    for ok in ["12", "-1.5", ".5", "5.", "+2", "1e-5", "1E+3", "0"] {
      #expect(try Args.parseDouble(ok, option: "norm") == Double(ok)!, "\(ok)")
    }
    for bad in ["nan", "NaN", "inf", "-infinity", "0x1p3", " 1", "1 ", "1e", "1e-5x", "", ".", "-", "1,5", "e5"] {
      #expect(Self.message { _ = try Args.parseDouble(bad, option: "norm") } == "--norm: not a number: \(bad)")
    }
    #expect(
      Self.message { _ = try Args.parseDouble("1e999", option: "norm") }
        == "--norm: 1e999 is out of range (beyond ±1.8e308)")
  }

  @Test func strictIntegers() throws {
    #expect(try Args.parseInt("9223372036854775807", option: "seed") == Int.max)
    #expect(try Args.parseInt("-9223372036854775808", option: "seed") == Int.min)
    #expect(try Args.parseInt("+7", option: "seed") == 7)
    let range = "(-9223372036854775808...9223372036854775807)"
    #expect(
      Self.message { _ = try Args.parseInt("9223372036854775808", option: "seed") }
        == "--seed: 9223372036854775808 is out of range \(range)")
    #expect(
      Self.message { _ = try Args.parseInt("-99999999999999999999", option: "seed") }
        == "--seed: -99999999999999999999 is out of range \(range)")
    for bad in ["1.5", "1e3", "", "-", "+-1", "12a", " 1", "0x10", "1_000"] {
      #expect(Self.message { _ = try Args.parseInt(bad, option: "seed") } == "--seed: not an integer: \(bad)")
    }
  }
}
