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
    /// Parses `yyyy-MM-ddTHH:mm:ss` followed by `Z`, `+hh:mm` or `-hh:mm` (a space may replace
    /// the `T`); nil for anything else or an impossible date or time.
    public init?(iso8601 text: String) {
        let b = Array(text.utf8)
        guard b.count == 20 || b.count == 25 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for k in from..<(from + count) {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            return v
        }
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        var offset = 0
        if b.count == 20 {
            guard b[19] == UInt8(ascii: "Z") else { return nil }
        } else {
            guard b[19] == UInt8(ascii: "+") || b[19] == UInt8(ascii: "-"), b[22] == UInt8(ascii: ":"),
                let h = number(20, 2), let m = number(23, 2), h <= 14, m < 60
            else { return nil }
            offset = (h * 60 + m) * (b[19] == UInt8(ascii: "-") ? -1 : 1)
        }
        let daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        guard (1...12).contains(month), day >= 1, day <= daysInMonth[month - 1] + (month == 2 && leap ? 1 : 0),
            hour < 24, minute < 60, second < 60, year >= 1970
        else { return nil }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second, utcOffsetMinutes: offset)
    }
}
