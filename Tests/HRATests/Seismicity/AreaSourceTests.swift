import Foundation
import Testing

@testable import HRA

@Suite struct AreaSourceTests {
  static let wc = try! WellsCoppersmith1994(path: TestModels.models + "/rupture-scaling/wells-coppersmith-1994.csv")

  static func square(_ x0: Double, _ y0: Double, _ side: Double) throws -> SourcePolygon {
    try SourcePolygon(
      x: [x0, x0 + side, x0 + side, x0], y: [y0, y0, y0 + side, y0 + side], file: "test", field: "polygon")
  }

  @Test func truncatedGutenbergRichterRates() throws {
    let s = try AreaSource(
      polygon: try AreaSourceTests.square(0, 0, 10_000), activity: .rateAboveMmin(20), b: 1, mmin: 1.5, mmax: 6,
      binWidth: 0.1, depthKm: 3, spacingM: 1000, scaling: AreaSourceTests.wc)
    #expect(s.magnitudes.count == 45 && s.cellCount == 100)
    #expect(close(s.totalRate, 20, rel: Tolerance.summation))
    #expect(close(s.magnitudes[0], 1.55, rel: Tolerance.algebra))
    // N(M ≥ 3.5) = 20·(10^−2 − 10^−4.5)/(1 − 10^−4.5)
    let above = s.binRates[20...].reduce(0, +)
    #expect(close(above, 20 * (1e-2 - pow(10, -4.5)) / (1 - pow(10, -4.5)), rel: 1e-10))
    // The a-value form (OpenQuake's TruncatedGRMFD): the rate of [m1, m2) is 10^(a−b·m1) − 10^(a−b·m2).
    let o = try AreaSource(
      polygon: try AreaSourceTests.square(0, 0, 10_000), activity: .aValue(3), b: 1, mmin: 1.5, mmax: 6,
      binWidth: 0.5, depthKm: 3, spacingM: 1000, scaling: AreaSourceTests.wc)
    #expect(close(o.binRates[0], pow(10, 1.5) - pow(10, 1.0), rel: Tolerance.algebra))
    #expect(close(o.totalRate, pow(10, 1.5) - pow(10, -3.0), rel: 1e-12))
  }

  @Test func cellsAreCentresInsideThePolygon() throws {
    // A triangle below the line y = 0.9·x (no cell centre on an edge): the cells of its 10 × 9 km
    // bounding box whose centres lie below the line.
    let p = try SourcePolygon(x: [0, 10_000, 10_000], y: [0, 0, 9_000], file: "t", field: "polygon")
    let s = try AreaSource(
      polygon: p, activity: .rateAboveMmin(1), b: 1, mmin: 2, mmax: 3, binWidth: 0.5, depthKm: 3, spacingM: 1000,
      scaling: AreaSourceTests.wc)
    var expected = 0
    for j in 0..<9 { for i in 0..<10 where (Double(j) + 0.5) * 1000 < 0.9 * (Double(i) + 0.5) * 1000 { expected += 1 } }
    #expect(s.cellCount == expected && expected == 45)
    #expect(zip(s.cellX, s.cellY).allSatisfy { $0.1 < 0.9 * $0.0 })
    #expect(close(s.binRates[0] / Double(s.cellCount) * Double(s.cellCount), s.binRates[0], rel: Tolerance.algebra))
  }

