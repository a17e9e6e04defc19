import Foundation
import Testing

@testable import HRA

/// The report in a real browser: Debian's headless chromium (installed by
/// `Scripts/install-chromium.sh` when missing; the tests are skipped, saying so, only when it
/// cannot be installed) renders the report of a small run folder. `--dump-dom` shows every
/// section and the category counts of the CSVs; `--screenshot` gives a PNG that is not blank
/// (several colours, checked with Python's standard library: zlib + struct).
@Suite(.serialized) struct BrowserRenderTests {
  /// The chromium binary, after running the install script if it is not on PATH.
  static let chromium: String? = {
    func which() -> String? {
      for d in ["/usr/bin", "/usr/local/bin", "/bin"]
      where FileManager.default.isExecutableFile(atPath: d + "/chromium") {
        return d + "/chromium"
      }
      return nil
    }
    if let c = which() { return c }
    _ = try? run("/usr/bin/timeout", ["600", TestModels.root + "/Scripts/install-chromium.sh"], timeout: 620)
    return which()
  }()

  static let skipReason: Comment =
    "chromium is not installed and Scripts/install-chromium.sh could not install it (needs apt-get as root or sudo)"

  /// Runs a program; killed after `timeout` seconds (status −1).
  static func run(_ exe: String, _ args: [String], timeout: Double) throws -> CLITests.Outcome {
    try CLITests.run(exe, args, timeout: timeout)
  }

  /// chromium headless on a file, with a throw-away profile, under `timeout` (MACHINE-FACTS.md).
  static func chromium(_ extra: [String], file: String) throws -> CLITests.Outcome {
    let profile = NSTemporaryDirectory() + "hra-chromium-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: profile) }
    return try run(
      "/usr/bin/timeout",
      [
        "60", chromium!, "--headless", "--no-sandbox", "--user-data-dir=\(profile)", "--virtual-time-budget=2000",
        "--timeout=3000",
      ] + extra + ["file://" + file], timeout: 70)
  }

  @Test(.enabled(if: chromium != nil, skipReason)) func dumpDOMShowsTheSectionsAndTheCounts() throws {
    let dir = try ReportFixture.write()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try HTMLReport.write(try ReportSource(folder: dir), to: dir + "/report.html", overwrite: false)
    let r = try Self.chromium(["--dump-dom"], file: dir + "/report.html")
    #expect(r.status == 0, "chromium exited \(r.status): \(r.stderr.suffix(500))")
    let dom = r.stdout
    for id in ["map", "field-map", "years", "plots", "lists", "manifest", "files"] {
      #expect(dom.contains("id=\"\(id)\""), "the rendered DOM has no element \(id)")
    }
    // The counts per category and year, as the browser holds them, equal the CSV's.
    let risk = try CSVTable(contentsOf: dir + "/buildings-risk.csv")
    for y in ReportFixture.years {
      var counts: [String: Int] = [:]
      for row in risk.rows { counts[try risk.string(row, "cat_" + RiskResults.suffix(y)), default: 0] += 1 }
      let label = GasYear.label(y)
      let expected =
        "<tr data-year=\"\(label)\"><td>\(label)</td><td class=\"verhoogd\">\(counts["verhoogd", default: 0])</td><td class=\"licht-verhoogd\">\(counts["licht_verhoogd", default: 0])</td>"
      #expect(dom.contains(expected), "no row \(expected)")
    }
    // The map's first year is shown, the others hidden until chosen.
    #expect(dom.contains("<g class=\"year\" data-year=\"2019\">"))
    #expect(dom.contains("<g class=\"year\" data-year=\"2020\" style=\"display:none\">"))
  }

  @Test(.enabled(if: chromium != nil, skipReason)) func screenshotIsNotBlank() throws {
    let dir = try ReportFixture.write()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try HTMLReport.write(try ReportSource(folder: dir), to: dir + "/report.html", overwrite: false)
    let png = dir + "-shot.png"
    defer { try? FileManager.default.removeItem(atPath: png) }
    let r = try Self.chromium(["--screenshot=\(png)", "--window-size=900,1000"], file: dir + "/report.html")
    #expect(r.status == 0, "chromium exited \(r.status): \(r.stderr.suffix(500))")
    let stats = try Self.run("/usr/bin/python3", ["-c", Self.pngStatistics, png], timeout: 60)
    #expect(stats.status == 0, "\(stats.stderr)")
    // "width height distinct_colours non_white_fraction red_like orange_like"
    let v = stats.stdout.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    try #require(v.count == 6, "python printed \(stats.stdout)")
    #expect(v[0] == 900 && v[1] == 1000)
    #expect(v[2] >= 20, "only \(v[2]) colours: a blank or near-blank page")
    #expect(v[3] > 0.03, "non-white fraction \(v[3])")
    #expect(v[4] > 0, "no verhoogd (red) pixel on the map")
    #expect(v[5] > 0, "no licht-verhoogd (orange) pixel on the map")
  }

  /// Decodes an 8-bit RGB(A) non-interlaced PNG with zlib + struct and prints width, height,
  /// the number of distinct colours, the fraction of non-white pixels and the numbers of pixels
  /// close to the verhoogd (#b2182b) and licht-verhoogd (#f4a11d) colours.
  static let pngStatistics = """
    import sys, zlib, struct
    d = open(sys.argv[1], 'rb').read()
    assert d[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
    pos, idat = 8, b''
    while pos < len(d):
        n, t = struct.unpack('>I4s', d[pos:pos + 8]); body = d[pos + 8:pos + 8 + n]; pos += 12 + n
        if t == b'IHDR': w, h, depth, ctype, _, _, lace = struct.unpack('>IIBBBBB', body)
        elif t == b'IDAT': idat += body
    assert depth == 8 and ctype in (2, 6) and lace == 0, (depth, ctype, lace)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat); stride = w * bpp; prev = bytearray(stride); rows = []; i = 0
    for y in range(h):
        f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else (b if pb <= pc else c))) & 255
        rows.append(line); prev = line
    colours = set(); nonwhite = red = orange = 0
    near = lambda p, q: all(abs(p[k] - q[k]) <= 24 for k in range(3))
    for line in rows:
        for x in range(0, stride, bpp):
            p = tuple(line[x:x + 3]); colours.add(p)
            if p != (255, 255, 255): nonwhite += 1
            if near(p, (0xb2, 0x18, 0x2b)): red += 1
            if near(p, (0xf4, 0xa1, 0x1d)): orange += 1
    print(w, h, len(colours), nonwhite / (w * h), red, orange)
    """
}
