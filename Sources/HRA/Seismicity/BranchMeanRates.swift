import Foundation

/// The rates of a production-driven source per Mmax branch, as the weighted mean over its
/// rate-model and b-value branches (as TNO's SSM forecast integrates its own branches):
/// ```
/// N(≥m | cell, year, Mmax) = Σ_rate Σ_b w_rate·w_b · N_{rate,b,Mmax}(≥m | cell, year)
/// ```
/// A set held at one branch contributes that branch alone (weight 1).
package enum BranchMeanRates {
  /// Per Mmax [label as a number] the mean rate field over the gas years.
  /// - Parameters:
  ///   - sets: the source's sets, in order rate_model, b_model, mmax.
  ///   - fixed: rate_model and/or b_model → the branch index held (the others are averaged).
  package static func perMmax(
    source: any SeismicitySource, sets: [LogicTree.BranchSet], fixed fx: [String: Int], gasYears: [Int]
  ) throws -> [Double: RateField] {
    var fields: [Double: RateField] = [:]
    for mlabel in sets[2].branches {
      var sum: [Double]? = nil
      var proto: RateField? = nil
      for (ri, r) in sets[0].branches.enumerated() where fx["rate_model"].map({ $0 == ri }) ?? true {
        for (bi, b) in sets[1].branches.enumerated() where fx["b_model"].map({ $0 == bi }) ?? true {
          let w = (fx["rate_model"] == nil ? sets[0].weights[ri] : 1) * (fx["b_model"] == nil ? sets[1].weights[bi] : 1)
          let f = try source.rates(labels: [r, b, mlabel], gasYears: gasYears)
          if sum == nil {
            sum = [Double](repeating: 0, count: f.rates.count)
            proto = f
          }
          for i in 0..<f.rates.count { sum![i] += w * f.rates[i] }
        }
      }
      let p = proto!
      fields[Double(mlabel)!] = RateField(
        gasYears: p.gasYears, cellX: p.cellX, cellY: p.cellY, magnitudes: p.magnitudes, rates: sum!)
    }
    return fields
  }
}
