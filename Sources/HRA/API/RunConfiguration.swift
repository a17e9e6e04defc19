/// Everything that defines an LPR run; recorded in the manifest.
public struct RunConfiguration: Sendable, Codable {
  /// The estimator of the expected annual LPR.
  public enum Estimator: String, Sendable, Codable { case integrated, montecarlo }

  /// The `Models/` folder.
  public var models: String = "Models"
  /// An EDB-layout exposure file; nil = the synthetic exposure generated from `Models/exposure`.
  public var exposure: String? = nil
  /// Size and seed of the generated exposure (when `exposure` is nil).
  public var exposureBuildings: Int = 150_000
  public var exposureSeed: UInt64 = 2024
  /// Production scenario file name in `Models/production/` (without `.csv`) or a path.
  public var production: String = "phase-out-actual"
  /// Gas years (2019 = 2019/20) of the run, inclusive.
  public var firstGasYear: Int = 2019
  public var lastGasYear: Int = 2030
  public var estimator: Estimator = .integrated
  /// How the epistemic logic tree is treated.
  public enum TreeMode: String, Sendable, Codable { case sample, enumerate, central }
  public var logicTree: TreeMode = .central
  /// Branch combinations sampled from the logic tree (mode `sample`).
  public var logicTreeSamples: Int = 200
  /// Branch sets held fixed (set name → branch label), e.g. ["mmax": "4.5"].
  public var fixedBranches: [String: String] = [:]
  /// The two percentiles of the lists, in (0, 100).
  public var percentiles: [Double] = [50, 90]
  /// Synthetic catalogues per gas year (Monte Carlo estimator).
  public var catalogues: Int = 2_000
  public var seed: UInt64 = 20_190_401
  public var threads: Int = 2
  /// The norm [1/yr] reported in the summary.
  public var norm: Double = 1e-5
  /// The output folder (written atomically).
  public var output: String = "out/run"

  public init() {}

  public var gasYears: [Int] { Array(firstGasYear...lastGasYear) }
}
