import Foundation
import Testing

@testable import HRA

/// The σ sensitivity variant of Dost et al. (2004): the base model's medians, the folder's σ.
@Suite struct Dost2004SigmaVariantTests {
  static let base = try! Dost2004(directory: TestModels.models + "/gmm/dost2004")
  static let variant = try! Dost2004SigmaVariant(models: TestModels.models)

  @Test func mediansOfDostSigmaOfTheFolder() {
    for imt in [IntensityMeasure.pga, .pgv] {
      for (m, r) in [(2.5, 3.0), (4.0, 10.0), (6.0, 40.0)] {
        let b = Dost2004SigmaVariantTests.base.moments(imt, magnitude: m, distanceKm: r)
        let v = Dost2004SigmaVariantTests.variant.moments(imt, magnitude: m, distanceKm: r)
        #expect(v.lnMedian == b.lnMedian)
        #expect(close(v.sigma, 0.2952 * log(10.0), rel: Tolerance.algebra))
        #expect(v.sigma < b.sigma && v.tau == nil && v.phi == nil)
      }
    }
    #expect(Dost2004SigmaVariantTests.variant.files.count == 2)
  }

  /// An IMT the base model lacks, or a base IMT without σ, is an error naming file, line, field.
  @Test func sigmaTableIsChecked() throws {
    let models = try TestModels.scratchCopy()
    defer { try? FileManager.default.removeItem(atPath: models) }
    let path = models + "/gmm/dost2004-phi/sigma.csv"
    try "imt,sigma\nPGA,0.3\nSA(0.3),0.3\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(
      throws: InputError(
        file: path, line: 3, field: "imt", "'SA(0.3)' is not an intensity measure of Dost et al. (2004) (PGA, PGV)")
    ) { _ = try Dost2004SigmaVariant(models: models) }
    try "imt,sigma\nPGA,0.3\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: InputError(file: path, field: "imt", "no σ for PGV")) {
      _ = try Dost2004SigmaVariant(models: models)
    }
    try "imt,sigma\nPGA,0\nPGV,0.3\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: InputError(file: path, line: 2, field: "sigma", "σ must be > 0 (got 0.0)")) {
      _ = try Dost2004SigmaVariant(models: models)
    }
  }
}

extension Dost2004SigmaVariantTests {
  /// Registered: `hra models` lists it with both files it reads, and a generic-hazard
  /// configuration loads it by name.
  @Test func registeredAndListed() throws {
    let text = ModelCatalogue.text(try ModelCatalogue.describe(models: TestModels.models))
    #expect(text.contains("\ngeneric-gmm dost2004-phi: sensitivity variant"))
    #expect(
      text.contains("files: gmm/dost2004-phi/README.md, gmm/dost2004-phi/sigma.csv, gmm/dost2004/coefficients.csv"))
    let g = try ModelRegistry.genericGroundMotionModel("dost2004-phi", models: TestModels.models)
    #expect(
      g.moments(.pga, magnitude: 4, distanceKm: 5)
        == Dost2004SigmaVariantTests.variant.moments(.pga, magnitude: 4, distanceKm: 5))
  }
}
