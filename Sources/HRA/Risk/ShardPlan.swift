/// How a tree run is split into shards: whole site-response zones, balanced by risk sites.
///
/// A zone is the unit of the tree estimator's work (its event-risk tables, its sites'
/// contraction; ``TreeSiteGroups``), and every zone is computed the same way whichever other
/// zones share the run, so a shard of whole zones gives each of its buildings the same values,
/// bit for bit, as the run of all buildings. Zones are assigned largest first (by number of
/// risk sites, then zone index) to the shard with the fewest sites so far (then the lowest
/// shard index): the longest-processing-time rule, within 4/3 of the best balance. The plan
/// depends only on the full exposure's sites and the shard count, so every shard computes the
/// same plan independently.
package struct ShardPlan: Sendable, Equatable {
  /// The shard count.
  package let count: Int
  /// Per shard, its zone indices (into the amplification table), ascending.
  package let zones: [[Int]]
  /// Per shard, its number of risk sites.
  package let sites: [Int]

  /// The plan of `count` shards over `sites` (the risk sites of the whole exposure).
  /// - Precondition: `count >= 1`.
  package init(sites: RiskSites, count: Int) {
    precondition(count >= 1)
    var perZone: [Int: Int] = [:]
    for z in sites.siteZone { perZone[z, default: 0] += 1 }
    let order = perZone.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }
    var zones = [[Int]](repeating: [], count: count)
    var load = [Int](repeating: 0, count: count)
    for (z, n) in order {
      let k = load.indices.min { (load[$0], $0) < (load[$1], $1) }!
      zones[k].append(z)
      load[k] += n
    }
    self.count = count
    self.zones = zones.map { $0.sorted() }
    self.sites = load
  }

  /// The buildings (indices into the exposure, ascending) of shard `shard`: those whose site
  /// lies in one of its zones. `sites` are the sites the plan was made from.
  package func buildings(of shard: Int, sites: RiskSites) -> [Int] {
    let mine = Set(zones[shard])
    return sites.siteOfLocation.indices.filter { mine.contains(sites.siteZone[sites.siteOfLocation[$0]]) }
  }
}
