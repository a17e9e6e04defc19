import Foundation

/// The surface intensity measures of one earthquake at one site: ln AvgSa and ln PGA [g],
/// from a ground-motion model at NS_B (``GroundMotionModel``: V7, V6 or V5), the zone's
/// nonlinear amplification (``SiteResponseModel``), and correlated residuals.
///
/// ```
/// ε ~ N(0, Σ),  Σᵢⱼ = ρᵢⱼ σᵢ σⱼ  (period-to-period correlation ρ, σ of the arbitrary component)
/// x_k = μ_k(M, R) + ε_k                             ln Sa_NSB [cm/s²]
/// s_k = x_k + ln AF_k(M, R, x_k) − ln 981           ln Sa_surface [g]
/// Y   = (1/n) Σ_k s_k  (ln AvgSa),   P = s_0  (ln PGA ≈ ln Sa(0.01 s))
/// ```
/// Two ways to use it: ``sample(_:z:into:)`` maps 10 standard normals to (Y, P) exactly
/// (the Monte Carlo estimator), and ``quadrature(_:rule:)`` returns weighted nodes whose
/// expectation of any smooth function of (Y, P) approximates the exact one (the integrated
/// estimator). The quadrature is a directional product rule in the whitened residual
/// space z (ε = L z, L the Cholesky factor of Σ):
/// - u₁ ∝ Lᵀa with aₖ = (1 + ∂lnAFₖ/∂x)/n at the median: the whole linearised variance of Y;
/// - u₂ ∝ the part of Lᵀe₀(1 + ∂lnAF₀/∂x) orthogonal to u₁: the rest of the PGA variance;
/// - u₃ the leading eigenvector of the remaining conditional covariance of ε.
/// The remaining 7 directions carry no linear variance of Y or P by construction; their
/// second-order effect on the mean is added as ½·∂²lnAFₖ/∂x²·vₖ (vₖ the residual conditional
/// variance of εₖ). The tests compare the rule with Monte Carlo sampling and closed forms.
package struct SurfaceMotion: Sendable {
  package let gmm: any GroundMotionModel
  package let amplification: any SiteResponseModel
  package let branch: GMMBranch
  /// Which horizontal component σ describes: the arbitrary component (the fragility models'
  /// intensity, τ² + φ_ss² + σ²_c2c) or the geometric mean (τ² + φ_ss²; hazard only).
  package enum Component: String, Sendable, Codable, CaseIterable { case arbitrary, geometric_mean }
  package let component: Component
  /// Lower Cholesky factor of ρ (used with diag(σ) to build L = diag(σ)·chol(ρ)).
  let cholRho: [Double]
  let n: Int
  /// The site response's shared terms, wierde increments and ln(cm/s² per g), held here so the
  /// hot loops read them without going through the protocol.
  let terms: [AmplificationTerms]
  let wierdeIncrement: [Double]
  let lnAFScale: Double

  /// The one-dimensional rules along the three directions (u₁, u₂, u₃).
  ///
  /// Along u₁ the integrand contains the sharp fragility tail (β/σ_Y ≈ 0.4), where
  /// Gauss–Hermite converges slowly (12 nodes: 8 % error at a 1e-4 tail probability); the
  /// trapezoidal rule on a Gaussian weight converges geometrically (Trefethen & Weideman
  /// 2014, "The exponentially convergent trapezoidal rule", SIAM Review 56(3)) and is used
  /// there. Along u₂ and u₃ the integrands are smooth and Gauss–Hermite is used.
  package struct Rule: Sendable, Equatable {
    package let nodes: ([Double], [Double], [Double])
    package let weights: ([Double], [Double], [Double])
    /// Trapezoid with `step` on [−halfWidth, halfWidth] along u₁; Gauss–Hermite orders along u₂, u₃.
    package init(step: Double, halfWidth: Double, order2: Int, order3: Int) {
      precondition(step > 0 && halfWidth > step)
      let k = Int((halfWidth / step).rounded(.down))
      let z = (-k...k).map { Double($0) * step }
      var w = z.map { Normal.pdf($0) }
      let s = w.reduce(0, +)
      w = w.map { $0 / s }
      let g2 = GaussHermite(order: order2)
      let g3 = GaussHermite(order: order3)
      nodes = (z, g2.nodes, g3.nodes)
      weights = (w, g2.weights, g3.weights)
    }
    package static func == (a: Rule, b: Rule) -> Bool {
      a.nodes.0 == b.nodes.0 && a.nodes.1 == b.nodes.1 && a.nodes.2 == b.nodes.2
    }
    /// The default: step 0.5 on [−7, 7] (29 nodes) × GH 4 × GH 3 = 348 nodes.
    package static let standard = Rule(step: 0.5, halfWidth: 7, order2: 4, order3: 3)
    package var count: Int { nodes.0.count * nodes.1.count * nodes.2.count }
  }

  /// The site and rupture a computation needs (OpenQuake's "context").
  package struct Context: Sendable {
    package var magnitude: Double
    /// Rupture distance [km].
    package var rrup: Double
    /// Index into `amplification.zones`.
    package var zoneIndex: Int
    package var wierde: Bool
    package init(magnitude: Double, rrup: Double, zoneIndex: Int, wierde: Bool) {
      self.magnitude = magnitude
      self.rrup = rrup
      self.zoneIndex = zoneIndex
      self.wierde = wierde
    }
  }

  package init(
    gmm: any GroundMotionModel, amplification: any SiteResponseModel, branch: GMMBranch,
    component: Component = .arbitrary
  ) throws {
    guard gmm.periods == amplification.periods else {
      throw InputError(
        file: "site response \(amplification.version)", field: "T", "periods differ from those of GMM \(gmm.version)")
    }
    self.gmm = gmm
    self.amplification = amplification
    self.branch = branch
    self.component = component
    n = gmm.periods.count
    cholRho = try LinearAlgebra.cholesky(gmm.periodCorrelation, n: n)
    terms = amplification.terms
    wierdeIncrement = amplification.wierdeIncrement
    lnAFScale = amplification.lnAFScale
  }

  /// Median ln Sa at NS_B [cm/s²] and σ per period for a context.
  func moments(_ c: Context) -> (mu: [Double], sigma: [Double]) {
    var mu = [Double](repeating: 0, count: n)
    var sg = mu
    mu.withUnsafeMutableBufferPointer { m in
      sg.withUnsafeMutableBufferPointer { s in momentsInto(c, mu: m.baseAddress!, sigma: s.baseAddress!) }
    }
    return (mu, sg)
  }

  /// Exact mapping of standard normals z (count n) to (ln AvgSa, ln PGA) [g].
  package func sample(_ c: Context, z: [Double], mu: [Double], sigma: [Double]) -> (lnAvgSa: Double, lnPGA: Double) {
    z.withUnsafeBufferPointer { zb in
      mu.withUnsafeBufferPointer { mb in
        sigma.withUnsafeBufferPointer { sb in sample(c, z: zb.baseAddress!, mu: mb.baseAddress!, sigma: sb.baseAddress!)
        }
      }
    }
  }

  /// ``sample(_:z:mu:sigma:)`` on caller-provided storage (the hot loop of the Monte Carlo estimator).
  @inline(__always)
  func sample(_ c: Context, z: UnsafePointer<Double>, mu: UnsafePointer<Double>, sigma: UnsafePointer<Double>) -> (
    lnAvgSa: Double, lnPGA: Double
  ) {
    let lnR = log(c.rrup)
    let base = c.zoneIndex * n
    let lnScale = lnAFScale
    let n = self.n
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { linBuf in
      let lin = linBuf.baseAddress!
      amplification.linearTerms(zoneIndex: c.zoneIndex, magnitude: c.magnitude, lnR: lnR, into: lin)
      var y = 0.0
      var p = 0.0
      cholRho.withUnsafeBufferPointer { chol in
        terms.withUnsafeBufferPointer { terms in
          wierdeIncrement.withUnsafeBufferPointer { wi in
            for k in 0..<n {
              var e = 0.0
              for j in 0...k { e += chol[k * n + j] * z[j] }
              let x = mu[k] + sigma[k] * e
              let af = terms[base + k].lnAF(
                linear: lin[k], lnSaCm: x, lnAFScale: lnScale, s2sEpsilon: branch.s2sEpsilon,
                wierdeIncrement: c.wierde ? wi[k] : nil)
              let s = x + af.value - lnScale
              y += s
              if k == 0 { p = s }
            }
          }
        }
      }
      return (y / Double(n), p)
    }
  }

  /// Convenience: moments computed inside (on the stack, no allocation).
  package func sample(_ c: Context, z: [Double]) -> (lnAvgSa: Double, lnPGA: Double) {
    let n = self.n
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { buf in
      let mu = buf.baseAddress!
      let sg = mu + n
      momentsInto(c, mu: mu, sigma: sg)
      return z.withUnsafeBufferPointer {
        sample(c, z: $0.baseAddress!, mu: UnsafePointer(mu), sigma: UnsafePointer(sg))
      }
    }
  }

  /// Weighted quadrature nodes (ln AvgSa, ln PGA, weight) for a context; weights sum to 1.
  package func quadrature(_ c: Context, rule: Rule) -> [(lnAvgSa: Double, lnPGA: Double, weight: Double)] {
    var out: [(Double, Double, Double)] = []
    out.reserveCapacity(rule.count)
    quadrature(c, rule: rule) { y, p, w in out.append((y, p, w)) }
    return out.map { (lnAvgSa: $0.0, lnPGA: $0.1, weight: $0.2) }
  }

  /// Quadrature nodes delivered to `body(lnAvgSa, lnPGA, weight)` for the branch's site-to-site ε
  /// and the context's wierde flag (see ``quadratureNodes(_:rule:into:)``).
  package func quadrature(_ c: Context, rule: Rule, _ body: (Double, Double, Double) -> Void) {
    let q = rule.count
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 5 * q) { buf in
      let nodes = NodeBuffer(base: buf.baseAddress!, count: q)
      quadratureNodes(c, rule: rule, into: nodes)
      let eps = branch.s2sEpsilon
      let (dy, dp) = c.wierde ? wierdeShift : (0, 0)
      for i in 0..<q {
        body(nodes.y0[i] + eps * nodes.yPhi[i] + dy, nodes.p0[i] + eps * nodes.pPhi[i] + dp, nodes.weight[i])
      }
    }
  }

  /// Storage for quadrature nodes split into the parts that do not depend on the epistemic
  /// site-to-site ε and the wierde flag: for node i,
  /// ```
  /// ln AvgSa_i = y0_i + ε·yPhi_i + wierde·ΔY,   ln PGA_i = p0_i + ε·pPhi_i + wierde·ΔP
  /// ```
  /// with yPhi_i = (1/n) Σₖ φ_S2S,k(x_ik), pPhi_i = φ_S2S,0(x_i0) (Rodriguez-Marek et al. 2021,
  /// eq. 9.15: the site-to-site term and the wierde increment are added to ln AF after the
  /// clipping of its median part, so they enter linearly). One quadrature thus serves all
  /// ε branches and both wierde flags.
  package struct NodeBuffer {
    package let y0, p0, yPhi, pPhi, weight: UnsafeMutablePointer<Double>
    /// Five consecutive arrays of `count` doubles starting at `base`.
    package init(base: UnsafeMutablePointer<Double>, count q: Int) {
      y0 = base
      p0 = base + q
      yPhi = base + 2 * q
      pPhi = base + 3 * q
      weight = base + 4 * q
    }
  }

  /// The wierde shift (ΔY, ΔP) of ln AvgSa and ln PGA: the mean wierde increment over the
  /// periods and the increment at the PGA period.
  package var wierdeShift: (Double, Double) {
    let w = wierdeIncrement
    return (w.reduce(0, +) / Double(n), w[0])
  }

  /// Quadrature nodes for ε = 0 and no wierde, with the φ_S2S parts (``NodeBuffer``), without
  /// heap allocation (all vectors live in one stack buffer). Weights sum to 1.
  ///
  /// Steps: the moments and L = diag(σ)·chol(ρ) with the AF slopes at the median
  /// (``quadratureSetUp(_:_:)``), the three directions u₁, u₂, u₃ (``quadratureDirections(_:)``),
  /// the projections L·uᵢ and the residual variance (``quadratureProjections(_:)``), then the
  /// product rule over the three directions (``quadratureFill(_:_:rule:into:)``).
  package func quadratureNodes(_ c: Context, rule: Rule, into out: NodeBuffer) {
    let n = self.n
    withUnsafeTemporaryAllocation(of: Double.self, capacity: n * n + 12 * n) { buf in
      let q = QuadratureScratch(base: buf.baseAddress!, n: n)
      quadratureSetUp(c, q)
      quadratureDirections(q)
      quadratureProjections(q)
      quadratureFill(c, q, rule: rule, into: out)
    }
  }

  /// The per-context vectors of ``quadratureNodes(_:rule:into:)`` in one buffer of n² + 12n
  /// doubles: L (n × n, row-major), μ, σ, the linear AF terms, AF slopes, the directions u₁–u₃,
  /// work vectors w and tmp, L·u₁, L·u₂ and the residual variances (L·u₃ reuses w).
  struct QuadratureScratch {
    let n: Int
    let L, mu, sg, lin, slope, u1, u2, u3, w, tmp, lu1, lu2, resid: UnsafeMutablePointer<Double>
    @inline(__always)
    init(base: UnsafeMutablePointer<Double>, n: Int) {
      self.n = n
      L = base
      mu = L + n * n
      sg = mu + n
      lin = sg + n
      slope = lin + n
      u1 = slope + n
      u2 = u1 + n
      u3 = u2 + n
      w = u3 + n
      tmp = w + n
      lu1 = tmp + n
      lu2 = lu1 + n
      resid = lu2 + n
    }

    /// out = Lᵀ·a
    @inline(__always)
    func lt(_ a: UnsafeMutablePointer<Double>, _ out: UnsafeMutablePointer<Double>) {
      for j in 0..<n {
        var s = 0.0
        for k in j..<n { s += L[k * n + j] * a[k] }
        out[j] = s
      }
    }

    /// v /= |v|; false (v unchanged) when |v| < 1e-300.
    @inline(__always)
    func normalize(_ v: UnsafeMutablePointer<Double>) -> Bool {
      var s = 0.0
      for i in 0..<n { s += v[i] * v[i] }
      s = s.squareRoot()
      if s < 1e-300 { return false }
      for i in 0..<n { v[i] /= s }
      return true
    }

    /// v −= (v·u) u
    @inline(__always)
    func remove(_ v: UnsafeMutablePointer<Double>, _ u: UnsafeMutablePointer<Double>) {
      var d = 0.0
      for i in 0..<n { d += v[i] * u[i] }
      for i in 0..<n { v[i] -= d * u[i] }
    }
  }

  /// Moments at NS_B; L = diag(σ)·chol(ρ), lower triangular; linear AF terms and AF slopes
  /// ∂lnAF/∂x at the median.
  @inline(__always)
  func quadratureSetUp(_ c: Context, _ q: QuadratureScratch) {
    let n = self.n
    momentsInto(c, mu: q.mu, sigma: q.sg)
    let lnR = log(c.rrup)
    let base = c.zoneIndex * n
    let lnScale = lnAFScale
    amplification.linearTerms(zoneIndex: c.zoneIndex, magnitude: c.magnitude, lnR: lnR, into: q.lin)
    for k in 0..<n {
      for j in 0..<n { q.L[k * n + j] = j <= k ? q.sg[k] * cholRho[k * n + j] : 0 }
      q.slope[k] =
        terms[base + k].lnAF(linear: q.lin[k], lnSaCm: q.mu[k], lnAFScale: lnScale, s2sEpsilon: 0, wierdeIncrement: nil)
        .d1
    }
  }

  /// The three directions: u₁ ∝ Lᵀ(1 + slope)/n (ln AvgSa), u₂ ∝ Lᵀ e₀(1 + slope₀) (ln PGA)
  /// orthogonalised to u₁, and u₃ the leading eigenvector of (I − P)LᵀL(I − P) by power
  /// iteration (P the projection on u₁, u₂), stopping when the direction changes by less than
  /// 1e-9 (its effect on the nodes is below 1e-9 of a standard deviation), at most 40 iterations.
  @inline(__always)
  func quadratureDirections(_ q: QuadratureScratch) {
    let n = self.n
    let (L, u1, u2, u3, w, tmp) = (q.L, q.u1, q.u2, q.u3, q.w, q.tmp)
    for k in 0..<n { tmp[k] = (1 + q.slope[k]) / Double(n) }
    q.lt(tmp, u1)
    _ = q.normalize(u1)
    for k in 0..<n { tmp[k] = k == 0 ? 1 + q.slope[0] : 0 }
    q.lt(tmp, u2)
    q.remove(u2, u1)
    if !q.normalize(u2) { for i in 0..<n { u2[i] = 0 } }
    for i in 0..<n { u3[i] = 1 + 0.1 * Double(i) }
    q.remove(u3, u1)
    q.remove(u3, u2)
    _ = q.normalize(u3)
    for _ in 0..<40 {
      for k in 0..<n {
        var s = 0.0
        for j in 0...k { s += L[k * n + j] * u3[j] }
        tmp[k] = s
      }
      q.lt(tmp, w)
      q.remove(w, u1)
      q.remove(w, u2)
      if !q.normalize(w) { break }
      var change = 0.0
      for i in 0..<n {
        let d = w[i] - u3[i]
        change += d * d
        u3[i] = w[i]
      }
      if change < 1e-18 { break }
    }
  }

  /// L·uᵢ per period (L·u₃ into `w`) and the residual conditional variance of ε_k after the
  /// three directions, max(0, Σ_j L_kj² − (L·u₁)_k² − (L·u₂)_k² − (L·u₃)_k²).
  @inline(__always)
  func quadratureProjections(_ q: QuadratureScratch) {
    let n = self.n
    let lu3p = q.w  // reuse
    for k in 0..<n {
      var s = 0.0
      var a = 0.0
      var b = 0.0
      var d = 0.0
      for j in 0...k {
        let l = q.L[k * n + j]
        s += l * l
        a += l * q.u1[j]
        b += l * q.u2[j]
        d += l * q.u3[j]
      }
      q.lu1[k] = a
      q.lu2[k] = b
      lu3p[k] = d
      q.resid[k] = max(0, s - a * a - b * b - d * d)
    }
  }

  /// The product rule over the three directions: per node x_k = μ_k + z₁(L·u₁)_k + z₂(L·u₂)_k +
  /// z₃(L·u₃)_k, the surface ln Sa_k = x_k + ln AF + ½ ∂²lnAF · resid_k − ln scale, its mean
  /// over the periods (ln AvgSa) and period 0 (ln PGA), the φ_S2S parts and the weight w₁w₂w₃.
  @inline(__always)
  func quadratureFill(_ c: Context, _ sc: QuadratureScratch, rule: Rule, into out: NodeBuffer) {
    let n = self.n
    let base = c.zoneIndex * n
    let lnScale = lnAFScale
    let (mu, lin, lu1, lu2, lu3p, resid) = (sc.mu, sc.lin, sc.lu1, sc.lu2, sc.w, sc.resid)
    let (n1, n2, n3) = rule.nodes
    let (w1, w2, w3) = rule.weights
    let invN = 1.0 / Double(n)
    terms.withUnsafeBufferPointer { coef in
      let co = coef.baseAddress! + base
      var q = 0
      for i1 in 0..<n1.count {
        for i2 in 0..<n2.count {
          for i3 in 0..<n3.count {
            let z1 = n1[i1]
            let z2 = n2[i2]
            let z3 = n3[i3]
            var y = 0.0
            var p = 0.0
            var yf = 0.0
            var pf = 0.0
            for k in 0..<n {
              let x = mu[k] + z1 * lu1[k] + z2 * lu2[k] + z3 * lu3p[k]
              let af = co[k].lnAF(linear: lin[k], lnSaCm: x, lnAFScale: lnScale, s2sEpsilon: 0, wierdeIncrement: nil)
              let s = x + af.value + 0.5 * af.d2 * resid[k] - lnScale
              let f = co[k].phiS2S(lnSaG: x - lnScale)
              y += s
              yf += f
              if k == 0 {
                p = s
                pf = f
              }
            }
            out.y0[q] = y * invN
            out.p0[q] = p
            out.yPhi[q] = yf * invN
            out.pPhi[q] = pf
            out.weight[q] = w1[i1] * w2[i2] * w3[i3]
            q += 1
          }
        }
      }
    }
  }

  /// Median ln Sa at NS_B and σ into caller-provided storage (no allocation).
  package func momentsInto(_ c: Context, mu: UnsafeMutablePointer<Double>, sigma: UnsafeMutablePointer<Double>) {
    gmm.lnMedian(magnitude: c.magnitude, rrup: c.rrup, branch: branch.median, into: mu)
    switch component {
    case .arbitrary:
      gmm.sigmaArbitrary(
        magnitude: c.magnitude, rrup: c.rrup, tauBranch: branch.tau, phiBranch: branch.phi, into: sigma)
    case .geometric_mean:
      gmm.sigmaGeometricMean(
        magnitude: c.magnitude, rrup: c.rrup, tauBranch: branch.tau, phiBranch: branch.phi, into: sigma)
    }
  }
}
