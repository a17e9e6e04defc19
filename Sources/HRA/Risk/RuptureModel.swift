import Foundation

/// Finite-rupture geometry of the Groningen chain: vertical ruptures at the reservoir, their
/// length scattered about Leonard's scaling relation, their strike about the NNW–SSE fault trend.
///
/// ```
/// log10 M0 = 1.5·Mw + 9.1                                          (Hanks & Kanamori 1979)
/// log10 M0 = a1·log10 L + b1 (L ≤ L_h),  a2·log10 L + b2 (L > L_h)   (Leonard 2010, b2 by continuity)
/// log10 L  ~ N(log10 L_Leonard(Mw), σ_L²),  σ_L = 0.19  (not truncated)
/// strike θ ~ N(μ, σ_θ²) relative to north,  μ = −30°, σ_θ = 30°   (or uniform on [0°, 180°))
/// rupture: horizontal segment of length L at the hypocentre depth d (the top edge of a vertical
/// rupture), the hypocentre at fraction u ~ U(0,1) along it;  R_rup = √(d_h² + d²) with d_h the
/// horizontal distance from the site to the segment.
/// ```
/// The distribution of R_rup for a site at hypocentral distance r_h depends on the azimuth a from
/// the epicentre to the site through the angle a − θ; ``kernel(magnitude:grid:)`` tabulates it as a
/// Fourier series in 2a (``RuptureKernel``).
///
/// Reference: TNO, SHRA-Groningen `models/rupture.py` (Leonard scaling, default parameters),
/// `rupture_prep.py` (length scatter σ log10 L = 0.190, hypocentre uniform along the rupture,
/// Gaussian smoothing over azimuth σ = 30°), `source_integrator.py` (rupture azimuth −30°);
/// the numbers with file and line in `Models/rupture/README.md` (EUPL-1.2).
package struct RuptureModel: Sendable {
  package let depthKm: Double
  let mwPower, mwScale, a1, b1, a2, b2, hingeLog10: Double
  /// Standard deviation of log10 L about Leonard's relation.
  package let lengthSigmaLog10: Double
  /// Gauss–Hermite nodes over the length scatter (1 when σ_L = 0).
  package let lengthNodes: Int
  /// Mean strike μ and its standard deviation σ_θ [radians, clockwise from north].
  package let strikeMean: Double
  package let strikeSigma: Double
  /// Fourier harmonics n = 1…H of cos/sin(2n·a) kept in the kernel; 0: uniform strike (the
  /// kernel does not depend on the azimuth).
  package let azimuthHarmonics: Int
  /// Harmonic components whose largest kernel weight is below this are dropped (per magnitude).
  package let harmonicTolerance: Double
  package let positionNodes: Int
  package let strikeNodes: Int

  package init(constants k: ConstantsTable) throws {
    depthKm = try k.value("hypocentre_depth", in: 0...50, above: 0)
    mwPower = try k.value("leonard_mw_power")
    mwScale = try k.value("leonard_mw_scale")
    a1 = try k.value("leonard_a1", in: 0...100, above: 0)
    b1 = try k.value("leonard_b1")
    a2 = try k.value("leonard_a2", in: 0...100, above: 0)
    let hinge = try k.value("leonard_hinge_length", in: 0...1e7, above: 0)
    hingeLog10 = log10(hinge)
    b2 = a1 * hingeLog10 + b1 - a2 * hingeLog10
    positionNodes = try k.integer("position_nodes", in: 1...1_000)
    strikeNodes = try k.integer("strike_nodes", in: 1...1_000)
    lengthSigmaLog10 = try k.value("length_sigma_log10", in: 0...2)
    lengthNodes = lengthSigmaLog10 == 0 ? 1 : try k.integer("length_nodes", in: 1...100)
    azimuthHarmonics = try k.integer("azimuth_harmonics", in: 0...20)
    harmonicTolerance = try k.value("harmonic_tolerance", in: 0...1)
    if azimuthHarmonics > 0 {
      strikeMean = try k.value("strike_mean", in: -360...360) * Double.pi / 180
      strikeSigma = try k.value("strike_sigma", in: 0...180, above: 0) * Double.pi / 180
    } else {
      strikeMean = 0
      strikeSigma = .infinity
    }
  }

  /// Median rupture length [km] for moment magnitude m (Leonard 2010 with the TNO hinge).
  package func lengthKm(magnitude m: Double) -> Double {
    let lm0 = mwPower * m + mwScale
    let l1 = (lm0 - b1) / a1
    let logL = l1 <= hingeLog10 ? l1 : (lm0 - b2) / a2
    return pow(10, logL) / 1000
  }

  /// Whether the strike is uniform (random orientation) rather than Gaussian about ``strikeMean``.
  package var uniformStrike: Bool { azimuthHarmonics == 0 }

  /// One rupture drawn from the model: length [km] (median `median`), strike [radians,
  /// clockwise from north] and hypocentre position u along the rupture, from three uniforms
  /// and two normals of the caller's stream (so that the caller keys them).
  @inline(__always)
  package func sample(medianLengthKm median: Double, z: Double, zStrike: Double, uStrike: Double, position: Double)
    -> (lengthKm: Double, strike: Double, position: Double)
  {
    let L = median * pow(10, lengthSigmaLog10 * z)
    let strike = uniformStrike ? uStrike * Double.pi : strikeMean + strikeSigma * zStrike
    return (L, strike, position)
  }

  /// R_rup [km] for a site at map offset (east, north) [km] from the epicentre, a rupture of
  /// length L [km] with strike θ (clockwise from north) and the hypocentre at fraction u.
  @inline(__always)
  package func rrup(east px: Double, north py: Double, lengthKm L: Double, strike: Double, position u: Double) -> Double
  {
    let cs = sin(strike)  // east component of the strike direction
    let sn = cos(strike)  // north component
    let along = min(max(px * cs + py * sn, -u * L), (1 - u) * L)
    let dx = px - along * cs
    let dy = py - along * sn
    return (dx * dx + dy * dy + depthKm * depthKm).squareRoot()
  }

  /// R_rup [km] for a site at horizontal distance `epi` [km] from the epicentre, the
  /// rupture of length L oriented at angle φ to the site direction, hypocentre at fraction u.
  @inline(__always)
  package func rrup(epicentralKm epi: Double, lengthKm L: Double, position u: Double, angle phi: Double) -> Double {
    // Segment from s0 = −u·L·(cos φ, sin φ) to s1 = (1−u)·L·(cos φ, sin φ); site at (epi, 0).
    let c = cos(phi)
    let s = sin(phi)
    let t = min(max(epi * c, -u * L), (1 - u) * L)  // projection of the site onto the strike line, clamped
    let dx = epi - t * c
    let dy = -t * s
    let dh2 = dx * dx + dy * dy
    return (dh2 + depthKm * depthKm).squareRoot()
  }

  /// The kernel for one magnitude over a distance grid (``RuptureKernel``), cached per model,
  /// magnitude and grid (it is the same for every branch of the logic tree).
  package func kernel(magnitude m: Double, grid: LogDistanceGrid) -> RuptureKernel {
    RuptureKernelCache.shared.kernel(model: self, magnitude: m, grid: grid)
  }

  /// What a kernel depends on (for the cache).
  var cacheKey: [Double] {
    [
      depthKm, mwPower, mwScale, a1, b1, a2, hingeLog10, lengthSigmaLog10, Double(lengthNodes), strikeMean,
      strikeSigma, Double(azimuthHarmonics), harmonicTolerance, Double(positionNodes), Double(strikeNodes),
    ]
  }
}
