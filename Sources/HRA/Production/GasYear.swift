import Foundation

/// Gas years: gas year y runs from 1 October y to 30 September y + 1 (decimal years
/// [y + 0.75, y + 1.75)) and is labelled `y/yy`, e.g. 2019 → "2019/20".
package enum GasYear {
  /// The label of gas year y, e.g. 2019 → "2019/20".
  package static func label(_ y: Int) -> String { String(format: "%d/%02d", y, (y + 1) % 100) }
}
