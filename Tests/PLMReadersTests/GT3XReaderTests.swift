import Foundation
import PLMCore
import Testing

@testable import PLMReaders
import PLMTestSupport

@Suite("ActiGraph .gt3x reader")
struct GT3XReaderTests {
    static let t0: UInt32 = 1_616_169_420  // 2021-03-19 15:57:00 on the device clock

    static func randomSecond(_ rate: Int, _ rng: inout SplitMix64, range: ClosedRange<Int>) -> [(Int, Int, Int)] {
        (0..<rate).map { _ in (Int.random(in: range, using: &rng), Int.random(in: range, using: &rng), Int.random(in: range, using: &rng)) }
    }

    /// Random seconds of ACTIVITY2 and ACTIVITY records, with an idle-sleep period between
    /// seconds 3 and 9: every sample read back exactly, at time stamp + i / rate, and the
    /// idle-sleep time reported, not filled.
    @Test(arguments: [1, 2, 3] as [UInt64], [false, true])
    func randomRecordsReadBackExactly(seed: UInt64, packed12Bit: Bool) throws {
        var rng = SplitMix64(state: seed)
        let encoder = GT3XTestEncoder()
        var log: [UInt8] = []
        var expected: [(t: Double, v: (Int, Int, Int))] = []
        let seconds: [UInt32] = [0, 1, 2, 9, 10]
        for s in seconds {
            if s == 9 { log += GT3XTestEncoder.idleSleep(Self.t0 + 3, enter: true) + GT3XTestEncoder.idleSleep(Self.t0 + 9, enter: false) }
            let samples = Self.randomSecond(encoder.rateHz, &rng, range: packed12Bit ? -2048...2047 : -32768...32767)
            log += packed12Bit ? GT3XTestEncoder.activity(Self.t0 + s, samples) : GT3XTestEncoder.activity2(Self.t0 + s, samples)
            for (i, v) in samples.enumerated() { expected.append((Double(s) + Double(i) / 30, v)) }
        }
        let r = try RecordingReader.read(path: try encoder.archive(log: log, compressed: seed % 2 == 0))
        #expect(r.layout == .gt3x)
        #expect(r.sampleCount == expected.count)
        let times = try #require(r.sampleTimesS)
        for (i, e) in expected.enumerated() {
            #expect(Double(r.x[i]) == Double(e.v.0) / 256 && Double(r.y[i]) == Double(e.v.1) / 256 && Double(r.z[i]) == Double(e.v.2) / 256)
            #expect(abs(times[i] - e.t) < 1e-9)
        }
        #expect(r.start == RecordingClockTime(secondsSince1970: Double(Self.t0), utcOffsetS: -5 * 3600))
        let idle = r.defects.filter { $0.kind == .idleSleep }
        #expect(idle.count == 1)
        #expect(abs((idle.first?.span.startS ?? 0) - 3) < 1e-9 && abs((idle.first?.span.endS ?? 0) - 9) < 1e-9)
        #expect(idle.first?.sampleRange == 90..<90)
        #expect(!r.defects.contains { $0.kind == .gap })
        #expect(r.metadata.contains { $0.key == "location" && $0.value == "left ankle" })
    }

    @Test func aRecordFailingItsChecksumIsADefectAndReadingGoesOn() throws {
        var rng = SplitMix64(state: 11)
        let encoder = GT3XTestEncoder()
        var records = (0..<4).map { GT3XTestEncoder.activity2(Self.t0 + UInt32($0), Self.randomSecond(30, &rng, range: -300...300)) }
        records[1][20] ^= 0x04
        let offset = records[0].count
        let r = try RecordingReader.read(path: try encoder.archive(log: records.flatMap { $0 }))
        #expect(r.sampleCount == 90)
        let defect = try #require(r.defects.first { $0.kind == .corruptBlock })
        #expect(defect.byteOffset == offset)
        #expect(defect.detail.contains("checksum"))
        #expect(abs(defect.span.startS - 1) < 1e-9 && abs(defect.span.endS - 2) < 1e-9)
        #expect(!r.defects.contains { $0.kind == .gap })
    }

    @Test func aLogCutInsideARecordKeepsTheWholeRecords() throws {
        var rng = SplitMix64(state: 12)
        let log = (0..<3).flatMap { GT3XTestEncoder.activity2(Self.t0 + UInt32($0), Self.randomSecond(30, &rng, range: -300...300)) }
        let r = try RecordingReader.read(path: try GT3XTestEncoder().archive(log: Array(log.prefix(log.count - 50))))
        #expect(r.sampleCount == 60)
        #expect(r.defects.contains { $0.kind == .corruptBlock && $0.detail.contains("inside a record") })
    }

