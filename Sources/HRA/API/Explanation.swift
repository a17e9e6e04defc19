import Foundation

/// Why a building has the LPR it has: the contribution of each magnitude bin, distance band
/// and source cell, and the inside/outside/chimney split, from the integrated estimator.
public struct Explanation: Sendable, Codable {
  public struct Band: Sendable, Codable {
    public var label: String
    public var lpr: Double
    public var share: Double
  }
  public struct Source: Sendable, Codable {
    public var cell: Int
    public var x: Double
    public var y: Double
    public var distanceKm: Double
    public var lpr: Double
    public var share: Double
  }
  public struct Year: Sendable, Codable {
    public var gasYear: String
    public var lpr: Double
    public var inside: Double
    public var outside: Double
    public var chimney: Double
    public var magnitudes: [Band]
    public var distances: [Band]
    public var topSources: [Source]
  }
  public var buildingID: String
  public var municipality: String
  public var place: String
  public var zone: Int
  public var wierde: Bool
  public var typologyMix: [String: Double]
  public var branches: BranchCombination
  public var years: [Year]
  /// Over the logic tree (when requested): per gas year mean/P50/P90 and the sensitivity of P90.
  public var tree: TreeView? = nil
  /// The hazard at the building's risk site (when requested).
  public var hazard: HazardView? = nil

  /// One map value at the building: the level with a return period from the mean curve and
  /// from the fractile curves of the tree.
  public struct HazardValue: Sendable, Codable {
    public var gasYear: String
    public var imt: String
    public var unit: String
    public var returnPeriod: Double
    public var mean: Double
    /// Fractile [%] → level (empty for the central branches).
    public var fractiles: [String: Double]
  }
  public struct HazardView: Sendable, Codable {
    /// `"500 sampled branch combinations"` or `"central branches"`.
    public var branches: String
    /// The risk site the building's LPR is computed at (node RD x, y; zone; wierde).
    public var siteX: Double
    public var siteY: Double
    public var values: [HazardValue]
  }

  /// The hazard at the building's risk site: PGA and AvgSa with return periods 475 and 2475
  /// years per gas year, at the surface (the site response of its zone and wierde flag),
  /// arbitrary component, from the same model chain as its LPR (``HazardRun``). Over `samples`
  /// sampled branch combinations (mean and fractiles 16/50/84), or with `central` the central
  /// branch combination only.
  public static func hazard(buildingID: String, configuration c: RunConfiguration, samples: Int, central: Bool) throws
    -> HazardView
  {
    let (models, one) = try building(buildingID, c)
    let sites = HazardSites(risk: try models.sites(for: one).0, models: models)
    var h = HazardSettings()
    h.imts = ["PGA", "AVGSA"]
    h.returnPeriods = [475, 2475]
    var cc = c
    if central {
      cc.logicTree = .enumerate
      cc.fixedBranches = Dictionary(
        models.branches.labels.map { ($0.set, $0.branch) }, uniquingKeysWith: { a, _ in a })
      h.fractiles = []
    } else {
      cc.logicTree = .sample
      cc.logicTreeSamples = samples
    }
    let measures = try HazardRun.measures(h, models: models)
    let r = try HazardRun.compute(cc, h, models: models, sites: sites, measures: measures)
    var values: [HazardValue] = []
    for (t, y) in c.gasYears.enumerated() {
      for (i, m) in measures.imts.enumerated() {
        for T in h.returnPeriods {
          let mean = measures.curve(i, from: r.meanRow(site: 0, year: t)).level(returnPeriod: T).level
          var f: [String: Double] = [:]
          for (k, q) in h.fractiles.enumerated() {
            f["p" + HazardTables.num(q)] = max(
              0, measures.curve(i, from: r.fractileRow(k, site: 0, year: t)).level(returnPeriod: T).level)
          }
          values.append(
            HazardValue(
              gasYear: GasYear.label(y), imt: m.description, unit: m.unit, returnPeriod: T, mean: max(0, mean),
              fractiles: f))
        }
      }
    }
    return HazardView(
      branches: central ? "central branches" : "\(r.samples) sampled branch combinations", siteX: sites.x[0],
      siteY: sites.y[0], values: values)
  }

