import Foundation

/// The 3 × 3 fragility × consequence branches of one FCM version, and the map from
/// exposure typologies to its classes.
///
/// `models[f][c]` evaluates fragility branch f and consequence branch c (0, 1, 2 = Lower,
/// Middle, Upper; weights 0.17/0.66/0.17 and 0.25/0.5/0.25 for every version, TNO
/// `convert/convert_FCM.py:convert_csv_to_ds`) on the version's own classes:
/// ```
/// P(≥CSk | AvgSa) = Φ((ln AvgSa[g] − ln θk)/β),  θk = exp((ln DL_CSk − b0)/b1),  β = σ/b1
/// ```
/// Each version's file (``FCMV7``, ``FCMV6``, ``FCMTNO2020``, listed in ``FragilityRegistry``)
/// reads its tables; TNO2020 converts the V6 and V7 files by ``TNO2020Conversion``. ``forExposure(_:)`` re-indexes the models by exposure typology
/// (several typologies may share one class), so the rest of the engine can look classes up by
/// the exposure's names whatever the version.
package struct FCMBranches: Sendable {
  package let version: FCMVersion
  /// Fragility rows `[branch][class]` and consequence rows `[branch][class]`, as evaluated.
  package let fragility: [[FragilityRow]]
  package let consequence: [[ConsequenceRow]]
  /// `[fragility branch][consequence branch]`, typologies = ``classes``.
  package let models: [[FragilityConsequence]]
  /// Exposure typology → class of this version.
  package let typologyMap: TypologyMap

  /// The version's class names in table order.
  package var classes: [String] { models[1][1].typologies }

  /// Assembles and checks the branches from rows in memory.
  /// - Throws: ``InputError`` (from ``FragilityConsequence``) for invalid rows, or when the
  ///   branches list different classes.
  package init(
    version: FCMVersion, fragility: [[FragilityRow]], consequence: [[ConsequenceRow]], typologyMap: TypologyMap,
    weightInside: Double = 0.99, weightOutside: Double = 0.01
  ) throws {
    precondition(fragility.count == 3 && consequence.count == 3, "need Lower, Middle and Upper branches")
    let m = try fragility.map { f in
      try consequence.map { c in
        try FragilityConsequence(fragility: f, consequence: c, weightInside: weightInside, weightOutside: weightOutside)
      }
    }
    let names = m[1][1].typologies
    for (k, f) in fragility.enumerated() where f.map(\.typology) != names || consequence[k].count != names.count {
      throw InputError(
        file: f.first?.file ?? version.folder, field: "structural_system",
        "branch \(FCMVersion.branchNames[k]) lists other classes than the Middle branch")
    }
    self.version = version
    self.fragility = fragility
    self.consequence = consequence
    models = m
    self.typologyMap = typologyMap
  }

  /// Loads a version from a `Models/` folder through its registry entry (``FCMVersion/entry``).
  ///
  /// - Parameters:
  ///   - version: a registered version (V7, V6, TNO2020).
  ///   - directory: the `Models` folder.
  ///   - weightInside, weightOutside: whereabouts weights of the LPR (0.99 / 0.01).
  /// - Throws: ``InputError`` naming the file, line and field of any invalid input.
  package static func load(
    version: FCMVersion, directory: String, weightInside: Double = 0.99, weightOutside: Double = 0.01
  ) throws -> FCMBranches {
    let b = try version.entry.load(directory)
    let w = b.models[1][1]
    if w.weightInside == weightInside && w.weightOutside == weightOutside { return b }
    return try FCMBranches(
      version: version, fragility: b.fragility, consequence: b.consequence, typologyMap: b.typologyMap,
      weightInside: weightInside, weightOutside: weightOutside)
  }

  /// The index in ``classes`` of the class used for an exposure typology.
  /// - Throws: ``InputError`` when the typology has no mapping.
  package func classIndex(ofExposureTypology name: String) throws -> Int {
    let c = try typologyMap.fcmClass(of: name)
    guard let i = models[1][1].index(of: c) else {
      throw InputError(file: typologyMap.file, field: "fcm_class", "\(c) is not a class of FCM \(version.rawValue)")
    }
    return i
  }

  /// The models `[fragility][consequence]` re-indexed by exposure typology: typology t of each
  /// result is `exposureTypologies[t]` and carries the rows of its mapped class.
  /// - Throws: ``InputError`` when a typology has no mapping.
  package func forExposure(_ exposureTypologies: [String]) throws -> [[FragilityConsequence]] {
    let idx = try exposureTypologies.map { try classIndex(ofExposureTypology: $0) }
    let w = models[1][1]
    return try fragility.map { f in
      let fr = zip(exposureTypologies, idx).map { name, i in
        var r = f[i]
        r.typology = name
        return r
      }
      return try consequence.map { c in
        let cr = zip(exposureTypologies, idx).map { name, i in
          var r = c[i]
          r.typology = name
          return r
        }
        return try FragilityConsequence(
          fragility: fr, consequence: cr, weightInside: w.weightInside, weightOutside: w.weightOutside)
      }
    }
  }
}
