import Foundation
import HRA

enum ConditionalCommand {
  private static let gmms = GMMVersion.allCases.map(\.rawValue).joined(separator: "|")
  private static let fcms = FCMVersion.allCases.map(\.rawValue).joined(separator: "|")
  static let help = """
    usage: hra conditional --magnitude M --rrup R --zone Z --typology T [--wierde] [--json] [--models DIR]
                           [--gmm \(gmms)] [--fcm \(fcms)] [--config FILE]
                           [--logic-tree central|mean|p50|p90] [--branch SET=BRANCH,...]
    Probability of reaching each collapse state and of death inside/outside, and the per-event
    LPR, for one earthquake at rupture distance R [km] from a building of typology T in
    site-response zone Z (ID_V6), ground-motion variability integrated. M lies from the models'
    Mmin to 7.0, as for 'hra scenario'.
    --logic-tree central (default): the central branches; mean/p50/p90: the weighted mean or
    percentile of each quantity over the 648 ground-motion × fragility × consequence branch
    combinations (median weights at M, eq. 9.8); --branch holds sets (gmm_median, gmm_tau,
    gmm_phi_ss, gmm_s2s, fragility, consequence) at one branch, e.g. gmm_median=Upper: with all
    six held it evaluates one picked combination.
    """

  static func main(_ args: [String]) throws {
    if args.contains("--help") {
      print(help)
      return
    }
    let args = try ConfigOptions.expand(args, command: "conditional")
    let a = try Arguments(
      args, options: ["magnitude", "rrup", "zone", "typology", "models", "gmm", "fcm", "logic-tree", "branch"],
      flags: ["wierde", "json"], command: "conditional")
    guard let m = try a.double("magnitude"), let r = try a.double("rrup"), let z = try a.int("zone"),
      let t = a.string("typology")
    else {
      throw Arguments.UsageError(description: "conditional needs --magnitude, --rrup, --zone and --typology")
    }
    let models = try ModelSet(
      directory: a.string("models") ?? "Models",
      choice: ModelSet.Choice(
        gmm: try a.string("gmm").map { try GMMVersion(parsing: $0) } ?? .v7,
        fcm: try a.string("fcm").map { try FCMVersion(parsing: $0) } ?? .v7))
    try models.validateMagnitude(m)
    let mode = a.string("logic-tree") ?? (a.string("branch") == nil ? "central" : "mean")
    if mode != "central" {
      let stat = try statistic(mode)
      let fixed = try branches(a.string("branch"))
      guard r > 0, m > 0 else { throw Arguments.UsageError(description: "--magnitude and --rrup must be positive") }
      let (q, n) = try ConditionalTree.evaluate(
        models: models, magnitude: m, rrup: r, zone: z, wierde: a.has("wierde"), typology: t, statistic: stat,
        fixed: fixed)
      try printResult(q, a: a, m: m, r: r, z: z, t: t, label: "\(mode) over \(n) branch combinations")
      return
    }
    let risk = models.risk
    guard let zi = risk.motion.amplification.index(ofZone: z) else {
      throw Arguments.UsageError(description: "unknown zone \(z) (no amplification coefficients)")
    }
    guard let ti = risk.fcm.index(of: t) else { throw Arguments.UsageError(description: "unknown typology \(t)") }
    guard r > 0, m > 0 else { throw Arguments.UsageError(description: "--magnitude and --rrup must be positive") }
    let q = ConditionalRisk.evaluate(model: risk, magnitude: m, rrup: r, zoneIndex: zi, wierde: a.has("wierde"))[ti]
    try printResult(q, a: a, m: m, r: r, z: z, t: t, label: "central branches")
  }

  /// `--logic-tree mean|p50|p90` as a statistic.
  static func statistic(_ mode: String) throws -> ConditionalTree.Statistic {
    switch mode {
    case "mean": return .mean
    case "p50": return .percentile(0.5)
    case "p90": return .percentile(0.9)
    default: throw Arguments.UsageError(description: "--logic-tree must be central, mean, p50 or p90")
    }
  }

  /// `--branch SET=BRANCH,...` as a dictionary.
  static func branches(_ spec: String?) throws -> [String: String] {
    var fixed: [String: String] = [:]
    for part in (spec ?? "").split(separator: ",") {
      let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
      guard kv.count == 2 else {
        throw Arguments.UsageError(description: "--branch takes SET=BRANCH pairs separated by commas")
      }
      fixed[kv[0]] = kv[1]
    }
    return fixed
  }

  static func printResult(_ q: ConditionalRisk, a: Arguments, m: Double, r: Double, z: Int, t: String, label: String)
    throws
  {
    if a.has("json") {
      let doc: [String: Double] = [
        "magnitude": m, "rrup_km": r, "zone": Double(z), "p_cs1": q.pCS1, "p_cs2": q.pCS2, "p_cs3": q.pCS3,
        "p_death_inside": q.pDeathInside, "p_death_outside": q.pDeathOutside, "p_death_chimney": q.pDeathChimney,
        "lpr": q.lpr,
      ]
      print(try JSONCoding.encode(doc), terminator: "")
    } else {
      print("M \(m) at R_rup \(r) km, zone \(z)\(a.has("wierde") ? " (wierde)" : ""), typology \(t), \(label)")
      print(String(format: "P(CS1) %.4e\nP(CS2) %.4e\nP(CS3) %.4e", q.pCS1, q.pCS2, q.pCS3))
      print(
        String(
          format: "P(death inside)  %.4e\nP(death outside) %.4e (of which chimneys/gables %.4e)", q.pDeathInside,
          q.pDeathOutside, q.pDeathChimney))
      print(String(format: "LPR for this event = 0.99·inside + 0.01·outside = %.4e", q.lpr))
    }
  }
}
