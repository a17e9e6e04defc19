import Foundation
import Testing

@testable import HRA

@Suite struct WeightedQuantileTests {
  // Hand-computed: values 1, 2, 3, 4 with weights 0.1, 0.4, 0.3, 0.2 → cumulative 0.1, 0.5, 0.8, 1.0.
  @Test func inverseCDFRule() {
    let v: [Double] = [3, 1, 4, 2]
    let w: [Double] = [0.3, 0.1, 0.2, 0.4]
    #expect(WeightedQuantile.quantile(v, weights: w, q: 0.05) == 1)
    #expect(WeightedQuantile.quantile(v, weights: w, q: 0.1) == 1)  // cumulative weight exactly reaches q
    #expect(WeightedQuantile.quantile(v, weights: w, q: 0.5) == 2)
    #expect(WeightedQuantile.quantile(v, weights: w, q: 0.51) == 3)
    #expect(WeightedQuantile.quantile(v, weights: w, q: 0.9) == 4)
    #expect(WeightedQuantile.quantiles(v, weights: w, qs: [0.5, 0.9]) == [2, 4])
    // Unnormalised weights give the same answer; equal weights give the order statistic ⌈qn⌉.
    #expect(WeightedQuantile.quantile(v, weights: w.map { $0 * 7 }, q: 0.5) == 2)
    let u = (1...10).map(Double.init)
    #expect(WeightedQuantile.quantile(u, weights: Array(repeating: 1, count: 10), q: 0.9) == 9)
    #expect(WeightedQuantile.quantile(u, weights: Array(repeating: 1, count: 10), q: 0.91) == 10)
  }

  @Test func sketchMatchesExactQuantilesWithinABin() {
    var rng = RandomStream(seed: 3, keys: [1])
    let sketch = QuantileSketch(cells: 3)
    var values: [[Double]] = [[], [], []]
    for cell in 0..<3 {
      for _ in 0..<500 {
        let v = exp(-11.5 + Double(cell) + 1.5 * rng.normal())  // lognormal around 1e-5·e^cell
        values[cell].append(v)
        sketch.add(v, cell: cell)
      }
    }
    for cell in 0..<3 {
      for q in [0.5, 0.9] {
        let exact = WeightedQuantile.quantile(values[cell], weights: Array(repeating: 1, count: 500), q: q)
        // One bin is 10^(1/50) = 4.7 % wide.
        #expect(close(sketch.quantile(cell: cell, q: q), exact, rel: 0.047))
      }
    }
  }

  @Test func categoryFlipProbabilityIsTheBinomialTail() {
    let sketch = QuantileSketch(cells: 1)
    // 100 samples, 88 at or below the norm: P90 > norm (licht verhoogd, since P50 ≤ norm).
    for i in 0..<100 { sketch.add(i < 88 ? 5e-6 : 2e-5, cell: 0) }
    let (cat, flip) = sketch.categoryStability(cell: 0, norm: 1e-5)
    #expect(cat == .lichtVerhoogd)
    // Flip ⇔ N ≥ 90 with N ~ Binomial(100, 0.88): P = 0.33369 (scipy.stats.binom.sf(89, 100, 0.88)).
    #expect(abs(flip - 0.33369) < 1e-4)
  }
}

/// Results outside [0, 1] stop a run with the building and gas year named (issue 13 item 8).
@Suite struct NumericalGuardTests {
  @Test func namesTheBuildingAndYearOfANonProbability() throws {
    try NumericalGuard.probabilities(
      [0, 1e-5, 1, 0.5], quantity: "LPR", buildings: ["a", "b"], gasYears: [2019, 2020])
    for bad in [Double.nan, -1e-30, 1.0000001, .infinity] {
      do {
        try NumericalGuard.probabilities(
          [0, 1e-5, bad, 0.5], quantity: "P90 LPR", buildings: ["a", "b"], gasYears: [2019, 2020])
        Issue.record("\(bad) accepted")
      } catch let e as NumericalError {
        #expect(e.message.hasPrefix("P90 LPR of building b in gas year 2019/20 is \(bad)"), "\(e)")
      }
    }
  }
}