  public struct TreeYear: Sendable, Codable {
    public var gasYear: String
    public var mean: Double
    public var p50: Double
    public var p90: Double
    public var category: String
  }
  /// P90 (and P50) of the first gas year with one branch set held at one branch: the
  /// conditional distribution, estimated from the samples that have that branch.
  public struct Sensitivity: Sendable, Codable {
    public var set: String
    public var branch: String
    public var weight: Double
    public var samples: Int
    public var p50: Double
    public var p90: Double
  }
  public struct TreeView: Sendable, Codable {
    public var samples: Int
    public var years: [TreeYear]
    public var sensitivity: [Sensitivity]
    /// Per set: the spread of P90 over its branches (max/min), the sets that move P90 most first.
    public var influence: [String: Double]
    /// True when every branch combination was enumerated (``ExactTreeEstimator``): the
    /// sensitivity rows are then the exact conditional percentiles (``BranchHolds``).
    public var exact: Bool? = nil
  }

  /// Adds the logic-tree view: `samples` branch combinations (exact values kept for one building).
  public static func treeView(buildingID: String, configuration c: RunConfiguration, samples: Int) throws -> TreeView {
    if c.logicTree == .enumerate { return try exactTreeView(buildingID: buildingID, configuration: c) }
    let (models, one) = try building(buildingID, c)
    var cc = c
    cc.logicTree = .sample
    cc.logicTreeSamples = samples
    let (r, tree, _) = try TreeRun.compute(cc, models: models, exposure: one, exact: true)
    let years = treeYears(r, c)
    let drawn = tree.sample(count: samples, seed: c.seed, fixed: try TreeRun.fixed(cc, tree: tree))
    var sens: [Sensitivity] = []
    var influence: [String: Double] = [:]
    let v = r.values[0]
    let w = r.weights[0]
    let si = r.sampleIndices[0]
    for (k, set) in tree.sets.enumerated() {
      var p90s: [Double] = []
      for (bi, name) in set.branches.enumerated() {
        let idx: [Int]
        if k == tree.medianSet {
          // The median branch at the building's most contributing magnitude is not one number;
          // use the branch at M 4.5 (the central bin of the damaging range).
          idx = v.indices.filter { tree.medianBranch(drawn[si[$0]], magnitude: 4.5) == bi }
        } else {
          idx = v.indices.filter { drawn[si[$0]].branch[k] == bi }
        }
        let n = Set(idx.map { si[$0] }).count
        guard n > 0 else {
          sens.append(
            Sensitivity(set: set.name, branch: name, weight: set.weights[bi], samples: 0, p50: .nan, p90: .nan))
          continue
        }
        let q = WeightedQuantile.quantiles(
          idx.map { v[$0] }, weights: idx.map { w[$0] }, qs: [cc.percentiles[0] / 100, cc.percentiles[1] / 100])
        sens.append(Sensitivity(set: set.name, branch: name, weight: set.weights[bi], samples: n, p50: q[0], p90: q[1]))
        if n >= 10 { p90s.append(q[1]) }
      }
      if let mx = p90s.max(), let mn = p90s.min(), mn > 0 { influence[set.name] = mx / mn }
    }
    return TreeView(samples: samples, years: years, sensitivity: sens, influence: influence)
  }

  /// The configured models and the one-building exposure of `id` (a located error when the
  /// exposure has no such building).
  static func building(_ id: String, _ c: RunConfiguration) throws -> (models: ModelSet, one: ExposureDatabase) {
    let models = try ModelSet(directory: c.models, choice: c.choice)
    let exposure = try models.exposure(
      path: c.exposure, buildings: c.exposureBuildings, seed: c.exposureSeed, snapDistance: c.snapDistance)
    guard let b = exposure.buildings.first(where: { $0.id == id }) else {
      throw InputError(file: exposure.file, field: "bag_building_id", "no building with id \(id)")
    }
    return (models, ExposureDatabase(file: exposure.file, buildings: [b]))
  }

