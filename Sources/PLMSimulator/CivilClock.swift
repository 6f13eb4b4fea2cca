import PLMCore
/// Converts "milliseconds since the recording start" into local civil date and time and Unix
/// time, with integer arithmetic only (no Foundation date formatting per sample).
///
/// Day arithmetic: Howard Hinnant's `days_from_civil` / `civil_from_days` (proleptic Gregorian).
struct CivilClock: Sendable {
    /// Local time of the start, milliseconds since 1970-01-01T00:00 local.
    let startLocalMS: Int64
    let utcOffsetMinutes: Int

    init(start: RecordingStartTime) {
        let days = CivilCalendar.daysSince1970(year: start.year, month: start.month, day: start.day)
        startLocalMS =
            (Int64(days) * 86_400 + Int64(start.hour * 3600 + start.minute * 60 + start.second)) * 1000
        utcOffsetMinutes = start.utcOffsetMinutes
    }

    /// A clock whose start is `startLocalMS` milliseconds since 1970-01-01T00:00 local.
    init(startLocalMS: Int64, utcOffsetMinutes: Int) {
        self.startLocalMS = startLocalMS
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// Local civil fields of `ms` milliseconds after the start.
    @inline(__always)
    func local(atMilliseconds ms: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
        let total = startLocalMS + ms
        var days = total / 86_400_000
        var rem = total % 86_400_000
        if rem < 0 {
            rem += 86_400_000
            days -= 1
        }
        let (y, m, d) = CivilCalendar.date(daysSince1970: Int(days))
        let r = Int(rem)
        return (y, m, d, r / 3_600_000, (r / 60_000) % 60, (r / 1000) % 60, r % 1000)
    }

    /// Unix time of `ms` milliseconds after the start, in milliseconds.
    @inline(__always)
    func unixMilliseconds(atMilliseconds ms: Int64) -> Int64 {
        startLocalMS + ms - Int64(utcOffsetMinutes) * 60_000
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSS+hh:mm`.
    func isoString(atMilliseconds ms: Int64) -> String {
        var buffer = ByteBuffer(capacity: 40)
        buffer.appendISO(local(atMilliseconds: ms), utcOffsetMinutes: utcOffsetMinutes)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }
}
