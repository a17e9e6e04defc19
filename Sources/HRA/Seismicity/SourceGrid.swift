import Foundation

/// The source grid: square cells of the Groningen field on which seismicity is modelled.
///
/// ```
/// centres (x, y) = (i·s, j·s) for integers i, j, kept when inside the field outline (ray casting)
/// cell area = s² / 10⁶  km²
/// ```
/// Coordinates are Rijksdriehoek (RD New, EPSG:28992) metres; the grid origin is aligned to
/// multiples of the spacing `s` so grids of the same spacing nest. Cells are ordered by row
/// (northing ascending), then easting.
package struct SourceGrid: Sendable {
  /// Cell-centre eastings, RD m.
  package let x: [Double]
  /// Cell-centre northings, RD m.
  package let y: [Double]
  /// Cell size, m.
  package let spacing: Double
  /// Cell area, km².
  package let cellAreaKm2: Double
  /// The outline polygon the grid was built from (RD m, open ring).
  package let outlineX: [Double]
  package let outlineY: [Double]
  // Lookup: (i − i0) + (j − j0)·ni → cell index or −1.
  private let i0: Int, j0: Int, ni: Int, nj: Int
  private let lookup: [Int32]

  /// Number of cells.
  package var count: Int { x.count }

  /// Builds the grid of cells whose centres lie inside a polygon.
  /// - Parameters:
  ///   - outlineX, outlineY: polygon vertices, RD m (closed or open ring, ≥ 3 distinct vertices).
  ///   - spacing: cell size, m (> 0).
  package init(outlineX ox: [Double], outlineY oy: [Double], spacing: Double) {
    precondition(spacing > 0 && ox.count == oy.count && ox.count >= 3)
    var px = ox
    var py = oy
    if px.count > 3, px.first == px.last, py.first == py.last {
      px.removeLast()
      py.removeLast()
    }
    self.outlineX = px
    self.outlineY = py
    self.spacing = spacing
    cellAreaKm2 = spacing * spacing / 1e6
    let i0 = Int((px.min()! / spacing).rounded(.down))
    let i1 = Int((px.max()! / spacing).rounded(.up))
    let j0 = Int((py.min()! / spacing).rounded(.down))
    let j1 = Int((py.max()! / spacing).rounded(.up))
    let ni = i1 - i0 + 1
    let nj = j1 - j0 + 1
    var lookup = [Int32](repeating: -1, count: ni * nj)
    var xs: [Double] = []
    var ys: [Double] = []
    for j in j0...j1 {
      for i in i0...i1 {
        let cx = Double(i) * spacing
        let cy = Double(j) * spacing
        if SourceGrid.contains(px, py, cx, cy) {
          lookup[(i - i0) + (j - j0) * ni] = Int32(xs.count)
          xs.append(cx)
          ys.append(cy)
        }
      }
    }
    x = xs
    y = ys
    self.i0 = i0
    self.j0 = j0
    self.ni = ni
    self.nj = nj
    self.lookup = lookup
  }

  /// Reads the outline (`rd_x_m,rd_y_m`) and builds the grid.
  package static func load(outline path: String, spacing: Double) throws -> SourceGrid {
    let t = try CSVTable(contentsOf: path)
    try t.require(["rd_x_m", "rd_y_m"])
    var xs: [Double] = []
    var ys: [Double] = []
    for r in t.rows {
      xs.append(try t.double(r, "rd_x_m"))
      ys.append(try t.double(r, "rd_y_m"))
    }
    if xs.count < 3 { throw InputError(file: path, "outline needs at least 3 vertices") }
    return SourceGrid(outlineX: xs, outlineY: ys, spacing: spacing)
  }

  /// Point-in-polygon by ray casting (even–odd rule).
  static func contains(_ px: [Double], _ py: [Double], _ x: Double, _ y: Double) -> Bool {
    var inside = false
    var j = px.count - 1
    for i in 0..<px.count {
      if (py[i] > y) != (py[j] > y) {
        let xc = px[j] + (y - py[j]) * (px[i] - px[j]) / (py[i] - py[j])
        if x < xc { inside.toggle() }
      }
      j = i
    }
    return inside
  }

  /// Whether a point lies inside the field outline.
  package func outlineContains(x: Double, y: Double) -> Bool { SourceGrid.contains(outlineX, outlineY, x, y) }

  /// The cell an epicentre belongs to: the cell whose square contains it, else the nearest cell
  /// centre among cells whose square is within one spacing of the point; `nil` if there is none.
  package func nearestCell(x px: Double, y py: Double) -> Int? {
    let ic = Int((px / spacing).rounded())
    let jc = Int((py / spacing).rounded())
    var best: Int? = nil
    var bestD = Double.infinity
    for j in (jc - 2)...(jc + 2) {
      for i in (ic - 2)...(ic + 2) {
        let li = i - i0
        let lj = j - j0
        guard li >= 0, li < ni, lj >= 0, lj < nj else { continue }
        let c = Int(lookup[li + lj * ni])
        guard c >= 0 else { continue }
        let h = spacing / 2
        let dx = max(0, abs(px - x[c]) - h)
        let dy = max(0, abs(py - y[c]) - h)
        guard (dx * dx + dy * dy).squareRoot() <= spacing else { continue }
        let d = (px - x[c]) * (px - x[c]) + (py - y[c]) * (py - y[c])
        if d < bestD {
          bestD = d
          best = c
        }
      }
    }
    return best
  }
}