    @Test func olderActivityBinIsAContinuousStreamFromTheStartDate() throws {
        var rng = SplitMix64(state: 13)
        var encoder = GT3XTestEncoder()
        encoder.countsPerG = 341
        let samples = Self.randomSecond(60, &rng, range: -2048...2047)
        // activity.bin is the ACTIVITY payload without record framing.
        let record = GT3XTestEncoder.activity(0, samples)
        let r = try RecordingReader.read(path: try encoder.archive(log: Array(record[8..<(record.count - 1)]), entry: "activity.bin"))
        #expect(r.sampleCount == 60)
        for (i, v) in samples.enumerated() { #expect(r.x[i] == Float(Double(v.0) / 341) && r.y[i] == Float(Double(v.1) / 341)) }
        // Start Date 637517662200000000 ticks = 2021-03-19 15:57:00.
        #expect(r.start?.iso8601 == "2021-03-19T15:57:00.000-05:00")
        #expect(abs((r.sampleTimesS?[59] ?? 0) - 59.0 / 30) < 1e-9)
    }

    @Test func anArchiveWithoutRawDataIsRefused() throws {
        let path = try GT3XTestEncoder().archive(log: [1, 2, 3], entry: "epoch.bin")
        let error = try #require(expectReadError(path))
        #expect(error.found.contains("without log.bin or activity.bin"))
    }

    @Test(arguments: 0..<30)
    func randomCorruptionEndsInADefectOrAnError(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &+ 77)
        var log = (0..<5).flatMap { GT3XTestEncoder.activity2(Self.t0 + UInt32($0), Self.randomSecond(30, &rng, range: -300...300)) }
        for _ in 0..<Int.random(in: 1...4, using: &rng) { log[Int.random(in: 0..<log.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng) }
        if seed % 3 == 0 { log = Array(log.prefix(Int.random(in: 1..<log.count, using: &rng))) }
        do {
            let r = try RecordingReader.read(path: try GT3XTestEncoder().archive(log: log))
            #expect(r.defects.contains { $0.kind == .corruptBlock })
        } catch let error as ReadError {
            #expect(error.kind == .malformedData)
        }
    }
}

@Suite("Binary files PLMKit does not decode")
struct UnsupportedBinaryTests {
    @Test func originalGENEAIsRefusedByName() throws {
        let error = try #require(expectReadError(try TestFiles.write("GENEA/1.00\r\nSerial-Number:01275\r\n", name: "old.bin")))
        #expect(error.kind == .unknownLayout && error.found.contains("original GENEA"))
    }

    @Test(.enabled(if: TestFiles.corpus != nil)) func corpusGENEAFileIsRefusedByName() throws {
        let path = try #require(TestFiles.corpus).appendingPathComponent("ggir/genea_testfile.bin").path
        let error = try #require(expectReadError(path))
        #expect(error.found.contains("original GENEA"))
    }

    @Test func uncalibratedGT3XWithoutCoefficientsSaysSo() {
        let missing = _GT3XCalibration.state(json: Data("{\"isCalibrated\": false, \"calibrationMethod\": 2}".utf8), rateHz: 30)
        #expect(missing.note.hasPrefix("NOT calibrated"))
        let unknownMethod = _GT3XCalibration.state(json: Data("{\"isCalibrated\": false, \"calibrationMethod\": 7}".utf8), rateHz: 30)
        #expect(unknownMethod.note.hasPrefix("NOT calibrated"))
        #expect(_GT3XCalibration.state(json: Data("{ \"isCalibrated\" : true }".utf8), rateHz: 30).note.hasPrefix("calibrated on the device"))
        #expect(_GT3XCalibration.state(json: Data("[1, 2".utf8), rateHz: 30).note.contains("not readable"))
    }
}

@Suite("ActiGraph .gt3x: zero bytes between records")
struct GT3XZeroPaddingTests {
    /// GT3X File Format: "a few extra bytes with 0's can be present between valid records ...
    /// this does not mean that the data is corrupted": skipped, no defect, every sample read.
    @Test func zeroBytesBetweenRecordsAreNotADefect() throws {
        var rng = SplitMix64(state: 31)
        let t0 = GT3XReaderTests.t0
        let seconds = (0..<3).map { _ in GT3XReaderTests.randomSecond(30, &rng, range: -300...300) }
        let zeros: [UInt8] = [0, 0, 0]
        var log = GT3XTestEncoder.activity2(t0, seconds[0]) + zeros
        log += GT3XTestEncoder.activity2(t0 + 1, seconds[1]) + [UInt8(0)]
        log += GT3XTestEncoder.activity2(t0 + 2, seconds[2])
        let r = try RecordingReader.read(path: try GT3XTestEncoder().archive(log: log))
        #expect(r.sampleCount == 90)
        #expect(r.defects.isEmpty, "\(r.defects.map(\.detail))")
        #expect(r.metadata.contains { $0.key == "zeroPadding" && $0.value.hasPrefix("4 zero byte") })
        #expect(Double(r.x[60]) == Double(seconds[2][0].0) / 256)
    }
}