  @Test func finiteRuptureDistance() throws {
    let s = try AreaSource(
      polygon: try AreaSourceTests.square(0, 0, 1000), activity: .rateAboveMmin(1), b: 1, mmin: 5.5, mmax: 6.5,
      binWidth: 1, depthKm: 3, spacingM: 1000, ruptures: .finite, aspectRatio: 2, strikes: [(0, 1)],
      scaling: AreaSourceTests.wc)
    // M 6.0: RA = 10^(−3.49 + 5.46) km², L = √(2·RA), W = √(RA/2), top = max(0, 3 − W/2).
    let ra = pow(10, -3.49 + 0.91 * 6)
    let l = (2 * ra).squareRoot()
    let w = (ra / 2).squareRoot()
    #expect(close(s.ruptureLength[0], l, rel: Tolerance.algebra))
    #expect(s.ruptureTop[0] == max(0, 3 - w / 2))
    // A site on the strike line (north), beyond the end of the rupture: R = √((d − L/2)² + z_top²).
    let d = 20.0
    let r = s.distance(cell: 0, bin: 0, strike: 0, siteX: 500, siteY: 500 + d * 1000)
    #expect(
      close(r, ((d - l / 2) * (d - l / 2) + s.ruptureTop[0] * s.ruptureTop[0]).squareRoot(), rel: Tolerance.algebra))
    // Beside the middle of the rupture (east): R = √(p² + z_top²).
    let q = s.distance(cell: 0, bin: 0, strike: 0, siteX: 500 + 4000, siteY: 500)
    #expect(close(q, (16 + s.ruptureTop[0] * s.ruptureTop[0]).squareRoot(), rel: Tolerance.algebra))
  }

  func invalid(_ field: String, _ make: () throws -> AreaSource) {
    do {
      _ = try make()
      Issue.record("accepted an invalid \(field)")
    } catch let e as InputError {
      #expect(e.field == field, "\(e)")
    } catch { Issue.record("\(error)") }
  }

  @Test func validation() throws {
    let p = try AreaSourceTests.square(0, 0, 10_000)
    let wc = AreaSourceTests.wc
    func make(
      b: Double = 1, mmin: Double = 1.5, mmax: Double = 6, bin: Double = 0.1, depth: Double = 3, spacing: Double = 1000,
      rate: Double = 20, aspect: Double = 1, strikes: [(strike: Double, weight: Double)] = [(0, 1)]
    ) throws -> AreaSource {
      try AreaSource(
        polygon: p, activity: .rateAboveMmin(rate), b: b, mmin: mmin, mmax: mmax, binWidth: bin, depthKm: depth,
        spacingM: spacing, ruptures: .finite, aspectRatio: aspect, strikes: strikes, scaling: wc)
    }
    invalid("b") { try make(b: 0) }
    invalid("b") { try make(b: -1) }
    invalid("mmax") { try make(mmax: 1.5) }
    invalid("bin_width") { try make(bin: 0.07) }
    invalid("bin_width") { try make(bin: 0) }
    invalid("depth_km") { try make(depth: -1) }
    invalid("spacing_m") { try make(spacing: 0) }
    invalid("spacing_m") { try make(spacing: 50_000) }  // the only centre (25 km, 25 km) is outside
    invalid("rate") { try make(rate: 0) }
    invalid("aspect_ratio") { try make(aspect: 0) }
    invalid("strikes") { try make(strikes: [(0, 0.5), (90, 0.4)]) }
    invalid("strikes") { try make(strikes: [(0, 1.2), (90, -0.2)]) }
  }

  @Test func polygonValidation() throws {
    // A bow tie: edges 1 (0,0)→(10,10) and 3 (10,0)→(0,10) cross.
    do {
      _ = try SourcePolygon(
        x: [0, 10_000, 10_000, 0], y: [0, 10_000, 0, 10_000], file: "p.csv", field: "x", lines: [2, 3, 4, 5])
      Issue.record("accepted a self-intersecting polygon")
    } catch let e as InputError {
      #expect(e.file == "p.csv" && e.line == 4 && e.field == "x", "\(e)")
    }
    #expect(throws: InputError.self) { try SourcePolygon(x: [0, 1], y: [0, 1], file: "p", field: "x") }
    // Zero area.
    #expect(throws: InputError.self) { try SourcePolygon(x: [0, 1, 2], y: [0, 1, 2], file: "p", field: "x") }
    // A closed ring (last = first) is accepted and the closing vertex dropped.
    let q = try SourcePolygon(x: [0, 1, 1, 0, 0], y: [0, 0, 1, 1, 0], file: "p", field: "x")
    #expect(q.x.count == 4 && q.area == 1)
  }
}
