import Foundation

/// What loading a fragility/consequence version gives (``ModelEntry`` of kind `fcm`): the
/// fragility and consequence rows of the Lower, Middle and Upper branches and the map from
/// exposure typologies to the version's classes. ``FCMBranches`` evaluates them.
package struct FCMTables: Sendable {
  /// The rows of the three branches: fragility `[branch][class]`, consequence `[branch][class]`.
  package typealias Rows = (fragility: [[FragilityRow]], consequence: [[ConsequenceRow]])

  package let fragility: [[FragilityRow]]
  package let consequence: [[ConsequenceRow]]
  package let typologyMap: TypologyMap

  package init(fragility: [[FragilityRow]], consequence: [[ConsequenceRow]], typologyMap: TypologyMap) {
    self.fragility = fragility
    self.consequence = consequence
    self.typologyMap = typologyMap
  }

  /// Reads the files of the three branches (``FCMVersion/branchNames``), paths relative to `models`.
  static func rows(
    models: String, fragility: (String) -> String, fatality: (String) -> String
  ) throws -> Rows {
    let f = try FCMVersion.branchNames.map { try FragilityRow.load(path: models + "/" + fragility($0)) }
    let c = try FCMVersion.branchNames.map { try ConsequenceRow.load(path: models + "/" + fatality($0)) }
    return (f, c)
  }

  /// A version's registry entry: loads its tables with `tables` and checks them as
  /// ``FCMBranches`` (whereabouts weights 0.99 / 0.01; ``FCMBranches/load(version:directory:weightInside:weightOutside:)``
  /// re-weights); it requires ``FCMVersion/requirements`` and brings the fragility and
  /// consequence sets of `Models/logic-tree/source-branches.csv`.
  static func entry(
    name: String, summary: String, folder: String,
    tables: @escaping @Sendable (_ models: String) throws -> FCMTables
  ) -> ModelEntry<FCMBranches> {
    ModelEntry(
      kind: .fcm, name: name, summary: summary, folder: folder, requires: FCMVersion.requirements,
      load: { models in
        let t = try tables(models)
        guard let version = FCMVersion(rawValue: name) else { preconditionFailure("\(name) is not registered") }
        return try FCMBranches(
          version: version, fragility: t.fragility, consequence: t.consequence, typologyMap: t.typologyMap)
      },
      branchSets: { models, _ in
        let lt = models + "/logic-tree/source-branches.csv"
        return try LogicTree.fcmSets(BranchWeights(path: lt), file: lt).map(DeclaredBranchSet.init)
      })
  }
}
