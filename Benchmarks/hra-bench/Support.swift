import Foundation

#if canImport(Glibc)
  import Glibc
#endif

// MARK: - Clocks, memory, threads

/// Monotonic wall-clock time [s].
func wallNow() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// CPU time of the whole process (all threads, user + system) [s]. Unlike wall time it does
/// not grow when another process takes the core away, which is what makes the check mode
/// usable on a shared 2-core machine.
func cpuNow() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Peak resident set size of this process [MB] (getrusage ru_maxrss, KiB on Linux).
func peakRSSMB() -> Double {
  var u = rusage()
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
  return Double(u.ru_maxrss) * 1024 / 1e6
}

/// Number of OS threads of this process now (/proc/self/status), or -1.
func osThreadCount() -> Int {
  guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
  for line in s.split(separator: "\n") where line.hasPrefix("Threads:") {
    return Int(line.dropFirst(8).trimmingCharacters(in: .whitespaces)) ?? -1
  }
  return -1
}

// MARK: - Statistics

func median(_ x: [Double]) -> Double {
  precondition(!x.isEmpty)
  let s = x.sorted()
  let n = s.count
  return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2])
}

// MARK: - The reference loop

/// A fixed scalar loop of `iterations` dependent multiply-adds (2 flops each, one chain: the
/// compiler can neither vectorise nor reorder it without fast-math). Its time measures how fast
/// this core runs plain scalar floating point right now; every benchmark's time is divided by
/// it (measured in the same process, just before each repetition).
@inline(never)
func referenceLoop(seed: Double, a: Double, b: Double, iterations: Int) -> Double {
  var x = seed
  for _ in 0..<iterations {
    x = x * a + b
  }
  return x
}

/// Opaque constants for the reference loop (read at run time, so nothing is folded).
let referenceA = 0.999_999_9 + (Double(ProcessInfo.processInfo.environment["HRA_BENCH_REF_A_OFFSET"] ?? "0") ?? 0)
let referenceIterations = 20_000_000

/// One measurement of the reference loop: (wall, cpu) seconds.
func measureReference() -> (wall: Double, cpu: Double, value: Double) {
  let w0 = wallNow()
  let c0 = cpuNow()
  let v = referenceLoop(seed: 1.0, a: referenceA, b: 1e-7, iterations: referenceIterations)
  return (wallNow() - w0, cpuNow() - c0, v)
}

// MARK: - Formatting

func fmtTime(_ s: Double) -> String {
  if s >= 100 { return String(format: "%.0f s", s) }
  if s >= 1 { return String(format: "%.2f s", s) }
  if s >= 1e-3 { return String(format: "%.1f ms", s * 1e3) }
  return String(format: "%.1f µs", s * 1e6)
}

func fmtRate(_ r: Double) -> String {
  if r >= 1e9 { return String(format: "%.2fG", r / 1e9) }
  if r >= 1e6 { return String(format: "%.2fM", r / 1e6) }
  if r >= 1e3 { return String(format: "%.1fk", r / 1e3) }
  return String(format: "%.1f", r)
}

func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
  if s.count >= n { return s }
  let p = String(repeating: " ", count: n - s.count)
  return right ? p + s : s + p
}

func stderrPrint(_ s: String) {
  FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
}

/// First lines of `lscpu` style facts from /proc/cpuinfo.
func cpuModelName() -> String {
  guard let s = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
  for line in s.split(separator: "\n") where line.hasPrefix("model name") {
    return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
  }
  return "unknown"
}
