import Foundation

/// The places where risk is computed: exposure grid nodes, and per node the distinct
/// (zone, wierde) site conditions of the buildings snapped to it.
///
/// Buildings are snapped to the nearest node of a square grid (spacing g, default 500 m;
/// TNO's chain uses a 1 km grid) for the source–site distance; each keeps its own zone and
/// wierde flag. All buildings of one site share the per-typology LPR; a building's LPR is
/// the mix-weighted sum over its typologies.
package struct RiskSites: Sendable {
  /// Node coordinates [RD m].
  package let nodeX: [Double]
  package let nodeY: [Double]
  /// Per site: its node, zone index (into the amplification table) and wierde flag.
  package let siteNode: [Int]
  package let siteZone: [Int]
  package let siteWierde: [Bool]
  /// Sites of node n: `nodeSites[nodeSiteStart[n]..<nodeSiteStart[n+1]]`.
  package let nodeSiteStart: [Int]
  /// Site of every input location (building).
  package let siteOfLocation: [Int]

  package var nodeCount: Int { nodeX.count }
  package var siteCount: Int { siteNode.count }

  /// One node per site, in the given order (hazard at chosen points: site i is node i).
  package init(nodeX: [Double], nodeY: [Double], zoneIndex: [Int], wierde: [Bool]) {
    self.nodeX = nodeX
    self.nodeY = nodeY
    siteNode = Array(nodeX.indices)
    siteZone = zoneIndex
    siteWierde = wierde
    nodeSiteStart = Array(0...nodeX.count)
    siteOfLocation = Array(nodeX.indices)
  }

  /// Groups locations into nodes and sites. Deterministic: nodes and sites are numbered
  /// in order of first appearance after sorting by (node y, node x, zone, wierde).
  package init(x: [Double], y: [Double], zoneIndex: [Int], wierde: [Bool], spacing: Double) {
    precondition(spacing > 0)
    struct Key: Hashable, Comparable {
      var iy: Int, ix: Int, z: Int, w: Int
      static func < (a: Key, b: Key) -> Bool { (a.iy, a.ix, a.z, a.w) < (b.iy, b.ix, b.z, b.w) }
    }
    let keys = (0..<x.count).map { i in
      Key(
        iy: Int((y[i] / spacing).rounded()), ix: Int((x[i] / spacing).rounded()), z: zoneIndex[i], w: wierde[i] ? 1 : 0)
    }
    let unique = Array(Set(keys)).sorted()
    var siteIndex: [Key: Int] = [:]
    var nx: [Double] = []
    var ny: [Double] = []
    var sn: [Int] = []
    var sz: [Int] = []
    var sw: [Bool] = []
    var start: [Int] = []
    var lastNode: (Int, Int)? = nil
    for (s, k) in unique.enumerated() {
      if lastNode == nil || lastNode! != (k.iy, k.ix) {
        lastNode = (k.iy, k.ix)
        nx.append(Double(k.ix) * spacing)
        ny.append(Double(k.iy) * spacing)
        start.append(s)
      }
      siteIndex[k] = s
      sn.append(nx.count - 1)
      sz.append(k.z)
      sw.append(k.w == 1)
    }
    start.append(unique.count)
    nodeX = nx
    nodeY = ny
    siteNode = sn
    siteZone = sz
    siteWierde = sw
    nodeSiteStart = start
    siteOfLocation = keys.map { siteIndex[$0]! }
  }
}
