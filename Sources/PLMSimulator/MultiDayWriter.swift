import Foundation
import PLMCore

/// Writes a simulated multi-day recording: `left.csv[.gz]`, `right.csv[.gz]` in any layout the
/// night writer supports, and `truth.json` (plm-days-truth/1). Every file is written atomically.
public enum MultiDayWriter {
    /// Writes a recording held in memory.
    /// - Returns: the paths written (left, right, truth).
    /// - Throws: ``SimulationError/writeFailed(path:reason:)``.
    @discardableResult
    public static func write(
        _ recording: SimulatedMultiDay, toDirectory directory: String, layout: SimulatedFileLayout,
        units: SimulatedFileUnit = .g, gzip: Bool = false
    ) throws(SimulationError) -> WrittenNight {
        try NightWriter.createDirectory(directory)
        let settings = encoderSettings(recording.settings)
        let paths = legPaths(directory, gzip: gzip)
        for side in LegSide.allCases {
            try NightWriter.writeLeg(
                recording.recording(side), settings: settings, durationS: recording.truth.durationS, to: paths[side.index],
                layout: layout, units: units, gzip: gzip)
        }
        return WrittenNight(leftPath: paths[0], rightPath: paths[1], truthPath: try writeTruth(recording.truth, directory))
    }

    /// Simulates the recording and writes it segment by segment (``MultiDaySimulator/simulateSegments(_:body:)``):
    /// at most one segment's samples are held (a 100-Hz week is written in the memory of its longest
    /// day), the two legs formatted and compressed at the same time. The files are those
    /// ``write(_:toDirectory:layout:units:gzip:)`` writes for ``MultiDaySimulator/simulate(_:)``'s
    /// recording, byte for byte.
    /// - Returns: the paths written and the truth.
    /// - Throws: ``SimulationError``.
    public static func simulateAndWrite(
        _ multiDay: MultiDaySettings, toDirectory directory: String, layout: SimulatedFileLayout,
        units: SimulatedFileUnit = .g, gzip: Bool = false
    ) throws(SimulationError) -> (written: WrittenNight, truth: MultiDayTruth) {
        try multiDay.validate()
        try NightWriter.createDirectory(directory)
        let settings = encoderSettings(multiDay)
        let durationS = Double(MultiDaySimulator.sampleCount(multiDay)) / multiDay.sampleRateHz
        let paths = legPaths(directory, gzip: gzip)
        let sinks = try LegSide.allCases.map { side throws(SimulationError) in
            try _SegmentedLegFile(path: paths[side.index], gzip: gzip)
        }
        do throws(SimulationError) {
            for side in LegSide.allCases {
                let empty = SimulatedLegRecording(side: side, timesS: [], x: [], y: [], z: [])
                try sinks[side.index].write(
                    RecordingEncoder(recording: empty, layout: layout, units: units, settings: settings, durationS: durationS).header())
            }
            let truth = try MultiDaySimulator.simulateSegments(multiDay) { (segment: [SimulatedLegRecording]) throws(SimulationError) in
                let failures = LockedValue<[SimulationError?]>([nil, nil])
                DispatchQueue.concurrentPerform(iterations: segment.count) { k in
                    var encoder = RecordingEncoder(
                        recording: segment[k], layout: layout, units: units, settings: settings, durationS: durationS)
                    do throws(SimulationError) {
                        try sinks[k].writeRows(of: &encoder, count: segment[k].sampleCount)
                    } catch {
                        failures.withLock { $0[k] = error }
                    }
                }
                for failure in failures.withLock({ $0 }) {
                    if let failure { throw failure }
                }
            }
            for sink in sinks { try sink.commit() }
            return (WrittenNight(leftPath: paths[0], rightPath: paths[1], truthPath: try writeTruth(truth, directory)), truth)
        } catch {
            for sink in sinks { sink.abandon() }
            throw error
        }
    }

    /// The night settings the encoder reads the rate, range and start from (the rest is unused).
    static func encoderSettings(_ multiDay: MultiDaySettings) -> SimulationSettings {
        SimulationSettings(
            profile: .healthy, sampleRateHz: multiDay.sampleRateHz, noiseG: multiDay.noiseG,
            recordingStart: multiDay.recordingStart)
    }

    static func legPaths(_ directory: String, gzip: Bool) -> [String] {
        LegSide.allCases.map { (directory as NSString).appendingPathComponent($0.rawValue + (gzip ? ".csv.gz" : ".csv")) }
    }

    /// Writes `truth.json` and returns its path.
    static func writeTruth(_ truth: MultiDayTruth, _ directory: String) throws(SimulationError) -> String {
        let truthPath = (directory as NSString).appendingPathComponent("truth.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(truth)
        } catch {
            throw .writeFailed(path: truthPath, reason: "cannot encode the truth (\(error))")
        }
        try _LegFileSink.writeAll(Array(data) + [10], to: truthPath)
        return truthPath
    }
}

/// One leg's file written segment after segment (from the simulator's thread and a formatting
/// thread per segment, one at a time: the lock only hands the sink over).
private final class _SegmentedLegFile: Sendable {
    private let sink: LockedValue<_LegFileSink?>

    init(path: String, gzip: Bool) throws(SimulationError) {
        sink = LockedValue(try _LegFileSink(path: path, gzip: gzip))
    }

    func write(_ bytes: [UInt8]) throws(SimulationError) {
        try sink.withLock { sink throws(SimulationError) in try sink?.write(bytes) }
    }

    /// Formats and writes the encoder's rows `0..<count` in chunks of ``NightWriter/chunkRows``.
    func writeRows(of encoder: inout RecordingEncoder, count: Int) throws(SimulationError) {
        try sink.withLock { sink throws(SimulationError) in
            var start = 0
            while start < count {
                let end = min(count, start + NightWriter.chunkRows)
                try sink?.write(encoder.rows(start..<end))
                start = end
            }
        }
    }

    func commit() throws(SimulationError) {
        try sink.withLock { sink throws(SimulationError) in
            try sink?.commit()
            sink = nil
        }
    }

    /// Drops the unfinished file (a failure elsewhere).
    func abandon() {
        sink.withLock { sink in
            sink?.abandon()
            sink = nil
        }
    }
}
