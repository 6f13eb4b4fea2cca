import PLMCore
/// Converts "milliseconds since the recording start" into local civil date and time
/// (``CivilDateTime``) and Unix time, with integer arithmetic only (no Foundation per sample).
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
    func local(atMilliseconds ms: Int64) -> CivilDateTime {
        CivilDateTime(millisecondsSince1970: startLocalMS + ms)
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
