/// How the buildings of a logic-tree run group onto risk sites and site-response zones: per
/// site its buildings and the typologies present, per zone its sites and the typologies per
/// wierde flag (sorted), so that each zone's event-risk tables cover only what is there.
struct TreeSiteGroups {
  /// Buildings per site (exposure order) and typologies per site (first-seen order).
  let siteBuildings: [[Int]]
  let siteTypologies: [[Int]]
  /// Zones with buildings, ascending, and their sites.
  let zones: [Int]
  let zoneSites: [Int: [Int]]
  /// Per zone (index into `zones`) and wierde flag: the typologies present, ascending.
  let zoneTypologies: [[Bool: [Int]]]

  init(sites: RiskSites, mixes: [MonteCarloEstimator.Mix]) {
    var siteBuildings = [[Int]](repeating: [], count: sites.siteCount)
    var siteTypologies = [[Int]](repeating: [], count: sites.siteCount)
    for (b, mix) in mixes.enumerated() {
      siteBuildings[mix.site].append(b)
      for t in mix.typologies where !siteTypologies[mix.site].contains(t) { siteTypologies[mix.site].append(t) }
    }
    var zoneSites: [Int: [Int]] = [:]
    for s in 0..<sites.siteCount where !siteBuildings[s].isEmpty { zoneSites[sites.siteZone[s], default: []].append(s) }
    let zones = zoneSites.keys.sorted()
    var zoneTypologies = [[Bool: [Int]]](repeating: [:], count: zones.count)
    for (zi, z) in zones.enumerated() {
      for s in zoneSites[z]! {
        for t in siteTypologies[s] where !(zoneTypologies[zi][sites.siteWierde[s]] ?? []).contains(t) {
          zoneTypologies[zi][sites.siteWierde[s], default: []].append(t)
        }
      }
      for k in zoneTypologies[zi].keys { zoneTypologies[zi][k]!.sort() }
    }
    self.siteBuildings = siteBuildings
    self.siteTypologies = siteTypologies
    self.zones = zones
    self.zoneSites = zoneSites
    self.zoneTypologies = zoneTypologies
  }
}
