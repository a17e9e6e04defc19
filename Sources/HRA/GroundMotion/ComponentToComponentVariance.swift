import Foundation

/// The component-to-component variance of the arbitrary horizontal component and the total σ,
/// the same form in GMM V5, V6 and V7.
///
/// ```
/// σ²_c2c(M, R, T) = v01 + (v085 − v01)·ln(clip(T, Tmin, Tmax)/Tmin)/ln(Tmax/Tmin)
/// v_T = a_T + b_T·(Mmax − clip(M, Mmin, Mmax))·R^c_T           (T = 0.1 s, 0.85 s)
/// σ = √(τ² + φ_ss² + σ²_c2c)
/// ```
/// Reference: Bommer et al. (2021) eq. 9.10–9.11; Bommer et al. (2019) eq. 5.5–5.6 (TNO
/// `models/gmm_V7.py`, `models/gmm_V5V6.py:c2c_variance`). Constants `c2c_*` of the version's
/// `constants.csv`.
struct ComponentToComponentVariance: Sendable {
  let mMin, mMax: Double
  let t01: (a: Double, b: Double, c: Double)
  let t085: (a: Double, b: Double, c: Double)
  /// ln(T_c / T_min) per period and ln(T_max / T_min), precomputed.
  let logRatio: [Double]
  let logSpan: Double

  init(constants k: ConstantsTable, periods: [Double]) throws {
    mMin = try k.value("c2c_m_min")
    mMax = try k.value("c2c_m_max")
    let tmin = try k.value("c2c_t_min")
    let tmax = try k.value("c2c_t_max")
    guard tmin > 0, tmin < tmax else {
      throw InputError(file: k.file, field: "c2c_t_min", "need 0 < c2c_t_min < c2c_t_max")
    }
    t01 = (try k.value("c2c_a_t01"), try k.value("c2c_b_t01"), try k.value("c2c_c_t01"))
    t085 = (try k.value("c2c_a_t085"), try k.value("c2c_b_t085"), try k.value("c2c_c_t085"))
    logRatio = periods.map { log(min(max($0, tmin), tmax) / tmin) }
    logSpan = log(tmax / tmin)
  }

  /// σ²_c2c [ln²] per period into `out`.
  @inline(__always)
  func variance(magnitude m: Double, rrup r: Double, into out: UnsafeMutablePointer<Double>) {
    let mc = min(max(m, mMin), mMax)
    let v01 = t01.a + t01.b * (mMax - mc) * pow(r, t01.c)
    let v085 = t085.a + t085.b * (mMax - mc) * pow(r, t085.c)
    for k in 0..<logRatio.count {
      out[k] = v01 + (v085 - v01) * logRatio[k] / logSpan
    }
  }

  /// σ [ln units] per period into `out` for the branch's τ and φ_ss per period.
  @inline(__always)
  func sigma(tau: [Double], phi: [Double], magnitude m: Double, rrup r: Double, into out: UnsafeMutablePointer<Double>)
  {
    variance(magnitude: m, rrup: r, into: out)
    for k in 0..<logRatio.count {
      out[k] = (tau[k] * tau[k] + phi[k] * phi[k] + out[k]).squareRoot()
    }
  }

  /// σ of the geometric-mean component, √(τ² + φ_ss²), per period into `out` (no c2c variance).
  @inline(__always)
  func sigmaGeometricMean(tau: [Double], phi: [Double], into out: UnsafeMutablePointer<Double>) {
    for k in 0..<logRatio.count { out[k] = (tau[k] * tau[k] + phi[k] * phi[k]).squareRoot() }
  }
}
