import Foundation
import Testing

@testable import HRA

/// A copy of one model folder in a temporary directory, with one cell of one file replaced.
enum GMMFolderFixture {
  /// Copies `Models/gmm/<version>` and sets `column` of the row whose first cell is `rowKey`
  /// in the file starting with `prefix` to `value`. Returns the folder, the file and the line.
  static func altered(
    _ version: String, prefix: String, rowKey: String, column: String, value: String
  ) throws -> (dir: String, file: String, line: Int) {
    let dir = NSTemporaryDirectory() + "hra-gmm-\(UUID().uuidString)"
    try FileManager.default.copyItem(atPath: TestModels.models + "/gmm/" + version, toPath: dir)
    let file = try ModelFolder.uniqueFile(in: dir, prefix: prefix)
    var text = try String(contentsOfFile: file, encoding: .utf8)
    let bom = text.hasPrefix("\u{FEFF}")
    if bom { text.removeFirst() }
    let crlf = text.contains("\r\n")
    var lines = text.components(separatedBy: crlf ? "\r\n" : "\n")
    let header = lines[0].components(separatedBy: ",")
    let col = try #require(header.firstIndex(of: column))
    let i = try #require(lines.firstIndex { $0.components(separatedBy: ",").first == rowKey })
    var cells = lines[i].components(separatedBy: ",")
    cells[col] = value
    lines[i] = cells.joined(separator: ",")
    try ((bom ? "\u{FEFF}" : "") + lines.joined(separator: crlf ? "\r\n" : "\n"))
      .write(toFile: file, atomically: true, encoding: .utf8)
    return (dir, file, i + 1)
  }
}

@Suite struct GMMV6Tests {
  let v6: GMMV6
  let v5: GMMV6
  init() throws {
    v6 = try GMMV6(directory: TestModels.models + "/gmm/v6")
    v5 = try GMMV6(directory: TestModels.models + "/gmm/v5", version: "V5")
  }

  func model(_ version: String) -> GMMV6 { version == "V6" ? v6 : v5 }

  // Reference values: eq. 5.2a–c and 5.3a–c as written in shared/data/tno-shra/README.md,
  // evaluated by an independent Python transcription straight from the CSV coefficients
  // (gmpe_medians_NS_B_20190314_v6.csv, gmpe_medians_NS_B_20170724_v5.csv), full double
  // precision. The points cover all three source segments and all three path segments.
  @Test(arguments: [
    ("V6", 3.5, 5.0, 0.01, 0, 3.0560340186214523),
    ("V6", 4.5, 10.0, 0.3, 1, 3.7400602436415857),
    ("V6", 5.0, 30.0, 1.0, 2, 2.0696984044611444),
    ("V6", 6.0, 3.0, 0.1, 3, 6.770035822472501),
    ("V6", 4.0, 15.0, 0.5, 2, 1.9091275509533099),
    ("V6", 5.8, 80.0, 0.85, 1, 2.09459139527617),
    ("V5", 3.5, 5.0, 0.01, 0, 2.4432064341216004),
    ("V5", 5.2, 8.0, 0.2, 2, 4.587796288906807),
    ("V5", 6.5, 40.0, 0.7, 3, 3.600335825481208),
  ])
  func medianMatchesIndependentEvaluation(
    version: String, m: Double, r: Double, t: Double, branch: Int, expected: Double
  ) throws {
    let g = model(version)
    var out = [Double](repeating: 0, count: g.periods.count)
    g.lnMedian(magnitude: m, rrup: r, branch: branch, into: &out)
    let k = try #require(g.periods.firstIndex(of: t))
    #expect(close(out[k], expected, rel: Tolerance.algebra))
  }

