import Foundation

/// Reservoir (Slochteren sandstone) thickness proxy: a linear trend in northing, clamped.
///
/// ```
/// H(y) = H_s + (H_n − H_s) · clamp((y − y_s)/(y_n − y_s), 0, 1)       (m)
/// ```
/// The Groningen Slochteren thickens from ~100 m in the south to ~300 m in the north
/// (NAM Winningsplan 2016 reservoir description; Bourne & Oates 2017 use the thickness map in
/// the compaction model). Parameters in `Models/seismicity/parameters.csv`.
package enum ReservoirThickness {
  /// Thickness at each grid cell, m.
  package static func compute(
    grid: SourceGrid, southM: Double, northM: Double, northingSouth: Double, northingNorth: Double
  ) -> [Double] {
    precondition(northingNorth > northingSouth && southM > 0 && northM > 0)
    return grid.y.map { y in
      let f = min(1, max(0, (y - northingSouth) / (northingNorth - northingSouth)))
      return southM + (northM - southM) * f
    }
  }
}
