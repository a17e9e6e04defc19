import Foundation

/// The probability that an earthquake of magnitude M at rupture distance R exceeds each hazard
/// level at a site, for one GMM branch (median, τ, φ_ss), per site-to-site ε and wierde flag.
///
/// **One period** (PGA, SA(T)). With x = ln Sa_NSB ~ N(μ, σ²) and the surface motion
/// s(x) = x + ln AF(x) + ε·φ_S2S(x) + Δ_wierde − ln 981 increasing in x (1 + ∂lnAF/∂x ≥ 1 + f₂ > 0):
/// ```
/// P(s > ln a) = Φ̄(z*),   s(μ + σ z*) = ln a
/// ```
/// The root x* = μ + σz* of s(x) = ln a does not depend on the GMM branch (μ, σ): it is found
/// once per zone, magnitude, distance, ε, wierde flag and level (``roots(amplification:context:measures:epsilons:wierde:out:)``,
/// safeguarded Newton), and every branch then costs one Φ̄((x* − μ)/σ).
///
/// **AvgSa.** ln AvgSa = (1/n) Σ_k s_k(x_k) with correlated x (``SurfaceMotion``). The
/// surface-motion quadrature writes ln AvgSa along its first direction u₁ (which carries the
/// whole linearised variance) for each node (z₂, z₃) of the other two; along u₁ the exceedance is
/// integrated exactly:
/// ```
/// P(ln AvgSa > ln a) = Σ_{i₂,i₃} w₂w₃ · Φ̄(z₁*(z₂, z₃)),   Y(z₁*, z₂, z₃) = ln a
/// ```
/// (the quadrature's trapezoid along u₁ suits smooth integrands like fragility curves, not
/// the step function of an exceedance: inverting along u₁ removes the step.)
///
/// **Reference horizon** (NS_B, no site response): closed forms, P = Φ̄((ln(981·a) − μ)/σ) per
/// period and, for AvgSa, the normal law of the mean of correlated normals,
/// mean (1/n)Σμ_k, variance (1/n²) Σ_ij ρ_ij σ_i σ_j.
package enum ExceedanceProbability {
  /// Where the hazard is computed.
  package enum Horizon: String, Sendable, Codable { case surface, reference }

  /// Probabilities into `out[(e * wierde.count + w) * measures.padded + l]` (padding columns 0).
  /// - Parameters:
  ///   - motion: the GMM branch (its `branch.s2sEpsilon` is ignored: `epsilons` are applied);
  ///   - context: magnitude, R_rup [km], zone index (its wierde flag is ignored: `wierde` applies);
  ///   - epsilons: the site-to-site ε values;
  ///   - wierde: the wierde flags wanted.
  package static func compute(
    motion: SurfaceMotion, context c: SurfaceMotion.Context, measures: HazardMeasures, rule: SurfaceMotion.Rule,
    horizon: Horizon, epsilons: [Double], wierde: [Bool], roots: UnsafePointer<Double>,
    out: UnsafeMutablePointer<Double>
  ) {
    let n = motion.n
    let L = measures.padded
    let blocks = epsilons.count * wierde.count
    out.initialize(repeating: 0, count: blocks * L)
    let needsAvg = measures.kinds.contains(.avgSa)
    let q = rule.count
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * n + 5 * q + rule.nodes.0.count) { buf in
      let mu = buf.baseAddress!
      let sg = mu + n
      let wi = sg + n
      let nodes = SurfaceMotion.NodeBuffer(base: wi + n, count: q)
      let y = wi + n + 5 * q
      motion.momentsInto(c, mu: mu, sigma: sg)
      for k in 0..<n { wi[k] = motion.wierdeIncrement[k] }
      measures.lnLevels.withUnsafeBufferPointer { lv in
        let lnL = lv.baseAddress!
        if horizon == .reference {
          reference(motion: motion, measures: measures, mu: mu, sigma: sg, lnLevels: lnL, blocks: blocks, out: out)
          return
        }
        if needsAvg {
          var cq = c
          cq.wierde = false
          motion.quadratureNodes(cq, rule: rule, into: nodes)
        }
        let wAvg = wierde.map { $0 ? (0..<n).reduce(0.0) { $0 + wi[$1] } / Double(n) : 0 }
        for (i, kind) in measures.kinds.enumerated() {
          let o = measures.offsets[i]
          let nl = measures.levels[i].count
          switch kind {
          case .period(let k):
            let (m, sd) = (mu[k], sg[k])
            for v in 0..<blocks {
              let x = roots + v * L + o
              let dst = out + v * L + o
              for l in 0..<nl {
                let z = (x[l] - m) / sd
                if z > 8.5 { break }
                dst[l] = Normal.ccdf(z)
              }
            }
          case .avgSa:
            avgSa(
              nodes: nodes, rule: rule, epsilons: epsilons, wierdeShifts: wAvg, lnLevels: lnL + o, levels: nl,
              scratch: y, out: out + o, stride: L)
          }
        }
      }
    }
  }

  /// The reference horizon (NS_B, no site response) in closed form: per measure the normal law
  /// of ln Sa − ln 981 (one period) or of the mean of the correlated ln Sa_k (AvgSa: mean
  /// (1/n)Σμ_k, variance (1/n²) Σ_ij ρ_ij σ_i σ_j), P = Φ̄((ln a − m)/s), the same in every block.
  @inline(__always)
  static func reference(
    motion: SurfaceMotion, measures: HazardMeasures, mu: UnsafeMutablePointer<Double>,
    sigma sg: UnsafeMutablePointer<Double>, lnLevels lnL: UnsafePointer<Double>, blocks: Int,
    out: UnsafeMutablePointer<Double>
  ) {
    let n = motion.n
    let L = measures.padded
    let lnScale = motion.lnAFScale
    for (i, kind) in measures.kinds.enumerated() {
      let (m, s): (Double, Double)
      switch kind {
      case .period(let k): (m, s) = (mu[k] - lnScale, sg[k])
      case .avgSa:
        var a = 0.0
        var v = 0.0
        let rho = motion.gmm.periodCorrelation
        for k in 0..<n {
          a += mu[k]
          for j in 0..<n { v += rho[k * n + j] * sg[k] * sg[j] }
        }
        (m, s) = (a / Double(n) - lnScale, v.squareRoot() / Double(n))
      }
      let o = measures.offsets[i]
      for l in 0..<measures.levels[i].count {
        let p = Normal.ccdf((lnL[o + l] - m) / s)
        for b in 0..<blocks { out[b * L + o + l] = p }
      }
    }
  }

  /// AvgSa at the surface: per (ε, wierde) block and node (z₂, z₃) of the quadrature, ln AvgSa
  /// along u₁ (y₀ + ε·yPhi + Δ_wierde) inverted exactly by ``addExceedance``, weighted w₂w₃, into
  /// `out[(e · wierde + w) · stride + l]`. `scratch`: rule.nodes.0.count doubles.
  @inline(__always)
  static func avgSa(
    nodes: SurfaceMotion.NodeBuffer, rule: SurfaceMotion.Rule, epsilons: [Double], wierdeShifts wAvg: [Double],
    lnLevels: UnsafePointer<Double>, levels nl: Int, scratch y: UnsafeMutablePointer<Double>,
    out: UnsafeMutablePointer<Double>, stride L: Int
  ) {
    let (z1, w2, w3) = (rule.nodes.0, rule.weights.1, rule.weights.2)
    let n1 = z1.count
    let n23 = w2.count * w3.count
    let dz = n1 > 1 ? z1[1] - z1[0] : 1
    for (e, eps) in epsilons.enumerated() {
      for (w, d) in wAvg.enumerated() {
        for j in 0..<n23 {
          for a in 0..<n1 {
            let qi = a * n23 + j
            y[a] = nodes.y0[qi] + eps * nodes.yPhi[qi] + d
          }
          addExceedance(
            y: y, count: n1, z0: z1[0], dz: dz, lnLevels: lnLevels, levels: nl,
            weight: w2[j / w3.count] * w3[j % w3.count], out: out + (e * wAvg.count + w) * L)
        }
      }
    }
  }

  /// The roots x* [ln cm/s²] of s(x) = ln a for every one-period IMT, (ε, wierde) variant and
  /// level of one context: `out[(e * wierde.count + w) * measures.padded + l]` (AvgSa columns
  /// untouched). With g(x) = x + ln AF(x) + ε·φ_S2S(x) + Δ_wierde − ln 981, monotone with
  /// g′ = 1 + ∂lnAF/∂x + ε·∂φ_S2S/∂x > 0: Newton's method from the previous level's root,
  /// safeguarded by bisection inside the bracket [ln a + ln 981 − b, ln a + ln 981 + b]
  /// (b bounds |ln AF + εφ + Δ|), to |Δx| < 1e-10. At the reference horizon x* = ln a + ln 981.
  package static func roots(
    amplification af: any SiteResponseModel, context c: SurfaceMotion.Context, measures: HazardMeasures,
    horizon: Horizon, epsilons: [Double], wierde: [Bool], out: UnsafeMutablePointer<Double>
  ) {
    let n = af.periods.count
    let L = measures.padded
    let lnScale = af.lnAFScale
    let terms = af.terms
    let base = c.zoneIndex * n
    withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { linBuf in
      let lin = linBuf.baseAddress!
      if horizon == .surface {
        af.linearTerms(zoneIndex: c.zoneIndex, magnitude: c.magnitude, lnR: log(c.rrup), into: lin)
      }
      for (i, kind) in measures.kinds.enumerated() {
        guard case .period(let k) = kind else { continue }
        let o = measures.offsets[i]
        let nl = measures.levels[i].count
        let t = terms[base + k]
        let slopePhi = (t.s2 - t.s1) / (t.lnXh - t.lnXl)
        for (e, eps) in epsilons.enumerated() {
          for (w, onMound) in wierde.enumerated() {
            let dst = out + (e * wierde.count + w) * L + o
            if horizon == .reference {
              for l in 0..<nl { dst[l] = measures.lnLevels[o + l] + lnScale }
              continue
            }
            let d = onMound ? af.wierdeIncrement[k] : 0
            let bound = max(abs(t.lnAFmin), abs(t.lnAFmax)) + abs(eps) * max(abs(t.s1), abs(t.s2)) + abs(d) + 1
            var x = measures.lnLevels[o] + lnScale
            for l in 0..<nl {
              let v = measures.lnLevels[o + l] + lnScale
              var lo = v - bound
              var hi = v + bound
              if !(x > lo && x < hi) { x = v }
              for _ in 0..<60 {
                let af = t.lnAF(linear: lin[k], lnSaCm: x, lnAFScale: lnScale, s2sEpsilon: eps, wierdeIncrement: nil)
                let lnG = x - lnScale
                let inPhi = lnG > min(t.lnXl, t.lnXh) && lnG < max(t.lnXl, t.lnXh)
                let gx = x + af.value + d - v
                if gx < 0 { lo = x } else { hi = x }
                let slope = 1 + af.d1 + (inPhi ? eps * slopePhi : 0)
                var next = x - gx / max(slope, 1e-3)
                if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
                let step = abs(next - x)
                x = next
                if step < 1e-10 || hi - lo < 1e-10 { break }
              }
              dst[l] = x
            }
          }
        }
      }
    }
  }

  /// Adds `weight · Φ̄(z*)` for each ascending level, where y(z*) = level and y is given on
  /// z_g = z0 + g·dz (made non-decreasing first). Inverse cubic interpolation through the four
  /// nodes around the level (linear if the cubic leaves the bracketing interval); linear
  /// extrapolation with the end slopes outside the grid.
  @inline(__always)
  static func addExceedance(
    y: UnsafeMutablePointer<Double>, count n: Int, z0: Double, dz: Double, lnLevels: UnsafePointer<Double>,
    levels: Int, weight: Double, out: UnsafeMutablePointer<Double>
  ) {
    for g in 1..<n where y[g] <= y[g - 1] { y[g] = y[g - 1] + 1e-12 }
    var j = 0
    for l in 0..<levels {
      let v = lnLevels[l]
      var z: Double
      if v <= y[0] {
        z = z0 - (y[0] - v) * dz / (y[1] - y[0])
      } else if v >= y[n - 1] {
        z = z0 + Double(n - 1) * dz + (v - y[n - 1]) * dz / (y[n - 1] - y[n - 2])
      } else {
        while y[j + 1] < v { j += 1 }
        // Far in the upper tail (Φ̄ < 1e-17) this and every higher level add nothing.
        if z0 + Double(j) * dz > 8.5 { return }
        let i0 = min(max(j - 1, 0), n - 4)
        z = 0
        for a in 0..<4 {
          var p = z0 + Double(i0 + a) * dz
          for b in 0..<4 where b != a { p *= (v - y[i0 + b]) / (y[i0 + a] - y[i0 + b]) }
          z += p
        }
        let zl = z0 + Double(j) * dz
        if !(z >= zl && z <= zl + dz) { z = zl + dz * (v - y[j]) / (y[j + 1] - y[j]) }
      }
      if z > 8.5 { return }
      out[l] += weight * Normal.ccdf(z)
    }
  }
}
