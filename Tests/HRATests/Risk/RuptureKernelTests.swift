import Foundation
import Testing

@testable import HRA

/// The rupture model of TNO's chain (length log-normal about Leonard's, strike −30° ± 30°) as the
/// engine tabulates it (``RuptureKernel``), against a direct Monte Carlo of the same model.
@Suite struct RuptureKernelTests {
  /// The rupture constants of `Models/rupture/rupture.csv` with some values replaced.
  static func model(_ changes: [String: String] = [:]) throws -> (RuptureModel, String) {
    let src = try String(contentsOfFile: TestModels.models + "/rupture/rupture.csv", encoding: .utf8)
    var lines = src.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (i, l) in lines.enumerated() {
      let f = l.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
      if let v = changes[f[0]], f.count == 3 { lines[i] = "\(f[0]),\(v),\(f[2])" }
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rupture-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("rupture.csv").path
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return (try RuptureModel(constants: ConstantsTable(path: path)), path)
  }

  static let grid = LogDistanceGrid(rMin: 3, rMax: 120, count: 48)

  /// Smooth functions of R_rup whose expectations are compared: a smoothed P(R ≤ 5 km), the
  /// inverse square and an exponential decay.
  static let probes: [(String, @Sendable (Double) -> Double)] = [
    ("P(R<=5)", { 1 / (1 + exp(($0 - 5) / 0.3)) }), ("1/R^2", { 1 / ($0 * $0) }), ("exp(-R/3)", { exp(-$0 / 3) }),
  ]

  /// E[g(R_rup)] by the kernel for a site at epicentral offset (east, north) [km].
  static func kernelExpectation(_ k: RuptureKernel, east: Double, north: Double, depth: Double, _ g: (Double) -> Double)
    -> Double
  {
    let rh = (east * east + north * north + depth * depth).squareRoot()
    let row = k.row(hypocentralKm: rh, azimuth: RuptureKernel.azimuth(east: east, north: north), grid: grid)
    return zip(row, grid.nodes).reduce(0) { $0 + $1.0 * g($1.1) }
  }

  /// Mean and standard error of g(R_rup) over n ruptures drawn directly from the model.
  static func monteCarlo(
    _ m: RuptureModel, magnitude: Double, east: Double, north: Double, n: Int, _ g: (Double) -> Double
  ) -> (mean: Double, se: Double) {
    var rng = RandomStream(seed: 7, keys: [0x5255_5054, UInt64(bitPattern: Int64(east * 1000)), UInt64(n)])
    let median = m.lengthKm(magnitude: magnitude)
    var s = 0.0
    var s2 = 0.0
    for _ in 0..<n {
      let u = rng.uniform()
      let us = rng.uniform()
      let z = rng.normal()
      let r = m.sample(medianLengthKm: median, z: z, zStrike: Normal.quantile(us), uStrike: us, position: u)
      let v = g(m.rrup(east: east, north: north, lengthKm: r.lengthKm, strike: r.strike, position: r.position))
      s += v
      s2 += v * v
    }
    let mean = s / Double(n)
    return (mean, ((s2 / Double(n) - mean * mean) / Double(n - 1)).squareRoot())
  }

  /// For M 4.9 (L ≈ 2.9 km) at 4 km north, east and along the fault trend: the kernel's
  /// expectations agree with a direct Monte Carlo (10⁵ ruptures) within 4 standard errors plus
  /// the quadrature and cubic-interpolation error of the kernel (≤ 0.5 %, measured ≤ 0.2 %).
  @Test func kernelMatchesADirectMonteCarloOfTheRuptureModel() throws {
    let (m, _) = try RuptureKernelTests.model()
    let k = m.kernel(magnitude: 4.9, grid: RuptureKernelTests.grid)
    #expect(k.components.count == 7)  // three harmonics kept at M 4.9
    let offsets: [(Double, Double)] = [(0, 4), (4, 0), (-2, 3.4641), (6, 6)]
    for (e, n) in offsets {
      for (name, g) in RuptureKernelTests.probes {
        let want = RuptureKernelTests.monteCarlo(m, magnitude: 4.9, east: e, north: n, n: 100_000, g)
        let got = RuptureKernelTests.kernelExpectation(k, east: e, north: n, depth: m.depthKm, g)
        #expect(
          abs(got - want.mean) <= Tolerance.monteCarloSigmas * want.se + 0.005 * abs(want.mean),
          "\(name) at (\(e), \(n)) km: kernel \(got), Monte Carlo \(want.mean) ± \(want.se)")
      }
    }
  }