  /// Mean, percentiles and category per gas year of a one-building tree result.
  static func treeYears(_ r: TreeEstimator.Result, _ c: RunConfiguration) -> [TreeYear] {
    c.gasYears.indices.map { t in
      TreeYear(
        gasYear: LPRRun.label(c.gasYears[t]), mean: r.mean[t], p50: r.p50[t], p90: r.p90[t],
        category: RiskCategory(p50: r.p50[t], p90: r.p90[t], norm: c.norm).rawValue)
    }
  }

  /// The logic-tree view over every branch combination (`--logic-tree enumerate`): exact
  /// mean/P50/P90 per year and, for the first gas year, the percentiles with each set held at
  /// each of its branches (``BranchHolds``; no samples, no resampling).
  static func exactTreeView(buildingID: String, configuration c: RunConfiguration) throws -> TreeView {
    let (models, one) = try building(buildingID, c)
    let r = try TreeRun.computeTree(c, models: models, exposure: one, holdsForAll: true).result
    let years = treeYears(r, c)
    let holds = r.holds[0] ?? []
    let sens = holds.map {
      Sensitivity(set: $0.set, branch: $0.branch, weight: $0.weight, samples: $0.combinations, p50: $0.p50, p90: $0.p90)
    }
    var influence: [String: Double] = [:]
    for set in Set(holds.map(\.set)) {
      let p90s = holds.filter { $0.set == set }.map(\.p90)
      if let mx = p90s.max(), let mn = p90s.min(), mn > 0 { influence[set] = mx / mn }
    }
    return TreeView(samples: r.samples, years: years, sensitivity: sens, influence: influence, exact: true)
  }

