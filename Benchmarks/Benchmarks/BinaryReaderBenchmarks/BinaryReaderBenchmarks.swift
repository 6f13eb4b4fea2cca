import Benchmark
import Foundation
import PLMReaders
import ZIPFoundation

#if canImport(Glibc)
import Glibc
#endif

// Binary reader throughput on generated files (written in setup into a temporary folder, never
// committed, removed in teardown): a day at 100 Hz (8.64 M samples) as an Axivity .cwa (packed
// 10-bit sectors) and as an ActiGraph .gt3x whose log.bin (ACTIVITY2 records) is stored
// uncompressed, so that the figure is the decoder's, not zlib's.
//   cd Benchmarks && swift package benchmark --target BinaryReaderBenchmarks
// Each benchmark reports "Msamples/s" (wall clock) and "Msamples/s CPU" (per second of the reading
// thread's CPU time: what one core does, whatever else shares the machine):
// - "read": the whole RecordingReader.read (decoding plus the shared defect scan; every sample
//   and its time in fresh buffers, 20 bytes per sample);
// - "stream": one ChunkedRecordingReader.forEachChunk pass (the decoding alone, into buffers of
//   64 Ki samples reused piece after piece: what each pass of the multi-night analysis costs);
// - "survey": ChunkedRecordingReader.survey (three such passes: the facts and every defect).

let samplesPerDay = 8_640_000

/// CPU seconds used by the calling thread so far.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// A reproducible value in -200 ... 200 (1/256 g steps) from a linear congruential generator.
struct Noise {
    var state: UInt64 = 0x2026_0101
    mutating func next() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % 401) - 200
    }
}

func put16(_ b: inout [UInt8], _ at: Int, _ v: UInt16) {
    b[at] = UInt8(v & 0xFF)
    b[at + 1] = UInt8(v >> 8)
}

func put32(_ b: inout [UInt8], _ at: Int, _ v: UInt32) {
    put16(&b, at, UInt16(v & 0xFFFF))
    put16(&b, at + 2, UInt16(v >> 16))
}

/// A .cwa of `samples` samples at 100 Hz (OpenMovement cwa.h layout): header, then sectors of
/// 120 packed samples with whole-second time stamps and a zero-sum checksum.
func writeCWA(to url: URL, samples: Int) throws {
    var header = [UInt8](repeating: 0xFF, count: 1024)
    put16(&header, 0, 0x444D)
    put16(&header, 2, 1020)
    header[4] = 0x17
    header[36] = 0x4A  // 100 Hz, +-8 g
    var data = Data(header)
    var noise = Noise()
    // 2026-01-01 from 00:00:00 (a day fits the date field): year 26, month 1, day 1.
    let day: UInt32 = 26 << 26 | 1 << 22 | 1 << 17
    for k in 0..<(samples / 120) {
        var s = [UInt8](repeating: 0, count: 512)
        put16(&s, 0, 0x5841)
        put16(&s, 2, 508)
        put32(&s, 10, UInt32(k))
        // The time stamp is the next whole second, which sample `offset` of the sector falls on.
        let first = k * 120
        let second = (first + 99) / 100
        put32(&s, 14, day | UInt32(second / 3600) << 12 | UInt32(second / 60 % 60) << 6 | UInt32(second % 60))
        s[24] = 0x4A
        s[25] = 0x30
        put16(&s, 26, UInt16(bitPattern: Int16(100 - first % 100) % 100))
        put16(&s, 28, 120)
        for j in 0..<120 {
            let x = noise.next(), y = noise.next(), z = -256 + noise.next() / 4
            put32(&s, 30 + 4 * j, UInt32(z & 0x3FF) << 20 | UInt32(y & 0x3FF) << 10 | UInt32(x & 0x3FF))
        }
        var sum: UInt16 = 0
        for i in stride(from: 0, to: 510, by: 2) { sum &+= UInt16(s[i]) | UInt16(s[i + 1]) << 8 }
        put16(&s, 510, 0 &- sum)
        data.append(contentsOf: s)
    }
    try data.write(to: url)
}

