import Foundation

/// One-dimensional maximisation: a scan on a grid to bracket the maximum, then golden-section
/// refinement inside the bracket.
///
/// ```
/// x* = argmax_{lo ≤ x ≤ hi} f(x);  bracket = grid neighbours of the best grid point;
/// golden section shrinks the bracket by φ⁻¹ = 0.618… per step until its width ≤ tol·(1 + |x|)
/// ```
/// Robust to a multi-modal f at the grid's resolution. Reference: Press et al.,
/// *Numerical Recipes* (3rd ed.), §10.2.
enum GoldenSection {
  /// Maximises `f` on [lo, hi]; `logScale` spaces the scan geometrically (lo > 0).
  static func maximise(
    lo: Double, hi: Double, scanPoints: Int = 61, logScale: Bool = false, tol: Double = 1e-10, _ f: (Double) -> Double
  ) -> (x: Double, value: Double) {
    precondition(hi > lo && scanPoints >= 3 && (!logScale || lo > 0))
    let grid: [Double] = (0..<scanPoints).map { i in
      let u = Double(i) / Double(scanPoints - 1)
      return logScale ? lo * pow(hi / lo, u) : lo + (hi - lo) * u
    }
    let values = grid.map(f)
    var best = 0
    for i in 1..<grid.count where values[i] > values[best] || (values[best].isNaN && !values[i].isNaN) { best = i }
    var a = grid[max(0, best - 1)]
    var b = grid[min(grid.count - 1, best + 1)]
    let g = (5.0.squareRoot() - 1) / 2
    var c = b - g * (b - a)
    var d = a + g * (b - a)
    var fc = f(c)
    var fd = f(d)
    var iterations = 0
    while abs(b - a) > tol * (1 + abs(c) + abs(d)) && iterations < 200 {
      if fc >= fd {
        b = d
        d = c
        fd = fc
        c = b - g * (b - a)
        fc = f(c)
      } else {
        a = c
        c = d
        fc = fd
        d = a + g * (b - a)
        fd = f(d)
      }
      iterations += 1
    }
    let (x, v) = fc >= fd ? (c, fc) : (d, fd)
    return v >= values[best] ? (x, v) : (grid[best], values[best])
  }
}
