/// One building's line in the ranked opname queue of an ijkmoment (seed 003 §3.2).
///
/// The LPR figures are those of the ijkmoment year (the first gas year counted); `yearsAbove`
/// counts the gas years from the ijkmoment year to the end of the results with P90 > norm.
public struct QueueEntry: Sendable, Equatable, Codable {
  /// 1-based rank in the queue.
  public var rank: Int
  public var id: String
  /// Category in the ijkmoment year.
  public var category: RiskCategory
  /// The rule that placed the building.
  public var reason: ReasonCode
  public var mean: Double
  public var p50: Double
  public var p90: Double
  public var yearsAbove: Int
  public var municipality: String
  public var place: String
  public var ownerType: String
  /// The building's position, RD New metres (EPSG:28992), when the results give it.
  public var x: Double?
  public var y: Double?
  public var batch: BuildingStatus.Batch?
  public var addedBy: BuildingStatus.AddedBy?
  /// The ijkmoment year the building (last) entered the scope.
  public var entryYear: Int
  public var samenloop: Bool
  /// Whether the building was specially added (§3.6), whatever rule places it now.
  public var specialAddition: Bool
  /// Whether the building came back after an inspection or release (see ``Ijkmoment``).
  public var reentry: Bool

  public init(
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
  public var flags: String {
    [(samenloop, "samenloop"), (specialAddition, "special_addition"), (reentry, "reentry")].filter(\.0).map(\.1).joined(
      separator: ";")
  }
}
