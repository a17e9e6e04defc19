import Foundation
import Testing

@testable import HRA

@Suite struct RateLikelihoodTests {
  /// Synthetic catalogue from the model itself: 400 cells, 30 yearly bins, known θ0 and θ1.
  @Test(arguments: [UInt64(1), 2, 3])
  func recoversKnownParameters(seed: UInt64) {
    var rng = RandomStream(seed: seed, keys: [0x5e15])
    let cells = 400
    let factor = (0..<cells).map { _ in 0.002 + 0.006 * rng.uniform() }  // MPa per bar
    let edges: [Double] = (0...30).map { (j: Int) -> Double in
      let x = Double(j)
      return 100 + 6 * x + 0.05 * x * x
    }  // bar, increasing
    let truth = ActivityRate(theta0: -2.0, theta1: 4.0)
    var eventCell: [Int] = []
    var eventBin: [Int] = []
    for c in 0..<cells {
      for j in 0..<30 {
        let n = truth.expectedCount(areaKm2: 0.25, stress1: factor[c] * edges[j], stress2: factor[c] * edges[j + 1])
        for _ in 0..<rng.poisson(n) {
          eventCell.append(c)
          eventBin.append(j)
        }
      }
    }
    let lik = RateLikelihood(factor: factor, edges: edges, areaKm2: 0.25, eventCell: eventCell, eventBin: eventBin)
    let fit = lik.fit()
    #expect(eventCell.count > 300)
    #expect(fit.theta1StandardError > 0)
    #expect(
      abs(fit.theta1 - truth.theta1) <= Tolerance.monteCarloSigmas * fit.theta1StandardError,
      "θ1 \(String(describing: fit.theta1)) ± \(String(describing: fit.theta1StandardError))")
    // θ0 is profiled: the fitted total matches the observed total exactly.
    let predicted = lik.predictedPerBin(theta0: fit.theta0, theta1: fit.theta1).reduce(0, +)
    #expect(close(predicted, Double(eventCell.count), rel: 1e-9))
    // The profile maximum beats nearby values.
    #expect(lik.profile(theta1: fit.theta1 * 1.05).logL < fit.logL)
    #expect(lik.profile(theta1: fit.theta1 * 0.95).logL < fit.logL)
  }

  @Test func bValueFitRecoversLinearStress() throws {
    var rng = RandomStream(seed: 7, keys: [0xb])
    let b0 = 1.3
    let slope = 0.8
    let width = 0.1
    var stress: [Double] = []
    var bins: [Int] = []
    for _ in 0..<4000 {
      let c = rng.uniform()  // MPa
      let b = b0 - slope * c
      // Continuous GR above 1.45, then binned to 0.1.
      let m = 1.45 - log10(rng.uniform()) / b
      stress.append(c)
      bins.append(Int(((m - 1.45) / width).rounded(.down)))
    }
    let params = try ParameterFile(contentsOf: SeismicityFixtures.models + "/seismicity/parameters.csv")
    let fit = try Calibration.fitBValues(
      stress: stress, thickness: stress.map { _ in 150 }, magnitudeBins: bins, width: width, parameters: params)
    // Standard errors for 4000 events are ≈ 0.04 (b0) and ≈ 0.07 (slope); allow 4σ.
    #expect(abs(fit.b0 - b0) < 0.16, "b0 \(String(describing: fit.b0))")
    #expect(abs(fit.bSlope - slope) < 0.28, "slope \(String(describing: fit.bSlope))")
    #expect(fit.logLLinear >= fit.logLConstant)
  }
}
