import Benchmark
import Dispatch
import Foundation
import PLMReaders

#if canImport(Glibc)
import Glibc
#endif

// Reader throughput on a generated generic `timestamp,x,y,z` file at 100 Hz (>= 100 MB), written
// in setup into a temporary folder (never committed) and removed in teardown.
//   cd Benchmarks && swift package benchmark --target ReaderBenchmarks
// Besides the harness's wall clock and throughput, each benchmark reports "MB/s" (wall clock) per
// iteration, and the one-file benchmark "MB/s CPU" (file bytes per second of the reading thread's
// CPU time), which stays meaningful when other processes share the cores.

/// CPU seconds used by the calling thread so far.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Writes about `targetBytes` of `yyyy-MM-dd HH:mm:ss.SSS,x,y,z` rows, 10 ms apart, values with 4
/// decimals around (0, 0, -1) g from a fixed linear congruential generator (reproducible).
func writeNight(to url: URL, targetBytes: Int) throws {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
        throw CocoaError(.fileWriteUnknown)
    }
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    var buffer: [UInt8] = Array("timestamp,x,y,z\n".utf8)
    buffer.reserveCapacity(1 << 22)
    var written = 0
    var state: UInt64 = 0x2026_0101
    func noise() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % 2001) - 1000  // -1000 ... 1000 (x 0.0001 g)
    }
    func append(_ value: Int, width: Int) {
        var digits = [UInt8](repeating: 0x30, count: width)
        var v = value
        for i in stride(from: width - 1, through: 0, by: -1) { digits[i] = UInt8(0x30 + v % 10); v /= 10 }
        buffer += digits
    }
    func appendG(_ tenThousandths: Int) {
        if tenThousandths < 0 { buffer.append(0x2D) }
        let v = abs(tenThousandths)
        append(v / 10_000, width: 1)
        buffer.append(0x2E)
        append(v % 10_000, width: 4)
    }
    // 2026-01-01 22:00:00.000 onwards.
    var millisecond = 22 * 3_600_000
    var day = 1
    while written + buffer.count < targetBytes {
        if millisecond >= 86_400_000 { millisecond -= 86_400_000; day += 1 }
        buffer += Array("2026-01-".utf8)
        append(day, width: 2)
        buffer.append(0x20)
        append(millisecond / 3_600_000, width: 2)
        buffer.append(0x3A)
        append(millisecond / 60_000 % 60, width: 2)
        buffer.append(0x3A)
        append(millisecond / 1000 % 60, width: 2)
        buffer.append(0x2E)
        append(millisecond % 1000, width: 3)
        buffer.append(0x2C)
        appendG(noise())
        buffer.append(0x2C)
        appendG(noise())
        buffer.append(0x2C)
        appendG(-10_000 + noise() / 10)
        buffer.append(0x0A)
        millisecond += 10
        if buffer.count >= 1 << 22 {
            try handle.write(contentsOf: buffer)
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
    }
    try handle.write(contentsOf: buffer)
}

let benchmarks: @Sendable () -> Void = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plm-reader-bench-\(getpid())")
    let file = folder.appendingPathComponent("night-100hz.csv")
    let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    let megabytesPerCPUSecond = BenchmarkMetric.custom("MB/s CPU", polarity: .prefersLarger, useScalingFactor: false)

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuUser, .throughput, .peakMemoryResident, megabytesPerSecond, megabytesPerCPUSecond],
        timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 8)

    let setup: Benchmark.BenchmarkSetupHook = {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: file.path) { try writeNight(to: file, targetBytes: 105_000_000) }
    }
    let teardown: Benchmark.BenchmarkTeardownHook = { try? FileManager.default.removeItem(at: folder) }

    func fileBytes() -> Double {
        Double((try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0)
    }

    Benchmark("read generic timestamp,x,y,z 100 Hz >=100 MB, 1 file", closure: { benchmark in
        let bytes = fileBytes()
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            let cpuStart = threadCPUSeconds()
            let recording = try RecordingReader.read(path: file.path, options: ReadOptions())
            let cpuSeconds = threadCPUSeconds() - cpuStart
            let seconds = (ContinuousClock.now - start) / .seconds(1)
            blackHole(recording.sampleCount)
            benchmark.measurement(megabytesPerSecond, Int(bytes / 1e6 / seconds))
            benchmark.measurement(megabytesPerCPUSecond, Int(bytes / 1e6 / cpuSeconds))
        }
    }, setup: setup, teardown: teardown)

    Benchmark("read two legs in parallel (2 x >=100 MB)", closure: { benchmark in
        let bytes = 2 * fileBytes()
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                blackHole((try? RecordingReader.read(path: file.path, options: ReadOptions()))?.sampleCount)
            }
            let seconds = (ContinuousClock.now - start) / .seconds(1)
            benchmark.measurement(megabytesPerSecond, Int(bytes / 1e6 / seconds))
        }
    }, setup: setup, teardown: teardown)
}
