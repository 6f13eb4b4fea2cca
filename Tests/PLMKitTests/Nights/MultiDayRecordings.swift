import Foundation

@testable import PLMKit

/// Simulated multi-day recordings handed to the analyser in memory (the readers are tested on
/// their own; writing and re-reading 3 days of CSV would take most of the test's time).
enum MultiDayRecordings {
    /// The legs of a simulated recording as read recordings: generic layout, the settings'
    /// start on a clock with its UTC offset, per-sample times as simulated.
    static func legs(_ sim: SimulatedMultiDay) -> [RecordingAnalyzer.LegRecording] {
        let start = sim.settings.recordingStart
        let days = CivilCalendar.daysSince1970(year: start.year, month: start.month, day: start.day)
        let seconds = Double(days * 86_400 + start.hour * 3600 + start.minute * 60 + start.second)
        let clock = RecordingClockTime(secondsSince1970: seconds, utcOffsetS: start.utcOffsetMinutes * 60)
        return LegSide.allCases.map { side in
            let leg = sim.recording(side)
            let recording = AccelerationRecording(
                path: "\(side.rawValue).csv", layout: .generic, start: clock, declaredRateHz: nil,
                sampleRateHz: sim.settings.sampleRateHz, x: leg.x, y: leg.y, z: leg.z, sampleTimesS: leg.timesS,
                defects: [])
            return RecordingAnalyzer.LegRecording(side: side, path: recording.path, recording: recording)
        }
    }

    /// The clock text of a time on the recording's time line.
    static func clock(_ sim: SimulatedMultiDay, _ s: Double) -> String {
        legs(sim)[0].recording.start?.adding(seconds: s).iso8601 ?? ""
    }
}
