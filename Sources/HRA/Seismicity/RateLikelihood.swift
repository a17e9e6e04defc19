import Foundation

/// The binned Poisson log-likelihood of the activity-rate model, with θ0 profiled out.
///
/// ```
/// S_{x,j}(θ1) = A·(e^{θ1 s_x E_{j+1}} − e^{θ1 s_x E_j})          (N = e^{θ0}·S)
/// e^{θ0̂}      = n_total / Σ_{x,j} S_{x,j}   = n_total / Σ_x A·(e^{θ1 s_x E_J} − e^{θ1 s_x E_0})
/// log L(θ1)   = Σ_{x,j} [n ln N − N − ln n!] = Σ n_{x,j} ln(e^{θ0̂} S_{x,j}) − n_total − Σ ln n_{x,j}!
/// ```
/// `s_x` is the per-cell stress factor (MPa/bar), `E_j` the delayed depletion (bar) at the
/// time-bin edges, so ΔC(x, t_j) = s_x·E_j. The sum over all bins telescopes, so each
/// evaluation costs one pass over the cells plus one over the non-empty (cell, bin) pairs.
/// Reference: Bourne & Oates (2017, JGR 122, §4: Poisson likelihood of the event counts).
struct RateLikelihood: Sendable {
  let factor: [Double]
  let edges: [Double]
  let areaKm2: Double
  /// Non-empty (cell, time-bin) groups and their counts.
  let groupCell: [Int]
  let groupBin: [Int]
  let groupCount: [Int]
  let total: Int
  let logFactorials: Double

  /// Groups events given as (cell, time-bin) pairs.
  init(factor: [Double], edges: [Double], areaKm2: Double, eventCell: [Int], eventBin: [Int]) {
    precondition(eventCell.count == eventBin.count && edges.count >= 2)
    self.factor = factor
    self.edges = edges
    self.areaKm2 = areaKm2
    var counts: [Int: Int] = [:]
    let nb = edges.count - 1
    for i in eventCell.indices {
      precondition(eventBin[i] >= 0 && eventBin[i] < nb && eventCell[i] >= 0 && eventCell[i] < factor.count)
      counts[eventCell[i] * nb + eventBin[i], default: 0] += 1
    }
    let keys = counts.keys.sorted()
    groupCell = keys.map { $0 / nb }
    groupBin = keys.map { $0 % nb }
    groupCount = keys.map { counts[$0]! }
    total = eventCell.count
    logFactorials = groupCount.reduce(0) { $0 + lgamma(Double($1) + 1) }
  }

  /// ln Σ_x S_x over the whole window, or −∞.
  func logTotalExposure(theta1: Double) -> Double {
    let e0 = edges[0]
    let e1 = edges[edges.count - 1]
    var terms: [Double] = []
    terms.reserveCapacity(factor.count)
    var mx = -Double.infinity
    for s in factor where s > 0 {
      let inc = theta1 * s * (e1 - e0)
      guard inc > 0 else { continue }
      let t = theta1 * s * e0 + log(expm1(inc))
      terms.append(t)
      mx = max(mx, t)
    }
    guard mx > -Double.infinity else { return -Double.infinity }
    var acc = 0.0
    for t in terms { acc += exp(t - mx) }
    return log(areaKm2) + mx + log(acc)
  }

  /// The profile log-likelihood and θ0̂ at θ1 (> 0).
  func profile(theta1: Double) -> (logL: Double, theta0: Double) {
    let lnTotal = logTotalExposure(theta1: theta1)
    guard total > 0, lnTotal.isFinite else { return (-Double.infinity, -Double.infinity) }
    let theta0 = log(Double(total)) - lnTotal
    var ll = -Double(total) - logFactorials
    let lnA = log(areaKm2)
    for g in groupCell.indices {
      let s = factor[groupCell[g]]
      let ea = edges[groupBin[g]]
      let eb = edges[groupBin[g] + 1]
      let inc = theta1 * s * (eb - ea)
      guard inc > 0 else { return (-Double.infinity, theta0) }
      ll += Double(groupCount[g]) * (theta0 + lnA + theta1 * s * ea + log(expm1(inc)))
    }
    return (ll, theta0)
  }

  /// The largest ΔC over the window, MPa.
  var maxStress: Double { (factor.max() ?? 0) * (edges.max() ?? 0) }

  /// Maximises the profile likelihood over θ1 ∈ [θ_hi·10⁻⁶, θ_hi] with θ_hi·max ΔC = `maxExponent`.
  /// Returns θ1̂, θ0̂, log L and a standard error of θ1̂ from the curvature of the profile.
  func fit(maxExponent: Double = 60) -> (theta0: Double, theta1: Double, logL: Double, theta1StandardError: Double) {
    let hi = maxExponent / max(maxStress, 1e-300)
    let best = GoldenSection.maximise(lo: hi * 1e-6, hi: hi, scanPoints: 121, logScale: true) {
      profile(theta1: $0).logL
    }
    let t1 = best.x
    let h = max(1e-4 * t1, 1e-12)
    let curv = (profile(theta1: t1 + h).logL - 2 * best.value + profile(theta1: t1 - h).logL) / (h * h)
    let se = curv < 0 ? 1 / (-curv).squareRoot() : Double.nan
    return (profile(theta1: t1).theta0, t1, best.value, se)
  }

  /// Expected counts per time bin (summed over cells) for given θ0, θ1.
  func predictedPerBin(theta0: Double, theta1: Double) -> [Double] {
    let rate = ActivityRate(theta0: theta0, theta1: theta1)
    return (0..<(edges.count - 1)).map { j in
      var acc = 0.0
      for s in factor { acc += rate.expectedCount(areaKm2: areaKm2, stress1: s * edges[j], stress2: s * edges[j + 1]) }
      return acc
    }
  }
}
