// libFuzzer target 'status': StatusFile.parse of CSVTable(data:file:).
// Built and run by Scripts/fuzz.sh together with Tests/HRATests/IO/FuzzTargets.swift (the shared drivers).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let outcome = FuzzTargets.status(Data(bytes: data, count: size))
  if let problem = outcome.problems.first { fatalError("fuzz target 'status': \(problem)") }
  return 0
}
