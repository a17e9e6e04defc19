import Foundation
import Testing

@testable import HRA

/// The per-earthquake exceedance probabilities of the hazard: closed forms at the reference
/// horizon, an independent root-finding for one period at the surface, and Monte Carlo
/// sampling of the exact surface motion for AvgSa.
@Suite struct ExceedanceProbabilityTests {
  static let model = Result { try TestModels.riskModel() }
  static let levels = HazardLevels(ranges: [
    "PGA": .init(min: 1e-3, max: 2, count: 40), "SA": .init(min: 1e-3, max: 2, count: 40),
    "AVGSA": .init(min: 1e-3, max: 2, count: 40),
  ])

  static func measures(_ imts: [IntensityMeasure], _ m: RiskModel) throws -> HazardMeasures {
    try HazardMeasures(imts: imts, levels: levels, periods: m.motion.gmm.periods, gmm: "V7", source: "test")
  }

  static func compute(
    _ m: RiskModel, _ ms: HazardMeasures, _ c: SurfaceMotion.Context, horizon: ExceedanceProbability.Horizon,
    eps: [Double] = [0], wierde: [Bool] = [false]
  ) -> [Double] {
    var out = [Double](repeating: 0, count: eps.count * wierde.count * ms.padded)
    var roots = out
    roots.withUnsafeMutableBufferPointer {
      ExceedanceProbability.roots(
        amplification: m.motion.amplification, context: c, measures: ms, horizon: horizon, epsilons: eps,
        wierde: wierde, out: $0.baseAddress!)
    }
    out.withUnsafeMutableBufferPointer { o in
      roots.withUnsafeBufferPointer { r in
        ExceedanceProbability.compute(
          motion: m.motion, context: c, measures: ms, rule: m.rule, horizon: horizon, epsilons: eps, wierde: wierde,
          roots: r.baseAddress!, out: o.baseAddress!)
      }
    }
    return out
  }

  @Test func referenceHorizonIsTheLognormalClosedForm() throws {
    let m = try Self.model.get()
    let ms = try Self.measures([.pga, .sa(0.3)], m)
    let c = SurfaceMotion.Context(magnitude: 4.5, rrup: 8, zoneIndex: 0, wierde: false)
    let p = Self.compute(m, ms, c, horizon: .reference)
    let (mu, sg) = m.motion.moments(c)
    let k03 = m.motion.gmm.periods.firstIndex(of: 0.3)!
    for (i, k) in [(0, 0), (1, k03)] {
      for (l, x) in ms.levels[i].enumerated() {
        let expected = Normal.ccdf((log(x * 981) - mu[k]) / sg[k])
        #expect(close(p[ms.offsets[i] + l], expected, rel: Tolerance.special, tiny: 1e-300))
      }
    }
  }

  @Test func geometricMeanComponentHasTheBetweenAndWithinEventSigmaOnly() throws {
    let m = try Self.model.get()
    let gm = try SurfaceMotion(
      gmm: m.motion.gmm, amplification: m.motion.amplification, branch: m.motion.branch, component: .geometric_mean)
    let c = SurfaceMotion.Context(magnitude: 4, rrup: 10, zoneIndex: 0, wierde: false)
    let (_, sArb) = m.motion.moments(c)
    let (_, sGm) = gm.moments(c)
    let v7 = try #require(m.motion.gmm as? GMMV7)
    for k in 0..<sGm.count {
      let t = v7.tau[m.motion.branch.tau][k]
      let f = v7.phiSS[m.motion.branch.phi][k]
      #expect(close(sGm[k], (t * t + f * f).squareRoot(), rel: Tolerance.algebra))
      #expect(sGm[k] < sArb[k])
    }
  }

