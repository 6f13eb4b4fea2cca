import Benchmark

// Placeholder: the benchmarks of this target are written with their module.
let benchmarks: @Sendable () -> Void = {
    Benchmark("placeholder") { _ in }
}
