import Foundation

/// The fragility part of the model registry (``ModelRegistry`` gathers every kind): the
/// Groningen fragility/consequence versions in registry order, one entry each, defined beside
/// its type. Here, in Fragility/, because ``FCMVersion`` and ``FCMBranches`` load through it.
/// A new version is one line below.
package enum FragilityRegistry {
  package static let groningen: [ModelEntry<FCMBranches>] = [
    FCMV7.entry,
    FCMV6.entry,
    FCMTNO2020.entry,
  ]
}
