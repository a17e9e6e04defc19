// libFuzzer target 'csv': CSVTable(data:file:) and its typed accessors on every cell.
// Built and run by Scripts/fuzz.sh together with Tests/HRATests/IO/FuzzTargets.swift (the shared drivers).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let outcome = FuzzTargets.csv(Data(bytes: data, count: size))
  if let problem = outcome.problems.first { fatalError("fuzz target 'csv': \(problem)") }
  return 0
}
