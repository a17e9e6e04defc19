/// One building's line in the ranked opname queue of an ijkmoment (seed 003 §3.2).
///
/// The LPR figures are those of the ijkmoment year (the first gas year counted); `yearsAbove`
/// counts the gas years from the ijkmoment year to the end of the results with P90 > norm.
package struct QueueEntry: Sendable, Equatable, Codable {
  /// 1-based rank in the queue.
  package var rank: Int
  package var id: String
  /// Category in the ijkmoment year.
  package var category: RiskCategory
  /// The rule that placed the building.
  package var reason: ReasonCode
  package var mean: Double
  package var p50: Double
  package var p90: Double
  package var yearsAbove: Int
  package var municipality: String
  package var place: String
  package var ownerType: String
  /// The building's position, RD New metres (EPSG:28992), when the results give it.
  package var x: Double?
  package var y: Double?
  package var batch: BuildingStatus.Batch?
  package var addedBy: BuildingStatus.AddedBy?
  /// The ijkmoment year the building (last) entered the scope.
  package var entryYear: Int
  package var samenloop: Bool
  /// Whether the building was specially added (§3.6), whatever rule places it now.
  package var specialAddition: Bool
  /// Whether the building came back after an inspection or release (see ``Ijkmoment``).
  package var reentry: Bool

  package init(
    rank: Int, id: String, category: RiskCategory, reason: ReasonCode, mean: Double, p50: Double, p90: Double,
    yearsAbove: Int,
    municipality: String, place: String = "", ownerType: String = "", x: Double? = nil, y: Double? = nil,
    batch: BuildingStatus.Batch? = nil,
    addedBy: BuildingStatus.AddedBy? = nil, entryYear: Int, samenloop: Bool = false, specialAddition: Bool = false,
    reentry: Bool = false
  ) {
    self.rank = rank
    self.id = id
    self.category = category
    self.reason = reason
    self.mean = mean
    self.p50 = p50
    self.p90 = p90
    self.yearsAbove = yearsAbove
    self.municipality = municipality
    self.place = place
    self.ownerType = ownerType
    self.x = x
    self.y = y
    self.batch = batch
    self.addedBy = addedBy
    self.entryYear = entryYear
    self.samenloop = samenloop
    self.specialAddition = specialAddition
    self.reentry = reentry
  }

  /// The flags as written in the CSV: `samenloop;special_addition;reentry` (those that are set).
  package var flags: String {
    [(samenloop, "samenloop"), (specialAddition, "special_addition"), (reentry, "reentry")].filter(\.0).map(\.1).joined(
      separator: ";")
  }
}
