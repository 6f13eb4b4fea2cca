import PLMCore
/// Turns report times (seconds since `recording.start`) into clock times on the recording's
/// own clock, by plain calendar arithmetic on the ISO 8601 start string.
///
/// No time zone database is involved: the wall-clock fields of the start are advanced by the
/// offset and the start's UTC-offset suffix (`Z`, `+01:00`, or none) is kept, which is exactly
/// "the recording's clock". Deterministic on every platform.
struct _RecordingClock: Sendable, Equatable {
    /// Milliseconds of the start since 1970-01-01T00:00 on the recording's wall clock.
    let startMillis: Int64
    /// The UTC-offset suffix of the start as written (`Z`, `+01:00`, or empty).
    let zoneSuffix: String

    /// Parses `YYYY-MM-DD[T| ]HH:MM[:SS[.fff...]][Z|±HH:MM|±HHMM|±HH]`; nil when `iso` is not one.
    init?(iso: String) {
        let bytes = Array(iso.utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= bytes.count else { return nil }
            var value = 0
            for k in 0..<digits {
                let b = bytes[i + k]
                guard b >= 48 && b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            i += digits
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
            (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: year)
        else { return nil }
        guard i < bytes.count, bytes[i] == 84 || bytes[i] == 32 || bytes[i] == 116 else { return nil }
        i += 1
        guard let hour = number(2), expect(58), let minute = number(2), hour < 24, minute < 60 else {
            return nil
        }
        var second = 0
        var millis = 0
        if expect(58) {
            guard let s = number(2), s < 61 else { return nil }
            second = s
            if i < bytes.count, bytes[i] == 46 || bytes[i] == 44 {
                i += 1
                var scale = 100
                var any = false
                while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
                    millis += Int(bytes[i] - 48) * scale
                    scale /= 10
                    any = true
                    i += 1
                }
                guard any else { return nil }
            }
        }
        let suffix = String(decoding: bytes[i...], as: UTF8.self)
        guard _RecordingClock.isZoneSuffix(suffix) else { return nil }
        let days = Int64(CivilCalendar.daysSince1970(year: year, month: month, day: day))
        startMillis =
            days * 86_400_000 + Int64(hour) * 3_600_000 + Int64(minute) * 60_000
            + Int64(second) * 1000 + Int64(millis)
        zoneSuffix = suffix
    }

    /// The ISO 8601 time `offsetS` seconds after the start, to the millisecond, with the start's
    /// zone suffix: `2024-03-01T23:15:07.250+01:00`. Empty for a non-finite offset.
    func iso(_ offsetS: Double) -> String {
        guard let f = fields(offsetS) else { return "" }
        return "\(f.date)T\(pad(f.hour, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2)).\(pad(f.millis, 3))\(zoneSuffix)"
    }

    /// `YYYY-MM-DD HH:MM:SS` at `offsetS` (for people; no zone suffix).
    func readable(_ offsetS: Double) -> String {
        guard let f = fields(offsetS) else { return "" }
        return "\(f.date) \(pad(f.hour, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2))"
    }

    /// `HH:MM` at `offsetS`.
    func hourMinute(_ offsetS: Double) -> String {
        guard let f = fields(offsetS) else { return "" }
        return "\(pad(f.hour, 2)):\(pad(f.minute, 2))"
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

    private struct Fields {
        var date: String
        var hour: Int, minute: Int, second: Int, millis: Int
    }

    private func fields(_ offsetS: Double) -> Fields? {
        guard offsetS.isFinite, offsetS.magnitude < 1e12 else { return nil }
        let total = startMillis + Int64((offsetS * 1000).rounded(.toNearestOrAwayFromZero))
        let dayMillis: Int64 = 86_400_000
        var days = total / dayMillis
        var rest = total % dayMillis
        if rest < 0 {
            rest += dayMillis
            days -= 1
        }
        let (y, m, d) = CivilCalendar.date(daysSince1970: Int(days))
        let ms = Int(rest)
        return Fields(
            date: "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))", hour: ms / 3_600_000,
            minute: ms / 60_000 % 60, second: ms / 1000 % 60, millis: ms % 1000)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    private static func isZoneSuffix(_ s: String) -> Bool {
        if s.isEmpty || s == "Z" || s == "z" { return true }
        // ±HH, ±HHMM or ±HH:MM.
        let b = Array(s.utf8)
        guard b.first == 43 || b.first == 45 else { return false }
        let rest = Array(b.dropFirst())
        func digits(_ part: ArraySlice<UInt8>) -> Bool { part.allSatisfy { $0 >= 48 && $0 <= 57 } }
        switch rest.count {
        case 2, 4: return digits(rest[...])
        case 5: return rest[2] == 58 && digits(rest[0..<2]) && digits(rest[3..<5])
        default: return false
        }
    }
}
