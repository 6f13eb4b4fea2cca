import PLMCore

extension RecordingClockTime {
    /// The time as ISO 8601 with milliseconds: `2026-01-01T23:00:00.000+01:00`, `...Z` for a UTC
    /// clock, and no suffix when the clock's offset is unknown (local wall time).
    public var iso8601: String {
        var text = _formatCivil(secondsSince1970: secondsSince1970, fractionDigits: 3, dateTimeSeparator: "T")
        if let offset = utcOffsetS { text += _formatOffset(offset) }
        return text
    }

    /// Parses an ISO 8601 date-time as typed on a command line: `2026-01-01T23:00:00`,
    /// `2026-01-01 23:00`, with optional fraction and optional `Z` / `+hh:mm` / `+hhmm` / `+hh`
    /// offset. Without an offset the result's ``utcOffsetS`` is nil (a wall time on the
    /// recording's clock).
    /// - Returns: nil when the text is not such a date-time.
    public init?(iso8601 text: String) {
        var bytes = Array(text.utf8)
        // Seconds may be omitted on the command line: "23:00" -> "23:00:00".
        if let tIndex = bytes.firstIndex(where: { $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: " ") }) {
            let timePart = bytes[(tIndex + 1)...]
            let end = timePart.firstIndex(where: { $0 == UInt8(ascii: "Z") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) ?? bytes.endIndex
            if bytes[(tIndex + 1)..<end].filter({ $0 == UInt8(ascii: ":") }).count == 1 {
                bytes.insert(contentsOf: Array(":00".utf8), at: end)
            }
        }
        let pattern = _TimePattern.iso8601
        let parsed: _ParsedStamp? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return pattern.parse(base, base + buffer.count)
        }
        guard let parsed else { return nil }
        self.init(
            secondsSince1970: _seconds(fromNanoseconds: parsed.localNs),
            utcOffsetS: parsed.hasOffset ? Int(parsed.offsetS) : nil)
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
}

/// Nanoseconds to seconds without losing the sub-microsecond part to a 2^53 rounding.
func _seconds(fromNanoseconds ns: Int64) -> Double {
    let (whole, rest) = ns.quotientAndRemainder(dividingBy: 1_000_000_000)
    return Double(whole) + Double(rest) * 1e-9
}

/// `+hh:mm`, or `Z` for zero.
func _formatOffset(_ offsetS: Int) -> String {
    if offsetS == 0 { return "Z" }
    let sign = offsetS < 0 ? "-" : "+"
    let minutes = abs(offsetS) / 60
    return sign + _twoDigits(minutes / 60) + ":" + _twoDigits(minutes % 60)
}

func _twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

/// `yyyy-MM-ddTHH:mm:ss.fff` of a wall time given as seconds since 1970 on its clock.
func _formatCivil(secondsSince1970: Double, fractionDigits: Int, dateTimeSeparator: String) -> String {
    guard secondsSince1970.isFinite, abs(secondsSince1970) < 1e12 else { return "\(secondsSince1970)" }
    var scale: Int64 = 1
    for _ in 0..<fractionDigits { scale *= 10 }
    let units = Int64((secondsSince1970 * Double(scale)).rounded())
    var (whole, fraction) = units.quotientAndRemainder(dividingBy: scale)
    if fraction < 0 { fraction += scale; whole -= 1 }
    let (days, secondOfDay) = { () -> (Int64, Int64) in
        var d = whole / 86_400, s = whole % 86_400
        if s < 0 { s += 86_400; d -= 1 }
        return (d, s)
    }()
    let civil = CivilCalendar.date(daysSince1970: Int(days))
    var year = String(civil.year)
    while year.count < 4 { year = "0" + year }
    var text = year + "-" + _twoDigits(civil.month) + "-" + _twoDigits(civil.day) + dateTimeSeparator
    text += _twoDigits(Int(secondOfDay / 3600)) + ":" + _twoDigits(Int(secondOfDay / 60 % 60)) + ":"
        + _twoDigits(Int(secondOfDay % 60))
    if fractionDigits > 0 {
        var digits = String(fraction)
        while digits.count < fractionDigits { digits = "0" + digits }
        text += "." + digits
    }
    return text
}

