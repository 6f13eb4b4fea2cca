import PLMCore

/// Turns report times (seconds since `recording.start`) into clock times on the recording's
/// own clock, in whole milliseconds on the ISO 8601 start (``RecordingClockTime``, the one
/// parser and formatter): the start's offset (`Z`, `+01:00`, or none) is kept, which is exactly
/// "the recording's clock". No time zone database; deterministic on every platform.
struct _RecordingClock: Sendable, Equatable {
    /// Milliseconds of the start since 1970-01-01T00:00 on the recording's wall clock.
    let startMillis: Int64
    /// The start's offset from UTC, seconds; nil for a wall time without one.
    let utcOffsetS: Int?

    /// Parses the report's start (``RecordingClockTime/init(iso8601:)``); nil when `iso` is not one.
    init?(iso: String) {
        guard let start = RecordingClockTime(iso8601: iso), let fields = start.civilFields() else { return nil }
        startMillis = fields.millisecondsSince1970
        utcOffsetS = start.utcOffsetS
    }

    /// The ISO 8601 time `offsetS` seconds after the start, to the millisecond, with the start's
    /// offset: `2024-03-01T23:15:07.250+01:00`. Empty for a non-finite or absurd offset.
    func iso(_ offsetS: Double) -> String {
        guard let f = fields(offsetS) else { return "" }
        var bytes: [UInt8] = []
        f.appendISO8601(offsetS: utcOffsetS, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `YYYY-MM-DD HH:MM:SS` at `offsetS` (for people; no offset, no fraction).
    func readable(_ offsetS: Double) -> String {
        guard let f = fields(offsetS) else { return "" }
        var bytes: [UInt8] = []
        f.appendISO8601(offsetS: nil, dateTimeSeparator: UInt8(ascii: " "), to: &bytes)
        return String(decoding: bytes.prefix(19), as: UTF8.self)
    }

    /// `HH:MM` at `offsetS`.
    func hourMinute(_ offsetS: Double) -> String {
        guard let f = fields(offsetS) else { return "" }
        var bytes: [UInt8] = []
        f.appendTime(fractionSeparator: UInt8(ascii: "."), to: &bytes)
        return String(decoding: bytes.prefix(5), as: UTF8.self)
    }

    /// The offset (s) of the first whole clock hour at or after `offsetS`.
    func nextWholeHour(atOrAfter offsetS: Double) -> Double {
        nextMultiple(ofSeconds: 3600, atOrAfter: offsetS)
    }

    /// The offset (s) of the first clock time at or after `offsetS` that is a whole multiple of
    /// `stepS` since midnight (e.g. every 15 min: :00, :15, :30, :45).
    func nextMultiple(ofSeconds stepS: Int, atOrAfter offsetS: Double) -> Double {
        guard offsetS.isFinite, offsetS.magnitude < 1e12, stepS > 0 else { return offsetS }
        let step = Int64(stepS) * 1000
        let millis = startMillis + Int64((offsetS * 1000).rounded(.up))
        var remainder = millis % step
        if remainder < 0 { remainder += step }
        let next = remainder == 0 ? millis : millis - remainder + step
        return Double(next - startMillis) / 1000
    }

    /// The calendar fields at `offsetS`, rounded half away from zero to the millisecond.
    private func fields(_ offsetS: Double) -> CivilDateTime? {
        guard offsetS.isFinite, offsetS.magnitude < 1e12 else { return nil }
        return CivilDateTime(millisecondsSince1970: startMillis + Int64((offsetS * 1000).rounded(.toNearestOrAwayFromZero)))
    }
}
