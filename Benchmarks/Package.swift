// swift-tools-version: 6.1
// Release benchmarks of PLMKit (ordo-one/benchmark). Kept out of the root package so that
// `swift build` / `swift test` at the root never resolve or compile the harness.
//   cd Benchmarks && swift package benchmark                 # all
//   cd Benchmarks && swift package benchmark --target ReaderBenchmarks
//   cd Benchmarks && swift package benchmark --target BinaryReaderBenchmarks
import PackageDescription

let package = Package(
    name: "PLMKitBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "PLMKit", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .executableTarget(
            name: "ReaderBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PLMReaders", package: "PLMKit"),
            ],
            path: "Benchmarks/ReaderBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "BinaryReaderBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PLMReaders", package: "PLMKit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Benchmarks/BinaryReaderBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "SignalBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PLMSignal", package: "PLMKit"),
                .product(name: "PLMSimulator", package: "PLMKit"),
            ],
            path: "Benchmarks/SignalBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "PipelineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PLMKit", package: "PLMKit"),
            ],
            path: "Benchmarks/PipelineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
