import Foundation

@testable import HRA

/// A small synthetic output folder of a logic-tree run, written with the library's own writers
/// (`buildings-risk.csv`, `lists/`, `near-norm.csv`, `manifest.json`, `SHA256SUMS`): 60 buildings
/// over the field in four municipalities, two gas years, P90 from 1e-8 to about 1e-4 so that
/// every category occurs. Fast (no model chain), so the report tests stay small.
enum ReportFixture {
  static let years = [2019, 2020]
  static let norm = 1e-5

  static func results(count: Int = 60) -> RiskResults {
    let municipalities = ["Eemsdelta", "Het Hogeland", "Midden-Groningen", "Groningen"]
    var list: [RiskResults.Building] = []
    for i in 0..<count {
      // Positions on a spiral inside the field; risk falls with the index and with the year.
      let a = Double(i) * 0.7
      let x = 248_000 + 12_000 * cos(a) * Double(i + 5) / Double(count)
      let y = 592_000 + 12_000 * sin(a) * Double(i + 5) / Double(count)
      let p90 = [0, 1].map { t in pow(10, -4.1 - 4 * Double(i) / Double(count) - 0.3 * Double(t)) }
      let p50 = p90.map { $0 * (i % 3 == 0 ? 0.5 : 0.05) }
      let mean = zip(p50, p90).map { ($0 + $1) / 2 }
      list.append(
        RiskResults.Building(
          id: String(format: "19661%011d", i), municipality: municipalities[i % 4], place: "Place \(i % 7)",
          ownerType: i % 2 == 0 ? "private" : "corporation", x: (x * 10).rounded() / 10, y: (y * 10).rounded() / 10,
          zone: 1101, wierde: false, typologyMix: "URM1F_B:1", mean: mean, p50: p50, p90: p90))
    }
    return RiskResults(gasYears: years, buildings: list)
  }

  /// Writes the folder (a fresh temporary path) and returns it.
  static func write(count: Int = 60, manifestExtras: [String: Any] = [:]) throws -> String {
    let dir = NSTemporaryDirectory() + "hra-report-\(UUID().uuidString)"
    let fm = FileManager.default
    try fm.createDirectory(atPath: dir + "/lists", withIntermediateDirectories: true)
    let r = results(count: count)
    var files: [(String, String)] = [("buildings-risk.csv", r.csv(norm: norm))]
    for (t, y) in years.enumerated() {
      let s = RiskResults.suffix(y)
      files.append(("lists/p50-\(s).csv", RiskLists.csv(r, year: t, list: .p50, norm: norm)))
      files.append(("lists/p90-\(s).csv", RiskLists.csv(r, year: t, list: .p90, norm: norm)))
    }
    let flip = Array(repeating: 0.0, count: r.buildings.count * years.count)
    files.append(("near-norm.csv", RiskLists.nearNormCSV(r, flip: flip, norm: norm)))
    var manifest: [String: Any] = [
      "codeVersion": "0.1.0+test", "createdUTC": "2026-01-01T00:00:00Z", "runtimeSeconds": 1.5,
      "configuration": ["norm": norm, "models": TestModels.models, "firstGasYear": 2019, "lastGasYear": 2020],
      "logicTree": [
        "mode": "sample", "samples": 10, "seed": 20_190_401, "fixed": [String: String](), "estimator": "integrated",
      ],
      "modelFiles": [["path": "site/site-response-zones-v6.geojson", "sha256": String(repeating: "a", count: 64)]],
    ]
    for (k, v) in manifestExtras { manifest[k] = v }
    let m = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
    files.append(("manifest.json", String(decoding: m, as: UTF8.self)))
    var sums = ""
    for (name, text) in files {
      try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
      sums += "\(SHA256.hex(Data(text.utf8)))  \(name)\n"
    }
    try Data(sums.utf8).write(to: URL(fileURLWithPath: dir + "/SHA256SUMS"))
    return dir
  }
}
