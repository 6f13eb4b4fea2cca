import PLMCore
/// One parsed timestamp: wall-clock nanoseconds since 1970 on the clock the text is written in,
/// and the UTC offset when the text carries one.
struct _ParsedStamp: Equatable {
    var localNs: Int64
    var offsetS: Int32
    var hasOffset: Bool

    /// Nanoseconds since 1970 UTC when the offset is known (or assumed with `defaultOffsetS`).
    @inline(__always)
    func instantNs(defaultOffsetS: Int32) -> Int64 {
        localNs &- Int64(hasOffset ? offsetS : defaultOffsetS) &* 1_000_000_000
    }
}

/// Years a timestamp may name: nanoseconds since 1970 fit an Int64 only from 1677 to 2262, and
/// no accelerometer recording falls outside 1700-2200.
let _supportedYears = 1700...2200

/// A compiled date-time layout, matched byte by byte without allocating.
///
/// Numeric fields take 1...n digits (so `6/14/2018 2:08:39` and `06/14/2018 02:08:39` both
/// match `M/d/yyyy H:mm:ss`); the optional fraction accepts `.` or `,` (and `:` where the layout
/// says so, as GENEActiv writes `15:11:41:500`); the optional offset accepts `Z`, `+hh:mm`,
/// `+hhmm`, `+hh`.
struct _TimePattern: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case year, year2, month, monthName, day, hour, minute, second
        /// Required fraction of a second (digits only; the separator is a literal before it).
        case fraction
        /// Optional `.fff` / `,fff` (or `:fff` when `colonAllowed`).
        case optionalFraction(colonAllowed: Bool)
        /// Optional UTC offset, possibly after spaces.
        case optionalOffset
        /// Required UTC offset (`%z`).
        case offset
        /// `T` or one or more spaces between date and time.
        case dateTimeSeparator
        /// One or more spaces.
        case spaces
        case literal(UInt8)
    }

    var tokens: [Token]
    /// How the layout is described to a person (`yyyy-MM-dd HH:mm:ss.SSS`, ...).
    var text: String
    /// Whether the layout is ``iso8601`` (which has a fixed-position fast path).
    var isISO8601 = false

    /// Straight-line parser for date-number layouts (ActiLife), when the tokens fit it.
    var dateTimeFast: _DateTimeFast?

    init(tokens: [Token], text: String, isISO8601: Bool = false) {
        self.tokens = tokens
        self.text = text
        self.isISO8601 = isISO8601
        dateTimeFast = isISO8601 ? nil : _DateTimeFast(tokens: tokens)
    }

    /// ISO 8601 date-time: `yyyy-MM-dd[T| ]HH:mm:ss[.fff][Z|±hh:mm]`.
    static let iso8601 = _TimePattern(
        tokens: [
            .year, .literal(0x2D), .month, .literal(0x2D), .day, .dateTimeSeparator, .hour, .literal(0x3A),
            .minute, .literal(0x3A), .second, .optionalFraction(colonAllowed: false), .optionalOffset,
        ],
        text: "ISO 8601 (yyyy-MM-ddTHH:mm:ss.SSS, optional offset)", isISO8601: true)

    /// GENEActiv export: `yyyy-MM-dd HH:mm:ss:SSS` (colon before the milliseconds).
    static let geneactiv = _TimePattern(
        tokens: [
            .year, .literal(0x2D), .month, .literal(0x2D), .day, .dateTimeSeparator, .hour, .literal(0x3A),
            .minute, .literal(0x3A), .second, .optionalFraction(colonAllowed: true), .optionalOffset,
        ],
        text: "yyyy-MM-dd HH:mm:ss:SSS (GENEActiv)")

    /// A .NET-style date layout as ActiLife declares it (`M/d/yyyy`, `dd/MM/yyyy`,
    /// `yyyy-MM-dd`, ...), optionally followed by ` H:mm:ss[.fff]`.
    static func actiLife(dateFormat: String, withTime: Bool) -> _TimePattern? {
        var tokens: [Token] = []
        let chars = Array(dateFormat.utf8)
        var i = 0
        var fields = Set<String>()
        while i < chars.count {
            let c = chars[i]
            var run = 1
            while i + run < chars.count && chars[i + run] == c { run += 1 }
            switch c {
            case UInt8(ascii: "y"): tokens.append(run <= 2 ? .year2 : .year); fields.insert("y")
            case UInt8(ascii: "M"): tokens.append(run >= 3 ? .monthName : .month); fields.insert("M")
            case UInt8(ascii: "d"): tokens.append(.day); fields.insert("d")
            default: for _ in 0..<run { tokens.append(.literal(c)) }
            }
            i += run
        }
        guard fields.count == 3 else { return nil }
        var text = dateFormat
        if withTime {
            tokens += [.spaces, .hour, .literal(0x3A), .minute, .literal(0x3A), .second, .optionalFraction(colonAllowed: false)]
            text += " H:mm:ss.fff"
        }
        return _TimePattern(tokens: tokens, text: text)
    }

    /// Compiles a strptime-style pattern. Returns nil for an unknown `%` directive or a layout
    /// without year, month and day.
    static func strptime(_ pattern: String) -> _TimePattern? {
        var tokens: [Token] = []
        let chars = Array(pattern.utf8)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == UInt8(ascii: "%") {
                guard i + 1 < chars.count else { return nil }
                switch chars[i + 1] {
                case UInt8(ascii: "Y"): tokens.append(.year)
                case UInt8(ascii: "y"): tokens.append(.year2)
                case UInt8(ascii: "m"): tokens.append(.month)
                case UInt8(ascii: "b"), UInt8(ascii: "h"): tokens.append(.monthName)
                case UInt8(ascii: "d"), UInt8(ascii: "e"): tokens.append(.day)
                case UInt8(ascii: "H"): tokens.append(.hour)
                case UInt8(ascii: "M"): tokens.append(.minute)
                case UInt8(ascii: "S"): tokens.append(.second)
                case UInt8(ascii: "f"): tokens.append(.fraction)
                case UInt8(ascii: "z"): tokens.append(.offset)
                case UInt8(ascii: "F"): tokens += [.year, .literal(0x2D), .month, .literal(0x2D), .day]
                case UInt8(ascii: "T"): tokens += [.hour, .literal(0x3A), .minute, .literal(0x3A), .second]
                case UInt8(ascii: "%"): tokens.append(.literal(c))
                default: return nil
                }
                i += 2
            } else {
                tokens.append(c == 0x20 ? .spaces : .literal(c))
                i += 1
            }
        }
        let hasDate = tokens.contains(.year) || tokens.contains(.year2)
        guard hasDate, tokens.contains(.day), tokens.contains(.month) || tokens.contains(.monthName) else { return nil }
        return _TimePattern(tokens: tokens, text: pattern)
    }

    /// Parses `[start, end)` completely (surrounding spaces and quotes allowed).
    /// - Returns: nil when the text does not match or names an impossible date or time.
    func parse(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> _ParsedStamp? {
        if isISO8601, let stamp = _parseISO8601Fast(start, end) { return stamp }
        if let fast = dateTimeFast, let stamp = fast.parse(start, end) { return stamp }
        return parseTokens(start, end)
    }


    /// Matches the tokens one by one.
    func parseTokens(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> _ParsedStamp? {
        var p = start
        var e = end
        while p < e, p.pointee == 0x20 || p.pointee == 0x22 { p += 1 }
        while e > p, e[-1] == 0x20 || e[-1] == 0x22 || e[-1] == 0x0D { e -= 1 }
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0
        var fractionNs: Int64 = 0
        var offsetS: Int32 = 0
        var hasOffset = false
        for token in tokens {
            switch token {
            case .year:
                guard let v = _digits(&p, e, max: 4), _supportedYears.contains(v) else { return nil }
                year = v
            case .year2:
                guard let v = _digits(&p, e, max: 2) else { return nil }
                year = v < 70 ? 2000 + v : 1900 + v
            case .month:
                guard let v = _digits(&p, e, max: 2), v >= 1, v <= 12 else { return nil }
                month = v
            case .monthName:
                guard let v = _monthName(&p, e) else { return nil }
                month = v
            case .day:
                guard let v = _digits(&p, e, max: 2), v >= 1 else { return nil }
                day = v
            case .hour:
                guard let v = _digits(&p, e, max: 2), v <= 24 else { return nil }
                hour = v
            case .minute:
                guard let v = _digits(&p, e, max: 2), v <= 59 else { return nil }
                minute = v
            case .second:
                guard let v = _digits(&p, e, max: 2), v <= 60 else { return nil }
                second = v
            case .fraction:
                guard let v = _fraction(&p, e) else { return nil }
                fractionNs = v
            case .optionalFraction(let colonAllowed):
                if p < e, p.pointee == 0x2E || p.pointee == 0x2C || (colonAllowed && p.pointee == 0x3A) {
                    p += 1
                    guard let v = _fraction(&p, e) else { return nil }
                    fractionNs = v
                }
            case .optionalOffset:
                var q = p
                while q < e, q.pointee == 0x20 { q += 1 }
                if q < e {
                    p = q
                    guard let v = _offset(&p, e) else { return nil }
                    offsetS = v
                    hasOffset = true
                }
            case .offset:
                guard let v = _offset(&p, e) else { return nil }
                offsetS = v
                hasOffset = true
            case .dateTimeSeparator:
                guard p < e else { return nil }
                if p.pointee == 0x54 || p.pointee == 0x74 || p.pointee == 0x5F {
                    p += 1
                } else {
                    guard p.pointee == 0x20 else { return nil }
                    while p < e, p.pointee == 0x20 { p += 1 }
                }
            case .spaces:
                guard p < e, p.pointee == 0x20 else { return nil }
                while p < e, p.pointee == 0x20 { p += 1 }
            case .literal(let byte):
                guard p < e, p.pointee == byte else { return nil }
                p += 1
            }
        }
        guard p == e, day <= CivilCalendar.daysIn(month: month, year: year) else { return nil }
        if hour == 24 && (minute != 0 || second != 0 || fractionNs != 0) { return nil }
        let days = Int64(CivilCalendar.daysSince1970(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return _ParsedStamp(localNs: seconds * 1_000_000_000 + fractionNs, offsetS: offsetS, hasOffset: hasOffset)
    }
}

@inline(__always)
private func _digits(_ p: inout UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>, max: Int) -> Int? {
    var value = 0
    var count = 0
    while p < e && count < max {
        let d = p.pointee &- 0x30
        if d > 9 { break }
        value = value * 10 + Int(d)
        count += 1
        p += 1
    }
    return count == 0 ? nil : value
}

/// 1...9 digits of a fraction of a second (more digits are read and dropped), as nanoseconds.
@inline(__always)
private func _fraction(_ p: inout UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>) -> Int64? {
    var value: Int64 = 0
    var count = 0
    while p < e {
        let d = p.pointee &- 0x30
        if d > 9 { break }
        if count < 9 { value = value * 10 + Int64(d) }
        count += 1
        p += 1
    }
    guard count > 0 else { return nil }
    var scaled = value
    var n = min(count, 9)
    while n < 9 { scaled *= 10; n += 1 }
    return scaled
}

/// `Z`, `+hh:mm`, `+hhmm`, `+hh` (also `UTC`/`GMT`), as seconds east of UTC.
private func _offset(_ p: inout UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>) -> Int32? {
    guard p < e else { return nil }
    if p.pointee == 0x5A || p.pointee == 0x7A { p += 1; return 0 }
    if e - p >= 3 {
        let word = (p[0] | 0x20, p[1] | 0x20, p[2] | 0x20)
        if word == (0x75, 0x74, 0x63) || word == (0x67, 0x6D, 0x74) {
            p += 3
            if p == e { return 0 }
        }
    }
    guard p < e, p.pointee == 0x2B || p.pointee == 0x2D else { return nil }
    let negative = p.pointee == 0x2D
    p += 1
    let hoursStart = p
    guard let hours = _digits(&p, e, max: 2), p - hoursStart == 2, hours <= 18 else { return nil }
    var minutes = 0
    if p < e {
        if p.pointee == 0x3A { p += 1 }
        let minutesStart = p
        guard let m = _digits(&p, e, max: 2), p - minutesStart == 2, m < 60 else { return nil }
        minutes = m
    }
    let total = Int32(hours * 3600 + minutes * 60)
    return negative ? -total : total
}

private let _monthNames: [[UInt8]] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map { Array($0.utf8) }

private func _monthName(_ p: inout UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>) -> Int? {
    guard e - p >= 3 else { return nil }
    for (index, name) in _monthNames.enumerated()
    where (p[0] | 0x20) == name[0] && (p[1] | 0x20) == name[1] && (p[2] | 0x20) == name[2] {
        p += 3
        while p < e, (p.pointee | 0x20) >= 0x61, (p.pointee | 0x20) <= 0x7A { p += 1 }
        return index + 1
    }
    return nil
}
