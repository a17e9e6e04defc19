import Foundation

/// The distribution of the rupture distance R_rup over the distance grid, for a site at
/// hypocentral distance r_h (grid node h) in direction a (azimuth from the epicentre to the
/// site, clockwise from north), one magnitude: a Fourier series in 2a.
///
/// ```
/// K(a; h → r) = K₀(h → r) + Σ_{n=1..H} [ cos(2n·a)·Cₙ(h → r) + sin(2n·a)·Sₙ(h → r) ]
/// with   f(φ; h → r) = E_{L,u}[ ℓ_r(R_rup(r_h, L, u, φ)) ] = α₀ + Σₙ αₙ cos(2nφ)     (φ = a − θ)
///        K₀ = α₀,  Cₙ = ρₙ cos(2nμ)·αₙ,  Sₙ = ρₙ sin(2nμ)·αₙ,  ρₙ = exp(−2n²σ_θ²)
/// ```
/// ℓ_r: the 4-point Lagrange weights of ``LogDistanceGrid`` (so Σ_r K·g(r) integrates a smooth
/// tabulated g). f is even in φ and π-periodic (u ~ U(0,1) makes the two ends alike), so only
/// cos(2nφ) terms appear; averaging cos(2n(a − θ)) over θ ~ N(μ, σ_θ²) multiplies the n-th
/// harmonic by ρₙ (the Gaussian smoothing over azimuth of TNO's `rupture_prep.py`). K₀ is the
/// uniform-strike kernel. Quadrature: Gauss–Hermite over log10 L (``RuptureModel/lengthNodes``),
/// midpoint rule over u and φ ∈ [0, π). Harmonics whose coefficients are all below
/// ``RuptureModel/harmonicTolerance`` are dropped, so small magnitudes keep K₀ only.
package struct RuptureKernel: Sendable {
  /// Grid nodes N.
  package let nodes: Int
  /// Component matrices `[c][h * N + r]`: c = 0 isotropic, c = 2n − 1 the cos(2n·a) and c = 2n
  /// the sin(2n·a) coefficient.
  package let components: [[Double]]
  /// Per component and row h, the range of r with a non-zero weight.
  package let rowRanges: [[Range<Int>]]

  /// Rows h ≥ this carry no harmonic weight (the azimuth does not matter beyond r_h of that node).
  package var harmonicRows: Int {
    var last = 0
    for c in components.indices.dropFirst() {
      for (h, r) in rowRanges[c].enumerated() where !r.isEmpty { last = max(last, h + 1) }
    }
    return last
  }

  /// The isotropic kernel (the azimuth average; the whole kernel for a uniform strike).
  package var isotropic: [Double] { components[0] }

  /// The factors multiplying the components for azimuth `a` [radians]: 1, cos 2a, sin 2a, cos 4a, …
  package static func harmonics(azimuth a: Double, count: Int) -> [Double] {
    var w = [Double](repeating: 1, count: count)
    var n = 1
    while 2 * n <= count {
      w[2 * n - 1] = cos(2 * Double(n) * a)
      if 2 * n < count { w[2 * n] = sin(2 * Double(n) * a) }
      n += 1
    }
    return w
  }

  /// The same factors for the direction (east, north) without trigonometric calls (angle
  /// doubling by recurrence); all harmonics 0 for the zero vector (the kernel has none there).
  @inline(__always)
  package static func harmonics(east e: Double, north n: Double, count: Int, into w: UnsafeMutablePointer<Double>) {
    w[0] = 1
    guard count > 1 else { return }
    let r2 = e * e + n * n
    guard r2 > 0 else {
      for c in 1..<count { w[c] = 0 }
      return
    }
    let c2 = (n * n - e * e) / r2
    let s2 = 2 * e * n / r2
    var cn = c2
    var sn = s2
    var k = 1
    while 2 * k < count {
      w[2 * k - 1] = cn
      w[2 * k] = sn
      (cn, sn) = (cn * c2 - sn * s2, sn * c2 + cn * s2)
      k += 1
    }
  }

  /// The azimuth [radians, clockwise from north] of the direction (east, north).
  @inline(__always) package static func azimuth(east: Double, north: Double) -> Double { atan2(east, north) }

  /// The N × N kernel for one azimuth, `k[h * N + r]`.
  package func matrix(azimuth a: Double) -> [Double] {
    let w = RuptureKernel.harmonics(azimuth: a, count: components.count)
    var k = components[0]
    for c in 1..<components.count { for i in 0..<k.count { k[i] += w[c] * components[c][i] } }
    return k
  }

  /// The R_rup weights over the grid for a site at hypocentral distance r_h [km] in direction a
  /// (the kernel rows of the 4 grid nodes around r_h, Lagrange-weighted); all zero beyond r_max.
  package func row(hypocentralKm rh: Double, azimuth a: Double, grid: LogDistanceGrid) -> [Double] {
    var out = [Double](repeating: 0, count: nodes)
    guard let (f, w) = grid.weights(rh) else { return out }
    let hw = RuptureKernel.harmonics(azimuth: a, count: components.count)
    let ws = [w.0, w.1, w.2, w.3]
    for j in 0..<4 {
      let h = f + j
      for c in 0..<components.count {
        let x = ws[j] * hw[c]
        for r in rowRanges[c][h] { out[r] += x * components[c][h * nodes + r] }
      }
    }
    return out
  }

  /// The isotropic part of a kernel alone (the average over every direction).
  package init(isotropicOf k: RuptureKernel) {
    nodes = k.nodes
    components = [k.components[0]]
    rowRanges = [k.rowRanges[0]]
  }

  /// Computes the kernel of `model` for magnitude m on `grid` (see the type's formula).
  init(model: RuptureModel, magnitude m: Double, grid: LogDistanceGrid) {
    let N = grid.count
    let H = model.azimuthHarmonics
    let L0 = model.lengthKm(magnitude: m)
    let gh = GaussHermite(order: model.lengthNodes)
    let lengths = gh.nodes.map { L0 * pow(10, model.lengthSigmaLog10 * $0) }
    let nu = model.positionNodes
    let np = model.strikeNodes
    let phis = (0..<np).map { (Double($0) + 0.5) / Double(np) * Double.pi }
    // cos(2nφ) per strike node, times 2 for n ≥ 1 (Fourier cosine coefficients over [0, π)).
    let trig = phis.map { phi in (0...H).map { n in n == 0 ? 1.0 : 2 * cos(2 * Double(n) * phi) } }
    let NN = N * N
    var al = [Double](repeating: 0, count: (H + 1) * NN)  // [n][h][r]
    let d2 = model.depthKm * model.depthKm
    for h in 0..<N {
      let rh = grid.nodes[h]
      let epi = max(0, rh * rh - d2).squareRoot()
      for (k, L) in lengths.enumerated() {
        let wq = gh.weights[k] / Double(nu * np)
        for iu in 0..<nu {
          let u = (Double(iu) + 0.5) / Double(nu)
          for ip in 0..<np {
            let r = model.rrup(epicentralKm: epi, lengthKm: L, position: u, angle: phis[ip])
            guard let (f, w) = grid.weights(r) else { continue }
            let tr = trig[ip]
            al.withUnsafeMutableBufferPointer { a in
              for n in 0...H {
                let x = wq * tr[n]
                let row = n * NN + h * N + f
                a[row] += x * w.0
                a[row + 1] += x * w.1
                a[row + 2] += x * w.2
                a[row + 3] += x * w.3
              }
            }
          }
        }
      }
    }
    let alpha = (0...H).map { Array(al[($0 * NN)..<($0 * NN + NN)]) }
    var comps = [alpha[0]]
    var n = 1
    while n <= H {
      let rho = exp(-2 * Double(n * n) * model.strikeSigma * model.strikeSigma)
      let cn = alpha[n].map { rho * cos(2 * Double(n) * model.strikeMean) * $0 }
      let sn = alpha[n].map { rho * sin(2 * Double(n) * model.strikeMean) * $0 }
      let largest = max(cn.map(abs).max() ?? 0, sn.map(abs).max() ?? 0)
      if largest <= model.harmonicTolerance { break }
      // Weights below the tolerance are set to zero, so that the rows far from the rupture
      // (where the azimuth no longer matters) carry no harmonic work.
      let tol = model.harmonicTolerance
      comps.append(cn.map { abs($0) > tol ? $0 : 0 })
      comps.append(sn.map { abs($0) > tol ? $0 : 0 })
      n += 1
    }
    nodes = N
    components = comps
    rowRanges = comps.map { k in
      (0..<N).map { h in
        let row = k[(h * N)..<(h * N + N)]
        guard let lo = row.firstIndex(where: { $0 != 0 }), let hi = row.lastIndex(where: { $0 != 0 }) else {
          return 0..<0
        }
        return (lo - h * N)..<(hi - h * N + 1)
      }
    }
  }
}

/// Kernels are the same for every branch of the tree and every run with the same rupture model
/// and grid: computed once per process (thread-safe).
final class RuptureKernelCache: @unchecked Sendable {
  static let shared = RuptureKernelCache()
  private let lock = NSLock()
  private var kernels: [[Double]: RuptureKernel] = [:]

  func kernel(model: RuptureModel, magnitude m: Double, grid: LogDistanceGrid) -> RuptureKernel {
    let key = model.cacheKey + [m, grid.rMin, grid.rMax, Double(grid.count)]
    lock.lock()
    if let k = kernels[key] {
      lock.unlock()
      return k
    }
    lock.unlock()
    let k = RuptureKernel(model: model, magnitude: m, grid: grid)
    lock.lock()
    defer { lock.unlock() }
    if kernels.count > 10_000 { kernels.removeAll() }
    kernels[key] = k
    return k
  }
}
