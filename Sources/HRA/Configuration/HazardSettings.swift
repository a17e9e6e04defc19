import Foundation

/// What a hazard run computes beyond the model chain of its ``RunConfiguration``.
package struct HazardSettings: Sendable, Codable, Equatable {
  /// IMTs in output order (``IntensityMeasure``).
  package var imts: [String] = ["PGA", "SA(0.3)", "AVGSA"]
  /// Return periods [yr] of the maps.
  package var returnPeriods: [Double] = [475, 2475]
  package var sites: HazardSites.Choice = .buildings
  package var component: SurfaceMotion.Component = .arbitrary
  package var horizon: ExceedanceProbability.Horizon = .surface
  /// Fractiles [%] of the exceedance rate over the logic tree, in (0, 100), ascending.
  package var fractiles: [Double] = [16, 50, 84]
  /// Points (RD x, y) for uniform hazard spectra and disaggregation (`--site X,Y`).
  package var spectrumSites: [[Double]] = []
  /// The levels file (nil: `Models/hazard/levels.csv`).
  package var levels: String? = nil
  package init() {}

  /// Parses fractiles `16,50,84`: numbers in (0, 100), strictly ascending; `none`: the mean
  /// only (a faster path, ``HazardEstimator``).
  package static func fractiles(_ text: String, source: String) throws -> [Double] {
    if text.trimmingCharacters(in: .whitespaces).lowercased() == "none" { return [] }
    var v: [Double] = []
    for p in text.split(separator: ",", omittingEmptySubsequences: false) {
      let s = p.trimmingCharacters(in: .whitespaces)
      guard let x = Double(s), x.isFinite, x > 0, x < 100 else {
        throw InputError(file: source, field: "fractiles", "a fractile must be a number in (0, 100) (got '\(s)')")
      }
      guard v.last.map({ x > $0 }) ?? true else {
        throw InputError(file: source, field: "fractiles", "fractiles must be ascending (got '\(text)')")
      }
      v.append(x)
    }
    return v
  }

  /// Parses a point `X,Y` (RD New metres).
  package static func point(_ text: String, source: String) throws -> [Double] {
    let p = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard p.count == 2, let x = p[0], let y = p[1], x.isFinite, y.isFinite else {
      throw InputError(
        file: source, field: "site", "a site is X,Y in RD New metres, e.g. 246500,593500 (got '\(text)')")
    }
    return [x, y]
  }
}
