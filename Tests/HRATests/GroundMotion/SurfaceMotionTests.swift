import Foundation
import Testing

@testable import HRA

@Suite struct SurfaceMotionTests {
  /// A copy of the models whose amplification of GMM `version` is linear (f2 = 0, no clipping).
  static func linearSiteModels(_ version: GMMVersion = .v7) throws -> String {
    let dir = try TestModels.scratchCopy()
    let folder = dir + "/" + version.folder
    let name = try FileManager.default.contentsOfDirectory(atPath: folder).first {
      $0.hasPrefix("gmpeSurfaceAmplificationModel_")
    }!
    let path = folder + "/" + name
    let t = try CSVTable(contentsOf: path)
    var lines = [t.header.joined(separator: ",")]
    let f2 = try t.column("f2")
    let lo = try t.column(t.has("AFmin") ? "AFmin" : "Afmin")
    let hi = try t.column(t.has("AFmax") ? "AFmax" : "Afmax")
    for r in t.rows {
      var c = r.cells
      c[f2] = "0"
      c[lo] = "1e-6"
      c[hi] = "1e6"
      lines.append(c.joined(separator: ","))
    }
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return dir
  }

  /// Closed form: with linear site response, ln AvgSa ~ N(μ_Y, σ_Y²) exactly, so a lognormal
  /// fragility gives E[Φ((Y − ln θ)/β)] = Φ((μ_Y − ln θ)/√(σ_Y² + β²)); through each GMM
  /// version's chain (median, σ, correlation and linear amplification of that version).
  @Test(arguments: GMMVersion.allCases) func lognormalThroughLognormalFragilityMatchesClosedForm(version: GMMVersion)
    throws
  {
    let dir = try SurfaceMotionTests.linearSiteModels(version)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let chain = try GroundMotionChain.load(version, models: dir)
    let motion = try chain.motion(GMMBranch(median: 2, tau: 1, phi: 0, s2sEpsilon: 0))
    let af = motion.amplification
    let zone = af.index(ofZone: af.zones[7])!
    for (m, r) in [(3.5, 4.0), (4.5, 8.0), (5.5, 20.0)] {
      let ctx = SurfaceMotion.Context(magnitude: m, rrup: r, zoneIndex: zone, wierde: false)
      let (mu, sg) = motion.moments(ctx)
      let n = mu.count
      var meanY = 0.0
      var varY = 0.0
      for k in 0..<n {
        let lin = af.linearTerm(zoneIndex: zone, period: k, magnitude: m, lnR: log(r))
        meanY += (mu[k] + lin - log(981)) / Double(n)
        for j in 0..<n { varY += motion.gmm.periodCorrelation[k * n + j] * sg[k] * sg[j] / Double(n * n) }
      }
      let nodes = motion.quadrature(ctx, rule: .standard)
      #expect(close(nodes.reduce(0) { $0 + $1.weight }, 1, rel: Tolerance.algebra))
      for (lnTheta, beta) in [(meanY, 0.4), (meanY + 1.5, 0.3), (meanY - 1, 0.8)] {
        let q = nodes.reduce(0) { $0 + $1.weight * Normal.cdf(($1.lnAvgSa - lnTheta) / beta) }
        let exact = Normal.cdf((meanY - lnTheta) / (varY + beta * beta).squareRoot())
        #expect(close(q, exact, rel: Tolerance.quadrature), "\(version) M \(m) R \(r): \(q) vs \(exact)")
      }
    }
  }

  /// With the real nonlinear amplification, the quadrature agrees with Monte Carlo sampling
  /// of all ten correlated residuals within 4 standard errors.
  @Test func quadratureAgreesWithSamplingForNonlinearSites() throws {
    let model = try TestModels.riskModel()
    let af = model.motion.amplification
    for (zoneID, m, r, wierde) in [
      (af.zones[0], 5.0, 4.0, false), (af.zones[40], 4.0, 6.0, true), (af.zones[100], 6.0, 3.5, false),
    ] {
      SurfaceMotionTests.expectQuadratureMatchesSampling(
        model, SurfaceMotion.Context(magnitude: m, rrup: r, zoneIndex: af.index(ofZone: zoneID)!, wierde: wierde),
        seed: 11)
    }
  }

