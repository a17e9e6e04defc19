import Foundation

/// The readers of the sections of a ``GenericHazardConfiguration`` file, each throwing the
/// ``InputError`` of the first problem found (the configuration file's line and field, or the
/// data file's).
extension GenericHazardConfiguration {
  /// Relocates an error about a key of the configuration file to the key's line.
  /// - Returns: the error with the message of `e` at `section.key` of `c`.
  static func relocate(_ e: InputError, _ c: ConfigFile, _ section: String, _ key: String) -> InputError {
    c.error(section, key, e.message)
  }

  /// The area source's polygon: `[area_source] polygon_file` (appended to `inputs`) or the
  /// vertices of `polygon` (RD metres, or longitude and latitude with `polygon_crs = wgs84`).
  /// - Throws: ``InputError`` when both or neither are given, from the polygon file, or from
  ///   ``polygon(vertices:_:path:)``.
  static func polygon(_ c: ConfigFile, path: String, inputs: inout [String]) throws -> SourcePolygon {
    if let p = try c.path("area_source", "polygon_file") {
      guard c.entry("area_source", "polygon") == nil else {
        throw c.error("area_source", "polygon", "give polygon_file or polygon, not both")
      }
      let polygon = try SourcePolygon(path: p)
      inputs.append(p)
      return polygon
    } else if let v = try c.doubles("area_source", "polygon") {
      return try polygon(vertices: v, c, path: path)
    } else {
      throw InputError(file: path, field: "area_source.polygon_file", "the area source needs polygon_file or polygon")
    }
  }

  /// The polygon of the vertices `v` (x1, y1, x2, y2, …) of `[area_source] polygon`, converted
  /// from WGS84 to RD New with `polygon_crs = wgs84`.
  /// - Throws: ``InputError`` at `area_source.polygon` for an odd count, a WGS84 vertex outside
  ///   the Netherlands, or an invalid polygon.
  static func polygon(vertices v: [Double], _ c: ConfigFile, path: String) throws -> SourcePolygon {
    guard v.count % 2 == 0 else {
      throw c.error("area_source", "polygon", "need pairs of coordinates (got \(v.count) numbers)")
    }
    var xs: [Double] = []
    var ys: [Double] = []
    let wgs = try c.string("area_source", "polygon_crs") == "wgs84"
    for i in stride(from: 0, to: v.count, by: 2) {
      if wgs {
        guard RDCoordinates.longitudeRange.contains(v[i]), RDCoordinates.latitudeRange.contains(v[i + 1]) else {
          throw c.error(
            "area_source", "polygon", "vertex \(i / 2 + 1) (\(v[i]), \(v[i + 1])) is outside the Netherlands")
        }
        let p = RDCoordinates.toRD(lon: v[i], lat: v[i + 1])
        xs.append(p.x)
        ys.append(p.y)
      } else {
        xs.append(v[i])
        ys.append(v[i + 1])
      }
    }
    return try SourcePolygon(
      x: xs, y: ys, file: path, field: "area_source.polygon", line: c.entry("area_source", "polygon")!.line)
  }

  /// The area source of `[area_source]` over `polygon`, with the Wells & Coppersmith (1994)
  /// scaling of `models` (appended to `inputs`).
  /// - Throws: ``InputError`` when both or neither of `rate` and `a_value` are given, for a
  ///   strike that is not strike=weight, from the scaling file, or from ``AreaSource``'s checks
  ///   (located at the key).
  static func areaSource(
    _ c: ConfigFile, path: String, polygon: SourcePolygon, models: String, inputs: inout [String]
  ) throws -> AreaSource {
    let activity: AreaSource.Activity
    switch (try c.double("area_source", "rate"), try c.double("area_source", "a_value")) {
    case (let r?, nil): activity = .rateAboveMmin(r)
    case (nil, let a?): activity = .aValue(a)
    case (.some, .some): throw c.error("area_source", "a_value", "give rate or a_value, not both")
    case (nil, nil): throw InputError(file: path, field: "area_source.rate", "the area source needs rate or a_value")
    }
    let strikes = try Self.strikes(c)
    let scalingFile = models + "/rupture-scaling/wells-coppersmith-1994.csv"
    let scaling = try WellsCoppersmith1994(path: scalingFile)
    inputs.append(scalingFile)
    return try AreaSource(
      polygon: polygon, activity: activity, b: try c.double("area_source", "b")!,
      mmin: try c.double("area_source", "mmin")!, mmax: try c.double("area_source", "mmax")!,
      binWidth: try c.double("area_source", "bin_width") ?? 0.1, depthKm: try c.double("area_source", "depth_km")!,
      spacingM: try c.double("area_source", "spacing_m") ?? 1000,
      ruptures: AreaSource.Ruptures(rawValue: try c.string("area_source", "ruptures") ?? "point")!,
      aspectRatio: try c.double("area_source", "aspect_ratio") ?? 1, strikes: strikes, scaling: scaling,
      locate: { c.error("area_source", $0, $1) })
  }

  /// The rupture strikes of `[area_source] strikes` (degrees from north = weight).
  /// - Returns: the strikes and weights as given, or a single strike 0 of weight 1.
  /// - Throws: ``InputError`` at `area_source.strikes` for a pair that is not two finite numbers.
  static func strikes(_ c: ConfigFile) throws -> [(strike: Double, weight: Double)] {
    guard let pairs = try c.pairs("area_source", "strikes") else { return [(0, 1)] }
    var strikes: [(strike: Double, weight: Double)] = []
    for p in pairs {
      guard let s = Double(p.key), s.isFinite, let w = Double(p.value), w.isFinite else {
        throw c.error("area_source", "strikes", "'\(p.key)=\(p.value)' is not strike=weight in degrees and a number")
      }
      strikes.append((s, w))
    }
    return strikes
  }

