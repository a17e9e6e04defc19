import Foundation
import Testing

@testable import HRA

/// The part format of a tree run (``RunPart``) is kept when its code moves: a part written by
/// the binary before the move (`hra run --buildings 8 --from 2019 --to 2019 --samples 3
/// --hazard-summary off --threads 1 --shard 0/1`, release build of commit d1f81de) is read, its
/// header written back gives the same JSON, and the same shard computed today gives the same
/// payload bytes.
@Suite(.serialized) struct RunPartTests {
  /// The part file, base64.
  static let oldPart =
    [
      "R3JvbmluZ2VuSFJBIHBhcnQgMQoxMDY0CnsKICAiYnVpbGRpbmdzIiA6IDgsCiAgImNhY2hlQnl0ZXMiIDogOTIxMDI0LAogICJj",
      "b2RlVmVyc2lvbiIgOiAiMC4xLjArdW5rbm93biIsCiAgImNvbmZpZ3VyYXRpb24iIDogewogICAgImNhdGFsb2d1ZXMiIDogMjAw",
      "MCwKICAgICJlc3RpbWF0b3IiIDogImludGVncmF0ZWQiLAogICAgImV4cG9zdXJlQnVpbGRpbmdzIiA6IDgsCiAgICAiZXhwb3N1",
      "cmVTZWVkIiA6IDIwMjQsCiAgICAiZmNtIiA6ICJWNyIsCiAgICAiZmlyc3RHYXNZZWFyIiA6IDIwMTksCiAgICAiZml4ZWRCcmFu",
      "Y2hlcyIgOiB7CgogICAgfSwKICAgICJnbW0iIDogIlY3IiwKICAgICJncm91cFJpc2siIDogZmFsc2UsCiAgICAiaGF6YXJkU3Vt",
      "bWFyeSIgOiBmYWxzZSwKICAgICJsYXN0R2FzWWVhciIgOiAyMDE5LAogICAgImxvZ2ljVHJlZSIgOiAic2FtcGxlIiwKICAgICJs",
      "b2dpY1RyZWVTYW1wbGVzIiA6IDMsCiAgICAibW9kZWxzIiA6ICJNb2RlbHMiLAogICAgIm5vcm0iIDogMWUtMDUsCiAgICAib3V0",
      "cHV0IiA6ICIvdG1wL2gxLW9sZHBhcnRzIiwKICAgICJvdmVyd3JpdGUiIDogZmFsc2UsCiAgICAicGVyY2VudGlsZXMiIDogWwog",
      "ICAgICA1MCwKICAgICAgOTAKICAgIF0sCiAgICAicHJvZHVjdGlvbiIgOiAicGhhc2Utb3V0LWFjdHVhbCIsCiAgICAic2VlZCIg",
      "OiAyMDE5MDQwMSwKICAgICJzbmFwRGlzdGFuY2UiIDogMCwKICAgICJ0aHJlYWRzIiA6IDEKICB9LAogICJleGFjdCIgOiBmYWxz",
      "ZSwKICAiaG9sZHMiIDogWwoKICBdLAogICJpZGVudGl0eSIgOiAiNmU4MzdjNDQ4OTRmM2ExMTA1MzQxYmI5MzU2ZDQwY2ZjZGJk",
      "MGI4N2U4MWJkMjRiOGNlNjdiOGMyZWQyNTU3NyIsCiAgImtpbmQiIDogInJ1biIsCiAgInBheWxvYWRCeXRlcyIgOiAzMjAsCiAg",
      "InBheWxvYWRTSEEyNTYiIDogIjM3MTVmMmQxZGRhMWZiNDMzMGVlNGU4ZGQ1MjgwNzc4YjQ4ZDNkMTM0NzNlY2UyY2ExYzhkMDNj",
      "YTlmNGZmMWYiLAogICJzYW1wbGVzIiA6IDMsCiAgInNoYXJkIiA6IDAsCiAgInNoYXJkcyIgOiAxLAogICJzaXRlcyIgOiA4LAog",
      "ICJza2V0Y2hCeXRlcyIgOiA4ODQ4LAogICJ5ZWFycyIgOiAxCn0KAAAAAAAAAAABAAAAAAAAAAIAAAAAAAAAAwAAAAAAAAAEAAAA",
      "AAAAAAUAAAAAAAAABgAAAAAAAAAHAAAAAAAAACRVvLvvCBA+AAAANMNVQT7pkprkbejiPTPT/Z/HgBQ+VVVVRQdvmj6oEAEYVeTZ",
      "PVVVVYU4jtw9AACAw8qO4z0WxHQvKFMIPvqd3AzIIRY+AAAAAAAAAAASGBR8fZQRPqUB+ylx9YI+GsxT/WlJ5T3fjg37WWXXPfi/",
      "qUMzVKw9C6xMo4h7Oj4572rzvwlYPjm/fdCCldI9ljAORfYVJT6CnyuLAiuxPsbhogy6D+w9KX6p/KKX6T0azFP9aUnlPQAAAAAA",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    ].joined()

  static func oldHeaderJSON(_ d: Data) -> String {
    let text = String(decoding: d, as: UTF8.self)
    let lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
    let n = Int(lines[1])!
    return String(decoding: Data(lines[2].utf8).prefix(n), as: UTF8.self)
  }

  @Test func aPartWrittenBeforeIsReadAndComputedAlike() throws {
    let data = try #require(Data(base64Encoded: Self.oldPart))
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runpart-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/part-0-of-1.hrapart"
    try data.write(to: URL(fileURLWithPath: path))
    let (h, payload) = try PartFile.read(RunPart.Header.self, from: path)
    #expect(try JSONCoding.encode(h) == Self.oldHeaderJSON(data), "the header's JSON is the part format")
    #expect(h.kind == "run" && h.buildings == 8 && h.samples == 3 && h.years == 1 && h.holds.isEmpty)
    var c = h.configuration
    c.models = TestModels.models
    let models = try ModelSet(directory: c.models, choice: c.choice)
    let exposure = try models.exposure(
      path: c.exposure, buildings: c.exposureBuildings, seed: c.exposureSeed, snapDistance: c.snapDistance)
    let (full, _) = try models.sites(for: exposure)
    let (now, bytes) = try RunPart.compute(
      c, models: models, exposure: exposure, plan: ShardPlan(sites: full, count: 1), sites: full, shard: 0,
      identity: h.identity, log: { _ in })
    #expect(bytes == payload, "the payload: building indices, mean, P50, P90, flip probability")
    #expect(now.sites == h.sites && now.sketchBytes == h.sketchBytes && now.exact == h.exact)
    let e = try RunPart.assemble([(path, h, payload)], buildings: 8, years: 1)
    #expect(e.siteCount == h.sites && e.result.samples == 3 && e.result.mean.count == 8)
  }
}
