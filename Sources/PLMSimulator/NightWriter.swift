import Foundation
import PLMCore

/// The files of a written night.
public struct WrittenNight: Sendable {
    public var leftPath: String
    public var rightPath: String
    public var truthPath: String
}

/// Writes a simulated night as one CSV file per leg plus `truth.json`.
public enum NightWriter {
    /// Rows formatted per chunk before they are written.
    static let chunkRows = 16_384

    /// Writes `left.csv[.gz]`, `right.csv[.gz]` and `truth.json` into `directory` (created if
    /// missing). Every file is written atomically (temporary file, then rename).
    /// - Parameters:
    ///   - night: The simulated night.
    ///   - directory: Output folder.
    ///   - layout: CSV layout of the leg files.
    ///   - units: Unit of the acceleration values.
    ///   - gzip: Whether to gzip the leg files (zlib; `truth.json` stays plain).
    /// - Returns: The paths written.
    /// - Throws: ``SimulationError/writeFailed(path:reason:)``.
    @discardableResult
    public static func write(
        _ night: SimulatedNight, toDirectory directory: String, layout: SimulatedFileLayout,
        units: SimulatedFileUnit = .g, gzip: Bool = false
    ) throws(SimulationError) -> WrittenNight {
        try createDirectory(directory)
        let suffix = gzip ? ".csv.gz" : ".csv"
        // The two legs are formatted and compressed concurrently (zlib dominates the time).
        let paths = LegSide.allCases.map { (directory as NSString).appendingPathComponent($0.rawValue + suffix) }
        let failures = LockedValue<[SimulationError?]>([nil, nil])
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let side = LegSide.allCases[k]
            do throws(SimulationError) {
                try writeLeg(night.recording(side), settings: night.settings, durationS: night.truth.durationS, to: paths[k], layout: layout, units: units, gzip: gzip)
            } catch {
                failures.withLock { $0[k] = error }
            }
        }
        for failure in failures.withLock({ $0 }) {
            if let failure { throw failure }
        }
        var truth = night.truth
        truth.output = .init(
            layout: layout.rawValue, units: units.rawValue, leftFile: "left" + suffix, rightFile: "right" + suffix)
        let truthPath = (directory as NSString).appendingPathComponent("truth.json")
        try _LegFileSink.writeAll(try encodeTruth(truth), to: truthPath)
        return WrittenNight(leftPath: paths[0], rightPath: paths[1], truthPath: truthPath)
    }

    /// Creates the output folder and its parents.
    static func createDirectory(_ directory: String) throws(SimulationError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: directory, reason: "cannot create the folder (\(error.localizedDescription))")
        }
    }

    static func writeLeg(
        _ recording: SimulatedLegRecording, settings: SimulationSettings, durationS: Double, to path: String,
        layout: SimulatedFileLayout, units: SimulatedFileUnit, gzip: Bool
    ) throws(SimulationError) {
        var encoder = RecordingEncoder(recording: recording, layout: layout, units: units, settings: settings, durationS: durationS)
        var writer = try _LegFileSink(path: path, gzip: gzip)
        try writer.write(encoder.header())
        var start = 0
        while start < recording.sampleCount {
            let end = min(recording.sampleCount, start + chunkRows)
            try writer.write(encoder.rows(start..<end))
            start = end
        }
        try writer.commit()
    }

    /// The truth as JSON: sorted keys, pretty-printed, newline at the end (deterministic).
    public static func encodeTruth(_ truth: SimulationTruth) throws(SimulationError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(truth)) + [10]
        } catch {
            throw .writeFailed(path: "truth.json", reason: "cannot encode the truth (\(error))")
        }
    }
}
