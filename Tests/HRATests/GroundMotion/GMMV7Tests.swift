import Foundation
import Testing

@testable import HRA

@Suite struct GMMV7Tests {
  let gmm: GMMV7
  init() throws { gmm = try GMMV7(directory: TestModels.models + "/gmm/v7") }

  // Reference values: eq. 9.1–9.7 evaluated by an independent Python transcription of the
  // TNO tables (Models/gmm/v7/gmpe_medians_NS_B_20211010_v7.csv), full double precision.
  @Test(arguments: [
    (3.5, 5.0, 0.01, 0, 2.7347504297604983),
    (4.5, 10.0, 0.3, 1, 2.697751130853272),
    (5.5, 30.0, 1.0, 2, 2.4783394280602478),
    (6.0, 3.0, 0.1, 3, 6.0977944896875),
    (4.0, 15.0, 0.5, 2, 1.104922796011206),
  ])
  func medianMatchesIndependentEvaluation(m: Double, r: Double, t: Double, branch: Int, expected: Double) {
    var out = [Double](repeating: 0, count: gmm.periods.count)
    gmm.lnMedian(magnitude: m, rrup: r, branch: branch, into: &out)
    let k = gmm.periods.firstIndex(of: t)!
    #expect(close(out[k], expected, rel: Tolerance.algebra))
  }

  @Test func medianFallsWithDistanceAndRisesWithMagnitude() {
    var a = [Double](repeating: 0, count: 10)
    var b = a
    var c = a
    for branch in 0..<4 {
      gmm.lnMedian(magnitude: 4.5, rrup: 5, branch: branch, into: &a)
      gmm.lnMedian(magnitude: 4.5, rrup: 20, branch: branch, into: &b)
      gmm.lnMedian(magnitude: 5.5, rrup: 5, branch: branch, into: &c)
      for k in 0..<10 {
        #expect(a[k] > b[k])
        #expect(c[k] > a[k])
      }
    }
  }

  @Test func c2cVarianceEndpoints() {
    // eq. 9.10a at T = 0.1 s and 9.10b at T ≥ 0.85 s, M = 4.0, R = 10 km.
    var v = [Double](repeating: 0, count: 10)
    gmm.c2cVariance(magnitude: 4.0, rrup: 10, into: &v)
    #expect(close(v[1], 0.026 + 1.03 * 1.6 * pow(10, -2.22), rel: Tolerance.algebra))
    #expect(close(v[9], 0.045 + 5.315 * 1.6 * pow(10, -2.92), rel: Tolerance.algebra))
    #expect(v[0] == v[1])  // T clipped at 0.1 s
  }

  @Test func correlationMatrixIsPositiveDefinite() throws {
    _ = try LinearAlgebra.cholesky(gmm.periodCorrelation, n: 10)
  }
}
