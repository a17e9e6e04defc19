import Foundation

/// The places where a hazard run computes curves, each with its site-response zone and wierde
/// flag, grouped onto distance nodes (``RiskSites``).
///
/// - `buildings`: the risk sites of the exposure (distance node × zone × wierde: the sites the
///   LPR is computed on; a node is the 1 km exposure grid point, `exposure_grid_spacing`);
/// - `nodes`: the exposure's distance nodes, with the zone at the node (or, where the node
///   lies outside the zonation, the zone of its first site), no wierde;
/// - `grid:S`: a square grid of spacing S [m] over the zonation's bounding box, at points in a
///   zone with amplification coefficients (lakes excluded), no wierde;
/// - a sites file (``SitesFile``: `id,x,y` RD New or `id,lon,lat` WGS84), no wierde; a site
///   outside the model domain is an error (surface hazard needs its zone).
package struct HazardSites: Sendable {
  package enum Choice: Sendable, Codable, Equatable {
    case buildings, nodes
    case grid(Double)
    case file(String)

    /// Parses `buildings`, `nodes`, `grid:1000` or a file path.
    package init(parsing s: String, source: String) throws {
      switch s {
      case "buildings": self = .buildings
      case "nodes": self = .nodes
      default:
        if s.hasPrefix("grid:") {
          guard let v = Double(s.dropFirst(5)), v.isFinite, v >= 50, v <= 100_000 else {
            throw InputError(file: source, field: "sites", "grid:S needs a spacing S in 50…100000 m (got '\(s)')")
          }
          self = .grid(v)
        } else {
          guard !s.isEmpty else { throw InputError(file: source, field: "sites", "empty sites choice") }
          self = .file(s)
        }
      }
    }

    package var description: String {
      switch self {
      case .buildings: return "buildings"
      case .nodes: return "nodes"
      case .grid(let s): return "grid:\(ConfigFile.format(s))"
      case .file(let f): return f
      }
    }
  }

  package let ids: [String]
  package let x: [Double]
  package let y: [Double]
  /// Zone ids (as in the zonation) and wierde flags per site.
  package let zones: [Int]
  package let wierde: [Bool]
  /// The same sites grouped on distance nodes (site i of this list is site i there).
  package let risk: RiskSites

  package var count: Int { ids.count }

  /// Sites at given points (each its own distance node).
  package init(ids: [String], x: [Double], y: [Double], zones: [Int], wierde: [Bool], models: ModelSet) throws {
    let af = models.risk.motion.amplification
    let zi = try zones.enumerated().map { i, z -> Int in
      guard let k = af.index(ofZone: z) else {
        throw InputError(
          file: "sites", field: ids[i],
          "zone \(z) has no amplification coefficients in GMM \(models.choice.gmm.rawValue)")
      }
      return k
    }
    self.ids = ids
    self.x = x
    self.y = y
    self.zones = zones
    self.wierde = wierde
    risk = RiskSites(nodeX: x, nodeY: y, zoneIndex: zi, wierde: wierde)
  }

  /// The risk sites of an exposure (`buildings`).
  package init(risk sites: RiskSites, models: ModelSet) {
    let af = models.risk.motion.amplification
    ids = (0..<sites.siteCount).map { "s\($0 + 1)" }
    x = sites.siteNode.map { sites.nodeX[$0] }
    y = sites.siteNode.map { sites.nodeY[$0] }
    zones = sites.siteZone.map { af.zones[$0] }
    wierde = sites.siteWierde
    risk = sites
  }

  /// Builds the sites of a choice. `exposure` gives the risk sites (`buildings`, `nodes`).
  package static func make(_ choice: Choice, models: ModelSet, exposure: () throws -> ExposureDatabase) throws
    -> HazardSites
  {
    let af = models.risk.motion.amplification
    switch choice {
    case .buildings:
      return HazardSites(risk: try models.sites(for: exposure()).0, models: models)
    case .nodes:
      let r = try models.sites(for: exposure()).0
      var ids: [String] = []
      var zs: [Int] = []
      for n in 0..<r.nodeCount {
        let z = models.zoneMap.zone(x: r.nodeX[n], y: r.nodeY[n]).flatMap { af.index(ofZone: $0) != nil ? $0 : nil }
        ids.append("n\(n + 1)")
        zs.append(z ?? af.zones[r.siteZone[r.nodeSiteStart[n]]])
      }
      return try HazardSites(
        ids: ids, x: r.nodeX, y: r.nodeY, zones: zs, wierde: Array(repeating: false, count: ids.count), models: models)
    case .grid(let s):
      let m = models.zoneMap
      var ids: [String] = []
      var xs: [Double] = []
      var ys: [Double] = []
      var zs: [Int] = []
      var yv = (m.minY / s).rounded(.up) * s
      while yv <= m.maxY {
        var xv = (m.minX / s).rounded(.up) * s
        while xv <= m.maxX {
          if let z = m.zone(x: xv, y: yv), !m.lakeZones.contains(z), af.index(ofZone: z) != nil {
            ids.append("g\(ids.count + 1)")
            xs.append(xv)
            ys.append(yv)
            zs.append(z)
          }
          xv += s
        }
        yv += s
      }
      return try HazardSites(
        ids: ids, x: xs, y: ys, zones: zs, wierde: Array(repeating: false, count: ids.count), models: models)
    case .file(let path):
      let f = try SitesFile(path: path)
      var zs: [Int] = []
      for e in f.entries {
        guard let z = models.zoneMap.zone(x: e.x, y: e.y), !models.zoneMap.lakeZones.contains(z),
          af.index(ofZone: z) != nil
        else {
          throw InputError(
            file: path, line: e.line, field: "x",
            "site \(e.id) at RD (\(Int(e.x)), \(Int(e.y))) lies outside the site-response zonation (or in a lake): the surface hazard needs its zone"
          )
        }
        zs.append(z)
      }
      return try HazardSites(
        ids: f.entries.map(\.id), x: f.entries.map(\.x), y: f.entries.map(\.y), zones: zs,
        wierde: Array(repeating: false, count: f.entries.count), models: models)
    }
  }
}
