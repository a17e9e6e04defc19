import Testing

@testable import HRA

@Suite struct TreeStatisticTests {
  /// The mean is Σ w·v / Σ w (exact in binary here: (1·1 + 3·3) / 4 = 2.5).
  @Test func meanIsTheWeightedMean() {
    #expect(TreeStatistic.mean.of([1, 3], weights: [1, 3]) == 2.5)
  }

  /// A percentile is the weighted quantile of the values.
  @Test func percentileIsTheWeightedQuantile() {
    let v = [4.0, 1, 3, 2]
    let w = [0.4, 0.1, 0.3, 0.2]
    for q in [0.1, 0.5, 0.9] {
      #expect(TreeStatistic.percentile(q).of(v, weights: w) == WeightedQuantile.quantile(v, weights: w, q: q))
    }
  }
}
