import Foundation
import HRA

enum ExplainCommand {
  static let help = """
    usage: hra explain <building-id> [--json] [--samples N | --logic-tree enumerate] [--fix SET=BRANCH,...] [--central-only] [run options]
    Shows what drives a building's LPR: per gas year the LPR and its inside/outside/chimney
    parts, and for the first year the contributions of magnitude bins, distance bands and
    the strongest source cells (integrated estimator, central branches); then over the logic
    tree (N sampled combinations, default 500): mean/P50/P90 per year and a sensitivity table
    (P50/P90 with each branch set held at each of its branches), sets that move P90 most first
    (--logic-tree enumerate: every combination, exact percentiles and exact held percentiles);
    and the hazard at the building's risk site: PGA and AvgSa [g] with return periods 475 and
    2475 years per gas year (surface; mean and P16/P50/P84 over the same N combinations, the
    central branches with --central-only).

      --norm P              the LPR norm of the categories in the tree view (default 1e-5)

    \(CommonOptions.help)
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    let args = try ConfigOptions.expand(args, command: "explain")
    let a = try Arguments(
      args, options: CommonOptions.names + ["samples", "norm", "fix", "logic-tree"], flags: ["json", "central-only"],
      command: "explain")
    guard a.positionals.count == 1 else {
      throw Arguments.UsageError(description: "explain needs exactly one building id")
    }
    var c = try CommonOptions.configuration(a).config
    try TreeOptions.apply(a, to: &c)  // --fix (and --samples) for the tree view and the hazard
    var e = try Explanation.explain(buildingID: a.positionals[0], configuration: c)
    e.hazard = try Explanation.hazard(
      buildingID: a.positionals[0], configuration: c, samples: try a.int("samples") ?? CommandDefaults.explainSamples,
      central: a.has("central-only"))
    if !a.has("central-only") {
      var cc = c
      if let n = try a.double("norm") { cc.norm = n }
      e.tree = try Explanation.treeView(
        buildingID: a.positionals[0], configuration: cc, samples: try a.int("samples") ?? CommandDefaults.explainSamples
      )
    }
    print(a.has("json") ? try JSONCoding.encode(LabelledBranches(e)) : e.text(), terminator: "")
  }

  /// The explanation as JSON with its branch combination by label only: `"branches"` is
  /// `{"gmm_median": "CentralLower", "fragility": "Middle", …}` (one entry per set of the tree),
  /// not the library's positional indices (`"fragility": 1`, `"gmm": {"median": 1, …}`).
  struct LabelledBranches: Encodable {
    var explanation: Explanation
    init(_ e: Explanation) { explanation = e }

    struct Key: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
      // Every field as the library encodes it, then "branches" replaced in the same container.
      try explanation.encode(to: encoder)
      var c = encoder.container(keyedBy: Key.self)
      let labels = Dictionary(
        explanation.branches.labels.map { ($0.set, $0.branch) }, uniquingKeysWith: { first, _ in first })
      try c.encode(labels, forKey: Key(stringValue: "branches"))
    }
  }
}
