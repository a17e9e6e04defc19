import Foundation

/// The site-response zonation: which zone (ID_V6) a point in RD coordinates lies in.
///
/// The zones are the 162 polygons of TNO's `Geological_zones_V6` (as GeoJSON, property
/// `zone_id` = `ID_V6`, the zone id of the V7 surface-amplification table). Each zone is a
/// MultiPolygon whose polygons may have holes; membership is decided by the even-odd rule
/// over all rings of the zone (ray casting), so a point inside a hole is outside the zone.
/// Some zones (lakes, `lakeZones`) have no amplification coefficients: buildings there are
/// outside the risk model's domain.
///
/// Lookups are fast: a uniform grid of 1 km cells lists the zones whose bounding box meets
/// each cell, and every zone keeps its edges bucketed by horizontal band, so a ray cast only
/// visits the edges in the point's band (150,000 lookups take tens of milliseconds).
///
/// Units: RD New (EPSG:28992) metres. Reference: TNO SHRA Groningen hazard-risk-models
/// `tests/res/Geological_zones_V6.zip`; Bommer et al. (2021), GMM V7 site-response zonation.
package struct ZoneMap: Sendable {
  /// Zone ids (ID_V6) in file order.
  package let zoneIDs: [Int]
  /// Zones without amplification coefficients (lakes): outside the model domain.
  package let lakeZones: Set<Int>
  /// Bounding box of all zones (RD m).
  package let minX: Double, minY: Double, maxX: Double, maxY: Double

  private let shapes: [Shape]
  private let grid: Grid

  /// Loads the zonation and reads the lake zones from `lake-zones.csv` in the same folder.
  /// - Throws: ``InputError`` if either file is missing or malformed.
  package init(geoJSONPath: String) throws {
    let dir = (geoJSONPath as NSString).deletingLastPathComponent
    let lakesPath = (dir.isEmpty ? "." : dir) + "/lake-zones.csv"
    try self.init(geoJSONPath: geoJSONPath, lakeZonesPath: lakesPath)
  }

  /// Loads the zonation and a CSV with a column `zone_id` listing the lake zones.
  /// - Throws: ``InputError`` if a file is missing or malformed, or a lake zone is not a zone.
  package init(geoJSONPath: String, lakeZonesPath: String) throws {
    let table = try CSVTable(contentsOf: lakeZonesPath)
    var lakes: Set<Int> = []
    for row in table.rows { lakes.insert(try table.int(row, "zone_id")) }
    try self.init(geoJSONPath: geoJSONPath, lakeZones: lakes)
    for row in table.rows where !zoneIDs.contains(try table.int(row, "zone_id")) {
      throw table.error(row, "zone_id", "not a zone of \(geoJSONPath)")
    }
  }

  /// Loads the zonation with the lake zones given by the caller (e.g. the zones missing
  /// from an amplification table).
  /// - Throws: ``InputError`` if the file is missing, is not GeoJSON, or has a feature
  ///   without an integer `zone_id`, a duplicate `zone_id`, or malformed coordinates.
  package init(geoJSONPath: String, lakeZones: Set<Int>) throws {
    guard let data = FileManager.default.contents(atPath: geoJSONPath) else {
      throw InputError(file: geoJSONPath, "cannot read file")
    }
    let root: Any
    do { root = try JSONSerialization.jsonObject(with: data) } catch {
      throw InputError(file: geoJSONPath, "not valid JSON (\(error.localizedDescription))")
    }
    guard let collection = root as? [String: Any], let features = collection["features"] as? [Any] else {
      throw InputError(file: geoJSONPath, field: "features", "not a GeoJSON FeatureCollection")
    }
    var ids: [Int] = []
    var shapes: [Shape] = []
    for (n, f) in features.enumerated() {
      let what = "feature \(n)"
      guard let feature = f as? [String: Any],
        let props = feature["properties"] as? [String: Any],
        let idNumber = props["zone_id"] as? NSNumber, idNumber.doubleValue == Double(idNumber.intValue)
      else { throw InputError(file: geoJSONPath, field: "zone_id", "\(what): missing or non-integer zone_id") }
      let id = idNumber.intValue
      if ids.contains(id) { throw InputError(file: geoJSONPath, field: "zone_id", "\(what): duplicate zone_id \(id)") }
      guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String,
        let coords = geometry["coordinates"] as? [Any]
      else { throw InputError(file: geoJSONPath, field: "geometry", "\(what) (zone \(id)): missing geometry") }
      let polygons: [Any]
      switch type {
      case "MultiPolygon": polygons = coords
      case "Polygon": polygons = [coords]
      default: throw InputError(file: geoJSONPath, field: "geometry", "\(what) (zone \(id)): unsupported type \(type)")
      }
      var rings: [[(Double, Double)]] = []
      for p in polygons {
        guard let ringList = p as? [Any] else {
          throw InputError(file: geoJSONPath, field: "coordinates", "zone \(id): polygon is not a list of rings")
        }
        for r in ringList {
          guard let points = r as? [Any] else {
            throw InputError(file: geoJSONPath, field: "coordinates", "zone \(id): ring is not a list of points")
          }
          var ring: [(Double, Double)] = []
          ring.reserveCapacity(points.count)
          for pt in points {
            guard let xy = pt as? [NSNumber], xy.count >= 2, xy[0].doubleValue.isFinite, xy[1].doubleValue.isFinite
            else {
              throw InputError(file: geoJSONPath, field: "coordinates", "zone \(id): point is not [x, y]")
            }
            ring.append((xy[0].doubleValue, xy[1].doubleValue))
          }
          guard ring.count >= 3 else {
            throw InputError(file: geoJSONPath, field: "coordinates", "zone \(id): ring with fewer than 3 points")
          }
          rings.append(ring)
        }
      }
      guard !rings.isEmpty else { throw InputError(file: geoJSONPath, field: "coordinates", "zone \(id): no rings") }
      ids.append(id)
      shapes.append(Shape(rings: rings))
    }
    guard !shapes.isEmpty else { throw InputError(file: geoJSONPath, field: "features", "no zones") }
    let unknown = lakeZones.subtracting(ids)
    guard unknown.isEmpty else {
      throw InputError(file: geoJSONPath, "lake zones \(unknown.sorted()) are not zones of the map")
    }
    self.zoneIDs = ids
    self.lakeZones = lakeZones
    self.shapes = shapes
    self.minX = shapes.map(\.minX).min()!
    self.minY = shapes.map(\.minY).min()!
    self.maxX = shapes.map(\.maxX).max()!
    self.maxY = shapes.map(\.maxY).max()!
    self.grid = Grid(shapes: shapes, minX: minX, minY: minY, maxX: maxX, maxY: maxY, cellSize: 1000)
  }

  /// The id (ID_V6) of the zone containing the RD point (x, y) in metres, or `nil` if none.
  ///
  /// A point exactly on a shared boundary is assigned to one of the zones (the first in file
  /// order whose even-odd test includes it).
  package func zone(x: Double, y: Double) -> Int? {
    guard let k = grid.cell(x: x, y: y) else { return nil }
    for s in grid.candidates(k) where shapes[Int(s)].contains(x: x, y: y) { return zoneIDs[Int(s)] }
    return nil
  }

  /// Whether the point lies in a zone with amplification coefficients (not a lake).
  package func isInDomain(x: Double, y: Double) -> Bool {
    guard let z = zone(x: x, y: y) else { return false }
    return !lakeZones.contains(z)
  }

  /// The zone nearest to a point outside every zone, if its boundary is within `distance`
  /// metres; the containing zone for a point inside one.
  ///
  /// For inputs whose coordinates sit just outside the zonation's outer edge (TNO's
  /// `example_EDB.csv` has a location 76 m outside it). Lakes are skipped when
  /// `excludingLakes` is true. Brute force over nearby edges: meant for the few such points.
  package func nearestZone(x: Double, y: Double, within distance: Double, excludingLakes: Bool = true) -> Int? {
    nearest(x: x, y: y, within: distance, excludingLakes: excludingLakes)?.zone
  }

  /// ``nearestZone(x:y:within:excludingLakes:)`` with the distance [m] to that zone's boundary
  /// (0 for a point inside it).
  package func nearest(x: Double, y: Double, within distance: Double, excludingLakes: Bool = true) -> (
    zone: Int, distance: Double
  )? {
    if let z = zone(x: x, y: y), !(excludingLakes && lakeZones.contains(z)) { return (z, 0) }
    guard distance > 0, x.isFinite, y.isFinite else { return nil }
    var best = distance
    var bestZone: Int? = nil
    for (i, s) in shapes.enumerated() {
      if excludingLakes && lakeZones.contains(zoneIDs[i]) { continue }
      guard x >= s.minX - best, x <= s.maxX + best, y >= s.minY - best, y <= s.maxY + best else { continue }
      for e in 0..<s.x1.count {
        let dx = s.x2[e] - s.x1[e]
        let dy = s.y2[e] - s.y1[e]
        let len2 = dx * dx + dy * dy
        let t = len2 > 0 ? min(1, max(0, ((x - s.x1[e]) * dx + (y - s.y1[e]) * dy) / len2)) : 0
        let d = ((s.x1[e] + t * dx - x) * (s.x1[e] + t * dx - x) + (s.y1[e] + t * dy - y) * (s.y1[e] + t * dy - y))
          .squareRoot()
        if d <= best {
          best = d
          bestZone = zoneIDs[i]
        }
      }
    }
    return bestZone.map { ($0, best) }
  }

  /// The vertex centroid (mean of the exterior-ring vertices, closing vertex excluded) of
  /// each polygon of a zone, in file order; `nil` for an unknown zone. For tests and plots.
  package func vertexCentroids(zone id: Int) -> [(x: Double, y: Double)]? {
    guard let i = zoneIDs.firstIndex(of: id) else { return nil }
    return shapes[i].exteriorCentroids
  }

  /// Bounding box of one zone (RD m), `nil` for an unknown zone.
  package func boundingBox(zone id: Int) -> (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
    guard let i = zoneIDs.firstIndex(of: id) else { return nil }
    let s = shapes[i]
    return (s.minX, s.minY, s.maxX, s.maxY)
  }
}

