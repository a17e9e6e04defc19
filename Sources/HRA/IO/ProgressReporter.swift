import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Progress of a long-running `hra` command on standard error, never on standard output (which
/// stays the command's result: a summary, or parseable JSON with `--json`).
///
/// The library reports stages through `log: (String) -> Void` closures; a command routes them to
/// ``log(_:)``. Three modes:
/// - ``Mode/terminal`` (standard error is a terminal, `isatty(2)`): one line rewritten in place
///   (`\r`, erase to end of line) with the command, the elapsed time, `done/total` and an ETA when
///   the command counts steps, and the latest stage message; a ticker redraws it every second so
///   the elapsed time moves during a long stage. ``finish()`` erases it.
/// - ``Mode/lines`` (standard error redirected: a log file, CI): one line per stage, written with
///   one `write(2)` each (nothing buffered), `2026-12-07T07:01:02Z hra run [+3.2 s] message`.
/// - ``Mode/off`` (`--quiet`): nothing, except warnings.
///
/// Messages starting with `warning:` are written as lines in every mode (a terminal's progress
/// line is erased first and redrawn after).
package final class ProgressReporter: @unchecked Sendable {
  package enum Mode: Sendable, Equatable {
    case off, lines, terminal
  }

  /// The mode for standard error: off with `quiet`, else terminal when `fd` is a terminal, else lines.
  package static func mode(quiet: Bool, fd: Int32 = 2) -> Mode {
    quiet ? .off : (isatty(fd) == 1 ? .terminal : .lines)
  }

  package let command: String
  package let mode: Mode
  private let sink: @Sendable (String) -> Void
  private let now: @Sendable () -> Date
  private let width: Int
  private let start: Date
  private let lock = NSLock()
  private let counts: (@Sendable (String) -> Bool)?
  private var total: Int?
  private var done = 0
  private var stage = "started"
  private var drawn = false
  private var finished = false

  /// - Parameters:
  ///   - command: the name shown (`run`, `hazard`, …).
  ///   - total: the number of steps, when the command knows it; `counts` says which messages
  ///     complete a step (each such message advances `done`).
  ///   - sink: where the text goes (default: standard error, unbuffered).
  ///   - now: the clock (tests give a fixed one).
  ///   - width: the terminal's width in columns (default: asked from the terminal, else 80).
  package init(
    command: String, mode: Mode, total: Int? = nil, counts: (@Sendable (String) -> Bool)? = nil,
    sink: @escaping @Sendable (String) -> Void = ProgressReporter.standardError,
    now: @escaping @Sendable () -> Date = { Date() }, width: Int? = nil
  ) {
    self.command = command
    self.mode = mode
    self.total = total
    self.counts = counts
    self.sink = sink
    self.now = now
    self.width = width ?? (mode == .terminal ? ProgressReporter.terminalWidth() : 80)
    self.start = now()
    if mode == .lines { sink(line("started")) }
    if mode == .terminal {
      lock.lock()
      draw()
      lock.unlock()
      Thread.detachNewThread { [self] in tick() }
    }
  }

  /// A command's progress reporter on standard error: off with `quiet`, else as `isatty(2)` says.
  package convenience init(
    command: String, quiet: Bool, total: Int? = nil, counts: (@Sendable (String) -> Bool)? = nil
  ) {
    self.init(command: command, mode: ProgressReporter.mode(quiet: quiet), total: total, counts: counts)
  }

  /// Writes `text` to standard error with one `write(2)` call (no buffering).
  package static let standardError: @Sendable (String) -> Void = { text in
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// One stage message from the library (or the command).
  package func log(_ message: String) {
    lock.lock()
    defer { lock.unlock() }
    guard !finished else {
      if message.hasPrefix("warning:") { sink("hra \(command): \(message)\n") }
      return
    }
    if let counts, counts(message) { done += 1 }
    if message.hasPrefix("warning:") {
      switch mode {
      case .lines: sink(line(message))
      case .terminal:
        erase()
        sink("hra \(command): \(message)\n")
        draw()
      case .off: sink("hra \(command): \(message)\n")
      }
      return
    }
    stage = message
    switch mode {
    case .lines: sink(line(message))
    case .terminal: draw()
    case .off: break
    }
  }

  /// Writes `text` to standard output (flushed) without mixing it into a terminal's progress line.
  package func output(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    if mode == .terminal && !finished { erase() }
    print(text, terminator: "")
    fflush(nil)  // every stream: standard output, whatever print buffered
    if mode == .terminal && !finished { draw() }
  }

  /// Ends the progress: erases a terminal's line, or writes the elapsed time as the last line.
  /// Calling it again does nothing.
  package func finish() {
    lock.lock()
    defer { lock.unlock() }
    guard !finished else { return }
    finished = true
    switch mode {
    case .lines: sink(line(String(format: "finished after %.1f s", now().timeIntervalSince(start))))
    case .terminal: erase()
    case .off: break
    }
  }

  /// `2026-12-07T07:01:02Z hra run [+3.2 s] [2/6] message` and a line break.
  func line(_ message: String) -> String {
    let t = now()
    let stamp = t.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    return "\(stamp) hra \(command) [+\(String(format: "%.1f", t.timeIntervalSince(start))) s]\(count()) \(message)\n"
  }

  /// The terminal line: `hra run 1:23 [2/6, ETA 0:40] message`, cut to the terminal's width.
  func statusLine() -> String {
    let elapsed = now().timeIntervalSince(start)
    var s = "hra \(command) \(ProgressReporter.clock(elapsed))"
    if let total {
      s += " [\(min(done, total))/\(total)"
      if done > 0 && done < total {
        s += ", ETA \(ProgressReporter.clock(elapsed / Double(done) * Double(total - done)))"
      }
      s += "]"
    }
    s += " " + stage.replacingOccurrences(of: "\n", with: " ")
    let limit = max(width - 1, 10)
    return s.count > limit ? String(s.prefix(limit - 1)) + "…" : s
  }

  /// ` [2/6]` when steps are counted, else nothing.
  private func count() -> String {
    guard let total else { return "" }
    return " [\(min(done, total))/\(total)]"
  }

  /// `m:ss`, or `h:mm:ss` from one hour on.
  static func clock(_ seconds: Double) -> String {
    let s = Int(seconds.rounded(.down))
    return s >= 3600
      ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
  }

  /// Redraws the terminal line (the lock is held).
  private func draw() {
    sink("\r\u{1B}[K" + statusLine())
    drawn = true
  }

  /// Erases the terminal line (the lock is held).
  private func erase() {
    guard drawn else { return }
    sink("\r\u{1B}[K")
    drawn = false
  }

  /// Redraws the terminal line every second until ``finish()``.
  private func tick() {
    while true {
      Thread.sleep(forTimeInterval: 1)
      lock.lock()
      if finished {
        lock.unlock()
        return
      }
      draw()
      lock.unlock()
    }
  }

  /// The width of the terminal on standard error, else `$COLUMNS`, else 80.
  static func terminalWidth() -> Int {
    var w = winsize()
    if withUnsafeMutablePointer(to: &w, { ioctl(2, UInt(TIOCGWINSZ), $0) }) == 0 && w.ws_col > 0 {
      return Int(w.ws_col)
    }
    return ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) } ?? 80
  }
}
