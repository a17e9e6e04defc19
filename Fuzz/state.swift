// libFuzzer target 'state': IjkmomentState.decode(_:file:) and the json() round trip.
// Built and run by Scripts/fuzz.sh together with Tests/HRATests/IO/FuzzTargets.swift (the shared drivers).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let outcome = FuzzTargets.state(Data(bytes: data, count: size))
  if let problem = outcome.problems.first { fatalError("fuzz target 'state': \(problem)") }
  return 0
}