extension ZoneMap {
  /// One zone: all ring edges, bucketed by horizontal band for ray casting.
  struct Shape: Sendable {
    let minX: Double, minY: Double, maxX: Double, maxY: Double
    /// Edge endpoints, struct-of-arrays.
    let x1: [Double], y1: [Double], x2: [Double], y2: [Double]
    /// Band b holds edges `bandEdges[bandStart[b] ..< bandStart[b + 1]]`.
    let bandStart: [Int32], bandEdges: [Int32]
    let bandHeight: Double
    let exteriorCentroids: [(x: Double, y: Double)]

    init(rings: [[(Double, Double)]]) {
      var x1: [Double] = []
      var y1: [Double] = []
      var x2: [Double] = []
      var y2: [Double] = []
      var centroids: [(x: Double, y: Double)] = []
      var minX = Double.infinity
      var minY = Double.infinity
      var maxX = -Double.infinity
      var maxY = -Double.infinity
      for ring in rings {
        // Ring orientation tells exterior (counter-clockwise) from hole; only for centroids.
        var area2 = 0.0
        for i in 0..<ring.count {
          let (ax, ay) = ring[i]
          let (bx, by) = ring[(i + 1) % ring.count]
          area2 += ax * by - bx * ay
          minX = min(minX, ax)
          maxX = max(maxX, ax)
          minY = min(minY, ay)
          maxY = max(maxY, ay)
          if ax == bx && ay == by { continue }
          x1.append(ax)
          y1.append(ay)
          x2.append(bx)
          y2.append(by)
        }
        if area2 > 0 {
          let closed = ring.first! == ring.last!
          let pts = closed ? ring.dropLast() : ring[...]
          let n = Double(pts.count)
          centroids.append((pts.reduce(0) { $0 + $1.0 } / n, pts.reduce(0) { $0 + $1.1 } / n))
        }
      }
      self.minX = minX
      self.minY = minY
      self.maxX = maxX
      self.maxY = maxY
      self.x1 = x1
      self.y1 = y1
      self.x2 = x2
      self.y2 = y2
      self.exteriorCentroids = centroids
      let bands = max(1, min(4096, x1.count / 4))
      let height = max((maxY - minY) / Double(bands), 1e-9)
      self.bandHeight = height
      func band(_ y: Double) -> Int { min(bands - 1, max(0, Int((y - minY) / height))) }
      var counts = [Int32](repeating: 0, count: bands + 1)
      for e in 0..<x1.count {
        for b in band(min(y1[e], y2[e]))...band(max(y1[e], y2[e])) { counts[b + 1] += 1 }
      }
      for b in 0..<bands { counts[b + 1] += counts[b] }
      var fill = counts
      var edges = [Int32](repeating: 0, count: Int(counts[bands]))
      for e in 0..<x1.count {
        for b in band(min(y1[e], y2[e]))...band(max(y1[e], y2[e])) {
          edges[Int(fill[b])] = Int32(e)
          fill[b] += 1
        }
      }
      self.bandStart = counts
      self.bandEdges = edges
    }

