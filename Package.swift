// swift-tools-version:6.0
//
// GroningenHRA — an open, fast, auditable seismic-risk prioritisation engine for the
// Groningen gas field. No Swift package dependencies: linear algebra comes from the
// system LAPACKE/OpenBLAS through the `CLapack` system-library target, which only
// `Sources/HRA/LinearAlgebra/LinearAlgebra.swift` imports.
import PackageDescription

let package = Package(
  name: "GroningenHRA",
  products: [
    // The engine as a library. Its declarations are `package`, not `public`: the hra CLI,
    // hra-bench and the tests in this package are its only users (issue 26).
    .library(name: "HRA", targets: ["HRA"]),
    .executable(name: "hra", targets: ["hra"]),
    .executable(name: "hra-bench", targets: ["hra-bench"]),
  ],
  targets: [
    // MARK: - Implementation details
    .systemLibrary(
      name: "CLapack",
      path: "Sources/CLapack",
      pkgConfig: "lapacke",
      providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
    ),
    .target(
      name: "HRA",
      dependencies: ["CLapack"],
      path: "Sources/HRA",
      plugins: ["CodeVersionPlugin"]
    ),
    // Fixes CodeVersion.current at build time: on every build a command runs Scripts/code-version.sh
    // (git commit of the checkout, -dirty when tracked files are modified, else +unknown) and HRA
    // compiles the Swift file it writes. Uses only the toolchain's PackagePlugin, /bin/sh and git.
    .plugin(
      name: "CodeVersionPlugin",
      capability: .buildTool(),
      path: "Plugins/CodeVersionPlugin"
    ),
    .executableTarget(
      name: "hra",
      dependencies: ["HRA"],
      path: "Sources/hra"
    ),
    // MARK: - Benchmarks (not products: nothing that depends on the package builds them)
    // Hand-written C reference of the conditional-probability kernel. No unsafeFlags (they
    // are refused when the package is a dependency): it builds with SwiftPM's default
    // optimisation for the configuration (release: clang -O2, baseline x86-64; see Benchmarks/README.md).
    .target(
      name: "CReferenceKernel",
      path: "Benchmarks/CReferenceKernel",
      linkerSettings: [.linkedLibrary("m")]
    ),
    .executableTarget(
      name: "hra-bench",
      dependencies: ["HRA", "CReferenceKernel"],
      path: "Benchmarks/hra-bench"
    ),
    // MARK: - Unit test bundles
    // The CLI's grammar (options, configuration files, error locations) lives in the hra
    // executable; its tests reach it with `@testable import hra`.
    .testTarget(
      name: "HRATests",
      dependencies: ["HRA", "hra"],
      path: "Tests/HRATests"
    ),
  ]
)
