/// One zone of the LPR tree (``TreeEstimator``) as a reducer of the ``ZoneDriver``: the zone's
/// ``ZoneTables`` (``LPRColumns``), then per site and sample (source-branch order) the contraction
/// ``RateContraction/column(a:binStride:stride:years:bins:rows:out:)`` of every typology present,
/// reduced per building into the weighted mean and either the percentile sketch (a typology
/// drawn per sample and building) or, in exact mode, every (value, weight, sample).
struct TreeZoneReducer: ZoneReducer {
  let plan: LPRColumns.Plan
  let groups: TreeSiteGroups
  let branches: TreeBranchPlan
  let tree: LogicTree
  let samples: [LogicTree.Sample]
  let sourceOf: [Int]
  /// The samples in source-branch order (the node's rate block stays in cache); fixed order.
  let order: [Int]
  let binsOfSource: [[Int]]
  let cache: RateBlocks
  let siteWierde: [Bool]
  let siteNode: [Int]
  let mixes: [MonteCarloEstimator.Mix]
  /// Gas years, active bins, distance stride, typologies of the model.
  let years: Int
  let activeCount: Int
  let stride: Int
  let typologyCount: Int
  let seed: UInt64
  let buildingKeys: [Int]?
  /// Accumulators `[b * years + t]`; `sketch` nil in exact mode, the exact arrays empty otherwise.
  let meanAcc: SharedBuffer<Double>
  let sketch: QuantileSketch?
  let exactValues: SharedBuffer<[Double]>
  let exactWeights: SharedBuffer<[Double]>
  let exactSamples: SharedBuffer<[Int]>
  /// Bytes of each zone's tables (for the memory figure).
  let tableBytes: SharedBuffer<Int>

  func reduce(zone z: Int, position zi: Int, sites members: [Int]) {
    let tables = ZoneTables(plan: plan, zoneIndex: z, typologies: groups.zoneTypologies[zi])
    tableBytes.pointer[zi] = tables.values.count * 4
    let rowBase = rowOffsets(tables, position: zi)
    let (Y, Mact, S, T) = (years, activeCount, stride, typologyCount)
    tables.values.withUnsafeBufferPointer { tv in
      let tbase = tv.baseAddress!
      var lpr = [Double](repeating: 0, count: T * Y)
      var rows = [UnsafePointer<Float>](repeating: tbase, count: Mact)
      for site in members {
        let w = siteWierde[site] ? 1 : 0
        let zt = groups.zoneTypologies[zi][w == 1]!
        let uOf = groups.siteTypologies[site].map { zt.firstIndex(of: $0)! }
        let n = siteNode[site]
        for i in order {
          let src = sourceOf[i]
          let pa = cache.block(node: n, source: src)
          binsOfSource[src].withUnsafeBufferPointer { bins in
            for (k, ty) in groups.siteTypologies[site].enumerated() {
              let uOff = uOf[k] * Mact * S
              for mi in bins { rows[mi] = tbase + rowBase[(i * 2 + w) * Mact + mi] + uOff }
              lpr.withUnsafeMutableBufferPointer { l in
                rows.withUnsafeBufferPointer { r in
                  RateContraction.column(
                    a: pa, binStride: Mact, stride: S, years: Y, bins: bins, rows: r.baseAddress!,
                    out: l.baseAddress! + ty * Y)
                }
              }
            }
          }
          for b in groups.siteBuildings[site] { add(building: b, sample: i, lpr: lpr) }
        }
      }
    }
  }

  /// Per sample and wierde flag: the table offset of each active bin (median branch per bin),
  /// `[(sample · 2 + wierde) · activeCount + mi]`, −1 where unused.
  func rowOffsets(_ tables: ZoneTables, position zi: Int) -> [Int] {
    let Mact = activeCount
    var rowBase = [Int](repeating: -1, count: samples.count * 2 * Mact)
    for i in samples.indices {
      let g = branches.pairOf[i]
      for w in 0..<2 where groups.zoneTypologies[zi][w == 1] != nil {
        for mi in binsOfSource[sourceOf[i]] {
          let key = ZoneTables.Key(
            tp: g, median: branches.medianOf[i][mi], eps: tree.s2sIndex(samples[i]), wierde: w, group: branches.fcOf[i])
          rowBase[(i * 2 + w) * Mact + mi] = tables.offset[key]! + mi * stride
        }
      }
    }
    return rowBase
  }

  /// Reduces sample i's LPR per typology `lpr[ty * years + t]` into building b's cells: the
  /// mix-weighted mean, then every (typology, year) value with its weight (exact) or the value
  /// of the typology drawn from the mix (stream keyed by seed, sample, building key).
  @inline(__always)
  func add(building b: Int, sample i: Int, lpr: [Double]) {
    let Y = years
    let s = samples[i]
    let mix = mixes[b]
    // Mean: the mix-weighted value (exact expectation over the typology).
    for t in 0..<Y {
      var v = 0.0
      for (k, ty) in mix.typologies.enumerated() { v += mix.probabilities[k] * lpr[ty * Y + t] }
      meanAcc.pointer[b * Y + t] += s.weight * v
    }
    guard let sketch else {
      for (k, ty) in mix.typologies.enumerated() where mix.probabilities[k] > 0 {
        for t in 0..<Y {
          exactValues.pointer[b * Y + t].append(lpr[ty * Y + t])
          exactWeights.pointer[b * Y + t].append(s.weight * mix.probabilities[k])
          exactSamples.pointer[b * Y + t].append(i)
        }
      }
      return
    }
    // Keyed by the building's index in the whole exposure (a shard passes it), not in this run.
    let key = UInt64(buildingKeys?[b] ?? b)
    var rng = RandomStream(seed: seed, keys: [0x5459_504F_4C4F_4759, UInt64(s.index), key])
    let u = rng.uniform()
    var cum = 0.0
    var pick = mix.typologies.last!
    for (k, ty) in mix.typologies.enumerated() {
      cum += mix.probabilities[k]
      if u <= cum {
        pick = ty
        break
      }
    }
    for t in 0..<Y { sketch.add(lpr[pick * Y + t], cell: b * Y + t) }
  }
}