  // Reference values: σ = √(τ² + φ_ss² + σ²_c2c), τ and φ_ss from gmpe_sigmas_NS_B_*.csv, c2c
  // from hardcoded-parameters.yml (TNO uses the V7 c2c formula for V5/V6), same Python script.
  @Test(arguments: [
    ("V6", 4.0, 10.0, 0.5, 1, 1, 0.6298437611261241),
    ("V6", 5.0, 20.0, 0.01, 0, 0, 0.49998853527708653),
    ("V6", 3.0, 5.0, 1.0, 3, 1, 0.7118743115782545),
    ("V6", 6.0, 4.0, 0.2, 2, 0, 0.5032061716518669),
    ("V5", 4.0, 10.0, 0.5, 1, 1, 0.6356473793758931),
  ])
  func sigmaMatchesIndependentEvaluation(
    version: String, m: Double, r: Double, t: Double, tau: Int, phi: Int, expected: Double
  ) throws {
    let g = model(version)
    var out = [Double](repeating: 0, count: g.periods.count)
    g.sigmaArbitrary(magnitude: m, rrup: r, tauBranch: tau, phiBranch: phi, into: &out)
    let k = try #require(g.periods.firstIndex(of: t))
    #expect(close(out[k], expected, rel: Tolerance.algebra))
  }

  @Test func shapesAndPeriods() {
    for g in [v6, v5] {
      #expect(g.periods == GMMV6.avgSaPeriods)
      #expect(g.tau.count == GMMV6.tauBranchCount && g.tau.allSatisfy { $0.count == 10 })
      #expect(g.phiSS.count == GMMV6.phiBranchCount && g.phiSS.allSatisfy { $0.count == 10 })
      #expect(g.periodCorrelation.count == 100)
    }
    // Spot check against the sigma table: V6 τ level 4 and φ_ss level 2 at 0.01 s.
    #expect(v6.tau[3][0] == 0.2218 && v6.phiSS[1][0] == 0.556)
  }