  /// The faults run NNW–SSE (strike −30°): a site in the direction of the fault trend is closer
  /// to the rupture than one across it, and north closer than east.
  @Test func azimuthDependenceGoesTheRightWay() throws {
    let (m, _) = try RuptureKernelTests.model()
    let k = m.kernel(magnitude: 5.3, grid: RuptureKernelTests.grid)
    let near = RuptureKernelTests.probes[0].1
    func p(_ deg: Double) -> Double {
      let a = deg * Double.pi / 180
      return RuptureKernelTests.kernelExpectation(k, east: 4 * sin(a), north: 4 * cos(a), depth: m.depthKm, near)
    }
    #expect(p(-30) > p(0) && p(0) > p(90) && p(90) > p(60))  // along strike > north > east > across
    #expect(abs(p(-30) - p(150)) < 1e-12)  // both ends of the trend alike
    #expect(abs(p(0) - p(180)) < 1e-12)
    // The isotropic part is the average over every direction.
    let iso = RuptureKernel(isotropicOf: k)
    let avg = (0..<360).map { p(Double($0)) }.reduce(0, +) / 360
    let isoValue = RuptureKernelTests.kernelExpectation(iso, east: 0, north: 4, depth: m.depthKm, near)
    #expect(abs(avg - isoValue) < 1e-9 * isoValue)
  }

  /// With no length scatter and a uniform strike the kernel is the previous model's: midpoint
  /// rule over the hypocentre position and the relative strike, Leonard's length, no azimuth.
  @Test func uniformStrikeWithoutScatterIsThePreviousModel() throws {
    let (m, _) = try RuptureKernelTests.model([
      "length_sigma_log10": "0", "azimuth_harmonics": "0", "strike_nodes": "18",
    ])
    #expect(m.uniformStrike && m.lengthNodes == 1)
    let grid = RuptureKernelTests.grid
    let N = grid.count
    for mag in [3.0, 4.9, 6.2] {
      let k = m.kernel(magnitude: mag, grid: grid)
      #expect(k.components.count == 1)
      // The previous model, written out.
      var old = [Double](repeating: 0, count: N * N)
      let L = m.lengthKm(magnitude: mag)
      for h in 0..<N {
        let epi = max(0, grid.nodes[h] * grid.nodes[h] - 9).squareRoot()
        for iu in 0..<16 {
          for ip in 0..<18 {
            let r = m.rrup(
              epicentralKm: epi, lengthKm: L, position: (Double(iu) + 0.5) / 16,
              angle: (Double(ip) + 0.5) / 18 * Double.pi)
            guard let (f, w) = grid.weights(r) else { continue }
            let q = 1.0 / (16 * 18)
            old[h * N + f] += q * w.0
            old[h * N + f + 1] += q * w.1
            old[h * N + f + 2] += q * w.2
            old[h * N + f + 3] += q * w.3
          }
        }
      }
      let diff = zip(old, k.isotropic).map { abs($0 - $1) }.max()!
      #expect(diff < 1e-14, "M \(mag): max difference \(diff)")
      #expect(k.matrix(azimuth: 1.0) == k.isotropic)
    }
  }

  /// Small ruptures carry a weaker azimuth dependence; the isotropic rows sum to 1 (no mass lost
  /// inside the grid).
  @Test func harmonicsShrinkWithTheRuptureAndRowsSumToOne() throws {
    let (m, _) = try RuptureKernelTests.model()
    let N = RuptureKernelTests.grid.count
    let small = m.kernel(magnitude: 1.5, grid: RuptureKernelTests.grid)
    let large = m.kernel(magnitude: 6.2, grid: RuptureKernelTests.grid)
    func largest(_ k: RuptureKernel) -> Double { k.components.dropFirst().map { $0.map(abs).max()! }.max() ?? 0 }
    #expect(large.components.count == 7)
    #expect(largest(small) < largest(large) / 5, "\(largest(small)) vs \(largest(large))")
    for k in [small, large] {
      for h in 0..<30 {
        let s = k.isotropic[(h * N)..<(h * N + N)].reduce(0, +)
        #expect(abs(s - 1) < 1e-9, "row \(h) sums to \(s)")
      }
    }
  }

  /// Bad rupture constants are refused naming the file and the constant.
  @Test func badConstantsAreLocatedErrors() throws {
    for (name, value) in [
      ("strike_sigma", "0"), ("strike_sigma", "-5"), ("length_sigma_log10", "-0.1"), ("azimuth_harmonics", "1.5"),
      ("length_nodes", "0"),
    ] {
      let e = #expect(throws: InputError.self) { _ = try RuptureKernelTests.model([name: value]) }
      #expect(
        e?.field == name && e!.description.contains("rupture.csv"), "\(name) = \(value): \(String(describing: e))")
    }
  }
}
