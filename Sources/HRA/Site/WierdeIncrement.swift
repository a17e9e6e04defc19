import Foundation

/// The dwelling-mound (wierde) increment Δ ln AF, a table of `period_s,delta_ln_af` (periods
/// strictly ascending) interpolated linearly in T at the GMM periods.
///
/// V7 (TNO `models/gmm_V7.py:wierde_factors`) holds the end values outside the tabulated periods;
/// V5/V6, which TNO gave the V7 increment (`convert/convert_GMMV6.py`), use 0 outside
/// (`interp(...).fillna(0.0)`).
enum WierdeIncrement {
  /// Outside the tabulated periods.
  enum Outside {
    /// The first or last tabulated value (V7).
    case endValue
    /// 0 (V5/V6).
    case zero
  }

  /// Δ ln AF at each of `periods` from `wierde-increment.csv` in `directory`.
  /// - Throws: ``InputError`` naming file, line and field for a missing or non-numeric value,
  ///   periods not strictly ascending, or an empty table.
  static func read(directory: String, periods: [Double], outside: Outside) throws -> [Double] {
    let w = try CSVTable(contentsOf: directory + "/wierde-increment.csv")
    var wt: [Double] = []
    var wv: [Double] = []
    for r in w.rows {
      let p = try w.double(r, "period_s")
      if let last = wt.last, p <= last { throw w.error(r, "period_s", "periods must be strictly ascending") }
      wt.append(p)
      wv.append(try w.double(r, "delta_ln_af"))
    }
    guard !wt.isEmpty else { throw InputError(file: w.file, "no rows") }
    return periods.map { interpolate($0, wt, wv, outside: outside) }
  }

  /// Linear in x between the tabulated points; outside [xs.first, xs.last] as `outside` says.
  static func interpolate(_ x: Double, _ xs: [Double], _ ys: [Double], outside: Outside) -> Double {
    switch outside {
    case .zero:
      if x < xs[0] || x > xs[xs.count - 1] { return 0 }
      if x == xs[0] { return ys[0] }
    case .endValue:
      if x <= xs[0] { return ys[0] }
    }
    for i in 1..<xs.count where x <= xs[i] {
      return ys[i - 1] + (ys[i] - ys[i - 1]) * (x - xs[i - 1]) / (xs[i] - xs[i - 1])
    }
    return ys[ys.count - 1]
  }
}
