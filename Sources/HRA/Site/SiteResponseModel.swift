import Foundation

/// The part of a site-response model every version shares, per zone and period: the
/// nonlinear term, the clipping and the site-to-site standard deviation.
///
/// ```
/// ln AF = clip(f_lin + f2·ln((Sa_NSB[g] + f3)/f3), ln AFmin, ln AFmax) + ε_S2S·φ_S2S(Sa) + Δ_wierde
/// φ_S2S = clip(s1 + (s2 − s1)(ln Sa[g] − ln xl)/ln(xh/xl), min(s1,s2), max(s1,s2))
/// ```
/// GMM V7 (Bommer et al. 2021, eq. 9.12–9.15) and V5/V6 (Bommer et al. 2017/2019, eq. 5.8–5.11)
/// differ only in the linear term f_lin, which a version computes once per context and period
/// (``SiteResponseModel/linearTerm(zoneIndex:period:magnitude:lnR:)``); this struct carries the
/// rest, which the surface-motion quadrature evaluates at every node.
package struct AmplificationTerms: Sendable {
  package var f2, lnF3, s1, s2, lnXl, lnXh, lnAFmin, lnAFmax: Double

  package init(
    f2: Double, lnF3: Double, s1: Double, s2: Double, lnXl: Double, lnXh: Double, lnAFmin: Double, lnAFmax: Double
  ) {
    self.f2 = f2
    self.lnF3 = lnF3
    self.s1 = s1
    self.s2 = s2
    self.lnXl = lnXl
    self.lnXh = lnXh
    self.lnAFmin = lnAFmin
    self.lnAFmax = lnAFmax
  }

  /// φ_S2S at ln Sa_NSB [g].
  @inline(__always)
  package func phiS2S(lnSaG: Double) -> Double {
    let v = s1 + (s2 - s1) * (lnSaG - lnXl) / (lnXh - lnXl)
    return min(max(v, min(s1, s2)), max(s1, s2))
  }

  /// ln AF given the linear term and ln Sa_NSB [cm/s²], with the site-to-site ε and the
  /// wierde increment; also d lnAF / d lnSa and d² lnAF / d lnSa² of the clipped median part
  /// (the quadrature's slope and second-order correction).
  /// - Parameters:
  ///   - linear: f_lin of the version for this zone, period, M and R;
  ///   - lnSaCm: ln Sa at NS_B [cm/s²];
  ///   - lnAFScale: ln(cm/s² per g) = ln 981;
  ///   - wierdeIncrement: Δ ln AF added for a building on a dwelling mound (0 otherwise).
  @inline(__always)
  package func lnAF(
    linear: Double, lnSaCm: Double, lnAFScale: Double, s2sEpsilon: Double, wierdeIncrement: Double?
  ) -> (value: Double, d1: Double, d2: Double) {
    let lnG = lnSaCm - lnAFScale
    // f2·ln((Sa + f3)/f3) = f2·softplus(ln Sa − ln f3); its slope in ln Sa is f2·σ(·).
    let sp = Softplus.evaluate(lnG - lnF3)
    let raw = linear + f2 * sp.value
    var v = raw
    var d1 = 0.0
    var d2 = 0.0
    if raw < lnAFmin {
      v = lnAFmin
    } else if raw > lnAFmax {
      v = lnAFmax
    } else {
      let q = sp.logistic
      d1 = f2 * q
      d2 = f2 * q * (1 - q)
    }
    if s2sEpsilon != 0 { v += s2sEpsilon * phiS2S(lnSaG: lnG) }
    if let w = wierdeIncrement { v += w }
    return (v, d1, d2)
  }
}

/// A site-response model from the NS_B reference horizon to the surface, per site-response
/// zone: what the surface-motion integration requires of it.
///
/// Requires: zone, M, R_rup [km] and ln Sa_NSB [cm/s²] per period of the GMM. Provides:
/// - ``linearTerm(zoneIndex:period:magnitude:lnR:)``: the version's f_lin (once per context);
/// - ``terms``: the shared nonlinear/clipping/φ_S2S part per zone and period;
/// - ``wierdeIncrement``: Δ ln AF per period for buildings on dwelling mounds;
/// - the zonation it is defined on (``zones``, ``index(ofZone:)``).
/// One implementation per GMM version (`SiteAmplificationV7`, `SiteAmplificationV6` for V5/V6).
package protocol SiteResponseModel: ModelAnatomy, Sendable {
  /// The version label, e.g. "V7".
  var version: String { get }
  /// Zone ids in table order (the index used everywhere else).
  var zones: [Int] { get }
  /// The periods [s] of the tables (the GMM's).
  var periods: [Double] { get }
  /// Δ ln AF per period for buildings on a wierde.
  var wierdeIncrement: [Double] { get }
  /// ln(cm/s² per g).
  var lnAFScale: Double { get }
  /// Shared terms, `terms[zoneIndex * periods.count + k]`.
  var terms: [AmplificationTerms] { get }
  /// The index of a zone id in ``zones``, or nil if the zone has no coefficients.
  func index(ofZone z: Int) -> Int?
  /// f_lin for one zone and period at magnitude M and ln R_rup [ln km].
  func linearTerm(zoneIndex: Int, period k: Int, magnitude m: Double, lnR: Double) -> Double
  /// f_lin for every period into `out` (one call per context in the hot loops).
  func linearTerms(zoneIndex: Int, magnitude m: Double, lnR: Double, into out: UnsafeMutablePointer<Double>)
}

extension SiteResponseModel {
  /// ln AF of one zone and period (``AmplificationTerms/lnAF(linear:lnSaCm:lnAFScale:s2sEpsilon:wierdeIncrement:)``),
  /// for checks and tables outside the hot loops.
  package func lnAF(
    zoneIndex: Int, period k: Int, linear: Double, lnSaCm: Double, s2sEpsilon: Double, wierde: Bool
  ) -> (value: Double, d1: Double, d2: Double) {
    terms[zoneIndex * periods.count + k].lnAF(
      linear: linear, lnSaCm: lnSaCm, lnAFScale: lnAFScale, s2sEpsilon: s2sEpsilon,
      wierdeIncrement: wierde ? wierdeIncrement[k] : nil)
  }

  /// φ_S2S of one zone and period at ln Sa_NSB [g].
  package func phiS2S(zoneIndex: Int, period k: Int, lnSaG: Double) -> Double {
    terms[zoneIndex * periods.count + k].phiS2S(lnSaG: lnSaG)
  }
}
