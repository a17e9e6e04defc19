import Foundation

/// A simple polygon in RD New metres: the outline of an area source.
///
/// ```
/// inside(x, y)  ⇔  a ray from (x, y) towards +x crosses the boundary an odd number of times
/// A = ½·|Σᵢ (xᵢ·yᵢ₊₁ − xᵢ₊₁·yᵢ)|                                     (shoelace formula) [m²]
/// ```
/// Validation: at least 3 vertices, finite coordinates, no repeated consecutive vertex, non-zero
/// area and no two non-adjacent edges that touch or cross (a self-intersecting outline has no
/// well-defined inside). The closing edge from the last vertex back to the first is implied; a last
/// vertex equal to the first is dropped. Errors name the file, the line of the vertex that starts
/// the offending edge and the field.
package struct SourcePolygon: Sendable, Equatable {
  package let x: [Double]
  package let y: [Double]

  /// - Parameters:
  ///   - x, y: vertices [m], in order (either orientation).
  ///   - file, field: where the vertices came from, for errors.
  ///   - lines: the physical line of each vertex (nil: inline, errors name no line, or `line`).
  ///   - line: the line of an inline list (a configuration key).
  package init(x: [Double], y: [Double], file: String, field: String, lines: [Int]? = nil, line: Int? = nil) throws {
    precondition(x.count == y.count && (lines == nil || lines!.count == x.count))
    var xs = x
    var ys = y
    var ls = lines
    func at(_ i: Int) -> Int? { ls.map { $0[i % $0.count] } ?? line }
    if xs.count > 1, xs.first == xs.last, ys.first == ys.last {
      xs.removeLast()
      ys.removeLast()
      ls?.removeLast()
    }
    guard xs.count >= 3 else {
      throw InputError(
        file: file, line: line ?? ls?.last, field: field, "a polygon needs at least 3 vertices (got \(xs.count))")
    }
    for i in 0..<xs.count where !(xs[i].isFinite && ys[i].isFinite) {
      throw InputError(file: file, line: at(i), field: field, "vertex \(i + 1) is not finite")
    }
    let n = xs.count
    for i in 0..<n where xs[i] == xs[(i + 1) % n] && ys[i] == ys[(i + 1) % n] {
      throw InputError(file: file, line: at(i), field: field, "vertex \(i + 1) repeats the next vertex")
    }
    for i in 0..<n {
      for j in (i + 1)..<n {
        // Adjacent edges share a vertex: skip (i, i+1) and the closing pair (0, n−1).
        if j == i + 1 || (i == 0 && j == n - 1) { continue }
        if SourcePolygon.segmentsTouch(
          xs[i], ys[i], xs[(i + 1) % n], ys[(i + 1) % n], xs[j], ys[j], xs[(j + 1) % n], ys[(j + 1) % n])
        {
          throw InputError(
            file: file, line: at(j), field: field,
            "the polygon intersects itself: edge \(j + 1) (from vertex \(j + 1)) meets edge \(i + 1) (from vertex \(i + 1))"
          )
        }
      }
    }
    var twice = 0.0
    for i in 0..<n { twice += xs[i] * ys[(i + 1) % n] - xs[(i + 1) % n] * ys[i] }
    guard abs(twice) > 0 else {
      throw InputError(file: file, line: line ?? ls?.first, field: field, "the polygon has zero area")
    }
    self.x = xs
    self.y = ys
  }

  /// Whether the closed segments p1p2 and p3p4 share a point (orientation tests, exact for
  /// the collinear cases).
  static func segmentsTouch(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ x3: Double, _ y3: Double, _ x4: Double, _ y4: Double
  ) -> Bool {
    func orient(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Int {
      let v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
      return v > 0 ? 1 : (v < 0 ? -1 : 0)
    }
    func onSegment(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Bool {
      min(ax, bx) <= cx && cx <= max(ax, bx) && min(ay, by) <= cy && cy <= max(ay, by)
    }
    let o1 = orient(x1, y1, x2, y2, x3, y3)
    let o2 = orient(x1, y1, x2, y2, x4, y4)
    let o3 = orient(x3, y3, x4, y4, x1, y1)
    let o4 = orient(x3, y3, x4, y4, x2, y2)
    if o1 != o2 && o3 != o4 && o1 != 0 && o2 != 0 && o3 != 0 && o4 != 0 { return true }
    if o1 == 0 && onSegment(x1, y1, x2, y2, x3, y3) { return true }
    if o2 == 0 && onSegment(x1, y1, x2, y2, x4, y4) { return true }
    if o3 == 0 && onSegment(x3, y3, x4, y4, x1, y1) { return true }
    if o4 == 0 && onSegment(x3, y3, x4, y4, x2, y2) { return true }
    return o1 != o2 && o3 != o4 && (o1 * o2 < 0) && (o3 * o4 < 0)
  }

  /// Reads a polygon file: columns `x,y` (RD New metres) or `lon,lat` (WGS84 degrees, converted
  /// with ``RDCoordinates``), one vertex per row in order.
  package init(path: String) throws {
    let t = try CSVTable(contentsOf: path)
    let rd = t.has("x") && t.has("y")
    let geo = t.has("lon") && t.has("lat")
    guard rd || geo else {
      throw InputError(
        file: path, line: 1, field: t.has("x") ? "y" : (t.has("lon") ? "lat" : "x"),
        "missing columns: a polygon file needs x,y (RD New metres) or lon,lat (WGS84 degrees)")
    }
    var xs: [Double] = []
    var ys: [Double] = []
    var ls: [Int] = []
    for row in t.rows {
      if rd {
        xs.append(try t.double(row, "x"))
        ys.append(try t.double(row, "y"))
      } else {
        let p = try SitesFile.convert(t, row)
        xs.append(p.x)
        ys.append(p.y)
      }
      ls.append(row.line)
    }
    try self.init(x: xs, y: ys, file: path, field: rd ? "x" : "lon", lines: ls)
  }

  /// The area [m²] (shoelace formula).
  package var area: Double {
    var twice = 0.0
    let n = x.count
    for i in 0..<n { twice += x[i] * y[(i + 1) % n] - x[(i + 1) % n] * y[i] }
    return abs(twice) / 2
  }

  /// The bounding box [m].
  package var bounds: (minX: Double, maxX: Double, minY: Double, maxY: Double) {
    (x.min()!, x.max()!, y.min()!, y.max()!)
  }

  /// Whether (px, py) is inside (even–odd ray casting; points exactly on an edge may fall either way).
  package func contains(_ px: Double, _ py: Double) -> Bool {
    var inside = false
    var j = x.count - 1
    for i in 0..<x.count {
      if (y[i] > py) != (y[j] > py) && px < (x[j] - x[i]) * (py - y[i]) / (y[j] - y[i]) + x[i] { inside.toggle() }
      j = i
    }
    return inside
  }
}
