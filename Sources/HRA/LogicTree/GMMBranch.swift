/// One branch combination of the ground-motion logic tree (GMM V7 + site response).
package struct GMMBranch: Sendable, Hashable, Codable {
  /// Median branch 0..<4: Lower, CentralLower, CentralUpper, Upper.
  package var median: Int
  /// Between-event τ branch 0..<3: Lower, Central, Upper.
  package var tau: Int
  /// Single-station within-event φ_ss branch 0..<2: Lower, Upper.
  package var phi: Int
  /// Epistemic site-to-site ε (−1.645, 0 or +1.645 in V7).
  package var s2sEpsilon: Double

  package init(median: Int, tau: Int, phi: Int, s2sEpsilon: Double) {
    self.median = median
    self.tau = tau
    self.phi = phi
    self.s2sEpsilon = s2sEpsilon
  }

  package static let medianNames = ["Lower", "CentralLower", "CentralUpper", "Upper"]
  package static let tauNames = ["Lower", "Central", "Upper"]
  package static let phiNames = ["Lower", "Upper"]
}
