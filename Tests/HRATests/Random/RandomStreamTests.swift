import Testing

@testable import HRA

@Suite struct RandomStreamTests {
  @Test func sameKeySameStreamDifferentKeyDifferent() {
    var a = RandomStream(seed: 42, keys: [1, 2])
    var b = RandomStream(seed: 42, keys: [1, 2])
    var c = RandomStream(seed: 42, keys: [2, 1])
    let xa = (0..<8).map { _ in a.next() }
    #expect(xa == (0..<8).map { _ in b.next() })
    #expect(xa != (0..<8).map { _ in c.next() })
  }

  @Test func uniformMomentsAndPoissonMean() {
    var r = RandomStream(seed: 7, keys: [99])
    let n = 200_000
    var s = 0.0
    for _ in 0..<n { s += r.uniform() }
    // Mean of U(0,1) is 1/2 with standard error 1/√(12n).
    #expect(abs(s / Double(n) - 0.5) < Tolerance.monteCarloSigmas / (12.0 * Double(n)).squareRoot())
    for lambda in [0.3, 4.0, 55.0] {
      var t = 0.0
      let m = 50_000
      for _ in 0..<m { t += Double(r.poisson(lambda)) }
      #expect(abs(t / Double(m) - lambda) < Tolerance.monteCarloSigmas * (lambda / Double(m)).squareRoot())
    }
  }
}
