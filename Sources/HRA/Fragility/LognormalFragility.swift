import Foundation

/// Lognormal fragility functions per typology and damage state on one intensity measure, like
/// OpenQuake's continuous `logncdf` fragility functions.
///
/// ```
/// P(DS ≥ d | IM = x) = Φ((ln x − ln θ_d) / β_d),   x > 0   (0 for x ≤ 0)
/// ```
/// θ_d: median [the IMT's unit: g for PGA, cm/s for PGV], β_d > 0: logarithmic standard deviation.
/// A file (`Models/fragility-generic/lognormal-pga.csv`) has columns `typology, imt,
/// damage_state, median, beta` (and any others, e.g. `source`); a typology's damage states are
/// listed in increasing order of severity, all on one IMT, with strictly increasing medians.
/// Unlike OpenQuake's `FragilityFunctionContinuous`, intensities are not clamped to a
/// [minIML, maxIML] range (the file has none).
package struct LognormalFragility: ModelAnatomy, Sendable {
  package struct Typology: Sendable, Equatable {
    package let name: String
    package let imt: IntensityMeasure
    package let states: [String]
    package let medians: [Double]
    package let betas: [Double]
    /// The line of the typology's first row.
    package let line: Int
  }

  package let file: String
  package let typologies: [Typology]

  package init(typologies: [Typology], file: String = "fragility") {
    self.typologies = typologies
    self.file = file
  }

  package init(path: String) throws {
    let t = try CSVTable(contentsOf: path)
    try t.require(["typology", "imt", "damage_state", "median", "beta"])
    var order: [String] = []
    var rows: [String: [CSVTable.Row]] = [:]
    for row in t.rows {
      let name = try t.string(row, "typology")
      guard !name.isEmpty else { throw t.error(row, "typology", "empty typology") }
      if rows[name] == nil {
        order.append(name)
        rows[name] = []
      } else if order.last != name {
        throw t.error(row, "typology", "the rows of typology '\(name)' must be consecutive")
      }
      rows[name]!.append(row)
    }
    var out: [Typology] = []
    for name in order {
      let rs = rows[name]!
      var imt: IntensityMeasure? = nil
      var states: [String] = []
      var medians: [Double] = []
      var betas: [Double] = []
      for row in rs {
        let s = try t.string(row, "imt")
        guard let m = IntensityMeasure(s) else {
          throw t.error(row, "imt", "unknown intensity measure '\(s)' (use PGA, SA(T), AVGSA or PGV)")
        }
        if let i = imt, i != m { throw t.error(row, "imt", "typology '\(name)' mixes \(i) and \(m)") }
        imt = m
        let ds = try t.string(row, "damage_state")
        guard !ds.isEmpty else { throw t.error(row, "damage_state", "empty damage state") }
        guard !states.contains(ds) else { throw t.error(row, "damage_state", "damage state '\(ds)' given twice") }
        let med = try t.double(row, "median")
        guard med > 0 else { throw t.error(row, "median", "the median must be > 0 (got \(med))") }
        if let prev = medians.last, !(med > prev) {
          throw t.error(
            row, "median",
            "medians must increase with the damage state: \(ds) has \(med) after \(states.last!) with \(prev)")
        }
        let beta = try t.double(row, "beta")
        guard beta > 0 else { throw t.error(row, "beta", "β must be > 0 (got \(beta))") }
        states.append(ds)
        medians.append(med)
        betas.append(beta)
      }
      out.append(Typology(name: name, imt: imt!, states: states, medians: medians, betas: betas, line: rs[0].line))
    }
    guard !out.isEmpty else { throw InputError(file: path, "no fragility rows") }
    file = path
    typologies = out
  }

  /// P(DS ≥ state | IM = x) for typology `t`.
  @inline(__always)
  package func probability(typology t: Int, state d: Int, intensity x: Double) -> Double {
    guard x > 0 else { return 0 }
    let f = typologies[t]
    return Normal.cdf((log(x) - log(f.medians[d])) / f.betas[d])
  }

  /// The index of a typology by name.
  package func index(of name: String) -> Int? { typologies.firstIndex { $0.name == name } }
}

extension LognormalFragility {
  /// The typology and its intensity measure (PGA in `Models/fragility-generic/lognormal-pga.csv`;
  /// a file may use another IM, which the generic hazard run must then compute).
  package static let requirements = ModelRequirements(site: ["typology"], takes: ["PGA"])

  /// The registry entry: lognormal fragility functions per typology and damage state (`[fragility]
  /// file` of `hra generic-hazard`); the folder holds three illustrative typologies on PGA.
  package static let entry = ModelEntry<LognormalFragility>(
    kind: .genericFragility, name: "lognormal",
    summary:
      "lognormal fragility functions per typology and damage state on one IM (OpenQuake's logncdf); [fragility] file",
    folder: "fragility-generic", requires: requirements,
    load: { models in try LognormalFragility(path: models + "/fragility-generic/lognormal-pga.csv") })
}