  /// The split quadrature (one set of nodes for every ε branch and wierde flag, ``SurfaceMotion/NodeBuffer``)
  /// agrees with Monte Carlo sampling through the full ln AF path (ε and wierde added inside lnAF).
  @Test func splitNodesAgreeWithSamplingForEpsilonAndWierde() throws {
    let model = try TestModels.riskModel(branch: GMMBranch(median: 2, tau: 1, phi: 0, s2sEpsilon: 1.645))
    let af = model.motion.amplification
    for (zoneID, m, r) in [(af.zones[40], 4.5, 5.0), (af.zones[90], 5.5, 8.0)] {
      SurfaceMotionTests.expectQuadratureMatchesSampling(
        model, SurfaceMotion.Context(magnitude: m, rrup: r, zoneIndex: af.index(ofZone: zoneID)!, wierde: true),
        seed: 12)
    }
  }

  /// E[death inside (URM4L)], E[ln AvgSa] and E[ln PGA] by the quadrature lie within 4 standard
  /// errors of 40,000 samples of all ten correlated residuals (``SurfaceMotion/sample(_:z:)``).
  static func expectQuadratureMatchesSampling(_ model: RiskModel, _ ctx: SurfaceMotion.Context, seed: UInt64) {
    let ty = model.fcm.index(of: "URM4L")!
    func death(_ y: Double) -> Double { model.fcm.deathStructural(typology: ty, lnAvgSa: y).inside }
    let q = model.motion.quadrature(ctx, rule: .standard)
    let quad = [
      q.reduce(0.0) { $0 + $1.weight * death($1.lnAvgSa) }, q.reduce(0.0) { $0 + $1.weight * $1.lnAvgSa },
      q.reduce(0.0) { $0 + $1.weight * $1.lnPGA },
    ]
    var rng = RandomStream(seed: seed, keys: [UInt64(ctx.zoneIndex)])
    let n = 40_000
    var s = [Double](repeating: 0, count: 3)
    var s2 = s
    var z = [Double](repeating: 0, count: 10)
    for _ in 0..<n {
      for k in 0..<10 { z[k] = rng.normal() }
      let im = model.motion.sample(ctx, z: z)
      for (i, v) in [death(im.lnAvgSa), im.lnAvgSa, im.lnPGA].enumerated() {
        s[i] += v
        s2[i] += v * v
      }
    }
    for i in 0..<3 {
      let mean = s[i] / Double(n)
      let se = ((s2[i] / Double(n) - mean * mean) / Double(n - 1)).squareRoot()
      #expect(
        abs(mean - quad[i]) <= Tolerance.monteCarloSigmas * se,
        "zone \(ctx.zoneIndex) quantity \(i): MC \(mean) ± \(se) vs quadrature \(quad[i])")
    }
  }

  /// The production rule (trapezoid 0.5 σ × GH 2 × GH 1: 58 nodes) against a fine rule
  /// (trapezoid 0.25 σ on ±8 σ × GH 6 × GH 4): death probabilities agree to 1 %.
  @Test func productionRuleMatchesAFineRule() throws {
    let model = try TestModels.riskModel()
    let af = model.motion.amplification
    let fine = SurfaceMotion.Rule(step: 0.25, halfWidth: 8, order2: 6, order3: 4)
    for (z, m, r, w) in [
      (af.zones[5], 3.5, 3.5, false), (af.zones[50], 4.5, 6.0, true), (af.zones[120], 5.5, 12.0, false),
    ] {
      let ctx = SurfaceMotion.Context(magnitude: m, rrup: r, zoneIndex: af.index(ofZone: z)!, wierde: w)
      let a = model.motion.quadrature(ctx, rule: model.rule)
      let b = model.motion.quadrature(ctx, rule: fine)
      for t in [model.fcm.index(of: "URM4L")!, model.fcm.index(of: "RC1L")!, model.fcm.index(of: "URM1F_HA")!] {
        let pa = a.reduce(0.0) { $0 + $1.weight * model.fcm.deathStructural(typology: t, lnAvgSa: $1.lnAvgSa).inside }
        let pb = b.reduce(0.0) { $0 + $1.weight * model.fcm.deathStructural(typology: t, lnAvgSa: $1.lnAvgSa).inside }
        let ca = a.reduce(0.0) { $0 + $1.weight * model.fcm.deathChimney(typology: t, lnPGA: $1.lnPGA) }
        let cb = b.reduce(0.0) { $0 + $1.weight * model.fcm.deathChimney(typology: t, lnPGA: $1.lnPGA) }
        // 1 %: the production rule trades accuracy in the far tails for a 6× cheaper table build.
        #expect(close(pa, pb, rel: 0.01), "M \(m) R \(r) typology \(t): \(pa) vs \(pb)")
        #expect(close(ca, cb, rel: 0.01, tiny: 1e-30))
      }
    }
  }
}
