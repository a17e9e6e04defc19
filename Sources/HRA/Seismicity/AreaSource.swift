import Foundation

/// An area source: a polygon with a truncated Gutenberg–Richter magnitude distribution, a fixed
/// hypocentral depth, discretised into point sources on a square grid, with point or finite
/// (vertical, rectangular) ruptures.
///
/// ```
/// bins:     [m_k, m_k + Δ),  m_k = M_min + kΔ,  k = 0 … K−1,  K = (M_max − M_min)/Δ;  magnitude m_k + Δ/2
/// rate:     ν_k = N₀·(v(m_k) − v(m_k+Δ)) / (1 − v(M_max)),  v(m) = 10^(−b(m − M_min))   (N₀ = rate of M ≥ M_min)
/// a-value:  ν_k = 10^(a − b·m_k) − 10^(a − b·(m_k+Δ))                                (OpenQuake's TruncatedGRMFD)
/// cells:    centres (x_min + (i+½)s, y_min + (j+½)s) inside the polygon; each carries ν_k / n_cells
/// point:    R = √(d_h² + z²)                                                  (z: hypocentral depth [km])
/// finite:   vertical rectangle L × W (Wells & Coppersmith 1994, ``WellsCoppersmith1994``), centred on the
///           hypocentre along strike φ_s (weight w_s), top z_top = max(0, z − W/2), bottom z_top + W;
///           R_rup = √(max(0, |u| − L/2)² + p² + z_top²)   (u along strike, p across it, site at the surface)
/// ```
/// Strikes are azimuths in degrees clockwise from north (RD north). Every rupture of a bin has
/// the same shape; the hypocentre is at the centre of the rupture (OpenQuake places point-source
/// ruptures the same way, with the same shift down when the top would be above the surface).
/// A rupture is a vertical fault: dip 90°, so the strikes φ and φ + 180° give the same distances.
///
/// Validation (``InputError`` with the configuration key as field): b > 0, M_max > M_min, Δ > 0
/// dividing M_max − M_min into a whole number of bins (to 1e-6 Δ), depth ≥ 0, spacing > 0, a rate
/// > 0 (or a finite a-value), aspect ratio > 0, strike weights > 0 and summing to 1 (±1e-6), and at
/// least one cell centre inside the polygon.
package struct AreaSource: Sendable {
  /// How ruptures are represented.
  package enum Ruptures: String, Sendable, CaseIterable {
    case point
    case finite
  }

  /// How the activity is given.
  package enum Activity: Sendable, Equatable {
    /// N₀: the annual rate of M ≥ M_min over the whole source (the truncated distribution).
    case rateAboveMmin(Double)
    /// OpenQuake's a-value: log10 of the untruncated annual rate of M ≥ 0.
    case aValue(Double)
  }

  package let polygon: SourcePolygon
  package let activity: Activity
  package let b: Double
  package let mmin: Double
  package let mmax: Double
  package let binWidth: Double
  package let depthKm: Double
  package let spacingM: Double
  package let ruptures: Ruptures
  package let aspectRatio: Double
  package let strikes: [Double]
  package let strikeWeights: [Double]
  package let scaling: WellsCoppersmith1994

  /// Bin magnitudes (centres) and their total annual rates over the source [1/yr].
  package let magnitudes: [Double]
  package let binRates: [Double]
  /// Cell centres (RD metres).
  package let cellX: [Double]
  package let cellY: [Double]
  /// Per bin: rupture length, width [km] and top depth [km] (finite ruptures; zero length for points).
  package let ruptureLength: [Double]
  package let ruptureTop: [Double]

  /// - Parameter locate: turns (field, message) into the error to throw (a configuration file maps
  ///   the field to its key's line); the default names the file "area source".
  package init(
    polygon: SourcePolygon, activity: Activity, b: Double, mmin: Double, mmax: Double, binWidth: Double,
    depthKm: Double, spacingM: Double, ruptures: Ruptures = .point, aspectRatio: Double = 1,
    strikes: [(strike: Double, weight: Double)] = [(0, 1)], scaling: WellsCoppersmith1994,
    locate: (String, String) -> InputError = { InputError(file: "area source", field: $0, $1) }
  ) throws {
    guard b.isFinite, b > 0 else { throw locate("b", "the Gutenberg–Richter b-value must be > 0 (got \(b))") }
    guard mmin.isFinite else { throw locate("mmin", "M_min must be finite") }
    guard mmax.isFinite, mmax > mmin else { throw locate("mmax", "M_max (\(mmax)) must exceed M_min (\(mmin))") }
    guard binWidth.isFinite, binWidth > 0 else {
      throw locate("bin_width", "the bin width must be > 0 (got \(binWidth))")
    }
    let kf = (mmax - mmin) / binWidth
    let k = Int(kf.rounded())
    guard k >= 1, abs(Double(k) * binWidth - (mmax - mmin)) <= 1e-6 * binWidth else {
      throw locate(
        "bin_width", "the bin width \(binWidth) does not divide M_max − M_min = \(mmax - mmin) into whole bins")
    }
    try Self.check(depthKm: depthKm, spacingM: spacingM, aspectRatio: aspectRatio, strikes: strikes, locate: locate)
    let (mags, rates) = try Self.bins(
      activity, b: b, mmin: mmin, mmax: mmax, binWidth: binWidth, count: k, locate: locate)
    let (cx, cy) = try Self.cells(polygon, spacingM: spacingM, locate: locate)
    self.polygon = polygon
    self.activity = activity
    self.b = b
    self.mmin = mmin
    self.mmax = mmax
    self.binWidth = binWidth
    self.depthKm = depthKm
    self.spacingM = spacingM
    self.ruptures = ruptures
    self.aspectRatio = aspectRatio
    self.strikes = strikes.map(\.strike)
    self.strikeWeights = strikes.map(\.weight)
    self.scaling = scaling
    magnitudes = mags
    binRates = rates
    cellX = cx
    cellY = cy
    var len: [Double] = []
    var top: [Double] = []
    for m in mags {
      if ruptures == .point {
        len.append(0)
        top.append(depthKm)
      } else {
        let d = scaling.dimensions(magnitude: m, aspectRatio: aspectRatio)
        len.append(d.length)
        top.append(max(0, depthKm - d.width / 2))
      }
    }
    ruptureLength = len
    ruptureTop = top
  }

  /// Checks the depth, cell spacing, aspect ratio and strikes (finite, weights > 0 summing to 1).
  static func check(
    depthKm: Double, spacingM: Double, aspectRatio: Double, strikes: [(strike: Double, weight: Double)],
    locate: (String, String) -> InputError
  ) throws {
    guard depthKm.isFinite, depthKm >= 0 else { throw locate("depth_km", "the depth must be ≥ 0 km (got \(depthKm))") }
    guard spacingM.isFinite, spacingM > 0 else {
      throw locate("spacing_m", "the spacing must be > 0 m (got \(spacingM))")
    }
    guard aspectRatio.isFinite, aspectRatio > 0 else {
      throw locate("aspect_ratio", "the aspect ratio must be > 0 (got \(aspectRatio))")
    }
    guard !strikes.isEmpty else { throw locate("strikes", "need at least one strike") }
    for s in strikes {
      guard s.strike.isFinite else { throw locate("strikes", "a strike must be a finite angle in degrees") }
      guard s.weight.isFinite, s.weight > 0 else {
        throw locate("strikes", "strike weights must be > 0 (got \(s.weight))")
      }
    }
    let wsum = strikes.reduce(0) { $0 + $1.weight }
    guard abs(wsum - 1) <= 1e-6 else { throw locate("strikes", "strike weights must sum to 1 (got \(wsum))") }
  }

  /// The bins' centre magnitudes and annual rates: the truncated Gutenberg–Richter rates between
  /// each bin's edges, N(≥ m) = N0 (10^(−b(m−M_min)) − 10^(−b(M_max−M_min))) / (1 − 10^(−b(M_max−M_min)))
  /// from the rate above M_min, or N(≥ m) = 10^(a − b m) from the a-value.
  static func bins(
    _ activity: Activity, b: Double, mmin: Double, mmax: Double, binWidth: Double, count k: Int,
    locate: (String, String) -> InputError
  ) throws -> (magnitudes: [Double], rates: [Double]) {
    var rates: [Double] = []
    var mags: [Double] = []
    switch activity {
    case .rateAboveMmin(let n0):
      guard n0.isFinite, n0 > 0 else { throw locate("rate", "the rate above M_min must be > 0 per year (got \(n0))") }
      let vmax = pow(10, -b * (mmax - mmin))
      for i in 0..<k {
        let lo = mmin + Double(i) * binWidth
        let hi = i == k - 1 ? mmax : lo + binWidth
        rates.append(n0 * (pow(10, -b * (lo - mmin)) - pow(10, -b * (hi - mmin))) / (1 - vmax))
        mags.append(lo + binWidth / 2)
      }
    case .aValue(let a):
      guard a.isFinite else { throw locate("a_value", "the a-value must be finite") }
      for i in 0..<k {
        let lo = mmin + Double(i) * binWidth
        let hi = i == k - 1 ? mmax : lo + binWidth
        rates.append(pow(10, a - b * lo) - pow(10, a - b * hi))
        mags.append(lo + binWidth / 2)
      }
    }
    return (mags, rates)
  }

  /// The centres of the grid cells (spacing `spacingM`, over the polygon's bounding box) that lie
  /// inside the polygon.
  static func cells(_ polygon: SourcePolygon, spacingM: Double, locate: (String, String) -> InputError) throws -> (
    x: [Double], y: [Double]
  ) {
    let bb = polygon.bounds
    let nx = max(1, Int(((bb.maxX - bb.minX) / spacingM).rounded(.up)))
    let ny = max(1, Int(((bb.maxY - bb.minY) / spacingM).rounded(.up)))
    var cx: [Double] = []
    var cy: [Double] = []
    for j in 0..<ny {
      let y = bb.minY + (Double(j) + 0.5) * spacingM
      for i in 0..<nx {
        let x = bb.minX + (Double(i) + 0.5) * spacingM
        if polygon.contains(x, y) {
          cx.append(x)
          cy.append(y)
        }
      }
    }
    guard !cx.isEmpty else {
      throw locate("spacing_m", "no cell centre falls inside the polygon at a spacing of \(spacingM) m")
    }
    return (cx, cy)
  }

  /// The number of cells.
  package var cellCount: Int { cellX.count }
  /// The annual rate of M ≥ M_min over the whole source [1/yr].
  package var totalRate: Double { binRates.reduce(0, +) }

  /// Distance [km] from a site at the surface (RD metres) to the rupture of bin `k` with strike
  /// index `s` in cell `c`: R_hyp for point ruptures, R_rup for finite ones (see the type's comment).
  @inline(__always)
  package func distance(cell c: Int, bin k: Int, strike s: Int, siteX: Double, siteY: Double) -> Double {
    let dx = (siteX - cellX[c]) / 1000
    let dy = (siteY - cellY[c]) / 1000
    if ruptures == .point { return (dx * dx + dy * dy + depthKm * depthKm).squareRoot() }
    let phi = strikes[s] * Double.pi / 180
    let u = dx * sin(phi) + dy * cos(phi)
    let p = dx * cos(phi) - dy * sin(phi)
    let du = max(0, abs(u) - ruptureLength[k] / 2)
    let z = ruptureTop[k]
    return (du * du + p * p + z * z).squareRoot()
  }
}

extension AreaSource {
  /// The registry entry: an area source of `hra generic-hazard` (`[area_source]`: polygon, truncated
  /// Gutenberg–Richter rates, depth); finite ruptures scaled by Wells & Coppersmith (1994),
  /// `Models/rupture-scaling/`. It brings no branch sets (one source, no logic tree).
  package static let entry = ModelEntry<[DeclaredBranchSet]>(
    kind: .seismicity, name: "area-source",
    summary:
      "an area source with truncated Gutenberg-Richter magnitudes for hra generic-hazard ([area_source]); finite ruptures scaled by Wells & Coppersmith (1994)",
    folder: "rupture-scaling", requires: ModelRequirements(),
    load: { models in
      _ = try WellsCoppersmith1994(path: models + "/rupture-scaling/wells-coppersmith-1994.csv")
      return []
    })
}
