import Foundation
import Testing

@testable import HRA

/// The sampled rupture shared by the Monte Carlo and event-set estimators: what it draws from the
/// stream (and in which order), and its R_rup.
@Suite struct EventRuptureTests {
  @Test func drawsPositionStrikeAndLengthInThatOrderFromTheCallersStream() throws {
    let (model, _) = try RuptureKernelTests.model()
    var a = RandomStream(seed: 11, keys: [1, 2, 3])
    var b = a
    let e = EventRupture(model: model, medianLengthKm: 2.5, x: 241_500, y: 596_250, rng: &a)
    // The same three numbers drawn by hand, then the streams continue in step.
    let pos = b.uniform()
    let uStrike = b.uniform()
    let z = b.normal()
    let g = model.sample(
      medianLengthKm: 2.5, z: z, zStrike: Normal.quantile(uStrike), uStrike: uStrike, position: pos)
    #expect(e.lengthKm == g.lengthKm && e.strike == g.strike && e.position == g.position)
    #expect(e.eastKm == 241.5 && e.northKm == 596.25)
    #expect(a.uniform() == b.uniform())
  }

  @Test func rrupIsTheModelsDistanceFromTheEpicentreInKilometres() throws {
    let (model, _) = try RuptureKernelTests.model()
    let e = EventRupture(eastKm: 240, northKm: 590, lengthKm: 4, strike: 0, position: 0.5)
    // Strike north, rupture from 588 to 592 km north: a site 3 km east of its middle is 3 km
    // off the line; one 10 km north is 8 km beyond its end.
    let d = model.depthKm
    #expect(abs(e.rrup(model: model, x: 243_000, y: 590_000) - (9 + d * d).squareRoot()) < 1e-12)
    #expect(abs(e.rrup(model: model, x: 240_000, y: 600_000) - (64 + d * d).squareRoot()) < 1e-12)
    #expect(
      e.rrup(model: model, x: 251_234, y: 587_654)
        == model.rrup(
          east: 251_234 / 1000 - 240, north: 587_654 / 1000 - 590, lengthKm: 4, strike: 0, position: 0.5))
  }
}
