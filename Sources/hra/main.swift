import Foundation
import HRA

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "calibrate-seismicity":
  do { try CalibrateSeismicity.run(Array(arguments.dropFirst())) } catch {
    FileHandle.standardError.write(Data("hra: \(error)\n".utf8))
    exit(1)
  }
default:
  print("hra")
  print("usage: hra calibrate-seismicity [models-dir]")
}
