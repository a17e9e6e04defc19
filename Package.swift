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
    // MARK: - Public API
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
      path: "Sources/HRA"
    ),
    .executableTarget(
      name: "hra",
      dependencies: ["HRA"],
      path: "Sources/hra"
    ),
    .executableTarget(
      name: "hra-bench",
      dependencies: ["HRA"],
      path: "Benchmarks/hra-bench"
    ),
    // MARK: - Unit test bundles
    .testTarget(
      name: "HRATests",
      dependencies: ["HRA"],
      path: "Tests/HRATests"
    ),
  ]
)
