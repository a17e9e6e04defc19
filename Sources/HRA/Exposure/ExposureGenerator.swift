import Foundation

/// A realistic synthetic exposure database for the Groningen region (the real EDB is not public).
///
/// Building i is drawn from its own ``RandomStream`` keyed by (seed, "EXPO", i), so it is the
/// same whatever the total count (a run of N buildings is a prefix of a run of M > N) and
/// whatever the thread count. For building i:
/// 1. a place is chosen with probability ∝ its weight (`centres.csv`);
/// 2. the location is the place centre plus an isotropic Gaussian offset (σ = the place's
///    spread), rounded to 1 m, resampled until it lies in a zone that is not a lake (after
///    `max_position_attempts` the centre itself is used);
/// 3. the typology mix: a probability template (`mixes.csv`, e.g. 0.7/0.3) and that many
///    distinct typologies drawn from the shares of the place's character (town, village,
///    industrial; `typologies.csv`), the first typology getting the largest probability;
/// 4. the wierde flag with the place's wierde share; the owner type (corporation / other /
///    private; industrial buildings: other); populations from lognormal draws (`generator.csv`).
///
/// Ids are BAG-like: 4-digit CBS municipality code + "10" (object type *pand*) + the
/// 10-digit serial i + 1, so they are unique and 16 digits long.
/// Units: RD New metres, persons. The parameters are illustrative (see `Models/exposure/README.md`).
package enum ExposureGenerator {
  /// One place buildings are drawn around.
  package struct Centre: Sendable, Equatable {
    package let place: String
    /// RD centre (m).
    package let x: Double, y: Double
    /// Relative share of the buildings (any positive scale).
    package let weight: Double
    /// Standard deviation of the Gaussian offset from the centre (m).
    package let spread: Double
    package let municipality: String
    /// 4-digit CBS municipality code (used as the id prefix).
    package let municipalityCode: String
    /// Index into ``Parameters/characters`` (town, village, industrial).
    package let character: Int
    /// Probability that a building is on a dwelling mound.
    package let wierdeShare: Double
  }

  /// The generator's inputs, read from `Models/exposure`.
  package struct Parameters: Sendable {
    package let centres: [Centre]
    /// Typology names, in `typologies.csv` order.
    package let typologies: [String]
    /// Place characters (column suffixes of `typologies.csv`): e.g. town, village, industrial.
    package let characters: [String]
    /// `shares[c][t]`: relative share of typology t for character c.
    package let shares: [[Double]]
    /// Mix templates (probabilities, largest first, summing to 1) and their shares.
    package let mixes: [[Double]]
    package let mixShares: [Double]
    /// Scalar parameters from `generator.csv` by name.
    package let values: [String: Double]

    /// Reads `centres.csv`, `typologies.csv`, `mixes.csv` and `generator.csv` from `directory`.
    /// - Throws: ``InputError`` for a missing file, column or parameter, a non-positive weight
    ///   or spread, a share outside its range, a municipality code that is not 4 digits, an
    ///   unknown character, or a mix whose probabilities do not sum to 1 (± 1e-12).
    package static func load(directory: String) throws -> Parameters {
      let ty = try readTypologies(directory + "/typologies.csv")
      let centres = try readCentres(directory + "/centres.csv", characters: ty.characters)
      let mx = try readMixes(directory + "/mixes.csv", shares: ty.shares)
      let values = try readValues(directory + "/generator.csv")
      return Parameters(
        centres: centres, typologies: ty.typologies, characters: ty.characters, shares: ty.shares,
        mixes: mx.mixes, mixShares: mx.shares, values: values)
    }

    /// Reads `typologies.csv`: a `typology` column and a `share_<character>` column per place
    /// character.
    /// - Returns: the typology names and characters in file order, and `shares[c][t]`.
    /// - Throws: ``InputError`` for no share column, a duplicate typology, a negative share, or a
    ///   character whose shares sum to 0.
    static func readTypologies(_ path: String) throws -> (
      typologies: [String], characters: [String], shares: [[Double]]
    ) {
      let t = try CSVTable(contentsOf: path)
      let characters = t.header.filter { $0.hasPrefix("share_") }.map { String($0.dropFirst(6)) }
      guard !characters.isEmpty else { throw InputError(file: t.file, line: 1, field: "share_*", "no share columns") }
      var typologies: [String] = []
      var shares = [[Double]](repeating: [], count: characters.count)
      for row in t.rows {
        let name = try t.string(row, "typology")
        if typologies.contains(name) { throw t.error(row, "typology", "duplicate typology \(name)") }
        typologies.append(name)
        for (c, ch) in characters.enumerated() {
          let s = try t.double(row, "share_" + ch)
          guard s >= 0 else { throw t.error(row, "share_" + ch, "negative share") }
          shares[c].append(s)
        }
      }
      for (c, ch) in characters.enumerated() where shares[c].reduce(0, +) <= 0 {
        throw InputError(file: t.file, field: "share_" + ch, "shares sum to 0")
      }
      return (typologies, characters, shares)
    }

    /// Reads `centres.csv`: the places buildings are drawn around.
    /// - Returns: the centres in file order.
    /// - Throws: ``InputError`` for a non-positive weight or spread, a municipality code that is
    ///   not 4 digits, a character not in `characters`, a wierde share outside [0, 1], or no centre.
    static func readCentres(_ path: String, characters: [String]) throws -> [Centre] {
      let ct = try CSVTable(contentsOf: path)
      var centres: [Centre] = []
      for row in ct.rows {
        let weight = try ct.double(row, "weight")
        let spread = try ct.double(row, "spread_m")
        guard weight > 0 else { throw ct.error(row, "weight", "weight must be > 0") }
        guard spread > 0 else { throw ct.error(row, "spread_m", "spread must be > 0") }
        let code = try ct.string(row, "municipality_code")
        guard code.count == 4, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else {
          throw ct.error(row, "municipality_code", "expected a 4-digit CBS code, found \"\(code)\"")
        }
        let ch = try ct.string(row, "character")
        guard let c = characters.firstIndex(of: ch) else {
          throw ct.error(row, "character", "unknown character \"\(ch)\" (typologies.csv has \(characters))")
        }
        let w = try ct.double(row, "wierde_share")
        guard w >= 0 && w <= 1 else { throw ct.error(row, "wierde_share", "share outside [0, 1]") }
        centres.append(
          Centre(
            place: try ct.string(row, "place"), x: try ct.double(row, "x"), y: try ct.double(row, "y"),
            weight: weight, spread: spread, municipality: try ct.string(row, "municipality"),
            municipalityCode: code, character: c, wierdeShare: w))
      }
      guard !centres.isEmpty else { throw InputError(file: ct.file, "no centres") }
      return centres
    }

    /// Reads `mixes.csv`: probability templates such as `0.7/0.3` and their shares.
    /// - Returns: the templates (probabilities sorted largest first) and their shares.
    /// - Throws: ``InputError`` for a template that is not 1 to ``Building/maxTypologies``
    ///   probabilities in (0, 1] summing to 1 (± 1e-12), a negative share, shares summing to 0,
    ///   or a template with more typologies than a character of `shares` has.
    static func readMixes(_ path: String, shares: [[Double]]) throws -> (mixes: [[Double]], shares: [Double]) {
      let mt = try CSVTable(contentsOf: path)
      var mixes: [[Double]] = []
      var mixShares: [Double] = []
      for row in mt.rows {
        let text = try mt.string(row, "probabilities")
        let parts = text.split(separator: "/").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.count <= Building.maxTypologies,
          parts.allSatisfy({ $0 != nil && $0! > 0 && $0! <= 1 })
        else {
          throw mt.error(row, "probabilities", "expected probabilities in (0, 1] separated by '/', found \"\(text)\"")
        }
        let p = parts.map { $0! }.sorted(by: >)
        guard abs(p.reduce(0, +) - 1) <= 1e-12 else {
          throw mt.error(row, "probabilities", "probabilities do not sum to 1")
        }
        let s = try mt.double(row, "share")
        guard s >= 0 else { throw mt.error(row, "share", "negative share") }
        mixes.append(p)
        mixShares.append(s)
      }
      guard mixShares.reduce(0, +) > 0 else { throw InputError(file: mt.file, field: "share", "shares sum to 0") }
      guard let maxMix = mixes.map(\.count).max(), shares.allSatisfy({ $0.filter { $0 > 0 }.count >= maxMix }) else {
        throw InputError(file: mt.file, "a mix needs more typologies than a character has")
      }
      return (mixes, mixShares)
    }

    /// Reads `generator.csv`: the scalar parameters by name.
    /// - Returns: every parameter of the file.
    /// - Throws: ``InputError`` for a missing or negative ``requiredValues`` parameter, or owner
    ///   shares summing to more than 1.
    static func readValues(_ path: String) throws -> [String: Double] {
      let gt = try CSVTable(contentsOf: path)
      var values: [String: Double] = [:]
      for row in gt.rows { values[try gt.string(row, "parameter")] = try gt.double(row, "value") }
      for name in requiredValues where values[name] == nil {
        throw InputError(file: gt.file, field: name, "missing parameter")
      }
      for name in requiredValues where values[name]! < 0 {
        throw InputError(file: gt.file, field: name, "negative value")
      }
      guard values["owner_corporation_share"]! + values["owner_other_share"]! <= 1 else {
        throw InputError(file: gt.file, field: "owner_other_share", "owner shares sum to more than 1")
      }
      return values
    }

    /// The scalar parameters `generator.csv` must define.
    package static let requiredValues = [
      "owner_corporation_share", "owner_other_share", "inside_night_mean", "inside_sigma_ln",
      "inside_day_fraction", "industrial_inside_day_mean", "industrial_night_fraction",
      "passers_day_mean", "passers_night_mean", "runners_out_day_per_inside",
      "runners_out_night_per_inside", "max_position_attempts",
    ]

    /// Checks the parameters against a zone map and a typology list.
    /// - Throws: ``InputError`` (file `centres.csv` / `typologies.csv` in `directory`) if a
    ///   place centre lies outside the model domain or a typology is not in `knownTypologies`.
    package func validate(zoneMap: ZoneMap, knownTypologies: Set<String>? = nil, directory: String = "Models/exposure")
      throws
    {
      for (k, c) in centres.enumerated() where !zoneMap.isInDomain(x: c.x, y: c.y) {
        throw InputError(
          file: directory + "/centres.csv", line: k + 2, field: "x",
          "centre of \(c.place) lies outside the model domain (no zone or a lake)")
      }
      if let known = knownTypologies {
        for (k, t) in typologies.enumerated() where !known.contains(t) {
          throw InputError(file: directory + "/typologies.csv", line: k + 2, field: "typology", "unknown typology \(t)")
        }
      }
    }
  }

  /// Generates `count` buildings, deterministic for (count, seed); building i does not depend on `count`.
  ///
  /// Precondition: every place centre lies in a non-lake zone (``Parameters/validate(zoneMap:knownTypologies:directory:)``).
  /// Work is split over threads by index range; the result does not depend on the split.
  package static func generate(count: Int, seed: UInt64, zoneMap: ZoneMap, parameters: Parameters) -> [Building] {
    precondition(count >= 0, "count must be non-negative")
    for c in parameters.centres {
      precondition(zoneMap.isInDomain(x: c.x, y: c.y), "centre of \(c.place) lies outside the model domain")
    }
    precondition(count < 10_000_000_000, "serials have 10 digits")
    let plan = Plan(parameters)
    let chunk = 4096
    let chunks = (count + chunk - 1) / chunk
    let results = ChunkResults(chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      let lo = c * chunk
      let hi = min(count, lo + chunk)
      var part: [Building] = []
      part.reserveCapacity(hi - lo)
      for i in lo..<hi { part.append(plan.building(i, seed: seed, zoneMap: zoneMap)) }
      results.set(c, part)
    }
    return results.joined()
  }

  /// The one building of a generated exposure of `count` buildings with id `id`, generated
  /// alone (building i depends only on (seed, i), and its id ends in the serial i + 1), or `nil`
  /// when no building of that exposure has that id.
  package static func building(
    id: String, count: Int, seed: UInt64, zoneMap: ZoneMap, parameters: Parameters
  ) -> Building? {
    guard id.utf8.count == 16, let serial = Int(id.suffix(10)), serial >= 1, serial <= count else { return nil }
    let b = Plan(parameters).building(serial - 1, seed: seed, zoneMap: zoneMap)
    return b.id == id ? b : nil
  }

  /// Key of the generator's random streams ("EXPO").
  static let streamKey: UInt64 = 0x4558_504F

  /// Cumulative tables for fast sampling.
  struct Plan: Sendable {
    let p: Parameters
    let centreCDF: [Double]
    let typologyCDF: [[Double]]
    let mixCDF: [Double]
    let corp: Double, other: Double
    let insideMean: Double, sigma: Double, dayFraction: Double
    let industrialDay: Double, industrialNight: Double
    let passersDay: Double, passersNight: Double, runnersDay: Double, runnersNight: Double
    let attempts: Int
    let industrial: Int?

    init(_ p: Parameters) {
      self.p = p
      func cdf(_ w: [Double]) -> [Double] {
        let total = w.reduce(0, +)
        var acc = 0.0
        return w.map {
          acc += $0
          return acc / total
        }
      }
      centreCDF = cdf(p.centres.map(\.weight))
      typologyCDF = p.shares.map(cdf)
      mixCDF = cdf(p.mixShares)
      let v = p.values
      corp = v["owner_corporation_share"]!
      other = v["owner_other_share"]!
      insideMean = v["inside_night_mean"]!
      sigma = v["inside_sigma_ln"]!
      dayFraction = v["inside_day_fraction"]!
      industrialDay = v["industrial_inside_day_mean"]!
      industrialNight = v["industrial_night_fraction"]!
      passersDay = v["passers_day_mean"]!
      passersNight = v["passers_night_mean"]!
      runnersDay = v["runners_out_day_per_inside"]!
      runnersNight = v["runners_out_night_per_inside"]!
      attempts = max(1, Int(v["max_position_attempts"]!))
      industrial = p.characters.firstIndex(of: "industrial")
    }

    /// Index of the first entry of `cdf` ≥ u.
    @inline(__always)
    static func pick(_ cdf: [Double], _ u: Double) -> Int {
      var lo = 0
      var hi = cdf.count - 1
      while lo < hi {
        let mid = (lo + hi) / 2
        if cdf[mid] >= u { hi = mid } else { lo = mid + 1 }
      }
      return lo
    }

    /// Rounds to 3 decimals.
    @inline(__always)
    static func r3(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }

    func building(_ i: Int, seed: UInt64, zoneMap: ZoneMap) -> Building {
      var rng = RandomStream(seed: seed, keys: [ExposureGenerator.streamKey, UInt64(i)])
      let centre = p.centres[Plan.pick(centreCDF, rng.uniform())]
      // Location: Gaussian around the centre, 1 m resolution, inside a non-lake zone.
      var x = centre.x.rounded()
      var y = centre.y.rounded()
      var zone = zoneMap.zone(x: x, y: y)!
      for _ in 0..<attempts {
        let tx = (centre.x + centre.spread * rng.normal()).rounded()
        let ty = (centre.y + centre.spread * rng.normal()).rounded()
        if let z = zoneMap.zone(x: tx, y: ty), !zoneMap.lakeZones.contains(z) {
          x = tx
          y = ty
          zone = z
          break
        }
      }
      // Typology mix.
      let mix = p.mixes[Plan.pick(mixCDF, rng.uniform())]
      let cdf = typologyCDF[centre.character]
      var chosen: [Int] = []
      while chosen.count < mix.count {
        let t = Plan.pick(cdf, rng.uniform())
        if !chosen.contains(t) { chosen.append(t) }
      }
      let isIndustrial = centre.character == industrial
      let wierde = rng.uniform() < centre.wierdeShare
      let u = rng.uniform()
      let owner = isIndustrial ? "other" : (u < corp ? "corporation" : (u < corp + other ? "other" : "private"))
      // Populations: lognormal with the given means.
      func lognormal(_ mean: Double) -> Double { mean * Foundation.exp(sigma * rng.normal() - sigma * sigma / 2) }
      let inDay: Double
      let inNight: Double
      if isIndustrial {
        inDay = Plan.r3(lognormal(industrialDay))
        inNight = Plan.r3(inDay * industrialNight)
      } else {
        inNight = Plan.r3(lognormal(insideMean))
        inDay = Plan.r3(inNight * dayFraction)
      }
      let serial = String(i + 1)
      let id = centre.municipalityCode + "10" + String(repeating: "0", count: 10 - serial.count) + serial
      return try! Building(
        id: id, x: x, y: y, mainUse: isIndustrial ? "industriefunctie" : "woonfunctie",
        typologies: chosen.map { p.typologies[$0] }, probabilities: mix, wierde: wierde,
        populationInsideDay: inDay, populationInsideNight: inNight,
        passersDay: Plan.r3(lognormal(passersDay)), passersNight: Plan.r3(lognormal(passersNight)),
        runnersOutDay: Plan.r3(inDay * runnersDay * 1000) / 1000,
        runnersOutNight: Plan.r3(inNight * runnersNight * 1000) / 1000,
        municipality: centre.municipality, place: centre.place, ownerType: owner, zone: zone)
    }
  }

  /// Per-chunk results filled concurrently (each slot written once, by one thread).
  final class ChunkResults: @unchecked Sendable {
    private var parts: [[Building]]
    private let lock = NSLock()
    init(_ n: Int) { parts = Array(repeating: [], count: n) }
    func set(_ k: Int, _ part: [Building]) {
      lock.lock()
      parts[k] = part
      lock.unlock()
    }
    func joined() -> [Building] { parts.flatMap { $0 } }
  }
}
