/// One combination of logic-tree branches: the source model branch, the ground-motion branch
/// and the fragility and consequence branches.
public struct BranchCombination: Sendable, Codable, Equatable {
  public var rateModel: String
  public var bModel: String
  public var mmax: Double
  public var gmm: GMMBranch
  public var fragility: String
  public var consequence: String

  public var source: SourceBranch { SourceBranch(rateModel: rateModel, bModel: bModel, mmax: mmax) }

  /// Reads `set,branch` rows (file `Models/logic-tree/central-branches.csv`).
  public static func load(path: String) throws -> BranchCombination {
    let t = try CSVTable(contentsOf: path)
    var v: [String: (String, CSVTable.Row)] = [:]
    for r in t.rows {
      let s = try t.string(r, "set")
      if v[s] != nil { throw t.error(r, "set", "branch set '\(s)' given twice") }
      v[s] = (try t.string(r, "branch"), r)
    }
    func get(_ s: String) throws -> (String, CSVTable.Row) {
      guard let x = v[s] else { throw InputError(file: path, field: "set", "missing branch set '\(s)'") }
      return x
    }
    func pick(_ s: String, _ names: [String]) throws -> Int {
      let (b, r) = try get(s)
      guard let i = names.firstIndex(of: b) else { throw t.error(r, "branch", "unknown \(s) branch '\(b)' (expected one of \(names.joined(separator: ", ")))") }
      return i
    }
    let (mm, mr) = try get("mmax")
    guard let mmax = Double(mm), mmax > 1.45 else { throw t.error(mr, "branch", "Mmax must be a number above 1.45") }
    let rate = try SourceBranch.rateModels[pick("rate_model", SourceBranch.rateModels)]
    let bm = try SourceBranch.bModels[pick("b_model", SourceBranch.bModels)]
    let s2sNames = ["Lower", "Central", "Upper"]
    let eps = [-1.645, 0.0, 1.645][try pick("gmm_s2s", s2sNames)]
    let gmm = GMMBranch(
      median: try pick("gmm_median", GMMBranch.medianNames), tau: try pick("gmm_tau", GMMBranch.tauNames),
      phi: try pick("gmm_phi_ss", GMMBranch.phiNames), s2sEpsilon: eps)
    let fc = ["Lower", "Middle", "Upper"]
    return BranchCombination(
      rateModel: rate, bModel: bm, mmax: mmax, gmm: gmm, fragility: fc[try pick("fragility", fc)],
      consequence: fc[try pick("consequence", fc)])
  }
}