  @Test func medianRisesWithMagnitudeAndFallsWithDistance() {
    var a = [Double](repeating: 0, count: 10)
    var b = a
    let rs = [3.0, 4, 5, 7, 10, 12, 15, 20, 30, 50, 80, 120]
    for g in [v6, v5] {
      for branch in 0..<4 {
        // Rising with M (2.5 … 7) at every distance from 5 km, and up to M 6.25 at 3–4 km: there the
        // quadratic term (m5 < 0) oversaturates Sa(0.01 s) (V6 at 3 km: it falls from M 6.5 on).
        for r in rs {
          for i in 0..<18 {
            let m = 2.5 + 0.25 * Double(i)
            g.lnMedian(magnitude: m, rrup: r, branch: branch, into: &a)
            g.lnMedian(magnitude: m + 0.25, rrup: r, branch: branch, into: &b)
            for k in 0..<10 where r >= 5 || m + 0.25 <= 6.25 { #expect(b[k] > a[k], "M \(m) R \(r) k \(k)") }
          }
        }
        for m in [2.5, 3.5, 4.5, 5.5, 6.5, 7.0] {
          for (r0, r1) in zip(rs, rs.dropFirst()) {
            g.lnMedian(magnitude: m, rrup: r0, branch: branch, into: &a)
            g.lnMedian(magnitude: m, rrup: r1, branch: branch, into: &b)
            for k in 0..<10 { #expect(b[k] < a[k], "M \(m) R \(r0)→\(r1) k \(k)") }
          }
        }
      }
    }
  }

  @Test func sigmaIsPositiveForEveryBranch() {
    var s = [Double](repeating: 0, count: 10)
    for g in [v6, v5] {
      for t in 0..<GMMV6.tauBranchCount {
        for p in 0..<GMMV6.phiBranchCount {
          for (m, r) in [(2.5, 3.0), (4.0, 10.0), (6.5, 120.0)] {
            g.sigmaArbitrary(magnitude: m, rrup: r, tauBranch: t, phiBranch: p, into: &s)
            #expect(s.allSatisfy { $0 > 0 && $0.isFinite })
            // The arbitrary component is wider than the geometric mean.
            for k in 0..<10 { #expect(s[k] * s[k] > g.tau[t][k] * g.tau[t][k] + g.phiSS[p][k] * g.phiSS[p][k]) }
          }
        }
      }
    }
  }

  @Test func c2cVarianceEndpoints() {
    // eq. 5.5a at T = 0.1 s and 5.5b at T ≥ 0.85 s, M = 4.0, R = 10 km; T clipped below 0.1 s.
    var v = [Double](repeating: 0, count: 10)
    v6.c2cVariance(magnitude: 4.0, rrup: 10, into: &v)
    #expect(close(v[1], 0.026 + 1.03 * 1.6 * pow(10, -2.22), rel: Tolerance.algebra))
    #expect(close(v[8], 0.045 + 5.315 * 1.6 * pow(10, -2.92), rel: Tolerance.algebra))
    #expect(close(v[9], v[8], rel: Tolerance.algebra))
    #expect(v[0] == v[1])
  }

  @Test func correlationMatrixIsPositiveDefiniteAndThatOfV7() throws {
    let v7 = try GMMV7(directory: TestModels.models + "/gmm/v7")
    for g in [v6, v5] {
      _ = try LinearAlgebra.cholesky(g.periodCorrelation, n: 10)
      #expect(g.periodCorrelation == v7.periodCorrelation)
    }
  }

  @Test func otherPeriodsCanBeSelected() throws {
    let g = try GMMV6(directory: TestModels.models + "/gmm/v6", periods: [0.025, 2.0, 5.0])
    #expect(g.periods == [0.025, 2.0, 5.0])
    #expect(g.tau[0] == [0.179500001, 0.331693373, 0.331699986])
    #expect(g.periodCorrelation[1] == 0.3255047)  // ρ(0.025 s, 2 s)
    #expect(throws: InputError.self) { try GMMV6(directory: TestModels.models + "/gmm/v6", periods: [0.33]) }
    #expect(throws: InputError.self) { try GMMV6(directory: TestModels.models + "/gmm/v6", periods: [-0.01]) }
    #expect(throws: InputError.self) { try GMMV6(directory: TestModels.models + "/gmm/v6", periods: [0.2, 0.1]) }
  }

  @Test func nanInAUsedCoefficientIsLocated() throws {
    let f = try GMMFolderFixture.altered(
      "v6", prefix: "gmpe_medians_NS_B_", rowKey: "0.3", column: "m3_level2", value: "NaN")
    defer { try? FileManager.default.removeItem(atPath: f.dir) }
    #expect(throws: InputError(file: f.file, line: f.line, field: "m3_level2", "not a finite number (\"NaN\")")) {
      try GMMV6(directory: f.dir)
    }
    // The same cell in a period the model does not use is never read.
    _ = try GMMV6(directory: f.dir, periods: [0.01, 1.0])
  }

  @Test func nanInASigmaIsLocated() throws {
    let f = try GMMFolderFixture.altered(
      "v5", prefix: "gmpe_sigmas_NS_B_", rowKey: "0.85", column: "tau_level4", value: "nan")
    defer { try? FileManager.default.removeItem(atPath: f.dir) }
    #expect(throws: InputError(file: f.file, line: f.line, field: "tau_level4", "not a finite number (\"nan\")")) {
      try GMMV6(directory: f.dir)
    }
  }

  @Test func asymmetricCorrelationIsRejected() throws {
    let f = try GMMFolderFixture.altered(
      "v6", prefix: "gmpe_period2period_correlations_", rowKey: "0.5", column: "0.2", value: "0.5")
    defer { try? FileManager.default.removeItem(atPath: f.dir) }
    do {
      _ = try GMMV6(directory: f.dir)
      Issue.record("expected an error")
    } catch let e as InputError {
      #expect(e.file == f.file && e.line == f.line && e.field == "0.2")
      #expect(e.message.contains("not symmetric"))
    }
  }

  @Test func aFolderWithTwoMedianTablesIsAmbiguous() throws {
    let f = try GMMFolderFixture.altered(
      "v6", prefix: "gmpe_medians_NS_B_", rowKey: "0.3", column: "m0_level1", value: "1")
    defer { try? FileManager.default.removeItem(atPath: f.dir) }
    try FileManager.default.copyItem(atPath: f.file, toPath: f.dir + "/gmpe_medians_NS_B_20990101_v6.csv")
    #expect(throws: InputError.self) { try GMMV6(directory: f.dir) }
  }
}
