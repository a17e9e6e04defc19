/// The built-in seismicity model driven by a gas-production path (``SeismicityModel``: reservoir
/// pressure, compaction creep, Coulomb stress on faults, stress-dependent b-value), as a
/// ``SeismicitySource``.
///
/// Branch sets: `rate_model` (elastic, elastic_plastic), `b_model` (linear_stress,
/// split_thickness), `mmax` (4.0 … 6.5), with the weights of `Models/logic-tree/source-branches.csv`.
package struct ProductionDrivenSource: SeismicitySource {
  package let model: SeismicityModel
  package let path: ProductionPath
  package let branchSets: [LogicTree.BranchSet]

  package init(model: SeismicityModel, path: ProductionPath, branchSets: [LogicTree.BranchSet]) {
    self.model = model
    self.path = path
    self.branchSets = branchSets
  }

  package var label: String { "production-driven, \(path.name)" }
  /// Nothing from the engine's contexts: the production path is given when it is built.
  package static let requirements = ModelRequirements()
  package var gasYears: ClosedRange<Int>? { nil }

  func branch(_ labels: [String]) throws -> SourceBranch {
    guard labels.count == 3, let mmax = Double(labels[2]), mmax > model.mmin else {
      throw InputError(
        file: "logic tree", field: "mmax", "source branch \(labels) is not (rate model, b model, Mmax > Mmin)")
    }
    return SourceBranch(rateModel: labels[0], bModel: labels[1], mmax: mmax)
  }

  /// The event rates of a branch (exact per (year, cell) totals and b-values).
  package func eventRates(labels: [String], gasYears: [Int]) throws -> EventRates {
    model.eventRates(path: path, gasYears: gasYears, branch: try branch(labels))
  }

  package func rates(labels: [String], gasYears: [Int]) throws -> RateField {
    RateField(try eventRates(labels: labels, gasYears: gasYears), grid: model.grid)
  }

  package func probabilityOfAtLeast(magnitude m: Double, labels: [String], gasYears: [Int]) throws -> [Double] {
    let e = try eventRates(labels: labels, gasYears: gasYears)
    return gasYears.indices.map { e.probabilityOfAtLeast(magnitude: m, yearIndex: $0) }
  }
}

extension ProductionDrivenSource {
  /// The registry entry: the built-in model, its data in `Models/seismicity/` and the production
  /// paths in `Models/production/`; sets rate_model, b_model, mmax of `logic-tree/source-branches.csv`.
  package static let entry = ModelEntry<[DeclaredBranchSet]>(
    kind: .seismicity, name: "built-in",
    summary:
      "production-driven (reservoir pressure, compaction creep, Coulomb stress, stress-dependent b); --production NAME",
    folder: "seismicity", reads: ["seismicity", "production"],
    requires: requirements,
    load: { models in
      let lt = models + "/logic-tree/source-branches.csv"
      return try LogicTree.productionSourceSets(BranchWeights(path: lt), file: lt).map(DeclaredBranchSet.init)
    },
    branchSets: { _, sets in sets })
}
