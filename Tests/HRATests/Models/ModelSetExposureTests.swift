import Foundation
import Testing

@testable import HRA

/// The one-building exposure of `hra explain` (``ModelSet/exposure(building:path:buildings:seed:snapDistance:)``):
/// the same building, under the same exposure name, as the whole exposure gives, without generating the others.
@Suite struct ModelSetExposureTests {
  @Test func oneBuildingEqualsTheWholeExposures() throws {
    let models = try ModelSet(directory: TestModels.models)
    let all = try models.exposure(path: nil, buildings: 400, seed: 5)
    for b in [all.buildings[0], all.buildings[217], all.buildings[399]] {
      let one = try models.exposure(building: b.id, path: nil, buildings: 400, seed: 5)
      #expect(one.buildings == [b] && one.file == all.file)
    }
    #expect(throws: InputError(file: all.file, field: "bag_building_id", "no building with id 42")) {
      try models.exposure(building: "42", path: nil, buildings: 400, seed: 5)
    }
    // A building of a larger exposure is not in a smaller one.
    let big = try models.exposure(path: nil, buildings: 500, seed: 5)
    #expect(throws: InputError.self) {
      try models.exposure(building: big.buildings[450].id, path: nil, buildings: 400, seed: 5)
    }
  }
}
