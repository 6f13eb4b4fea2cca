/// A wall-clock reading on a recording's clock: the project's one clock-time type, with the one
/// ISO 8601 parser and formatter for text (command-line times, report and truth start times,
/// simulated files). The readers' data-row time parsers (every device layout, nanoseconds, a
/// cached day) are the readers' own hot path and produce this type.
///
/// `secondsSince1970` counts seconds from 1970-01-01T00:00:00 *of the clock the file was written
/// in* (local wall time when the file gives no zone). `utcOffsetS` is the clock's offset from
/// UTC when the file states it (GENEActiv `Time Zone`, ISO 8601 `+02:00`, unix timestamps = 0),
/// and `nil` when unknown; reports then print local time without an offset.
public struct RecordingClockTime: Sendable, Hashable, Codable, Comparable {
    public var secondsSince1970: Double
    public var utcOffsetS: Int?

    public init(secondsSince1970: Double, utcOffsetS: Int?) {
        self.secondsSince1970 = secondsSince1970
        self.utcOffsetS = utcOffsetS
    }

    public static func < (a: Self, b: Self) -> Bool { a.secondsSince1970 < b.secondsSince1970 }
}

extension RecordingClockTime {
    /// Parses an ISO 8601 date-time as people and programs write it:
    /// `YYYY-MM-DD[T|t| ]HH:MM[:SS[(.|,)fff...]]` followed by nothing (a wall time, ``utcOffsetS``
    /// nil), `Z`, or an offset `±HH`, `±HHMM`, `±HH:MM` of at most 14 h.
    ///
    /// The date must exist (the proleptic Gregorian calendar of ``CivilCalendar``), hours 0-23,
    /// minutes 0-59, seconds 0-60 (a leap second); fraction digits beyond nine are refused.
    /// - Returns: nil for anything else (never a trap).
    public init?(iso8601 text: String) {
        guard let parsed = _ISO8601Text(Array(text.utf8)) else { return nil }
        self.init(secondsSince1970: parsed.secondsSince1970, utcOffsetS: parsed.offsetS)
    }

    /// `2026-01-01T23:00:00.000+01:00`: milliseconds, `Z` for a UTC clock, no suffix when the
    /// clock's offset is unknown (a local wall time); the text of a non-finite or absurd time
    /// (beyond ±10^12 s) is the number itself.
    public var iso8601: String { iso8601(addingSeconds: 0) }

