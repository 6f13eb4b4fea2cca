// Release benchmarks of the whole pipeline through the PLMKit facade, on simulated 8-hour nights
// of both legs written in setup (PLMSimulator) into a temporary folder and removed in teardown:
//   - NightAnalyzer.analyze: read both legs (CSV or CSV.gz), detect, align, score, assemble the
//     report (what `plm analyze` does before writing; `plm bench` times the same call);
//   - rendering the report of such a night: JSON (plm-report/1) and HTML (with the night plot).
//
//   cd Benchmarks && swift package benchmark --target PipelineBenchmarks
// The harness runs each benchmark in its own process, so each setup simulates and writes its own
// night (a few seconds, not measured).
//
// One analysis takes about a second, so the harness's own `throughput` (iterations per second,
// rounded to an integer) would read 1 or 0; each analysis benchmark reports instead
// "samples/s" (samples of both legs per wall-clock second, each sample x, y and z) and
// "MB/s" (file bytes read per wall-clock second, compressed size for .csv.gz), per iteration.
// "cores %" is the process's CPU time over wall-clock time of the analysis (100 = one core busy;
// up to 200 on two cores when the two legs really run side by side).
import Benchmark
import Foundation
import PLMKit
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One simulated night on disk, made once per process and benchmark configuration.
struct BenchNight: Sendable {
    var leftPath: String
    var rightPath: String
    /// Samples of both legs together.
    var samples: Int
    /// Bytes of both leg files together.
    var fileBytes: Int
}

