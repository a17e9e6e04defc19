import Foundation

/// A model variant: branch sets held fixed on top of the configuration's own `fixedBranches`.
package struct ScenarioVariant: Sendable, Codable, Equatable {
  package var name: String
  package var fixed: [String: String]
  package init(name: String, fixed: [String: String]) {
    self.name = name
    self.fixed = fixed
  }
}
