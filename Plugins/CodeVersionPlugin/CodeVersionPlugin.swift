import Foundation
import PackagePlugin

/// Stamps the code version into the target it is applied to (the HRA library) at build time.
///
/// One build command runs `Scripts/code-version.sh` on every build; it asks git for the commit
/// checked out in the package folder and whether tracked files are modified, and writes
/// `BuildCodeVersion.swift` (`let buildCodeVersion = ...`) into this plugin's work folder, which
/// SwiftPM compiles into the target. The script rewrites that file only when its content changes,
/// so an unchanged version recompiles nothing. Only system tools are used (`/bin/sh`, git): no
/// package dependency, nothing built first.
///
/// Why not a prebuild command, which is meant to run before every build: SwiftPM runs prebuild
/// commands only when it re-plans the build (a changed manifest or target folder), not on an
/// incremental build (swiftlang/swift-package-manager#5476), so a commit or an edited file would
/// go unnoticed. And not a build command with git's files and every tracked file as inputs: a
/// deleted tracked file would then fail the build ("missing inputs") until the next re-plan.
/// Instead the command's input is a stamp file that the script itself replaces each time it runs,
/// so the build system always finds its input changed and runs it again at the next build.
@main
struct CodeVersionPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
    let package = context.package.directoryURL
    let script = package.appending(path: "Scripts/code-version.sh")
    let work = context.pluginWorkDirectoryURL
    let output = work.appending(path: "generated", directoryHint: .isDirectory)
    let stamp = work.appending(path: "code-version.stamp")
    if !FileManager.default.fileExists(atPath: stamp.path) {
      try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
      try Data("planned\n".utf8).write(to: stamp)
    }
    var environment: [String: String] = [:]
    for name in ["PATH", "HOME", "HRA_CODE_VERSION_SUFFIX"] {
      if let v = ProcessInfo.processInfo.environment[name] { environment[name] = v }
    }
    return [
      .buildCommand(
        displayName: "Stamping the code version of \(target.name)",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: [script.path, package.path, output.path, stamp.path],
        environment: environment,
        inputFiles: [script, stamp],
        outputFiles: [output.appending(path: "BuildCodeVersion.swift")])
    ]
  }
}
