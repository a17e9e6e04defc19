/// The k-th smallest of n values (0-based), in expected O(n), by Hoare's selection algorithm
/// (C. A. R. Hoare 1961, "Algorithm 65: Find", CACM 4(7)) with a median-of-three pivot.
///
/// Reorders `a[0..<n]` so that `a[k]` holds the k-th smallest value, every element before it is
/// ≤ it and every element after it is ≥ it (so a smaller k can then be selected in `a[0..<k]`).
/// Deterministic: no random pivot.
package enum QuickSelect {
  package static func select(_ a: UnsafeMutablePointer<Float>, count n: Int, k: Int) -> Float {
    precondition(k >= 0 && k < n)
    var lo = 0
    var hi = n - 1
    while hi > lo {
      // Median of three as the pivot value.
      let mid = lo + (hi - lo) / 2
      if a[mid] < a[lo] { a.swapAt(mid, lo) }
      if a[hi] < a[lo] { a.swapAt(hi, lo) }
      if a[hi] < a[mid] { a.swapAt(hi, mid) }
      let pivot = a[mid]
      var i = lo
      var j = hi
      while i <= j {
        while a[i] < pivot { i += 1 }
        while a[j] > pivot { j -= 1 }
        if i <= j {
          a.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if k <= j {
        hi = j
      } else if k >= i {
        lo = i
      } else {
        return a[k]
      }
    }
    return a[k]
  }
}

extension UnsafeMutablePointer where Pointee == Float {
  @inline(__always) fileprivate func swapAt(_ i: Int, _ j: Int) {
    let t = self[i]
    self[i] = self[j]
    self[j] = t
  }
}
