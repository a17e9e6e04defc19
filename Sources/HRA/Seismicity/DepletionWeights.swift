import Foundation

/// A smooth spatial depletion-weight proxy w(x): more depletion near the central/northern
/// production clusters, less at the periphery, normalised to mean 1 over the grid.
///
/// ```
/// w̃(x) = 1 + a · exp(−|x − c|² / (2 L²))
/// w(x) = w̃(x) / mean_grid(w̃)                       (dimensionless, > 0)
/// ΔP(x, t) = w(x) · D(t)                              (bar)
/// ```
/// `c` is the depletion centre (RD m, near Loppersum), `a` the relative excess depletion
/// there, `L` the length scale (m). A proxy for the pressure-depletion maps of NAM's
/// reservoir model, which are not public in grid form; see `Models/seismicity/README.md`.
package enum DepletionWeights {
  /// The weights on the grid cells.
  package static func compute(grid: SourceGrid, centreX: Double, centreY: Double, amplitude: Double, length: Double)
    -> [Double]
  {
    precondition(amplitude > -1 && length > 0)
    var w = [Double](repeating: 0, count: grid.count)
    for c in 0..<grid.count {
      let dx = grid.x[c] - centreX
      let dy = grid.y[c] - centreY
      w[c] = 1 + amplitude * exp(-(dx * dx + dy * dy) / (2 * length * length))
    }
    let mean = w.reduce(0, +) / Double(max(1, w.count))
    return w.map { $0 / mean }
  }
}