/// A .gt3x with info.txt and a stored log.bin of one ACTIVITY2 record per second at 100 Hz.
func writeGT3X(to url: URL, samples: Int) throws {
    var log: [UInt8] = []
    log.reserveCapacity(samples / 100 * 609)
    var noise = Noise()
    let start: UInt32 = 1_767_304_800
    for second in 0..<(samples / 100) {
        var record: [UInt8] = [0x1E, 0x1A, 0, 0, 0, 0, 0x58, 0x02]  // 600-byte payload
        let t = start + UInt32(second)
        record[2] = UInt8(t & 0xFF); record[3] = UInt8(t >> 8 & 0xFF); record[4] = UInt8(t >> 16 & 0xFF); record[5] = UInt8(t >> 24)
        for _ in 0..<100 {
            for v in [noise.next(), noise.next(), -256 + noise.next() / 4] {
                let u = UInt16(bitPattern: Int16(v))
                record.append(UInt8(u & 0xFF))
                record.append(UInt8(u >> 8))
            }
        }
        record.append(~record.reduce(0, ^))
        log += record
    }
    let info = "Serial Number: BENCH0001\r\nDevice Type: wGT3XBT\r\nSample Rate: 100\r\nTimeZone: 01:00:00\r\nAcceleration Scale: 256.0\r\n"
    let archive = try Archive(url: url, accessMode: .create)
    for (name, bytes) in [("info.txt", Data(info.utf8)), ("log.bin", Data(log))] {
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .none) { position, size in
            bytes.subdata(in: Int(position)..<(Int(position) + size))
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plm-binary-bench-\(getpid())")
    let cwa = folder.appendingPathComponent("day-100hz.cwa")
    let gt3x = folder.appendingPathComponent("day-100hz.gt3x")
    let samplesPerSecond = BenchmarkMetric.custom("Msamples/s", polarity: .prefersLarger, useScalingFactor: false)
    let samplesPerCPUSecond = BenchmarkMetric.custom("Msamples/s CPU", polarity: .prefersLarger, useScalingFactor: false)

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuUser, .peakMemoryResident, samplesPerSecond, samplesPerCPUSecond],
        timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 6)

    let setup: Benchmark.BenchmarkSetupHook = {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: cwa.path) { try writeCWA(to: cwa, samples: samplesPerDay) }
        if !FileManager.default.fileExists(atPath: gt3x.path) { try writeGT3X(to: gt3x, samples: samplesPerDay) }
    }
    let teardown: Benchmark.BenchmarkTeardownHook = { try? FileManager.default.removeItem(at: folder) }

    for (name, url) in [("stream .cwa, a day at 100 Hz (8.64 M samples)", cwa), ("stream .gt3x log.bin, a day at 100 Hz (8.64 M samples)", gt3x)] {
        Benchmark(name, closure: { benchmark in
            for _ in benchmark.scaledIterations {
                let start = ContinuousClock.now
                let cpuStart = threadCPUSeconds()
                var count = 0
                var sum: Float = 0
                try ChunkedRecordingReader.forEachChunk(path: url.path, sampleRateHz: 100) { chunk in
                    count += chunk.count
                    sum += chunk.x[chunk.count - 1] + Float(chunk.timeS(at: chunk.count - 1))
                    return true
                }
                let cpuSeconds = threadCPUSeconds() - cpuStart
                let seconds = (ContinuousClock.now - start) / .seconds(1)
                blackHole(sum)
                benchmark.measurement(samplesPerSecond, Int(Double(count) / 1e6 / seconds))
                benchmark.measurement(samplesPerCPUSecond, Int(Double(count) / 1e6 / cpuSeconds))
            }
        }, setup: setup, teardown: teardown)
    }
    for (name, url) in [("survey .cwa, a day at 100 Hz (8.64 M samples)", cwa), ("survey .gt3x log.bin, a day at 100 Hz (8.64 M samples)", gt3x)] {
        Benchmark(name, closure: { benchmark in
            for _ in benchmark.scaledIterations {
                let start = ContinuousClock.now
                let cpuStart = threadCPUSeconds()
                let facts = try ChunkedRecordingReader.survey(path: url.path)
                let cpuSeconds = threadCPUSeconds() - cpuStart
                let seconds = (ContinuousClock.now - start) / .seconds(1)
                blackHole(facts.defects.count)
                // Samples decoded per second (three passes over the file).
                benchmark.measurement(samplesPerSecond, Int(3 * Double(facts.sampleCount) / 1e6 / seconds))
                benchmark.measurement(samplesPerCPUSecond, Int(3 * Double(facts.sampleCount) / 1e6 / cpuSeconds))
            }
        }, setup: setup, teardown: teardown)
    }
    for (name, url) in [("read .cwa, a day at 100 Hz (8.64 M samples)", cwa), ("read .gt3x log.bin, a day at 100 Hz (8.64 M samples)", gt3x)] {
        Benchmark(name, closure: { benchmark in
            for _ in benchmark.scaledIterations {
                let start = ContinuousClock.now
                let cpuStart = threadCPUSeconds()
                let recording = try RecordingReader.read(path: url.path, options: ReadOptions())
                let cpuSeconds = threadCPUSeconds() - cpuStart
                let seconds = (ContinuousClock.now - start) / .seconds(1)
                blackHole(recording.sampleCount)
                benchmark.measurement(samplesPerSecond, Int(Double(recording.sampleCount) / 1e6 / seconds))
                benchmark.measurement(samplesPerCPUSecond, Int(Double(recording.sampleCount) / 1e6 / cpuSeconds))
            }
        }, setup: setup, teardown: teardown)
    }
}
