import Foundation

/// Finite-rupture geometry and the distribution of rupture distance R_rup given the
/// hypocentral distance, for vertical ruptures of magnitude-dependent length.
///
/// ```
/// log10 M0 = 1.5·Mw + 9.1                                          (Hanks & Kanamori 1979)
/// log10 M0 = a1·log10 L + b1 (L ≤ L_h),  a2·log10 L + b2 (L > L_h)   (Leonard 2010, b2 by continuity)
/// rupture: horizontal segment of length L at the hypocentre depth d (the top edge of a vertical
/// rupture), the hypocentre at fraction u ~ U(0,1) along it, strike relative to the site
/// direction φ ~ U(0°, 180°);  R_rup = √(d_h² + d²) with d_h the horizontal distance to the segment.
/// ```
/// The kernel K[m][h → r] gives, for a site at hypocentral distance r_h (grid node h), the
/// distribution of R_rup over the grid (4-point Lagrange weights, so that Σ K·f(r) integrates a
/// smooth tabulated f): midpoint-rule quadrature over u and φ.
///
/// Deviation from TNO (documented in Models/rupture/README.md): strike is treated as uniform
/// (random orientation) instead of −30° ± 30°, so the kernel depends on distance only.
public struct RuptureModel: Sendable {
  public let depthKm: Double
  let mwPower, mwScale, a1, b1, a2, b2, hingeLog10: Double
  public let positionNodes: Int
  public let strikeNodes: Int

  public init(constants k: ConstantsTable) throws {
    depthKm = try k.value("hypocentre_depth")
    mwPower = try k.value("leonard_mw_power")
    mwScale = try k.value("leonard_mw_scale")
    a1 = try k.value("leonard_a1")
    b1 = try k.value("leonard_b1")
    a2 = try k.value("leonard_a2")
    let hinge = try k.value("leonard_hinge_length")
    hingeLog10 = log10(hinge)
    b2 = a1 * hingeLog10 + b1 - a2 * hingeLog10
    positionNodes = Int(try k.value("position_nodes"))
    strikeNodes = Int(try k.value("strike_nodes"))
    guard depthKm > 0, positionNodes >= 1, strikeNodes >= 1, a1 > 0, a2 > 0 else {
      throw InputError(file: k.file, "rupture constants out of range (depth > 0, nodes ≥ 1, slopes > 0)")
    }
  }

  /// Rupture length [km] for moment magnitude m (Leonard 2010 with the TNO hinge).
  public func lengthKm(magnitude m: Double) -> Double {
    let lm0 = mwPower * m + mwScale
    let l1 = (lm0 - b1) / a1
    let logL = l1 <= hingeLog10 ? l1 : (lm0 - b2) / a2
    return pow(10, logL) / 1000
  }

  /// R_rup [km] for a site at horizontal distance `epi` [km] from the epicentre, the
  /// rupture of length L oriented at angle φ to the site direction, hypocentre at fraction u.
  @inline(__always)
  public func rrup(epicentralKm epi: Double, lengthKm L: Double, position u: Double, angle phi: Double) -> Double {
    // Segment from s0 = −u·L·(cos φ, sin φ) to s1 = (1−u)·L·(cos φ, sin φ); site at (epi, 0).
    let c = cos(phi)
    let s = sin(phi)
    let t = min(max(epi * c, -u * L), (1 - u) * L)  // projection of the site onto the strike line, clamped
    let dx = epi - t * c
    let dy = -t * s
    let dh2 = dx * dx + dy * dy
    return (dh2 + depthKm * depthKm).squareRoot()
  }

  /// The kernel for one magnitude over a distance grid: `k[h * N + r]`, each row summing to 1
  /// (rows whose R_rup lie beyond r_max lose that mass).
  public func kernel(magnitude m: Double, grid: LogDistanceGrid) -> [Double] {
    let N = grid.count
    var k = [Double](repeating: 0, count: N * N)
    let L = lengthKm(magnitude: m)
    let nu = positionNodes
    let np = strikeNodes
    let wq = 1.0 / Double(nu * np)
    for h in 0..<N {
      let rh = grid.nodes[h]
      let epi = max(0, rh * rh - depthKm * depthKm).squareRoot()
      for iu in 0..<nu {
        let u = (Double(iu) + 0.5) / Double(nu)
        for ip in 0..<np {
          let phi = (Double(ip) + 0.5) / Double(np) * Double.pi
          let r = rrup(epicentralKm: epi, lengthKm: L, position: u, angle: phi)
          guard let (f, w) = grid.weights(r) else { continue }
          k[h * N + f] += wq * w.0
          k[h * N + f + 1] += wq * w.1
          k[h * N + f + 2] += wq * w.2
          k[h * N + f + 3] += wq * w.3
        }
      }
    }
    return k
  }
}
