import Foundation
import Testing

@testable import HRA

/// ``ProgressReporter``: timestamped stage lines when standard error is not a terminal, one line
/// rewritten in place on a terminal (with done/total and an ETA when steps are counted), nothing
/// but warnings with `--quiet`.
@Suite struct ProgressReporterTests {
  /// Collects what the reporter writes.
  final class Sink: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []
    func append(_ s: String) {
      lock.lock()
      parts.append(s)
      lock.unlock()
    }
    var text: String {
      lock.lock()
      defer { lock.unlock() }
      return parts.joined()
    }
  }

  /// A clock set by the test, from 2026-12-07T07:00:00Z.
  final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var t = Date(timeIntervalSince1970: 1_796_626_800)
    func now() -> Date {
      lock.lock()
      defer { lock.unlock() }
      return t
    }
    func advance(_ seconds: Double) {
      lock.lock()
      t += seconds
      lock.unlock()
    }
  }

  @Test func linesAreTimestampedOnePerStage() {
    let sink = Sink()
    let clock = Clock()
    let p = ProgressReporter(command: "run", mode: .lines, sink: sink.append, now: clock.now)
    clock.advance(2.5)
    p.log("exposure: 12 buildings")
    clock.advance(2.5)
    p.log("warning: GMM V5 with FCM V7 is not a pairing the model authors used")
    clock.advance(2.5)
    p.finish()
    p.finish()
    let lines = sink.text.split(separator: "\n").map(String.init)
    #expect(
      lines == [
        "2026-12-07T07:00:00Z hra run [+0.0 s] started",
        "2026-12-07T07:00:02Z hra run [+2.5 s] exposure: 12 buildings",
        "2026-12-07T07:00:05Z hra run [+5.0 s] warning: GMM V5 with FCM V7 is not a pairing the model authors used",
        "2026-12-07T07:00:07Z hra run [+7.5 s] finished after 7.5 s",
      ], "\(sink.text)")
    #expect(sink.text.hasSuffix("\n"))
  }

  @Test func countedStepsShowDoneOfTotal() {
    let sink = Sink()
    let clock = Clock()
    let p = ProgressReporter(
      command: "scenarios", mode: .lines, total: 2, counts: { $0.contains(": computed in ") }, sink: sink.append,
      now: clock.now)
    clock.advance(2.5)
    p.log("a: computed in 1.0 s")
    p.finish()
    #expect(sink.text.contains("hra scenarios [+2.5 s] [1/2] a: computed in 1.0 s\n"), "\(sink.text)")
  }

  @Test func terminalLineIsRewrittenInPlaceWithETAAndErased() {
    let sink = Sink()
    let clock = Clock()
    let p = ProgressReporter(
      command: "scenarios", mode: .terminal, total: 4, counts: { $0.contains(": computed in ") }, sink: sink.append,
      now: clock.now, width: 100)
    clock.advance(7.5)
    p.log("phase-out-actual: computed in 12.0 s")
    // One step of four done in 7.5 s: 22.5 s to go.
    #expect(p.statusLine() == "hra scenarios 0:07 [1/4, ETA 0:22] phase-out-actual: computed in 12.0 s")
    p.log(String(repeating: "x", count: 200))
    #expect(p.statusLine().count == 99 && p.statusLine().hasSuffix("…"))
    p.finish()
    let text = sink.text
    #expect(!text.contains("\n"), "a terminal's progress is one line: \(text.debugDescription)")
    #expect(text.hasPrefix("\r\u{1B}[K") && text.hasSuffix("\r\u{1B}[K"))
  }

  @Test func quietWritesOnlyWarnings() {
    let sink = Sink()
    let p = ProgressReporter(command: "hazard", mode: .off, sink: sink.append)
    p.log("hazard: 12 sites")
    #expect(sink.text.isEmpty)
    p.log("warning: snapped")
    p.finish()
    #expect(sink.text == "hra hazard: warning: snapped\n")
  }

  @Test func clockFormat() {
    #expect(ProgressReporter.clock(0) == "0:00")
    #expect(ProgressReporter.clock(83.9) == "1:23")
    #expect(ProgressReporter.clock(3723) == "1:02:03")
  }
}