  /// The intensity measures of `[hazard] imts` (default PGA), each defined by `gmm`.
  /// - Throws: ``InputError`` at `hazard.imts` for an unknown measure or one `gmm` does not define.
  static func intensityMeasures(
    _ c: ConfigFile, path: String, gmm: any GenericGroundMotionModel
  ) throws -> [IntensityMeasure] {
    let imtText = try c.string("hazard", "imts") ?? "PGA"
    let list: [IntensityMeasure]
    do { list = try IntensityMeasure.list(imtText, source: path) } catch let e as InputError {
      throw relocate(e, c, "hazard", "imts")
    }
    for m in list where !gmm.imts.contains(m) {
      throw c.error(
        "hazard", "imts",
        "\(gmm.name) does not define \(m) (it has \(gmm.imts.map(\.description).joined(separator: ", ")))")
    }
    return list
  }

  /// The distance grid of `[hazard] distance_min_km`, `distance_max_km` and `distance_nodes`
  /// (defaults ``GenericHazard/defaultGrid``).
  /// - Throws: ``InputError`` at `hazard.distance_max_km` unless it exceeds the minimum.
  static func distanceGrid(_ c: ConfigFile) throws -> LogDistanceGrid {
    let rMin = try c.double("hazard", "distance_min_km") ?? GenericHazard.defaultGrid.rMin
    let rMax = try c.double("hazard", "distance_max_km") ?? GenericHazard.defaultGrid.rMax
    guard rMax > rMin else { throw c.error("hazard", "distance_max_km", "must exceed distance_min_km (\(rMin) km)") }
    return LogDistanceGrid(
      rMin: rMin, rMax: rMax, count: try c.int("hazard", "distance_nodes") ?? GenericHazard.defaultGrid.count)
  }

  /// The fragility file of `[fragility] file` (appended to `inputs`), if given.
  /// - Throws: ``InputError`` from the file, or at a typology's line (field `imt`) whose
  ///   intensity measure is not among `imts`.
  static func fragility(
    _ c: ConfigFile, imts list: [IntensityMeasure], inputs: inout [String]
  ) throws -> LognormalFragility? {
    guard let f = try c.path("fragility", "file") else { return nil }
    let fr = try LognormalFragility(path: f)
    for t in fr.typologies where !list.contains(t.imt) {
      throw InputError(
        file: f, line: t.line, field: "imt", "typology \(t.name) uses \(t.imt), which [hazard] imts does not compute")
    }
    inputs.append(f)
    return fr
  }

  /// The sites of `[sites]`: the sites file (appended to `inputs`; typologies checked against
  /// `fragility`) or a grid over the polygon's bounding box.
  /// - Throws: ``InputError`` when both or neither are given, from the sites file, at a site's
  ///   line (field `typology`) for a typology not in the fragility file, or from ``gridSites(_:_:polygon:)``.
  static func sites(
    _ c: ConfigFile, path: String, polygon: SourcePolygon, fragility: LognormalFragility?, inputs: inout [String]
  ) throws -> [SitesFile.Entry] {
    if let f = try c.path("sites", "file") {
      guard c.entry("sites", "grid_spacing_m") == nil else {
        throw c.error("sites", "grid_spacing_m", "give file or grid_spacing_m, not both")
      }
      let s = try SitesFile(path: f)
      if let fr = fragility {
        for e in s.entries {
          if let t = e.typology, fr.index(of: t) == nil {
            throw InputError(file: f, line: e.line, field: "typology", "typology '\(t)' is not in \(fr.file)")
          }
        }
      }
      inputs.append(f)
      return s.entries
    } else if let g = try c.doubles("sites", "grid_spacing_m") {
      return try gridSites(g, c, polygon: polygon)
    } else {
      throw InputError(file: path, field: "sites.file", "[sites] needs file or grid_spacing_m")
    }
  }

  /// Sites at the centres of a grid of spacing `g` (dx, or dx and dy) [m] over the polygon's
  /// bounding box, named `g<i>_<j>`, row by row from the south-west corner.
  /// - Throws: ``InputError`` at `sites.grid_spacing_m` unless the grid has 1 to 10⁷ sites.
  static func gridSites(_ g: [Double], _ c: ConfigFile, polygon: SourcePolygon) throws -> [SitesFile.Entry] {
    let dx = g[0]
    let dy = g.count > 1 ? g[1] : g[0]
    let b = polygon.bounds
    let nx = Int(((b.maxX - b.minX) / dx).rounded(.down))
    let ny = Int(((b.maxY - b.minY) / dy).rounded(.down))
    guard nx >= 1, ny >= 1, nx * ny <= 10_000_000 else {
      throw c.error(
        "sites", "grid_spacing_m", "gives a \(nx) × \(ny) grid over the polygon's bounding box (1 to 10⁷ sites)")
    }
    let line = c.entry("sites", "grid_spacing_m")!.line
    var out: [SitesFile.Entry] = []
    out.reserveCapacity(nx * ny)
    for j in 0..<ny {
      for i in 0..<nx {
        out.append(
          SitesFile.Entry(
            id: "g\(i)_\(j)", x: b.minX + (Double(i) + 0.5) * dx, y: b.minY + (Double(j) + 0.5) * dy, typology: nil,
            line: line))
      }
    }
    return out
  }
}
