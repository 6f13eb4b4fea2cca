import PLMCore

/// Local wall-clock time of the first sample, with the UTC offset of the place it was recorded.
public struct RecordingStartTime: Sendable, Hashable, Codable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int
    /// Offset of local time from UTC, minutes (e.g. 60 for UTC+01:00).
    public var utcOffsetMinutes: Int

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, utcOffsetMinutes: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// 2026-01-15 22:30:00 at UTC+01:00.
    public static let standard = RecordingStartTime(
        year: 2026, month: 1, day: 15, hour: 22, minute: 30, second: 0, utcOffsetMinutes: 60)
}

extension RecordingStartTime {
    /// Parses a local time with its UTC offset, `yyyy-MM-ddTHH:mm:ss` followed by `Z` or `±hh:mm`
    /// (any form ``RecordingClockTime/init(iso8601:)`` reads, the one ISO 8601 parser), from 1970
    /// on and in whole seconds; nil for anything else or an impossible date or time.
    public init?(iso8601 text: String) {
        guard let clock = RecordingClockTime(iso8601: text), let offsetS = clock.utcOffsetS,
            clock.secondsSince1970 >= 0, clock.secondsSince1970 == clock.secondsSince1970.rounded(),
            let c = clock.civilFields(), c.second < 60
        else { return nil }
        self.init(
            year: c.year, month: c.month, day: c.day, hour: c.hour, minute: c.minute, second: c.second,
            utcOffsetMinutes: offsetS / 60)
    }
}
