// libFuzzer target 'exposure': ExposureDatabase.load (file-based: each input is written to a scratch file first)
// with the V6 zonation and the V7 typologies of Models/ (or of $HRA_FUZZ_MODELS).
// Built and run by Scripts/fuzz.sh together with Tests/HRATests/IO/FuzzTargets.swift (the shared drivers).
import Foundation

/// The file each input is written to: $HRA_FUZZ_SCRATCH (Scripts/fuzz.sh: in .build-fuzz/), else a file of this
/// process in the temporary folder (removed at a normal exit; libFuzzer often ends with _exit, so the script's is
/// the tidy one).
let scratch =
  ProcessInfo.processInfo.environment["HRA_FUZZ_SCRATCH"]
  ?? URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hra-fuzz-\(getpid()).csv").path

let context: FuzzTargets.ExposureContext = {
  let models = ProcessInfo.processInfo.environment["HRA_FUZZ_MODELS"] ?? "Models"
  atexit { unlink(scratch) }
  do {
    return try FuzzTargets.ExposureContext(models: models, scratch: scratch)
  } catch {
    fatalError("fuzz target 'exposure': cannot load the zone map and typologies of \(models): \(error)")
  }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let outcome = FuzzTargets.exposure(Data(bytes: data, count: size), context)
  if let problem = outcome.problems.first { fatalError("fuzz target 'exposure': \(problem)") }
  return 0
}