  /// Explains one building for the configured run (same models, production path and years).
  public static func explain(buildingID: String, configuration c: RunConfiguration) throws -> Explanation {
    let (models, one) = try building(buildingID, c)
    let b = one.buildings[0]
    let (sites, mixes) = try models.sites(for: one)
    let rates = try models.rates(try models.source(production: c.production), gasYears: c.gasYears)
    let risk = models.risk
    let est = IntegratedEstimator(model: risk, threads: 1)
    let M = rates.binCount
    let N = risk.grid.count
    let Y = rates.gasYears.count
    let C = rates.cellCount
    let mix = mixes[0]
    // Mix-weighted tables per quantity: [m][h].
    func mixed(_ q: EventRiskTable.Quantity) -> [Double] {
      let t = est.tables(
        for: sites, magnitudes: rates.magnitudes, quantity: q, activeBins: IntegratedEstimator.activeBins(rates)
      ).tables[0]
      var v = [Double](repeating: 0, count: M * N)
      for (k, ty) in mix.typologies.enumerated() {
        for i in 0..<(M * N) { v[i] += mix.probabilities[k] * t.values[ty * M * N + i] }
      }
      return v
    }
    let lprT = mixed(.lpr)
    let inT = mixed(.inside)
    let outT = mixed(.outside)
    let chT = mixed(.chimney)
    let a = est.rateHistogram(nodeX: sites.nodeX[0], nodeY: sites.nodeY[0], rates: rates)
    let bands: [(String, Double, Double)] = [
      ("3-5 km", 0, 5), ("5-10 km", 5, 10), ("10-20 km", 10, 20), ("20-40 km", 20, 40), (">40 km", 40, 1e9),
    ]
    // Per source cell and bin: the LPR per earthquake at the building's site, over the rupture
    // geometry for the cell's distance and direction (independent of the gas year).
    let d2 = risk.rupture.depthKm * risk.rupture.depthKm
    let active = IntegratedEstimator.activeBins(rates)
    let kernels = rates.magnitudes.map { risk.rupture.kernel(magnitude: $0, grid: risk.grid) }
    var cellRisk = [[Double]?](repeating: nil, count: C)
    var cellDistance = [Double](repeating: 0, count: C)
    for c in 0..<C {
      let dx = (sites.nodeX[0] - rates.cellX[c]) / 1000
      let dy = (sites.nodeY[0] - rates.cellY[c]) / 1000
      let r = (dx * dx + dy * dy + d2).squareRoot()
      guard r <= risk.grid.rMax else { continue }
      cellDistance[c] = r
      let a = RuptureKernel.azimuth(east: dx, north: dy)
      cellRisk[c] = (0..<M).map { m in
        guard active[m] else { return 0 }
        let row = kernels[m].row(hypocentralKm: r, azimuth: a, grid: risk.grid)
        var p = 0.0
        for (k, w) in row.enumerated() where w != 0 { p += w * lprT[m * N + k] }
        return max(0, p)
      }
    }
    var years: [Year] = []
    for t in 0..<Y {
      var total = 0.0
      var tin = 0.0
      var tout = 0.0
      var tch = 0.0
      var byM = [Double](repeating: 0, count: M)
      var byD = [Double](repeating: 0, count: bands.count)
      for m in 0..<M {
        for h in 0..<N {
          let w = a[(t * M + m) * N + h]
          let v = w * lprT[m * N + h]
          total += v
          byM[m] += v
          tin += w * inT[m * N + h]
          tout += w * outT[m * N + h]
          tch += w * chT[m * N + h]
          let r = risk.grid.nodes[h]
          byD[bands.firstIndex { r >= $0.1 && r < $0.2 }!] += v
        }
      }
      // Per source cell: Σ_m N(t,c,m)·Σ_r K_m(a(c); R_hyp(c) → r)·T(m, r).
      var cells: [Source] = []
      for c in 0..<C where cellRisk[c] != nil {
        var v = 0.0
        for m in 0..<M { v += rates.rates[(t * C + c) * M + m] * cellRisk[c]![m] }
        cells.append(
          Source(cell: c, x: rates.cellX[c], y: rates.cellY[c], distanceKm: cellDistance[c], lpr: v, share: 0))
      }
      cells.sort { $0.lpr > $1.lpr }
      let top = cells.prefix(5).map { s -> Source in
        var x = s
        x.share = total > 0 ? s.lpr / total : 0
        return x
      }
      let share = { (v: Double) in total > 0 ? v / total : 0 }
      years.append(
        Year(
          gasYear: LPRRun.label(rates.gasYears[t]), lpr: total, inside: tin, outside: tout, chimney: tch,
          magnitudes: (0..<M).filter { byM[$0] > 0 }.map {
            Band(
              label: String(format: "M %.2f-%.2f", rates.magnitudes[$0] - 0.05, rates.magnitudes[$0] + 0.05),
              lpr: byM[$0], share: share(byM[$0]))
          },
          distances: bands.indices.map {
            Band(label: bands[$0].0, lpr: max(0, byD[$0]), share: share(max(0, byD[$0])))
          },
          topSources: Array(top)))
    }
    return Explanation(
      buildingID: b.id, municipality: b.municipality, place: b.place, zone: b.zone, wierde: b.wierde,
      typologyMix: Dictionary(uniqueKeysWithValues: zip(b.typologies, b.probabilities)), branches: models.branches,
      years: years)
  }

