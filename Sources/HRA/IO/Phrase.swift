/// Lists in words for messages and help, so that a text naming the registered choices follows
/// the registry instead of being written out by hand.
package enum Phrase {
  /// `["V7", "V6", "V5"]` → `V7, V6 or V5`; one name alone; empty for none.
  package static func alternatives(_ names: [String]) -> String {
    guard let last = names.last else { return "" }
    return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " or " + last
  }
}
