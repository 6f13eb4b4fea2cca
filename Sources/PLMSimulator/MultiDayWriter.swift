import Foundation
import PLMCore

/// Writes a simulated multi-day recording: `left.csv[.gz]`, `right.csv[.gz]` in any layout the
/// night writer supports, and `truth.json` (plm-days-truth/1). Every file is written atomically.
public enum MultiDayWriter {
    /// - Returns: the paths written (left, right, truth).
    /// - Throws: ``SimulationError/writeFailed(path:reason:)``.
    @discardableResult
    public static func write(
        _ recording: SimulatedMultiDay, toDirectory directory: String, layout: SimulatedFileLayout,
        units: SimulatedFileUnit = .g, gzip: Bool = false
    ) throws(SimulationError) -> WrittenNight {
        try NightWriter.createDirectory(directory)
        // The encoder reads the rate, range and start from night settings; the rest is unused.
        let settings = SimulationSettings(
            profile: .healthy, sampleRateHz: recording.settings.sampleRateHz, noiseG: recording.settings.noiseG,
            recordingStart: recording.settings.recordingStart)
        let suffix = gzip ? ".csv.gz" : ".csv"
        var paths: [String] = []
        for side in LegSide.allCases {
            let path = (directory as NSString).appendingPathComponent(side.rawValue + suffix)
            try NightWriter.writeLeg(
                recording.recording(side), settings: settings, durationS: recording.truth.durationS, to: path,
                layout: layout, units: units, gzip: gzip)
            paths.append(path)
        }
        let truthPath = (directory as NSString).appendingPathComponent("truth.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(recording.truth)
        } catch {
            throw .writeFailed(path: truthPath, reason: "cannot encode the truth (\(error))")
        }
        try _LegFileSink.writeAll(Array(data) + [10], to: truthPath)
        return WrittenNight(leftPath: paths[0], rightPath: paths[1], truthPath: truthPath)
    }
}
