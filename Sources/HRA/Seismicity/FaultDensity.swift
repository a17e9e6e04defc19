import Foundation

/// Fault-density factor F(x): mapped fault-trace length per unit area, Gaussian-smoothed and
/// normalised to mean 1 over the grid.
///
/// ```
/// ρ(x) = Σ_faults ∫ G_σ(x − p) dl(p)        G_σ(r) = exp(−|r|²/2σ²)/(2πσ²)   (km per km²)
/// F(x) = ρ(x) / mean_grid(ρ)                  (dimensionless, ≥ 0)
/// ```
/// Computed by rasterising the traces (samples every ≤ spacing/10 along each segment) onto
/// the grid's lattice extended by 4σ on each side, then a separable discrete Gaussian
/// (truncated at 4σ, renormalised). Reference: Bourne & Oates (2017, JGR 122) weight
/// Coulomb stress by fault density/throw; TNO `models/stresses.py` smooths with σ ≈ 2.6–3.6 km.
package enum FaultDensity {
  /// Fault segments in RD metres (flat arrays, one entry per segment).
  package struct Segments: Sendable {
    package var x0: [Double] = [], y0: [Double] = [], x1: [Double] = [], y1: [Double] = []
    package var count: Int { x0.count }
  }

  /// Reads `easting0 [km], northing0 [km], easting1 [km], northing1 [km]` (RD km) into metres.
  package static func load(path: String) throws -> Segments {
    let t = try CSVTable(contentsOf: path)
    let cols = ["easting0 [km]", "northing0 [km]", "easting1 [km]", "northing1 [km]"]
    try t.require(cols)
    var s = Segments()
    for r in t.rows {
      s.x0.append(try t.double(r, cols[0]) * 1000)
      s.y0.append(try t.double(r, cols[1]) * 1000)
      s.x1.append(try t.double(r, cols[2]) * 1000)
      s.y1.append(try t.double(r, cols[3]) * 1000)
    }
    return s
  }

  /// F at each grid cell (mean 1 over the grid; all ones if there are no faults near the grid).
  package static func compute(grid: SourceGrid, segments: Segments, sigma: Double) -> [Double] {
    precondition(sigma > 0)
    let s = grid.spacing
    let r = Int((4 * sigma / s).rounded(.up))
    let ix0 = Int((grid.x.min()! / s).rounded()) - r
    let ix1 = Int((grid.x.max()! / s).rounded()) + r
    let iy0 = Int((grid.y.min()! / s).rounded()) - r
    let iy1 = Int((grid.y.max()! / s).rounded()) + r
    let nx = ix1 - ix0 + 1
    let ny = iy1 - iy0 + 1
    var raster = [Double](repeating: 0, count: nx * ny)  // fault length (m) per lattice cell
    for k in 0..<segments.count {
      let dx = segments.x1[k] - segments.x0[k]
      let dy = segments.y1[k] - segments.y0[k]
      let len = (dx * dx + dy * dy).squareRoot()
      let n = max(1, Int((len / (s / 10)).rounded(.up)))
      let piece = len / Double(n)
      for p in 0..<n {
        let f = (Double(p) + 0.5) / Double(n)
        let i = Int(((segments.x0[k] + f * dx) / s).rounded()) - ix0
        let j = Int(((segments.y0[k] + f * dy) / s).rounded()) - iy0
        if i >= 0, i < nx, j >= 0, j < ny { raster[i + j * nx] += piece }
      }
    }
    var kernel = (-r...r).map { exp(-0.5 * pow(Double($0) * s / sigma, 2)) }
    let ksum = kernel.reduce(0, +)
    kernel = kernel.map { $0 / ksum }
    var tmp = [Double](repeating: 0, count: nx * ny)
    for j in 0..<ny {
      for i in 0..<nx {
        var acc = 0.0
        for q in -r...r where i + q >= 0 && i + q < nx { acc += kernel[q + r] * raster[i + q + j * nx] }
        tmp[i + j * nx] = acc
      }
    }
    var rho = [Double](repeating: 0, count: grid.count)
    for c in 0..<grid.count {
      let i = Int((grid.x[c] / s).rounded()) - ix0
      let j = Int((grid.y[c] / s).rounded()) - iy0
      var acc = 0.0
      for q in -r...r where j + q >= 0 && j + q < ny { acc += kernel[q + r] * tmp[i + (j + q) * nx] }
      rho[c] = max(0, acc)
    }
    let mean = rho.reduce(0, +) / Double(max(1, rho.count))
    guard mean > 0 else { return [Double](repeating: 1, count: grid.count) }
    return rho.map { $0 / mean }
  }
}
