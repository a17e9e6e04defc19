import Foundation

/// Line plots as inline SVG (no script, no external resource): categorical or numeric x,
/// linear or logarithmic axes, markers at every point, an optional horizontal reference line
/// (the norm) or reference curve (the group-risk guidance line), and a legend.
///
/// On a logarithmic axis points ≤ 0 are not drawn (a line breaks there); the axis spans whole
/// decades around the positive values.
struct SVGPlot {
  /// One line of the plot: a value per x position (nil or ≤ 0 on a log axis: no point).
  struct Series {
    var name: String
    var color: String
    var values: [Double?]
    var dashed = false
  }

  var title: String
  var xLabel: String
  var yLabel: String
  /// The x positions (numbers) and their tick labels; categorical plots use 0, 1, 2, …
  var x: [Double]
  var xTicks: [(Double, String)]
  var xLog = false
  var yLog = false
  var series: [Series]
  /// A horizontal line at this y with a label (e.g. the norm).
  var reference: (value: Double, label: String)? = nil
  var width = 680.0
  var height = 300.0

  /// A plot over categories (gas years) at x = 0, 1, 2, …
  static func categorical(
    title: String, labels: [String], yLabel: String, yLog: Bool, series: [Series],
    reference: (value: Double, label: String)? = nil
  ) -> SVGPlot {
    // At most 7 labelled ticks (12 gas-year labels side by side overlap); every year keeps its tick.
    let step = max(1, (labels.count + 6) / 7)
    return SVGPlot(
      title: title, xLabel: "gas year", yLabel: yLabel, x: labels.indices.map(Double.init),
      xTicks: labels.enumerated().map { (Double($0.offset), $0.offset % step == 0 ? $0.element : "") }, yLog: yLog,
      series: series,
      reference: reference)
  }

  /// The plot area on the canvas and the axis ranges (in decades on a log axis), and the
  /// mapping of data values to pixels.
  ///
  /// ```
  /// X(v) = left + (u − xMin)/(xMax − xMin)·pw,   Y(v) = top + ph − (u − yMin)/(yMax − yMin)·ph
  /// ```
  /// with u = log10(v) on a log axis, else u = v.
  struct Axes {
    let left = 78.0
    let right = 190.0
    let top = 28.0
    let bottom = 48.0
    /// The plot area's width and height [px].
    var pw: Double
    var ph: Double
    var xMin: Double
    var xMax: Double
    var yMin: Double
    var yMax: Double
    var xLog: Bool
    var yLog: Bool

    /// The horizontal pixel coordinate of x value `v`.
    func X(_ v: Double) -> Double {
      let u = xLog ? log10(v) : v
      return left + (u - xMin) / (xMax - xMin) * pw
    }
    /// The vertical pixel coordinate of y value `v`.
    func Y(_ v: Double) -> Double {
      let u = yLog ? log10(v) : v
      return top + ph - (u - yMin) / (yMax - yMin) * ph
    }
    /// The axes of a `width` × `height` canvas [px] with the given ranges (``SVGPlot/xRange()``,
    /// ``SVGPlot/yRange()``).
    init(
      width: Double, height: Double, x: (min: Double, max: Double), y: (min: Double, max: Double), xLog: Bool,
      yLog: Bool
    ) {
      pw = width - left - right
      ph = height - top - bottom
      (xMin, xMax, yMin, yMax) = (x.min, x.max, y.min, y.max)
      (self.xLog, self.yLog) = (xLog, yLog)
    }

    /// The vertical pixel coordinate of a y tick position `u` (a decade exponent on a log axis).
    func Yt(_ u: Double) -> Double { top + ph - (u - yMin) / (yMax - yMin) * ph }
  }

