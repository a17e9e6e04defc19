import Foundation
import Testing

@testable import HRA

@Suite struct ReservoirPressureTests {
  @Test func materialBalance() {
    let p = SeismicityFixtures.model.pressure
    #expect(close(p.pressure(cumulativeBcm: 2200), 75, rel: 0.01))
    #expect(p.pressure(cumulativeBcm: 0) == p.initialPressureBar)
  }

  @Test func exactCreepMatchesFineStepIntegration() throws {
    let path = SeismicityFixtures.actual
    let p = SeismicityFixtures.model.pressure
    let tau = 4.0
    let times = [1980.3, 2000.0, 2017.75, 2024.2, 2030.0]
    let exact = p.effectiveDepletion(path: path, times: times, tau: tau)
    // Trapezoidal integration of dE/dt = (D − E)/τ with a 0.001-year step.
    var e = 0.0
    var t = path.start
    let h = 0.001
    var k = 0
    var numeric = [Double](repeating: 0, count: times.count)
    while k < times.count {
      let d0 = p.depletion(path: path, at: t)
      let d1 = p.depletion(path: path, at: t + h)
      e = (e * (1 - h / (2 * tau)) + h / (2 * tau) * (d0 + d1)) / (1 + h / (2 * tau))
      t += h
      while k < times.count && abs(t - times[k]) < h / 2 {
        numeric[k] = e
        k += 1
      }
    }
    for i in times.indices { #expect(close(exact[i], numeric[i], rel: 1e-5), "t = \(String(describing: times[i]))") }
    // Delay: the effective depletion lags the depletion but approaches it after production stops.
    #expect(exact[3] < p.depletion(path: path, at: 2024.2))
    #expect(p.effectiveDepletion(path: path, times: [2017.75], tau: 0)[0] == p.depletion(path: path, at: 2017.75))
  }
}
