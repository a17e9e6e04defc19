import Foundation

/// Disaggregation of the mean hazard at one site, level and gas year: the share of the mean
/// annual exceedance rate by magnitude bin × rupture-distance bin and by logic-tree branch.
///
/// ```
/// λ̄(x) = Σ_s w_s Σ_m Σ_h A_{src(s)}(t, m, h) · H_s(m, h, x)        (``HazardEstimator``)
/// share(M-bin, R-bin) = Σ over the terms with m ∈ M-bin, r_h ∈ R-bin / λ̄(x)
/// share(set k = branch b) = Σ over the samples with branch b in set k / λ̄(x)
/// ```
/// For the median set (chosen per magnitude) each magnitude's term goes to its median branch.
/// Distances are the rupture-distance nodes of the rate histograms (48 nodes, ratio 1.08);
/// a source cell's rate is shared between its four nearest nodes by the cubic interpolation
/// weights, so a bin edge can move a few per cent of a cell's contribution to the next bin
/// (and a share can be slightly negative at the grid's ends). Magnitude bins are 0.5 wide
/// from 1.45; distance bins [3, 5, 10, 15, 20, 30, 50, 120] km.
package struct Disaggregation: Sendable, Codable, Equatable {
  package struct Cell: Sendable, Codable, Equatable {
    package var magnitudeLow: Double
    package var magnitudeHigh: Double
    package var distanceLow: Double
    package var distanceHigh: Double
    package var share: Double
  }
  package struct BranchShare: Sendable, Codable, Equatable {
    package var set: String
    package var branch: String
    package var share: Double
  }
  package var site: String
  package var x: Double
  package var y: Double
  package var imt: String
  package var returnPeriod: Double
  package var gasYear: String
  /// The level [g] of the mean curve at the return period, and the mean rate recomputed there.
  package var level: Double
  package var rate: Double
  package var meanMagnitude: Double
  package var meanDistance: Double
  package var cells: [Cell]
  package var branches: [BranchShare]

  static let distanceEdges: [Double] = [3, 5, 10, 15, 20, 30, 50, 120]
  static let magnitudeStart = 1.45
  static let magnitudeWidth = 0.5

  /// Disaggregates the mean hazard of `site` (id, RD x, y, zone id) for `imt` at the level
  /// `levels[t]` of each gas year t (nil: no disaggregation that year), one table build for all.
  package static func compute(
    models: ModelSet, site: (String, Double, Double, Int), imt: IntensityMeasure, levels: [Double?],
    returnPeriod: Double, gasYears: [Int], rates: [RateField], sourceOf: [Int], samples: [LogicTree.Sample],
    horizon: ExceedanceProbability.Horizon, component: SurfaceMotion.Component, threads: Int
  ) throws -> [Disaggregation] {
    let wanted = levels.enumerated().compactMap { t, l in l.map { (t, $0) } }.sorted { $0.1 < $1.1 }
    guard !wanted.isEmpty else { return [] }
    let ms = try HazardMeasures(
      imt: imt, levels: wanted.map(\.1), periods: models.risk.motion.gmm.periods, gmm: models.choice.gmm.rawValue,
      source: "disaggregation")
    guard let zi = models.risk.motion.amplification.index(ofZone: site.3) else {
      throw InputError(key: "hazard.site", "zone \(site.3) has no amplification coefficients")
    }
    let sites = RiskSites(nodeX: [site.1], nodeY: [site.2], zoneIndex: [zi], wierde: [false])
    let est = HazardEstimator(models: models, measures: ms, horizon: horizon, component: component, threads: threads)
    let p = try est.prepare(sites: sites, rates: rates, sourceOf: sourceOf, samples: samples, measures: ms)
    let tables = ZoneTables(plan: p.plan, zoneIndex: zi, wierde: [false])
    return wanted.enumerated().map { column, tl in
      one(
        p: p, tables: tables, models: models, site: site, imt: imt, level: tl.1, column: column,
        returnPeriod: returnPeriod,
        year: tl.0, gasYear: gasYears[tl.0], sourceOf: sourceOf, samples: samples, padded: ms.padded)
    }.sorted { $0.gasYear < $1.gasYear }
  }

  static func one(
    p: HazardEstimator.Prepared, tables: ZoneTables, models: ModelSet, site: (String, Double, Double, Int),
    imt: IntensityMeasure, level: Double, column: Int, returnPeriod: Double, year t: Int, gasYear: Int,
    sourceOf: [Int], samples: [LogicTree.Sample], padded: Int
  ) -> Disaggregation {
    let tree = models.tree
    let N = p.nodes
    let S = p.stride
    let Mact = p.activeCount
    let Lp = padded
    let mags = p.plan.magnitudes
    let dist = models.risk.grid.nodes
    let mBins = Int(((mags.max() ?? 1.5) - magnitudeStart) / magnitudeWidth) + 1
    let rBins = distanceEdges.count - 1
    var cells = [Double](repeating: 0, count: mBins * rBins)
    let distBin = dist.map { r in min(rBins - 1, max(0, (distanceEdges.lastIndex { $0 <= r } ?? 0))) }
    var sets = tree.sets.map { [Double](repeating: 0, count: $0.branches.count) }
    let total = samples.reduce(0.0) { $0 + $1.weight }
    var sum = 0.0
    var mSum = 0.0
    var rSum = 0.0
    let gmmSets = Set([tree.medianSet, tree.phiSet, tree.s2sSet] + (tree.tauSet.map { [$0] } ?? []))
    for (i, s) in samples.enumerated() {
      let w = s.weight / total
      let a = p.cache.block(node: 0, source: sourceOf[i])
      var sampleSum = 0.0
      for mi in p.binsOfSource[sourceOf[i]] {
        let key = ZoneTables.Key(
          tp: p.branches.pairOf[i], median: p.branches.medianOf[i][mi], eps: tree.s2sIndex(s), wierde: 0)
        let h0 = tables.offset[key]! + mi * N * Lp
        let mb = min(mBins - 1, max(0, Int((mags[mi] - magnitudeStart) / magnitudeWidth)))
        var binSum = 0.0
        for h in 0..<N {
          let v = w * Double(a[(t * Mact + mi) * S + h]) * Double(tables.values[h0 + h * Lp + column])
          cells[mb * rBins + distBin[h]] += v
          mSum += v * mags[mi]
          rSum += v * dist[h]
          binSum += v
        }
        sets[tree.medianSet][p.branches.medianOf[i][mi]] += binSum
        sampleSum += binSum
      }
      sum += sampleSum
      for k in tree.sets.indices where k != tree.medianSet {
        if gmmSets.contains(k) || tree.sourceSets.contains(k) { sets[k][s.branch[k]] += sampleSum }
      }
    }
    let norm = sum > 0 ? 1 / sum : 0
    var outCells: [Cell] = []
    for mb in 0..<mBins {
      for rb in 0..<rBins where cells[mb * rBins + rb] != 0 {
        outCells.append(
          Cell(
            magnitudeLow: magnitudeStart + Double(mb) * magnitudeWidth,
            magnitudeHigh: magnitudeStart + Double(mb + 1) * magnitudeWidth, distanceLow: distanceEdges[rb],
            distanceHigh: distanceEdges[rb + 1], share: cells[mb * rBins + rb] * norm))
      }
    }
    var shares: [BranchShare] = []
    for (k, set) in tree.sets.enumerated()
    where k == tree.medianSet || gmmSets.contains(k) || tree.sourceSets.contains(k) {
      for (b, name) in set.branches.enumerated() {
        shares.append(BranchShare(set: set.name, branch: name, share: sets[k][b] * norm))
      }
    }
    return Disaggregation(
      site: site.0, x: site.1, y: site.2, imt: imt.description, returnPeriod: returnPeriod,
      gasYear: GasYear.label(gasYear), level: level, rate: sum, meanMagnitude: mSum * norm, meanDistance: rSum * norm,
      cells: outCells, branches: shares)
  }
}