  /// The x axis range: the extent of the x positions (positive ones on a log axis, in whole
  /// decades), widened by half a step for categorical plots or a single position.
  /// - Returns: the range's ends (decade exponents on a log axis).
  func xRange() -> (min: Double, max: Double) {
    let xs = x.filter { !xLog || $0 > 0 }
    var xMin = xs.min() ?? 0
    var xMax = xs.max() ?? 1
    if xLog {
      xMin = floor(log10(xMin))
      xMax = ceil(log10(xMax))
    }
    if xMax <= xMin {
      xMin -= 0.5
      xMax += 0.5
    } else if !xLog && xTicks.count == x.count {
      xMin -= 0.5
      xMax += 0.5
    }
    return (xMin, xMax)
  }

  /// The y axis range and ticks: over the finite values of all series and the reference line;
  /// whole decades on a log axis (at most about 8 labelled), else from 0 in steps of 1, 2, 2.5
  /// or 5 times a power of ten.
  /// - Returns: the range's ends (decade exponents on a log axis) and the ticks (position, label).
  func yRange() -> (min: Double, max: Double, ticks: [(Double, String)]) {
    var ys = series.flatMap { $0.values.compactMap { $0 } }.filter { $0.isFinite && (!yLog || $0 > 0) }
    if let r = reference, !yLog || r.value > 0 { ys.append(r.value) }
    var yMin: Double
    var yMax: Double
    var yTicks: [(Double, String)] = []
    if yLog {
      yMin = floor(log10(ys.min() ?? 1e-12))
      yMax = ceil(log10(ys.max() ?? 1e-4))
      if yMax <= yMin { yMax = yMin + 1 }
      let step = max(1, Int((yMax - yMin) / 8) + ((yMax - yMin) > 8 ? 1 : 0))
      var e = Int(yMin)
      while Double(e) <= yMax {
        yTicks.append((Double(e), "1e\(e)"))
        e += step
      }
    } else {
      yMin = 0
      let top = max(ys.max() ?? 1, 1e-300)
      let raw = top / 5
      let mag = pow(10, floor(log10(raw)))
      let step = [1.0, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? raw
      yMax = step * ceil(top / step)
      if yMax <= 0 { yMax = 1 }
      var v = 0.0
      while v <= yMax + step / 2 {
        yTicks.append((v, SVGPlot.tickLabel(v)))
        v += step
      }
    }
    return (yMin, yMax, yTicks)
  }

  /// The SVG element.
  func render(id: String) -> String {
    let xr = xRange()
    let yr = yRange()
    let a = Axes(
      width: width, height: height, x: (xr.min, xr.max), y: (yr.min, yr.max), xLog: xLog, yLog: yLog)
    var s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" class=\"plot\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(Markup.escape(title))\">\n"
    s += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#ffffff\"/>\n"
    s +=
      "<text x=\"\(Markup.px(a.left))\" y=\"18\" font-size=\"13\" font-weight=\"bold\">\(Markup.escape(title))</text>\n"
    s += gridAndAxes(a, yTicks: yr.ticks)
    s += referenceLine(a)
    for (k, ser) in series.enumerated() { s += seriesElement(a, k: k, ser) }
    s += "</svg>\n"
    return s
  }

  /// The y grid lines and tick labels, the x ticks and labels, the plot frame and the axis labels.
  /// - Returns: the SVG elements.
  func gridAndAxes(_ a: Axes, yTicks: [(Double, String)]) -> String {
    let (left, top, pw, ph) = (a.left, a.top, a.pw, a.ph)
    var s = ""
    for (u, label) in yTicks {
      let yy = a.Yt(u)
      s +=
        "<line x1=\"\(Markup.px(left))\" y1=\"\(Markup.px(yy))\" x2=\"\(Markup.px(left + pw))\" y2=\"\(Markup.px(yy))\" stroke=\"#e3e3e3\"/>"
      s +=
        "<text x=\"\(Markup.px(left - 6))\" y=\"\(Markup.px(yy + 4))\" font-size=\"11\" text-anchor=\"end\">\(Markup.escape(label))</text>\n"
    }
    for (v, label) in xTicks where !xLog || v > 0 {
      let xx = a.X(v)
      s +=
        "<line x1=\"\(Markup.px(xx))\" y1=\"\(Markup.px(top + ph))\" x2=\"\(Markup.px(xx))\" y2=\"\(Markup.px(top + ph + 4))\" stroke=\"#333333\"/>"
      s +=
        "<text x=\"\(Markup.px(xx))\" y=\"\(Markup.px(top + ph + 17))\" font-size=\"11\" text-anchor=\"middle\">\(Markup.escape(label))</text>\n"
    }
    s +=
      "<rect x=\"\(Markup.px(left))\" y=\"\(Markup.px(top))\" width=\"\(Markup.px(pw))\" height=\"\(Markup.px(ph))\" fill=\"none\" stroke=\"#333333\"/>\n"
    s +=
      "<text x=\"\(Markup.px(left + pw / 2))\" y=\"\(Markup.px(height - 8))\" font-size=\"12\" text-anchor=\"middle\">\(Markup.escape(xLabel))</text>\n"
    s +=
      "<text transform=\"translate(16 \(Markup.px(top + ph / 2))) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">\(Markup.escape(yLabel))</text>\n"
    return s
  }

  /// The dashed horizontal reference line with its label (none on a log axis for a value ≤ 0).
  /// - Returns: the SVG elements, or "" without a reference.
  func referenceLine(_ a: Axes) -> String {
    guard let r = reference, !yLog || r.value > 0 else { return "" }
    let yy = a.Y(r.value)
    var s =
      "<line x1=\"\(Markup.px(a.left))\" y1=\"\(Markup.px(yy))\" x2=\"\(Markup.px(a.left + a.pw))\" y2=\"\(Markup.px(yy))\" stroke=\"#000000\" stroke-dasharray=\"6 3\"/>"
    s +=
      "<text x=\"\(Markup.px(a.left + a.pw - 4))\" y=\"\(Markup.px(yy - 4))\" font-size=\"11\" text-anchor=\"end\">\(Markup.escape(r.label))</text>\n"
    return s
  }

  /// Series number `k`: its line (broken at points not drawn), a marker at every point and its
  /// legend entry.
  /// - Returns: the `<g class="series">` element and the legend's line and text.
  func seriesElement(_ a: Axes, k: Int, _ ser: Series) -> String {
    var path = ""
    var pen = false
    var marks = ""
    for (i, v) in ser.values.enumerated() where i < x.count {
      guard let v, v.isFinite, !yLog || v > 0, !xLog || x[i] > 0 else {
        pen = false
        continue
      }
      let px = a.X(x[i])
      let py = a.Y(v)
      path += (pen ? " L" : " M") + Markup.px(px) + " " + Markup.px(py)
      pen = true
      marks += "<circle cx=\"\(Markup.px(px))\" cy=\"\(Markup.px(py))\" r=\"2.5\" fill=\"\(ser.color)\"/>"
    }
    let dash = ser.dashed ? " stroke-dasharray=\"4 3\"" : ""
    var s = "<g class=\"series\" data-name=\"\(Markup.escape(ser.name))\">"
    if !path.isEmpty {
      s += "<path d=\"\(path.dropFirst())\" fill=\"none\" stroke=\"\(ser.color)\" stroke-width=\"1.6\"\(dash)/>"
    }
    s += marks + "</g>\n"
    let ly = a.top + 8 + Double(k) * 16
    let lx = a.left + a.pw
    s +=
      "<line x1=\"\(Markup.px(lx + 12))\" y1=\"\(Markup.px(ly))\" x2=\"\(Markup.px(lx + 30))\" y2=\"\(Markup.px(ly))\" stroke=\"\(ser.color)\" stroke-width=\"2\"\(dash)/>"
    s +=
      "<text x=\"\(Markup.px(lx + 35))\" y=\"\(Markup.px(ly + 4))\" font-size=\"11\">\(Markup.escape(ser.name))</text>\n"
    return s
  }

  static func tickLabel(_ v: Double) -> String {
    if v == v.rounded() && abs(v) < 1e9 { return Markup.count(Int(v)) }
    return String(format: "%g", v)
  }

  /// A fixed palette for up to ten series (colour-blind friendly first).
  static let palette = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#7f7f7f", "#8c564b", "#bcbd22",
  ]
}
