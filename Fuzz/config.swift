// libFuzzer target 'config': ConfigFile(data:file:schema:) with a run-configuration schema, its typed
// accessors and the render round trip.
// Built and run by Scripts/fuzz.sh together with Tests/HRATests/IO/FuzzTargets.swift (the shared drivers).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let outcome = FuzzTargets.config(Data(bytes: data, count: size))
  if let problem = outcome.problems.first { fatalError("fuzz target 'config': \(problem)") }
  return 0
}
