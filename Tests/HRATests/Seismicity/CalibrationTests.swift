import Foundation
import Testing

@testable import HRA

@Suite struct CalibrationTests {
  static let report: CalibrationReport = try! Calibration.run(
    modelDirectory: SeismicityFixtures.models + "/seismicity",
    catalogue: SeismicityFixtures.models + "/catalogue/catalogue-1991-2022.csv",
    historicProduction: SeismicityFixtures.actual)

  @Test func usesTheDocumentedEventSelection() {
    let r = Self.report
    // 344 events ML ≥ 1.45 from 1995 to Feb 2022; one is attributed to Annerveen.
    #expect(r.branches.allSatisfy { $0.eventCount + r.excludedOutsideGrid + r.excludedOtherField == 344 })
    #expect(r.branches.allSatisfy { $0.observed.reduce(0, +) == $0.eventCount })
  }

  @Test func yearlyCountsWithinPoissonScatter() {
    for b in Self.report.branches {
      for (j, z) in b.zScores.enumerated() {
        #expect(
          abs(z) <= 4,
          "\(String(describing: b.name)) bin \(String(describing: j)): observed \(String(describing: b.observed[j])) predicted \(String(describing: b.predicted[j]))"
        )
      }
      // Dispersion index Σ (n − N)²/N / (bins − 2). A pure Poisson fit gives ≈ 1; the catalogue is
      // over-dispersed (clustered events; a smooth, field-average time function), the fitted
      // branches give ≈ 1.4 (elastic) and ≈ 2.6 (elastic_plastic). The bound 3 catches a broken fit
      // (wrong time bins or stress history give dispersion ≫ 3), not the model's known misfit.
      let chi2 = b.zScores.reduce(0) { $0 + $1 * $1 }
      let dispersion = chi2 / Double(b.observed.count - 2)
      #expect(dispersion < 3, "\(String(describing: b.name)) dispersion \(String(describing: dispersion))")
      #expect(close(b.predicted.reduce(0, +), Double(b.eventCount), rel: 1e-9))
    }
  }

  @Test func committedCalibrationMatchesARerun() throws {
    for b in Self.report.branches {
      let c = try ParameterFile(contentsOf: SeismicityFixtures.models + "/seismicity/calibration-\(b.name).csv")
      #expect(close(try c.double("theta1"), b.theta1, rel: 1e-6))
      #expect(close(try c.double("theta0"), b.theta0, rel: 1e-6))
      #expect(close(try c.double("log_likelihood"), b.logLikelihood, rel: 1e-9))
    }
  }

  @Test func writesAllFiles() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hra-calibration-\(getpid())").path
    try Self.report.write(to: dir)
    for b in Self.report.branches {
      for f in ["calibration-\(b.name).csv", "calibration-\(b.name)-yearly.csv", "bvalue-\(b.name).csv"] {
        #expect(FileManager.default.fileExists(atPath: dir + "/" + f))
      }
      let yearly = try CSVTable(contentsOf: dir + "/calibration-\(b.name)-yearly.csv")
      #expect(yearly.rows.count == b.observed.count)
    }
    #expect(Self.report.summary.contains("2013"))
  }

  @Test func catalogueErrorsNameFileLineAndField() throws {
    let header = "event_id,place,origin_time_utc,magnitude_ml,depth_km,rd_x_m,rd_y_m,field\n"
    let badMag = SeismicityFixtures.temporaryFile(
      header + "a,X,2000-01-01T00:00:00,abc,3,240000,590000,Groningen\n", "badmag.csv")
    #expect(throws: InputError(file: badMag, line: 2, field: "magnitude_ml", "not a finite number (\"abc\")")) {
      try Catalogue.load(path: badMag)
    }
    let badTime = SeismicityFixtures.temporaryFile(
      header + "a,X,2000-13-01T00:00:00,2.0,3,240000,590000,Groningen\n", "badtime.csv")
    do {
      _ = try Catalogue.load(path: badTime)
      Issue.record("expected an error")
    } catch let e as InputError {
      #expect(e.line == 2 && e.field == "origin_time_utc")
    }
    let missing = SeismicityFixtures.temporaryFile("event_id,origin_time_utc\n", "missing.csv")
    do {
      _ = try Catalogue.load(path: missing)
      Issue.record("expected an error")
    } catch let e as InputError {
      #expect(e.field == "magnitude_ml")
    }
  }

  @Test func decimalYears() {
    #expect(Catalogue.decimalYear(iso: "2012-08-16T00:00:00") == 2012 + 228.0 / 366)
    #expect(Catalogue.decimalYear(iso: "2022-02-10") == 2022 + 40.0 / 365)
  }
}
