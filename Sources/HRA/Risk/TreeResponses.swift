/// The responses of a logic-tree run on the intensity grid (``IntensityGrid``): per
/// fragility/consequence pair the structural part w_in·P_in + w_out·P_out (a function of
/// ln AvgSa), per chimney class w_out·P_chimney (of ln PGA; pairs with the same chimney model
/// share one class), and the first intensity node whose response exceeds the floor for some
/// typology and branch (`response_floor`, `Models/risk/numerics.csv`).
struct TreeResponses {
  /// `responseY[fc][j * T + t]`, `responseP[class][j * T + t]`, the class of each pair, first node kept.
  let responseY: [[Double]]
  let responseP: [[Double]]
  let chimneyClass: [Int]
  let jLow: Int

  init(fcms: [[FragilityConsequence]], grid: IntensityGrid, typologies T: Int, floor: Double) {
    let nCons = fcms[0].count
    var responseY: [[Double]] = []
    var chimneyKeys: [[Double]] = []
    var responseP: [[Double]] = []
    var chimneyClass: [Int] = []
    for fc in 0..<(fcms.count * nCons) {
      let m = fcms[fc / nCons][fc % nCons]
      let ry = grid.tabulate(typologies: T) { y, t in
        let d = m.deathStructural(typology: t, lnAvgSa: y)
        return m.weightInside * d.inside + m.weightOutside * d.outside
      }
      let rp = grid.tabulate(typologies: T) { m.weightOutside * m.deathChimney(typology: $1, lnPGA: $0) }
      responseY.append(ry)
      let key = m.lnMedianChimney + m.betaChimney + [m.weightOutside]
      if let c = chimneyKeys.firstIndex(of: key) {
        chimneyClass.append(c)
      } else {
        chimneyKeys.append(key)
        responseP.append(rp)
        chimneyClass.append(responseP.count - 1)
      }
    }
    let J = grid.count
    func above(_ r: [Double], _ j: Int) -> Bool { (0..<T).contains { r[j * T + $0] > floor } }
    var jLow = 0
    while jLow < J - 2 && !(responseY.contains { above($0, jLow) } || responseP.contains { above($0, jLow) }) {
      jLow += 1
    }
    self.responseY = responseY
    self.responseP = responseP
    self.chimneyClass = chimneyClass
    self.jLow = jLow
  }
}
