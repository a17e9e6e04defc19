import Foundation
import Testing

@testable import HRA

@Suite struct OptimiserTests {
  @Test func goldenSectionFindsAMaximum() {
    let r = GoldenSection.maximise(lo: 0.01, hi: 100, logScale: true) { -pow(log($0) - log(3.7), 2) }
    #expect(close(r.x, 3.7, rel: 1e-7))
  }

  @Test func nelderMeadMinimisesRosenbrock() {
    let r = NelderMead.minimise(start: [-1.2, 1], step: [0.5, 0.5], ftol: 1e-15, xtol: 1e-10) { v in
      100 * pow(v[1] - v[0] * v[0], 2) + pow(1 - v[0], 2)
    }
    #expect(abs(r.x[0] - 1) < 1e-6 && abs(r.x[1] - 1) < 1e-6)
  }
}
