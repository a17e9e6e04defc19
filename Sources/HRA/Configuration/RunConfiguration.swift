/// Everything that defines an LPR run; recorded in the manifest.
package struct RunConfiguration: Sendable, Codable {
  /// The estimator of the expected annual LPR.
  package enum Estimator: String, Sendable, Codable { case integrated, montecarlo }

  /// The `Models/` folder.
  package var models: String = "Models"
  /// An EDB-layout exposure file; nil = the synthetic exposure generated from `Models/exposure`.
  package var exposure: String? = nil
  /// Size and seed of the generated exposure (when `exposure` is nil).
  package var exposureBuildings: Int = 150_000
  package var exposureSeed: UInt64 = 2024
  /// Production scenario file name in `Models/production/` (without `.csv`) or a path.
  package var production: String = "phase-out-actual"
  /// The ground-motion model version (with its site response and branch sets).
  package var gmm: GMMVersion = .v7
  /// The fragility/consequence model version.
  package var fcm: FCMVersion = .v7
  /// A gridded seismicity forecast (CSV, ``GriddedForecast``) replacing the built-in
  /// production-driven model; `production` is then not used.
  package var forecast: String? = nil
  /// Mmax weights of a forecast run (nil: `Models/logic-tree/source-branches.csv`).
  package var mmaxWeights: [MmaxWeight]? = nil
  package struct MmaxWeight: Sendable, Codable, Equatable {
    package var mmax: Double
    package var weight: Double
    package init(mmax: Double, weight: Double) {
      self.mmax = mmax
      self.weight = weight
    }
  }
  /// Exposure points outside every zone but within this distance [m] of one get that zone
  /// (0: strict); every snapped building is listed in the log and the manifest.
  package var snapDistance: Double = 0
  /// Gas years (2019 = 2019/20) of the run, inclusive.
  package var firstGasYear: Int = 2019
  package var lastGasYear: Int = 2030
  package var estimator: Estimator = .integrated
  /// How the epistemic logic tree is treated.
  package enum TreeMode: String, Sendable, Codable { case sample, enumerate, central }
  package var logicTree: TreeMode = .central
  /// Branch combinations sampled from the logic tree (mode `sample`).
  package var logicTreeSamples: Int = CommandDefaults.librarySamples
  /// Branch sets held fixed (set name → branch label), e.g. ["mmax": "4.5"].
  package var fixedBranches: [String: String] = [:]
  /// The two percentiles of the lists, in (0, 100).
  package var percentiles: [Double] = [50, 90]
  /// Synthetic catalogues per gas year (Monte Carlo estimator).
  package var catalogues: Int = 2_000
  package var seed: UInt64 = 20_190_401
  package var threads: Int = 2
  /// The norm [1/yr] reported in the summary.
  package var norm: Double = 1e-5
  /// The output folder (written atomically; see ``OutputTarget``).
  package var output: String = "out/run"
  /// Write into an existing folder that is not a complete output of hra, replacing only
  /// hra's own files (``OutputTarget``).
  package var overwrite: Bool = false
  /// Tree runs: compute the buildings in this many parts (whole zones, ``ShardPlan``), one
  /// after the other, each written beside the output folder as soon as it is done, so that
  /// `hra run --resume` goes on after a kill (``ShardedRun``); nil or 1: in one pass.
  package var checkpoints: Int? = nil
  /// Tree runs: add the field maximum of the mean 475-year PGA per gas year to the summary
  /// (`--hazard-summary on|off`; default on).
  package var hazardSummary: Bool = true
  /// Tree runs: also compute group risk (``GroupRiskRun``, default settings of
  /// `Models/group-risk/parameters.csv`) on the same exposure and tree, into `group-risk/`
  /// of the output folder (`--group-risk on|off`; default off).
  package var groupRisk: Bool = false

  package init() {}

  package var gasYears: [Int] { Array(firstGasYear...lastGasYear) }

  /// The model parts this configuration chooses.
  package var choice: ModelSet.Choice {
    var w: [Double: Double]? = nil
    if let m = mmaxWeights { w = Dictionary(m.map { ($0.mmax, $0.weight) }, uniquingKeysWith: { a, _ in a }) }
    return ModelSet.Choice(gmm: gmm, fcm: fcm, forecast: forecast, mmaxWeights: w)
  }

  /// Parses the two list percentiles, e.g. `50,90`: exactly two numbers, ascending, in (0, 100).
  /// Every element must be a number: `50,abc,90` is an error, never read as `50,90`.
  /// - Parameter source: where the text came from (an option or a file:key), for the error.
  package static func percentiles(_ text: String, source: String) throws -> [Double] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    var v: [Double] = []
    for p in parts {
      guard let x = Double(p), x.isFinite else {
        throw InputError(
          file: source, field: "percentiles", "'\(p)' in '\(text)' is not a number (give two percentiles, e.g. 50,90)")
      }
      v.append(x)
    }
    guard v.count == 2, v.allSatisfy({ $0 > 0 && $0 < 100 }), v[0] < v[1] else {
      throw InputError(
        file: source, field: "percentiles", "need two ascending percentiles in (0, 100), e.g. 50,90 (got '\(text)')")
    }
    return v
  }

  /// The files and folders the run reads: an output folder that contains one is refused.
  package var inputs: [String] {
    [models, exposure ?? "", production.hasSuffix(".csv") ? production : "", forecast ?? ""].filter { !$0.isEmpty }
  }

  /// Checks and locks the output folder (before any computation).
  package func outputTarget() throws -> OutputTarget {
    try OutputTarget(output, overwrite: overwrite, inputs: inputs)
  }
}
