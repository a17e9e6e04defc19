import Foundation

/// The intensity measures and levels of a hazard run, resolved against a ground-motion model's
/// periods and laid out on one level axis (the columns of the exceedance tables).
///
/// `PGA` is the GMM's first period (0.01 s: the Groningen GMMs' PGA proxy, Bommer et al. 2021
/// §3); `SA(T)` must be one of the GMM's periods (no interpolation between periods); `AVGSA` is
/// the geometric mean of Sa over all the GMM's periods (the fragility models' intensity). PGV is
/// not provided by the Groningen GMMs.
package struct HazardMeasures: Sendable, Equatable {
  /// How an IMT is computed from the model chain.
  package enum Kind: Sendable, Equatable {
    /// One period of the GMM (index into its periods).
    case period(Int)
    /// The geometric mean over all periods.
    case avgSa
  }
  package let imts: [IntensityMeasure]
  package let kinds: [Kind]
  /// Levels [g] per IMT, ascending.
  package let levels: [[Double]]
  /// First column of each IMT on the level axis.
  package let offsets: [Int]
  /// Levels in all, and the axis padded to a multiple of 16 (the contraction's vector width).
  package let count: Int
  package let padded: Int
  /// ln level [ln g] per column (padding repeats the last level).
  package let lnLevels: [Double]

  /// - Parameters:
  ///   - imts: the IMTs, in output order;
  ///   - levels: the level ranges (``HazardLevels``);
  ///   - periods: the GMM's periods [s];
  ///   - gmm: the GMM's version label, for the error.
  package init(imts: [IntensityMeasure], levels: HazardLevels, periods: [Double], gmm: String, source: String) throws {
    guard !imts.isEmpty else { throw InputError(file: source, field: "imt", "no intensity measure given") }
    var kinds: [Kind] = []
    var lv: [[Double]] = []
    for m in imts {
      switch m {
      case .pga: kinds.append(.period(0))
      case .avgSa: kinds.append(.avgSa)
      case .pgv:
        throw InputError(
          file: source, field: "imt", "GMM \(gmm) predicts spectral accelerations only: PGV is not available")
      case .sa(let t):
        guard let k = periods.firstIndex(where: { abs($0 - t) <= 1e-9 * max(1, t) }) else {
          let list = periods.map { String(format: "%g", $0) }.joined(separator: ", ")
          throw InputError(
            file: source, field: "imt", "\(m) is not a period of GMM \(gmm) (periods: \(list) s)")
        }
        kinds.append(.period(k))
      }
      lv.append(try levels.levels(m))
    }
    self.imts = imts
    self.kinds = kinds
    self.levels = lv
    var off: [Int] = []
    var n = 0
    for l in lv {
      off.append(n)
      n += l.count
    }
    offsets = off
    count = n
    padded = (n + 15) / 16 * 16
    var ln = lv.flatMap { $0.map { log($0) } }
    while ln.count < padded { ln.append(ln.last!) }
    lnLevels = ln
  }

  /// One IMT at given levels (ascending; e.g. the map levels of several gas years for a disaggregation).
  package init(imt: IntensityMeasure, levels given: [Double], periods: [Double], gmm: String, source: String) throws {
    let fam = HazardLevels.family(imt)
    let m = try HazardMeasures(
      imts: [imt], levels: HazardLevels(ranges: [fam: .init(min: 1, max: 2, count: 2)]), periods: periods, gmm: gmm,
      source: source)
    imts = [imt]
    kinds = m.kinds
    levels = [given]
    offsets = [0]
    count = given.count
    padded = (given.count + 15) / 16 * 16
    var ln = given.map { log($0) }
    while ln.count < padded { ln.append(ln.last!) }
    lnLevels = ln
  }

  /// The curve of IMT `i` from a row of the level axis.
  package func curve(_ i: Int, from row: ArraySlice<Double>) -> HazardCurve {
    let start = row.startIndex + offsets[i]
    return HazardCurve(levels: levels[i], rates: Array(row[start..<(start + levels[i].count)]))
  }
}
