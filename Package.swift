// swift-tools-version: 6.0
// PLMKit: periodic limb movement (PLM) scoring from ankle accelerometers.
//
// The pipeline reads in one direction, one module per stage:
//
//   CFFTW, CSystemZlib (C system libraries; not "CZlib": ZIPFoundation has a module of that name)
//   CISAL, CInflate  Intel ISA-L when installed (pkg-config libisal) and the streaming gzip inflate
//                 over it, with zlib as the fallback (Sources/CInflate)
//   PLMCore       shared vocabulary: legs, time spans, leg movements, published rule numbers
//   PLMFFT        FFTW plans and aligned buffers, safe to use from several tasks
//   PLMReaders    raw accelerometer CSV readers with defect detection      (read)
//   PLMSignal     zero-phase filtering, movement signal, LM detection      (condition, detect)
//   PLMNights     per-minute epochs -> non-wear, in-bed periods, naps, sleep/wake (pure Swift)
//   PLMScoring    WASM 2016 / AASM scoring rules and indices, pure Swift    (score)
//   PLMReports    plm-report/1 JSON, HTML, CSV, terminal summary            (report)
//   PLMSimulator  simulated nights with ground truth
//   PLMEvaluation event matching and agreement statistics against a reference
//   PLMKit        facade composing the pipeline
//   PLMBatch      cohorts: many recordings, a results database (SQLite via GRDB), Slurm arrays
//   PLMCommands   the `plm` subcommands (argument parsing only)
//   plm           the executable
//   PLMFuzzHarness  fuzz target bodies (Fuzz/ builds them with libFuzzer; tests replay crashes)
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "PLMKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PLMKit", targets: ["PLMKit"]),
        // One product per stage, so that benchmarks and other packages can link just the stage they use.
        .library(name: "PLMFFT", targets: ["PLMFFT"]),
        .library(name: "PLMReaders", targets: ["PLMReaders"]),
        .library(name: "PLMSignal", targets: ["PLMSignal"]),
        .library(name: "PLMScoring", targets: ["PLMScoring"]),
        .library(name: "PLMSimulator", targets: ["PLMSimulator"]),
        .executable(name: "plm", targets: ["plm"]),
        // The bodies of the fuzz targets, for the separate Fuzz/ package (make fuzz) and the
        // regression replay in the tests.
        .library(name: "PLMFuzzHarness", targets: ["PLMFuzzHarness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Reading the .gt3x zip archives (info.txt, log.bin) without a hand-written zip parser.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CFFTW", pkgConfig: "fftw3",
            providers: [.apt(["libfftw3-dev"]), .brew(["fftw"])]),
        .systemLibrary(
            name: "CSystemZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // Intel ISA-L (Debian libisal-dev): optional. pkg-config supplies -lisal when it is installed;
        // without it SwiftPM only warns, and CInflate compiles its zlib path alone.
        .systemLibrary(
            name: "CISAL", pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"]), .brew(["isa-l"])]),
        .target(name: "CInflate", dependencies: ["CISAL"], linkerSettings: [.linkedLibrary("z")]),
        .target(name: "PLMCore", swiftSettings: strictSwift),
        .target(name: "PLMFFT", dependencies: ["PLMCore", "CFFTW"], swiftSettings: strictSwift),
        .target(
            name: "PLMReaders", dependencies: ["PLMCore", "CInflate", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strictSwift),
        .target(name: "PLMSignal", dependencies: ["PLMCore", "PLMFFT", "PLMReaders"], swiftSettings: strictSwift),
        .target(name: "PLMScoring", dependencies: ["PLMCore"], swiftSettings: strictSwift),
        .target(name: "PLMNights", dependencies: ["PLMCore", "PLMReaders"], swiftSettings: strictSwift),
        .target(name: "PLMReports", dependencies: ["PLMCore"], swiftSettings: strictSwift),
        .target(name: "PLMEvaluation", dependencies: ["PLMCore"], swiftSettings: strictSwift),
        .target(
            name: "PLMSimulator", dependencies: ["PLMCore", "PLMScoring", "PLMEvaluation", "CSystemZlib"],
            swiftSettings: strictSwift),
        .target(
            name: "PLMKit",
            dependencies: [
                "PLMCore", "PLMReaders", "PLMSignal", "PLMNights", "PLMScoring", "PLMReports",
                "PLMSimulator", "PLMEvaluation",
            ],
            swiftSettings: strictSwift),
        .target(
            name: "PLMBatch", dependencies: ["PLMKit", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSwift),
        .target(
            name: "PLMCommands",
            dependencies: ["PLMKit", "PLMBatch", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSwift),
        .executableTarget(name: "plm", dependencies: ["PLMCommands"], swiftSettings: strictSwift),
        .target(
            name: "PLMFuzzHarness", dependencies: ["PLMKit", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strictSwift),

        // Helpers shared by the test targets (random generator, temporary folders).
        .target(name: "PLMTestSupport", path: "Tests/PLMTestSupport", swiftSettings: strictSwift),
        .testTarget(name: "PLMCoreTests", dependencies: ["PLMCore", "PLMTestSupport"], swiftSettings: strictSwift),
        .testTarget(name: "PLMFFTTests", dependencies: ["PLMFFT"], swiftSettings: strictSwift),
        .testTarget(
            name: "PLMReadersTests",
            dependencies: [
                "PLMReaders", "CSystemZlib", "PLMTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")], swiftSettings: strictSwift),
        .testTarget(
            name: "PLMSignalTests", dependencies: ["PLMSignal", "PLMTestSupport"],
            resources: [.copy("Fixtures")], swiftSettings: strictSwift),
        .testTarget(
            name: "PLMScoringTests", dependencies: ["PLMScoring"],
            resources: [.copy("Fixtures")], swiftSettings: strictSwift),
        .testTarget(name: "PLMNightsTests", dependencies: ["PLMNights"], swiftSettings: strictSwift),
        .testTarget(name: "PLMReportsTests", dependencies: ["PLMReports"], swiftSettings: strictSwift),
        .testTarget(name: "PLMSimulatorTests", dependencies: ["PLMSimulator", "PLMTestSupport"], swiftSettings: strictSwift),
        .testTarget(name: "PLMEvaluationTests", dependencies: ["PLMEvaluation", "PLMTestSupport"], swiftSettings: strictSwift),
        .testTarget(
            name: "PLMKitTests", dependencies: ["PLMKit", "PLMFuzzHarness", "PLMTestSupport"],
            resources: [.copy("FuzzRegressions")], swiftSettings: strictSwift),
        .testTarget(name: "PLMBatchTests", dependencies: ["PLMBatch", "PLMTestSupport"], swiftSettings: strictSwift),
        .testTarget(name: "PLMCommandsTests", dependencies: ["PLMCommands", "PLMTestSupport"], swiftSettings: strictSwift),
    ]
)