    /// Even-odd test: a horizontal ray from (x, y) towards +x crosses the edges an odd number of times.
    @inline(__always)
    func contains(x: Double, y: Double) -> Bool {
      guard x >= minX, x <= maxX, y >= minY, y <= maxY else { return false }
      let b = min(bandStart.count - 2, max(0, Int((y - minY) / bandHeight)))
      var inside = false
      for k in Int(bandStart[b])..<Int(bandStart[b + 1]) {
        let e = Int(bandEdges[k])
        let ay = y1[e]
        let by = y2[e]
        if (ay > y) != (by > y) {
          let xi = x1[e] + (y - ay) * (x2[e] - x1[e]) / (by - ay)
          if x < xi { inside.toggle() }
        }
      }
      return inside
    }
  }

  /// A uniform grid listing, per cell, the shapes whose bounding box meets the cell.
  struct Grid: Sendable {
    let minX: Double, minY: Double, cellSize: Double
    let nx: Int, ny: Int
    let start: [Int32], items: [Int32]

    init(shapes: [Shape], minX: Double, minY: Double, maxX: Double, maxY: Double, cellSize: Double) {
      self.minX = minX
      self.minY = minY
      self.cellSize = cellSize
      let nx = max(1, Int(((maxX - minX) / cellSize).rounded(.up)))
      let ny = max(1, Int(((maxY - minY) / cellSize).rounded(.up)))
      self.nx = nx
      self.ny = ny
      var lists = [[Int32]](repeating: [], count: nx * ny)
      for (s, shape) in shapes.enumerated() {
        let i0 = max(0, Int((shape.minX - minX) / cellSize))
        let i1 = min(nx - 1, Int((shape.maxX - minX) / cellSize))
        let j0 = max(0, Int((shape.minY - minY) / cellSize))
        let j1 = min(ny - 1, Int((shape.maxY - minY) / cellSize))
        for j in j0...j1 { for i in i0...i1 { lists[j * nx + i].append(Int32(s)) } }
      }
      var start: [Int32] = [0]
      var items: [Int32] = []
      for l in lists {
        items.append(contentsOf: l)
        start.append(Int32(items.count))
      }
      self.start = start
      self.items = items
    }

    @inline(__always)
    func cell(x: Double, y: Double) -> Int? {
      let u = ((x - minX) / cellSize).rounded(.down)
      let v = ((y - minY) / cellSize).rounded(.down)
      // Off the grid, NaN, or too far for Int (a coordinate of 1e300 would trap in the conversion).
      guard u >= 0, u <= Double(nx), v >= 0, v <= Double(ny) else { return nil }
      let i = Int(u)
      let j = Int(v)
      // The far edge of the bounding box belongs to the last cell.
      let ic = i == nx && x - minX <= Double(nx) * cellSize ? nx - 1 : i
      let jc = j == ny && y - minY <= Double(ny) * cellSize ? ny - 1 : j
      guard ic >= 0, ic < nx, jc >= 0, jc < ny else { return nil }
      return jc * nx + ic
    }

    @inline(__always)
    func candidates(_ k: Int) -> ArraySlice<Int32> { items[Int(start[k])..<Int(start[k + 1])] }
  }
}