/// Runs jobs on threads of its own, outside Swift's cooperative thread pool.
///
/// The harness runs an async benchmark by blocking one thread of the cooperative pool until it
/// ends; on a two-core machine that pool has two threads, so the two legs that `NightAnalyzer`
/// analyses in a task group would run one after the other (seen with strace: both files read on
/// one thread, "cores %" at 100). Under this executor preference the task group's child tasks
/// run on two threads of their own instead, side by side, as they do in `plm` itself.
/// (Dispatch's global queue was tried first: it sometimes ran both legs on one thread.)
final class ThreadPoolTaskExecutor: TaskExecutor, @unchecked Sendable {
    // `jobs` is only touched with `condition` locked.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    init(threads: Int) {
        for _ in 0..<threads {
            Thread { [self] in self.work() }.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// One thread per leg.
let legExecutor = ThreadPoolTaskExecutor(threads: 2)

/// CPU seconds used by the whole process (every thread) so far.
func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// The nights and analyses made in setup, read by the benchmark closure of this process.
let nights = Mutex<[String: BenchNight]>([:])
let analyses = Mutex<[String: NightAnalysis]>([:])
let benchFolder = FileManager.default.temporaryDirectory.appendingPathComponent("plm-pipeline-bench-\(getpid())").path

/// A moderate night (seed 7: not one of SampleData's nights), 8 h, both legs, generic layout in g.
func nightKey(rateHz: Double, gzip: Bool) -> String { "moderate-8h-\(Int(rateHz))hz-generic\(gzip ? "-gz" : "")" }

/// Simulates and writes the night of `key` unless this process has already done so.
func makeNight(rateHz: Double, gzip: Bool) throws {
    let key = nightKey(rateHz: rateHz, gzip: gzip)
    if nights.withLock({ $0[key] }) != nil { return }
    let settings = SimulationSettings(profile: .moderate, durationH: 8, sampleRateHz: rateHz, seed: 7)
    let night = try NightSimulator.simulate(settings)
    let folder = (benchFolder as NSString).appendingPathComponent(key)
    let written = try NightWriter.write(night, toDirectory: folder, layout: .generic, units: .g, gzip: gzip)
    func size(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
    let made = BenchNight(
        leftPath: written.leftPath, rightPath: written.rightPath,
        samples: night.left.sampleCount + night.right.sampleCount,
        fileBytes: size(written.leftPath) + size(written.rightPath))
    nights.withLock { $0[key] = made }
}

func request(for night: BenchNight) -> AnalysisRequest {
    AnalysisRequest(legs: [.init(side: .left, path: night.leftPath), .init(side: .right, path: night.rightPath)])
}

let benchmarks: @Sendable () -> Void = {
    let samplesPerSecond = BenchmarkMetric.custom("samples/s", polarity: .prefersLarger, useScalingFactor: false)
    let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    let coresPercent = BenchmarkMetric.custom("cores %", polarity: .prefersLarger, useScalingFactor: false)

    Benchmark.defaultConfiguration = .init(
        metrics: [
            .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, samplesPerSecond, megabytesPerSecond,
            coresPercent,
        ],
        timeUnits: .milliseconds, warmupIterations: 1, scalingFactor: .one, maxDuration: .seconds(30),
        maxIterations: 5)

    let teardown: Benchmark.BenchmarkTeardownHook = {
        nights.withLock { $0.removeAll() }
        analyses.withLock { $0.removeAll() }
        try? FileManager.default.removeItem(atPath: benchFolder)
    }

    /// Whole-night analysis of one configuration.
    func analyzeBenchmark(rateHz: Double, gzip: Bool) {
        let key = nightKey(rateHz: rateHz, gzip: gzip)
        Benchmark(
            "NightAnalyzer.analyze, 2 legs x 8 h at \(Int(rateHz)) Hz, generic \(gzip ? "CSV.gz" : "CSV")",
            closure: { benchmark in
                guard let night = nights.withLock({ $0[key] }) else {
                    benchmark.error("setup made no night \(key)")
                    return
                }
                let request = request(for: night)
                for _ in benchmark.scaledIterations {
                    let start = ContinuousClock.now
                    let cpuStart = processCPUSeconds()
                    let analysis = try await withTaskExecutorPreference(legExecutor) {
                        try await NightAnalyzer.analyze(request)
                    }
                    let cpuSeconds = processCPUSeconds() - cpuStart
                    let seconds = (ContinuousClock.now - start) / .seconds(1)
                    blackHole(analysis.report.indices)
                    benchmark.measurement(coresPercent, Int((100 * cpuSeconds / seconds).rounded()))
                    benchmark.measurement(samplesPerSecond, Int(Double(night.samples) / seconds))
                    benchmark.measurement(megabytesPerSecond, Int(Double(night.fileBytes) / 1e6 / seconds))
                }
            },
            setup: { try makeNight(rateHz: rateHz, gzip: gzip) }, teardown: teardown)
    }

    analyzeBenchmark(rateHz: 50, gzip: true)
    analyzeBenchmark(rateHz: 50, gzip: false)
    analyzeBenchmark(rateHz: 100, gzip: true)

    // Rendering: the analysis of the 50 Hz night is made once in setup; only rendering is measured.
    let renderKey = nightKey(rateHz: 50, gzip: true)
    let renderSetup: Benchmark.BenchmarkSetupHook = {
        try makeNight(rateHz: 50, gzip: true)
        if analyses.withLock({ $0[renderKey] }) != nil { return }
        guard let night = nights.withLock({ $0[renderKey] }) else { return }
        let analysis = try await NightAnalyzer.analyze(request(for: night))
        analyses.withLock { $0[renderKey] = analysis }
    }
    let renderConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident], timeUnits: .microseconds,
        warmupIterations: 1, scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 20)

    Benchmark(
        "report JSON (plm-report/1) of an 8 h night", configuration: renderConfiguration,
        closure: { benchmark in
            guard let analysis = analyses.withLock({ $0[renderKey] }) else {
                benchmark.error("setup made no analysis")
                return
            }
            benchmark.startMeasurement()
            blackHole(try analysis.report.jsonData())
            benchmark.stopMeasurement()
        }, setup: renderSetup, teardown: teardown)

    Benchmark(
        "report HTML with night plot of an 8 h night", configuration: renderConfiguration,
        closure: { benchmark in
            guard let analysis = analyses.withLock({ $0[renderKey] }) else {
                benchmark.error("setup made no analysis")
                return
            }
            benchmark.startMeasurement()
            blackHole(analysis.report.html(traces: analysis.traces))
            benchmark.stopMeasurement()
        }, setup: renderSetup, teardown: teardown)
}
