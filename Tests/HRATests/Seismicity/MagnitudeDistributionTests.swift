import Foundation
import Testing

@testable import HRA

@Suite struct MagnitudeDistributionTests {
  let bins = MagnitudeBins(lower: 1.45, width: 0.1, count: 51)

  @Test func binsMatchTheHRAConvention() {
    #expect(bins.count == 51)
    #expect(close(bins.centres[0], 1.5, rel: Tolerance.algebra))
    #expect(close(bins.centres[50], 6.5, rel: Tolerance.algebra))
    #expect(close(bins.upper, 6.55, rel: Tolerance.algebra))
  }

  @Test(arguments: [0.5, 0.8, 1.0, 1.4, 2.5])
  func pmfSumsToOneAndMatchesCCDF(b: Double) {
    for mmax in [4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 3.62] {
      let d = MagnitudeDistribution(b: b, mmin: 1.45, mmax: mmax)
      let p = d.binProbabilities(bins)
      #expect(p.allSatisfy { $0 >= 0 })
      #expect(close(p.reduce(0, +), 1, rel: Tolerance.algebra))
      let edges = bins.edges
      for k in 0..<bins.count {
        #expect(abs(p[k] - (d.ccdf(edges[k]) - d.ccdf(edges[k + 1]))) <= 1e-12)
        if edges[k] >= mmax { #expect(p[k] == 0) }
      }
    }
  }

  @Test func ccdfReferenceValues() {
    // b = 1, Mmin 1.45, Mmax 6.45: CCDF(3.45) = (10^-2 − 10^-5)/(1 − 10^-5).
    let d = MagnitudeDistribution(b: 1, mmin: 1.45, mmax: 6.45)
    #expect(close(d.ccdf(3.45), (1e-2 - 1e-5) / (1 - 1e-5), rel: Tolerance.special))
    #expect(d.ccdf(1.0) == 1 && d.ccdf(7) == 0)
  }
}
