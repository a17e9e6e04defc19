import Foundation
import Testing

@testable import HRA

@Suite struct SeismicityModelTests {
  let model = SeismicityFixtures.model
  let central = SourceBranch(rateModel: "elastic_plastic", bModel: "linear_stress", mmax: 4.5)

  @Test func fieldsAreNormalisedAndNonNegative() {
    let n = Double(model.grid.count)
    #expect(close(model.faultFactor.reduce(0, +) / n, 1, rel: Tolerance.algebra))
    #expect(close(model.depletionWeight.reduce(0, +) / n, 1, rel: Tolerance.algebra))
    #expect(model.faultFactor.allSatisfy { $0 >= 0 })
    #expect(model.thickness.allSatisfy { (100...300).contains($0) })
    for name in SourceBranch.rateModels {
      #expect(model.rateBranches[name]!.stress.factor.allSatisfy { $0 >= 0 })
      #expect(model.coulombStress(path: SeismicityFixtures.actual, at: 2018, rateModel: name).allSatisfy { $0 >= 0 })
    }
  }

  @Test func ratesAreNonNegativeAndConsistent() {
    let years = Array(2019...2030)
    for rm in SourceBranch.rateModels {
      for bm in SourceBranch.bModels {
        let r = model.eventRates(
          path: SeismicityFixtures.actual, gasYears: years, branch: SourceBranch(rateModel: rm, bModel: bm, mmax: 5.0))
        #expect(r.rates.count == years.count * model.grid.count * 51)
        #expect(r.rates.allSatisfy { $0 >= 0 && $0.isFinite })
        for yi in [0, 5] {
          let total = r.totalRate(yearIndex: yi)
          let binned = r.rates[(yi * r.cellCount * 51)..<((yi + 1) * r.cellCount * 51)].reduce(0, +)
          #expect(close(binned, total, rel: 1e-10))
          #expect(close(r.expectedCount(atLeast: 1.45, yearIndex: yi), total, rel: 1e-10))
          #expect(r.probabilityOfAtLeast(magnitude: 5.0, yearIndex: yi) == 0)
        }
      }
    }
  }

  @Test func zeroProductionGivesZeroRate() throws {
    let p = try ProductionPath(
      name: "none", intervals: [ProductionPath.Interval(start: 1963, end: 2040, volumeBcm: 0, label: "none")!])
    let r = model.eventRates(path: p, gasYears: [2019, 2020], branch: central)
    #expect(r.rates.allSatisfy { $0 == 0 })
  }

  @Test func seismicityDecaysAfterProductionStops() {
    // phase-out-actual: nothing produced from gas year 2023/24 on.
    let years = Array(2023...2035)
    let r = model.eventRates(path: SeismicityFixtures.actual, gasYears: years, branch: central)
    let totals = years.indices.map { r.totalRate(yearIndex: $0) }
    #expect(totals[0] > 0.5 && totals[3] > 0.1, "\(String(describing: totals))")
    for i in 1..<totals.count { #expect(totals[i] < totals[i - 1]) }
    // Elastic branch: almost nothing after a few years.
    let e = model.eventRates(
      path: SeismicityFixtures.actual, gasYears: [2026],
      branch: SourceBranch(rateModel: "elastic", bModel: "linear_stress", mmax: 4.5))
    #expect(e.totalRate(yearIndex: 0) < 1e-3)
  }

  @Test func moreProductionMoreEvents() {
    let high = model.eventRates(path: SeismicityFixtures.path("no-phase-out-12bcm"), gasYears: [2022], branch: central)
      .totalRate(yearIndex: 0)
    let cold = model.eventRates(path: SeismicityFixtures.path("cold-year-2021"), gasYears: [2022], branch: central)
      .totalRate(yearIndex: 0)
    let low = model.eventRates(path: SeismicityFixtures.actual, gasYears: [2022], branch: central).totalRate(
      yearIndex: 0)
    #expect(high > cold && cold > low)
  }

  @Test func eventRatesIsFast() {
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      _ = model.eventRates(path: SeismicityFixtures.actual, gasYears: Array(2019...2030), branch: central)
    }
    // ≪ 1 s in release; debug builds are ~10× slower.
    #expect(elapsed < .seconds(5))
  }

  @Test func missingCalibrationIsAnInputError() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hra-seis-missing-\(getpid())").path
    try? FileManager.default.removeItem(atPath: dir)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for f in ["parameters.csv", "rate-branches.csv", "field-outline-rd.csv", "faults-rd-km.csv"] {
      try FileManager.default.copyItem(atPath: SeismicityFixtures.models + "/seismicity/" + f, toPath: dir + "/" + f)
    }
    #expect(throws: InputError.self) { try SeismicityModel.load(directory: dir) }
  }
}
