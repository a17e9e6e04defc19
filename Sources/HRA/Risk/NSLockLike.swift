import Foundation

/// Foundation's NSLock, named so the engine depends on one lock type only.
typealias NSLockLike = NSLock