    /// The ISO 8601 text (as ``iso8601``) of this time moved by `seconds`, computed in whole
    /// milliseconds: the start rounded to the millisecond plus `seconds` rounded half away from zero.
    public func iso8601(addingSeconds seconds: Double, dateTimeSeparator: UInt8 = UInt8(ascii: "T")) -> String {
        guard let fields = civilFields(addingSeconds: seconds) else { return "\(secondsSince1970 + seconds)" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(29)
        fields.appendISO8601(offsetS: utcOffsetS, dateTimeSeparator: dateTimeSeparator, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The calendar fields of this time moved by `seconds`, to the millisecond; nil beyond ±10^12 s.
    public func civilFields(addingSeconds seconds: Double = 0) -> CivilDateTime? {
        let startMs = (secondsSince1970 * 1000).rounded(.toNearestOrAwayFromZero)
        let offsetMs = (seconds * 1000).rounded(.toNearestOrAwayFromZero)
        guard startMs.magnitude < 1e15, offsetMs.magnitude < 1e15 else { return nil }
        return CivilDateTime(millisecondsSince1970: Int64(startMs) + Int64(offsetMs))
    }

    /// The instant on a UTC time line, seconds since 1970 UTC, when the offset is known.
    public var utcSecondsSince1970: Double? {
        guard let utcOffsetS else { return nil }
        return secondsSince1970 - Double(utcOffsetS)
    }

    /// This clock time moved by `seconds`.
    public func adding(seconds: Double) -> RecordingClockTime {
        RecordingClockTime(secondsSince1970: secondsSince1970 + seconds, utcOffsetS: utcOffsetS)
    }

    /// `+hh:mm` (or `Z` for zero when `zeroAsZ`) of an offset in seconds.
    public static func offsetText(_ offsetS: Int, zeroAsZ: Bool = true) -> String {
        var bytes: [UInt8] = []
        CivilDateTime.appendOffset(offsetS, zeroAsZ: zeroAsZ, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A date and time of day to the millisecond on some clock, from integer arithmetic only
/// (``CivilCalendar``: no Foundation, no time zone database), with the byte-level ISO 8601 writer
/// that reports and the simulator's files share.
public struct CivilDateTime: Sendable, Hashable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int, millisecond: Int

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second, self.millisecond) = (hour, minute, second, millisecond)
    }

    /// The fields of `ms` milliseconds after 1970-01-01T00:00 of the clock.
    @inlinable
    public init(millisecondsSince1970 ms: Int64) {
        let dayMs: Int64 = 86_400_000
        var days = ms / dayMs
        var rest = ms % dayMs
        if rest < 0 {
            rest += dayMs
            days -= 1
        }
        let (y, m, d) = CivilCalendar.date(daysSince1970: Int(days))
        let r = Int(rest)
        self.init(year: y, month: m, day: d, hour: r / 3_600_000, minute: r / 60_000 % 60, second: r / 1000 % 60, millisecond: r % 1000)
    }

    /// Milliseconds since 1970-01-01T00:00 of the clock.
    public var millisecondsSince1970: Int64 {
        let days = Int64(CivilCalendar.daysSince1970(year: year, month: month, day: day))
        return days * 86_400_000 + Int64(hour * 3_600_000 + minute * 60_000 + second * 1000 + millisecond)
    }

    /// Appends `yyyy-MM-ddTHH:mm:ss.SSS` and the offset (none when nil; `Z` for zero when
    /// `zeroOffsetAsZ`, else `+00:00`).
    @inlinable
    public func appendISO8601(
        offsetS: Int?, dateTimeSeparator: UInt8 = UInt8(ascii: "T"), zeroOffsetAsZ: Bool = true, to bytes: inout [UInt8]
    ) {
        appendDate(separator: UInt8(ascii: "-"), to: &bytes)
        bytes.append(dateTimeSeparator)
        appendTime(fractionSeparator: UInt8(ascii: "."), to: &bytes)
        if let offsetS { Self.appendOffset(offsetS, zeroAsZ: zeroOffsetAsZ, to: &bytes) }
    }

    /// Appends `yyyy-MM-dd` with `separator` between the fields (years before 1000 zero-padded).
    @inlinable
    public func appendDate(separator: UInt8, to bytes: inout [UInt8]) {
        if year < 0 { bytes.append(UInt8(ascii: "-")) }
        DecimalText.appendDigits(UInt64(year.magnitude), minimumWidth: 4, to: &bytes)
        bytes.append(separator)
        DecimalText.appendDigits(UInt64(month), minimumWidth: 2, to: &bytes)
        bytes.append(separator)
        DecimalText.appendDigits(UInt64(day), minimumWidth: 2, to: &bytes)
    }

    /// Appends `HH:mm:ss` then `fractionSeparator` and the three millisecond digits.
    @inlinable
    public func appendTime(fractionSeparator: UInt8, to bytes: inout [UInt8]) {
        DecimalText.appendDigits(UInt64(hour), minimumWidth: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        DecimalText.appendDigits(UInt64(minute), minimumWidth: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        DecimalText.appendDigits(UInt64(second), minimumWidth: 2, to: &bytes)
        bytes.append(fractionSeparator)
        DecimalText.appendDigits(UInt64(millisecond), minimumWidth: 3, to: &bytes)
    }

    /// Appends `+hh:mm` / `-hh:mm` (or `Z` for zero when `zeroAsZ`).
    @inlinable
    public static func appendOffset(_ offsetS: Int, zeroAsZ: Bool, to bytes: inout [UInt8]) {
        if offsetS == 0 && zeroAsZ {
            bytes.append(UInt8(ascii: "Z"))
            return
        }
        bytes.append(offsetS < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let minutes = offsetS.magnitude / 60
        DecimalText.appendDigits(UInt64(minutes / 60), minimumWidth: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        DecimalText.appendDigits(UInt64(minutes % 60), minimumWidth: 2, to: &bytes)
    }
}

/// The ISO 8601 text parser behind ``RecordingClockTime/init(iso8601:)``.
struct _ISO8601Text {
    var secondsSince1970: Double
    var offsetS: Int?

    /// Largest offset from UTC accepted, hours (UTC+14 is the farthest zone in use).
    static let largestOffsetHours = 14

    init?(_ bytes: [UInt8]) {
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= bytes.count else { return nil }
            var value = 0
            for k in 0..<digits {
                let d = bytes[i + k] &- 48
                guard d <= 9 else { return nil }
                value = value * 10 + Int(d)
            }
            i += digits
            return value
        }
        func skip(_ c: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), skip(45), let month = number(2), skip(45), let day = number(2),
            (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: year),
            i < bytes.count, bytes[i] == 84 || bytes[i] == 116 || bytes[i] == 32
        else { return nil }
        i += 1
        guard let hour = number(2), skip(58), let minute = number(2), hour < 24, minute < 60 else { return nil }
        var second = 0
        var fractionNs = 0
        if skip(58) {
            guard let s = number(2), s <= 60 else { return nil }
            second = s
            if skip(46) || skip(44) {
                var digits = 0
                while i < bytes.count, bytes[i] &- 48 <= 9 {
                    guard digits < 9 else { return nil }
                    fractionNs = fractionNs * 10 + Int(bytes[i] - 48)
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<9 { fractionNs *= 10 }
            }
        }
        var offset: Int?
        if i < bytes.count {
            if (bytes[i] == 90 || bytes[i] == 122) && i + 1 == bytes.count {
                offset = 0
            } else {
                guard bytes[i] == 43 || bytes[i] == 45 else { return nil }
                let negative = bytes[i] == 45
                i += 1
                guard let h = number(2), h <= Self.largestOffsetHours else { return nil }
                var m = 0
                if i < bytes.count {
                    _ = skip(58)
                    guard let minutes = number(2), minutes < 60, i == bytes.count else { return nil }
                    m = minutes
                }
                offset = (negative ? -1 : 1) * (h * 3600 + m * 60)
            }
        }
        let days = Int64(CivilCalendar.daysSince1970(year: year, month: month, day: day))
        let whole = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        secondsSince1970 = Double(whole) + Double(fractionNs) * 1e-9
        offsetS = offset
    }
}