  /// Human-readable text for one gas year (or all).
  public func text() -> String {
    var s = centralText()
    if let h = hazard {
      s += String(
        format: "\nhazard at the building's risk site (%.0f, %.0f), surface, over the %@:\n", h.siteX, h.siteY,
        h.branches)
      let qs = (h.values.first?.fractiles.keys.sorted { Double($0.dropFirst())! < Double($1.dropFirst())! }) ?? []
      func col(_ x: String) -> String { String(repeating: " ", count: max(1, 8 - x.count)) + x }
      s += "gas year IMT     return period" + col("mean") + qs.map { col($0.uppercased()) }.joined() + "  [g]\n"
      for v in h.values {
        s += v.gasYear + "  " + v.imt.padding(toLength: 6, withPad: " ", startingAt: 0)
        s += String(format: " %8.0f yr  %.4f", v.returnPeriod, v.mean)
        for q in qs { s += String(format: "  %.4f", v.fractiles[q] ?? 0) }
        s += "\n"
      }
    }
    if let t = tree {
      let exact = t.exact == true
      s +=
        "\nover the logic tree (\(t.samples) \(exact ? "branch combinations, every one: exact" : "sampled branch combinations")):\n"
      s += "gas year   mean        P50         P90         category\n"
      for y in t.years {
        s += String(format: "%@   %.3e   %.3e   %.3e   %@\n", y.gasYear, y.mean, y.p50, y.p90, y.category)
      }
      s +=
        "\nsensitivity in \(t.years.first?.gasYear ?? ""): P90 (and P50) with one branch set held (\(exact ? "the combinations" : "samples") with that branch)\n"
      for set in t.influence.sorted(by: { $0.value > $1.value }).map(\.key)
        + LogicTree.setNames.filter({ t.influence[$0] == nil })
      {
        let rows = t.sensitivity.filter { $0.set == set }
        s += "  \(set)" + (t.influence[set].map { String(format: " (P90 spread ×%.1f)", $0) } ?? "") + "\n"
        for r in rows {
          if r.samples == 0 {
            s += String(
              format: "    %@ w %.3f  n %4d  (no sample drew this branch)\n", Self.pad(r.branch, 16), r.weight,
              r.samples)
          } else {
            s += String(
              format: "    %@ w %.3f  n %4d  P50 %.3e  P90 %.3e%@\n", Self.pad(r.branch, 16), r.weight, r.samples,
              r.p50, r.p90,
              r.samples < 10 && !exact ? "  (few samples)" : "")
          }
        }
      }
    }
    return s
  }

  /// Left-justifies `s` in `n` characters (Foundation on Linux ignores the width of `%-9@`).
  static func pad(_ s: String, _ n: Int) -> String {
    s.count >= n ? s : s.padding(toLength: n, withPad: " ", startingAt: 0)
  }

  func centralText() -> String {
    var s = "building \(buildingID) (\(place), \(municipality)); zone \(zone)\(wierde ? ", on a wierde" : "")\n"
    s +=
      "typology mix: "
      + typologyMix.sorted { $0.value > $1.value }.map { "\($0.key) \(String(format: "%g", $0.value))" }.joined(
        separator: ", ") + "\n"
    s += "branches: " + branches.labels.map { "\($0.set) \($0.branch)" }.joined(separator: ", ") + "\n"
    s += "gas year   LPR = 0.99·P(death inside) + 0.01·(P(death outside) + P(death by chimney)), all per year\n"
    for y in years {
      s += String(
        format: "%@   %.3e   inside %.3e  outside %.3e  chimney %.3e\n", y.gasYear, y.lpr, y.inside, y.outside,
        y.chimney)
    }
    if let y = years.first {
      s += "\ncontributions in \(y.gasYear):\n  by magnitude:\n"
      for m in y.magnitudes.sorted(by: { $0.lpr > $1.lpr }).prefix(10) {
        s += String(format: "    %@  %.3e  %5.1f%%\n", m.label, m.lpr, 100 * m.share)
      }
      s += "  by rupture distance:\n"
      for d in y.distances {
        s += String(format: "    %@ %.3e  %5.1f%%\n", Self.pad(d.label, 9), d.lpr, 100 * d.share)
      }
      s += "  strongest source cells:\n"
      for c in y.topSources {
        s += String(
          format: "    cell %d at (%.0f, %.0f), %.1f km: %.3e  %5.1f%%\n", c.cell, c.x, c.y, c.distanceKm, c.lpr,
          100 * c.share)
      }
    }
    return s
  }
}