  @Test func onePeriodAtTheSurfaceMatchesABisectionRoot() throws {
    let m = try Self.model.get()
    let ms = try Self.measures([.pga, .sa(1.0)], m)
    let af = m.motion.amplification
    for (zone, mag, r) in [(3, 3.5, 5.0), (40, 5.5, 20.0), (100, 2.5, 3.0)] {
      let c = SurfaceMotion.Context(magnitude: mag, rrup: r, zoneIndex: zone, wierde: false)
      let eps = [-1.645, 0, 1.645]
      let flags = [false, true]
      let p = Self.compute(m, ms, c, horizon: .surface, eps: eps, wierde: flags)
      let (mu, sg) = m.motion.moments(c)
      for (i, k) in [(0, 0), (1, m.motion.gmm.periods.count - 1)] {
        let lin = af.linearTerm(zoneIndex: zone, period: k, magnitude: mag, lnR: log(r))
        for (e, ev) in eps.enumerated() {
          for (w, wf) in flags.enumerated() {
            func s(_ z: Double) -> Double {
              let x = mu[k] + sg[k] * z
              return x + af.lnAF(zoneIndex: zone, period: k, linear: lin, lnSaCm: x, s2sEpsilon: ev, wierde: wf).value
                - log(981)
            }
            for (l, x) in ms.levels[i].enumerated() {
              var lo = -12.0
              var hi = 12.0
              for _ in 0..<200 {
                let mid = 0.5 * (lo + hi)
                if s(mid) < log(x) { lo = mid } else { hi = mid }
              }
              let expected = Normal.ccdf(0.5 * (lo + hi))
              guard expected > 1e-12 else { continue }
              let got = p[(e * flags.count + w) * ms.padded + ms.offsets[i] + l]
              #expect(
                close(got, expected, rel: Tolerance.exceedanceRoot),
                "zone \(zone) M \(mag) R \(r) k \(k) ε \(ev) wierde \(wf) level \(x): \(got) vs \(expected)")
            }
          }
        }
      }
    }
  }

  @Test func avgSaAtTheSurfaceAgreesWithMonteCarloOfTheExactMotion() throws {
    let m = try Self.model.get()
    let ms = try Self.measures([.avgSa, .pga], m)
    let n = m.motion.gmm.periods.count
    for (zone, mag, r, eps, wierde) in [(10, 4.0, 6.0, 0.0, false), (60, 5.5, 12.0, 1.645, true)] {
      let c = SurfaceMotion.Context(magnitude: mag, rrup: r, zoneIndex: zone, wierde: wierde)
      let p = Self.compute(m, ms, c, horizon: .surface, eps: [eps], wierde: [wierde])
      let g = GMMBranch(median: 2, tau: 1, phi: 0, s2sEpsilon: eps)
      let motion = try SurfaceMotion(gmm: m.motion.gmm, amplification: m.motion.amplification, branch: g)
      let draws = 100_000
      var rng = RandomStream(seed: 7, keys: [UInt64(zone)])
      var yv = [Double](repeating: 0, count: draws)
      var pv = yv
      var z = [Double](repeating: 0, count: n)
      for d in 0..<draws {
        for k in 0..<n { z[k] = rng.normal() }
        let s = motion.sample(c, z: z)
        yv[d] = s.lnAvgSa
        pv[d] = s.lnPGA
      }
      for (i, values) in [(0, yv), (1, pv)] {
        for (l, x) in ms.levels[i].enumerated() {
          let hits = values.reduce(0) { $0 + ($1 > log(x) ? 1 : 0) }
          let f = Double(hits) / Double(draws)
          guard f > 1e-3 && f < 0.999 else { continue }
          let se = (f * (1 - f) / Double(draws)).squareRoot()
          let got = p[ms.offsets[i] + l]
          #expect(
            abs(got - f) <= Tolerance.monteCarloSigmas * se + Tolerance.hazardChain * f,
            "zone \(zone) \(ms.imts[i]) level \(x): \(got) vs MC \(f) ± \(se)")
        }
      }
    }
  }

  @Test func probabilitiesAreMonotoneAndInTheUnitInterval() throws {
    let m = try Self.model.get()
    let ms = try Self.measures([.pga, .sa(0.3), .avgSa], m)
    let c = SurfaceMotion.Context(magnitude: 5, rrup: 4, zoneIndex: 5, wierde: false)
    let p = Self.compute(m, ms, c, horizon: .surface, eps: [-1.645, 1.645], wierde: [false, true])
    for b in 0..<4 {
      for i in 0..<3 {
        let row = (0..<ms.levels[i].count).map { p[b * ms.padded + ms.offsets[i] + $0] }
        #expect(row.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(zip(row, row.dropFirst()).allSatisfy { $0 >= $1 })
      }
    }
  }
}
