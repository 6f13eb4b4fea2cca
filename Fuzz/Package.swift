// swift-tools-version: 6.0
// libFuzzer targets of PLMKit. Kept out of the root package so that `swift build` / `swift test`
// at the root never build them (they need -sanitize=fuzzer, which has its own main).
//   make fuzz                      # build and run every target (scripts/fuzz.sh; docs/fuzzing.md)
//   cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// The bodies live in the root package's PLMFuzzHarness, so the tests can replay crashing inputs.
import PackageDescription

let fuzzTargets = [
    "FuzzRecordingCSV", "FuzzEventsCSV", "FuzzAnnotations", "FuzzReportJSON", "FuzzCWA", "FuzzGENEActivBin", "FuzzGT3X",
]

let package = Package(
    name: "PLMKitFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "PLMKit", path: "../"),
    ],
    targets: fuzzTargets.map { name in
        .executableTarget(
            name: name, dependencies: [.product(name: "PLMFuzzHarness", package: "PLMKit")],
            swiftSettings: [.swiftLanguageMode(.v6)])
    }
)
