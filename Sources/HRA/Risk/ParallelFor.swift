import Dispatch

/// Runs `body(i)` for i in 0..<count on `threads` workers. Work is split into fixed chunks
/// independent of the thread count, and every chunk writes only its own output slots, so
/// results do not depend on the number of threads or on scheduling order.
func parallelFor(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
  if threads <= 1 || count <= 1 {
    for i in 0..<count { body(i) }
    return
  }
  let next = AtomicCounter()
  DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
    while true {
      let i = next.increment()
      if i >= count { break }
      body(i)
    }
  }
}

/// A lock-protected counter handing out work items.
final class AtomicCounter: @unchecked Sendable {
  private var value = 0
  private let lock = NSLockLike()
  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    let v = value
    value += 1
    return v
  }
}

/// A mutable buffer shared by workers that write disjoint slots.
final class SharedBuffer<T>: @unchecked Sendable {
  var pointer: UnsafeMutablePointer<T>
  let count: Int
  init(repeating v: T, count: Int) {
    self.count = count
    pointer = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
    pointer.initialize(repeating: v, count: count)
  }
  deinit {
    pointer.deinitialize(count: count)
    pointer.deallocate()
  }
  func array() -> [T] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
