import PLMCore
/// A fast path for the most common non-ISO layout family: three date numbers joined by one
/// separator byte in any order (`M/d/yyyy`, `dd/MM/yyyy`, `yyyy-M-d`, `d.M.yyyy`, ...), spaces,
/// then `H:mm:ss` with an optional `.fff`/`,fff` fraction (ActiLife timestamps, many strptime
/// patterns). Straight-line code instead of the token walk; any surprise returns nil and the
/// token matcher decides, so the results can only be the token matcher's.
struct _DateTimeFast: Sendable, Hashable {
    /// Which of year (0), month (1), day (2) each of the three date numbers is.
    let order: (UInt8, UInt8, UInt8)
    let separator: UInt8
    let twoDigitYear: Bool

    static func == (a: Self, b: Self) -> Bool {
        a.order == b.order && a.separator == b.separator && a.twoDigitYear == b.twoDigitYear
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(order.0)
        hasher.combine(order.1)
        hasher.combine(order.2)
        hasher.combine(separator)
    }

    /// Recognises `[date, sep, date, sep, date, space(s), hour, :, minute, :, second, optional fraction]`.
    init?(tokens: [_TimePattern.Token]) {
        guard tokens.count == 12, case .literal(let sep) = tokens[1], tokens[3] == .literal(sep), sep != 0x20,
            tokens[5] == .spaces || tokens[5] == .dateTimeSeparator || tokens[5] == .literal(0x20),
            tokens[6] == .hour, tokens[7] == .literal(0x3A), tokens[8] == .minute, tokens[9] == .literal(0x3A),
            tokens[10] == .second, tokens[11] == .optionalFraction(colonAllowed: false)
        else { return nil }
        func role(_ token: _TimePattern.Token) -> UInt8? {
            switch token {
            case .year, .year2: 0
            case .month: 1
            case .day: 2
            default: nil
            }
        }
        guard let a = role(tokens[0]), let b = role(tokens[2]), let c = role(tokens[4]), Set([a, b, c]).count == 3 else { return nil }
        order = (a, b, c)
        separator = sep
        twoDigitYear = [tokens[0], tokens[2], tokens[4]].contains(.year2)
    }

    @inline(__always)
    func parse(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> _ParsedStamp? {
        var p = start
        let yearDigits = twoDigitYear ? 2 : 4
        let n0 = _readNumber(&p, end, maxDigits: order.0 == 0 ? yearDigits : 2)
        guard n0.digits > 0, p < end, p.pointee == separator else { return nil }
        p += 1
        let n1 = _readNumber(&p, end, maxDigits: order.1 == 0 ? yearDigits : 2)
        guard n1.digits > 0, p < end, p.pointee == separator else { return nil }
        p += 1
        let n2 = _readNumber(&p, end, maxDigits: order.2 == 0 ? yearDigits : 2)
        guard n2.digits > 0, p < end, p.pointee == 0x20 else { return nil }
        while p < end && p.pointee == 0x20 { p += 1 }
        let hour = _readNumber(&p, end, maxDigits: 2)
        guard hour.digits > 0, p < end, p.pointee == 0x3A else { return nil }
        p += 1
        let minute = _readNumber(&p, end, maxDigits: 2)
        guard minute.digits > 0, p < end, p.pointee == 0x3A else { return nil }
        p += 1
        let second = _readNumber(&p, end, maxDigits: 2)
        guard second.digits > 0 else { return nil }
        var fractionNs: Int64 = 0
        if p < end && (p.pointee == 0x2E || p.pointee == 0x2C) {
            p += 1
            var value: Int64 = 0, digits = 0
            while p < end {
                let d = p.pointee &- 0x30
                if d > 9 { break }
                if digits < 9 { value = value * 10 + Int64(d) }
                digits += 1
                p += 1
            }
            guard digits > 0 else { return nil }
            var scale = min(digits, 9)
            while scale < 9 { value *= 10; scale += 1 }
            fractionNs = value
        }
        guard p == end else { return nil }
        // Put the three numbers in year, month, day order.
        var year = 0, month = 0, day = 0, digitsOfYear = 0
        for (role, n) in [(order.0, n0), (order.1, n1), (order.2, n2)] {
            switch role {
            case 0: year = n.value; digitsOfYear = n.digits
            case 1: month = n.value
            default: day = n.value
            }
        }
        if twoDigitYear { year = year < 70 ? 2000 + year : 1900 + year } else if digitsOfYear != 4 || !_supportedYears.contains(year) { return nil }
        guard month >= 1, month <= 12, day >= 1, day <= CivilCalendar.daysIn(month: month, year: year), hour.value < 24,
            minute.value <= 59, second.value <= 60
        else { return nil }
        let days = Int64(CivilCalendar.daysSince1970(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour.value * 3600 + minute.value * 60 + second.value)
        return _ParsedStamp(localNs: seconds * 1_000_000_000 + fractionNs, offsetS: 0, hasOffset: false)
    }
}

/// Up to `maxDigits` decimal digits at `p` (advancing it).
@inline(__always)
private func _readNumber(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, maxDigits: Int) -> (value: Int, digits: Int) {
    var value = 0, digits = 0
    while p < end && digits < maxDigits {
        let d = p.pointee &- 0x30
        if d > 9 { break }
        value = value &* 10 &+ Int(d)
        digits += 1
        p += 1
    }
    return (value, digits)
}
