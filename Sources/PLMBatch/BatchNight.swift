import Foundation
import PLMKit

/// One scored night of a recording as the `nights` table holds it: its number and date, its
/// window and where the window came from, the indices under their plm-report/1 names and, for a
/// night found in a longer recording, the sleep estimate and the PLMS/PLMW index estimates of
/// plm-summary/1.
public struct BatchNight: Sendable, Codable, Equatable {
    /// 1-based night number within the recording.
    public var night: Int
    /// The evening's date `YYYY-MM-DD` (`date` of plm-summary/1, the `night-<date>` folder); for a
    /// recording without a clock, the night number as text.
    public var nightDate: String?
    /// Where the window came from: `lights` (lights off/on given), `detected` (found in the
    /// recording) or `diary` (a sleep diary row).
    public var windowSource: String
    /// Window start and end on the recording's clock (ISO 8601), when the recording has a clock.
    public var windowStart: String?
    public var windowEnd: String?
    /// Window start and end in seconds since the recording start.
    public var windowStartS: Double
    public var windowEndS: Double
    /// The severity band of the PLM index (`severity.band` in the report).
    public var severityBand: String?
    /// `indices` of the night's report.
    public var indices: PLMReport.Indices
    /// PLMs in estimated sleep per hour of estimated sleep, and in estimated wake per hour of
    /// estimated wake (plm-summary/1); nil for a lights-window night.
    public var plmsIndexEstimate: Double?
    public var plmwIndexEstimate: Double?
    /// The night's `sleep` of plm-summary/1: `estimate` or `hypnogram`, total sleep, wake after
    /// sleep onset and efficiency (0...1); nil for a lights-window night.
    public var sleepSource: String?
    public var sleepTotalSleepHours: Double?
    public var sleepWakeAfterSleepOnsetMinutes: Double?
    public var sleepEfficiency: Double?

    /// The night of a one-night analysis over the lights window.
    public init(lightsReport report: PLMReport) {
        night = 1
        windowSource = "lights"
        let window = report.analysisWindow
        let clock = RecordingClockTime(iso8601: report.recording.start)
        let start = clock?.adding(seconds: window.startS)
        nightDate = start.map(AnalysisChoice.eveningDate(of:)) ?? "1"
        windowStart = start?.iso8601
        windowEnd = clock?.adding(seconds: window.endS).iso8601
        windowStartS = window.startS
        windowEndS = window.endS
        severityBand = report.severity.band
        indices = report.indices
    }

    /// Night `number` (1-based) of a multi-night analysis: its entry in plm-summary/1.
    public init(summaryNight entry: NightsSummary.Night, number: Int) {
        night = number
        nightDate = entry.date
        windowSource = entry.windowSource
        windowStart = entry.inBed.start.isEmpty ? nil : entry.inBed.start
        windowEnd = entry.inBed.end.isEmpty ? nil : entry.inBed.end
        windowStartS = entry.inBed.startS
        windowEndS = entry.inBed.endS
        severityBand = entry.severity.band
        indices = entry.indices.report
        plmsIndexEstimate = entry.indices.plmsIndexEstimate
        plmwIndexEstimate = entry.indices.plmwIndexEstimate
        sleepSource = entry.sleep.source
        sleepTotalSleepHours = entry.sleep.totalSleepHours
        sleepWakeAfterSleepOnsetMinutes = entry.sleep.wakeAfterSleepOnsetMinutes
        sleepEfficiency = entry.sleep.sleepEfficiency
    }
}
