// libFuzzer target 'forecast': GriddedForecast(table:) of CSVTable(data:file:), rateField(mmax:gasYears:bins:)
// for the first mmax and the csvText() round trip.
// Built and run by Scripts/fuzz.sh together with Tests/HRATests/IO/FuzzTargets.swift (the shared drivers).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let outcome = FuzzTargets.forecast(Data(bytes: data, count: size))
  if let problem = outcome.problems.first { fatalError("fuzz target 'forecast': \(problem)") }
  return 0
}
