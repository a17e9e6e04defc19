import Foundation
import Testing

@testable import HRA

@Suite struct SourceGridTests {
  @Test func squareOutline() {
    let g = SourceGrid(outlineX: [100, 1900, 1900, 100, 100], outlineY: [100, 100, 900, 900, 100], spacing: 500)
    // Centres strictly inside: x ∈ {500, 1000, 1500}, y ∈ {500}.
    #expect(g.count == 3)
    #expect(g.cellAreaKm2 == 0.25)
    #expect(g.nearestCell(x: 1040, y: 520) == 1)
    #expect(g.nearestCell(x: 1000, y: 1200) == 1)  // 450 m outside the cell's square: within one spacing
    #expect(g.nearestCell(x: 1000, y: 1400) == nil)  // 650 m outside
    #expect(g.nearestCell(x: 1000, y: 2500) == nil)
  }

  @Test func groningenGrid() {
    let g = SeismicityFixtures.model.grid
    // The shipped outline encloses ≈ 1,976 km² (shoelace formula), so ≈ 7,900 cells of 0.25 km².
    #expect(abs(Double(g.count) * g.cellAreaKm2 - 1976.3) < 0.01 * 1976.3)
    #expect(g.x.allSatisfy { $0.truncatingRemainder(dividingBy: 500) == 0 })
    // Loppersum and Huizinge lie inside the field.
    #expect(g.nearestCell(x: 243000, y: 593000) != nil)
    #expect(g.nearestCell(x: 236000, y: 597000) != nil)
    #expect(g.nearestCell(x: 150000, y: 450000) == nil)
  }
}
