import Foundation
import Testing

@testable import HRA

/// The one zone-table builder of the tree pipeline with a stand-in column kind: the block layout
/// (key order, block size per wierde flag, column groups per (pair, ε)) and one fill per
/// (pair, median) that has bins, whatever the columns are.
@Suite struct ZoneTablesTests {
  /// Columns with groups per (pair, ε index) and a block size per wierde flag; `fill` writes
  /// 1000 + 100·pair + 10·median + ε into every float of its blocks and records its calls.
  final class Calls: @unchecked Sendable { var list: [[Int]] = [] }
  struct Stamp: ZoneColumns {
    let groupsOf: [[[Int]]]
    let calls: Calls
    func groups(pair: Int, epsilonIndex: Int) -> [Int] { groupsOf[pair][epsilonIndex] }
    func blockSize(wierde: Bool) -> Int { wierde ? 3 : 2 }
    func fill(
      branches b: ZoneTables.Branches, pair tp: Int, medianIndex ki: Int, flags: [Bool], offset: [ZoneTables.Key: Int],
      into dst: UnsafeMutablePointer<Float>
    ) {
      calls.list.append([tp, ki])
      let k = b.medians[tp][ki]
      for (ei, e) in b.epsilons[tp].enumerated() {
        for w in flags {
          for g in groups(pair: tp, epsilonIndex: ei) {
            let o = offset[ZoneTables.Key(tp: tp, median: k, eps: e, wierde: w ? 1 : 0, group: g)]!
            for i in 0..<blockSize(wierde: w) { dst[o + i] = Float(1000 + 100 * tp + 10 * k + e) }
          }
        }
      }
    }
  }

  @Test func blocksInKeyOrderAndOneFillPerMedianWithBins() throws {
    let ms = try ModelSet(directory: TestModels.models)
    let motion = try SurfaceMotion(
      gmm: ms.risk.motion.gmm, amplification: ms.risk.motion.amplification,
      branch: GMMBranch(median: 0, tau: 0, phi: 0, s2sEpsilon: 0))
    // Pair 0: medians 0 and 2 (median 2 has no bins), ε 0 and 2; pair 1: median 1, ε 1.
    let b = ZoneTables.Branches(
      motions: [[motion, motion], [motion]], medians: [[0, 2], [1]], bins: [[[1, 3], []], [[0]]],
      epsilons: [[0, 2], [1]], epsilonValues: [-1, 0, 1], magnitudes: [3, 3.5, 4, 4.5], distances: [1, 2],
      rule: ms.risk.rule)
    let calls = Calls()
    let columns = Stamp(groupsOf: [[[4, 5], [0]], [[7]]], calls: calls)
    let t = ZoneTables(branches: b, columns: columns, flags: [false, true])
    // Key order (pair, median, ε, wierde, group), blocks of 2 (regular) and 3 (wierde) floats.
    var expected: [(ZoneTables.Key, Int)] = []
    var at = 0
    for (tp, k, e, gs) in [(0, 0, 0, [4, 5]), (0, 0, 2, [0]), (0, 2, 0, [4, 5]), (0, 2, 2, [0]), (1, 1, 1, [7])] {
      for w in [0, 1] {
        for g in gs {
          expected.append((ZoneTables.Key(tp: tp, median: k, eps: e, wierde: w, group: g), at))
          at += w == 1 ? 3 : 2
        }
      }
    }
    #expect(t.offset.count == expected.count)
    for (key, o) in expected { #expect(t.offset[key] == o, "\(key)") }
    #expect(t.values.count == at)
    // Median 2 of pair 0 has no bins: not filled (zeros); every other block carries its stamp.
    #expect(calls.list == [[0, 0], [1, 0]])
    for (key, o) in expected {
      let size = key.wierde == 1 ? 3 : 2
      let stamp: Float = key.median == 2 ? 0 : Float(1000 + 100 * key.tp + 10 * key.median + key.eps)
      #expect(t.values[o..<(o + size)].allSatisfy { $0 == stamp }, "\(key)")
    }
    // The hazard's keys are the group-0 keys.
    #expect(
      ZoneTables.Key(tp: 1, median: 1, eps: 1, wierde: 0)
        == ZoneTables.Key(tp: 1, median: 1, eps: 1, wierde: 0, group: 0))
  }
}
