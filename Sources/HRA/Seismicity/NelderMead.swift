import Foundation

/// Derivative-free minimisation of a function of a few variables (Nelder–Mead simplex).
///
/// ```
/// reflection α = 1, expansion γ = 2, contraction ρ = ½, shrink σ = ½
/// stop when the simplex's spread in f is ≤ ftol·(|f_best| + 1e-12) and its size ≤ xtol
/// ```
/// Reference: Nelder & Mead (1965, Comput. J. 7, 308); Lagarias et al. (1998, SIAM J. Optim. 9).
enum NelderMead {
  /// Minimises `f` from `start` with initial steps `step` per coordinate.
  static func minimise(
    start: [Double], step: [Double], ftol: Double = 1e-12, xtol: Double = 1e-9, maxEvaluations: Int = 5000,
    _ f: ([Double]) -> Double
  ) -> (x: [Double], value: Double) {
    let n = start.count
    precondition(n >= 1 && step.count == n)
    var simplex = [start]
    for i in 0..<n {
      var p = start
      p[i] += step[i]
      simplex.append(p)
    }
    var values = simplex.map(f)
    var evaluations = n + 1
    func point(_ a: [Double], _ b: [Double], _ t: Double) -> [Double] { (0..<n).map { a[$0] + t * (b[$0] - a[$0]) } }
    while evaluations < maxEvaluations {
      let order = values.indices.sorted { values[$0] < values[$1] }
      simplex = order.map { simplex[$0] }
      values = order.map { values[$0] }
      let spread = abs(values[n] - values[0])
      var size = 0.0
      for p in simplex.dropFirst() { for i in 0..<n { size = max(size, abs(p[i] - simplex[0][i])) } }
      if spread <= ftol * (abs(values[0]) + 1e-12) && size <= xtol { break }
      var centroid = [Double](repeating: 0, count: n)
      for p in simplex.dropLast() { for i in 0..<n { centroid[i] += p[i] / Double(n) } }
      let xr = point(centroid, simplex[n], -1)
      let fr = f(xr)
      evaluations += 1
      if fr < values[0] {
        let xe = point(centroid, simplex[n], -2)
        let fe = f(xe)
        evaluations += 1
        if fe < fr {
          simplex[n] = xe
          values[n] = fe
        } else {
          simplex[n] = xr
          values[n] = fr
        }
      } else if fr < values[n - 1] {
        simplex[n] = xr
        values[n] = fr
      } else {
        let outside = fr < values[n]
        let xc = outside ? point(centroid, xr, 0.5) : point(centroid, simplex[n], 0.5)
        let fc = f(xc)
        evaluations += 1
        if fc < (outside ? fr : values[n]) {
          simplex[n] = xc
          values[n] = fc
        } else {
          for k in 1...n {
            simplex[k] = point(simplex[0], simplex[k], 0.5)
            values[k] = f(simplex[k])
          }
          evaluations += n
        }
      }
    }
    let best = values.indices.min { values[$0] < values[$1] }!
    return (simplex[best], values[best])
  }
}
