/// A time column's syntax, compiled.
enum _TimeSyntax: Sendable, Hashable {
    case unixSeconds
    case unixMilliseconds
    case excelDays
    case pattern(_TimePattern)

    var text: String {
        switch self {
        case .unixSeconds: "unix seconds"
        case .unixMilliseconds: "unix milliseconds"
        case .excelDays: "Excel serial days"
        case .pattern(let p): p.text
        }
    }

    /// Whether the syntax itself fixes the clock to UTC (unix times).
    var isUTC: Bool {
        switch self {
        case .unixSeconds, .unixMilliseconds: true
        default: false
        }
    }

    /// Parses one time field.
    @inline(__always)
    func parse(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, decimalMark: UInt8) -> _ParsedStamp? {
        switch self {
        case .pattern(let pattern): return pattern.parse(start, end)
        case .unixSeconds: return _parseUnix(start, end, fractionScale: 9, decimalMark: decimalMark, unitNs: 1_000_000_000)
        case .unixMilliseconds: return _parseUnix(start, end, fractionScale: 6, decimalMark: decimalMark, unitNs: 1_000_000)
        case .excelDays:
            var status = _FieldStatus.value
            let days = _DecimalParser.parse(start, end, decimalMark: decimalMark, status: &status)
            // Serial day 25569 is 1970-01-01 (day 0 is 1899-12-30 in the 1900 date system); day
            // 109 574 is 2200-01-01, the end of the supported years.
            guard status == .value, days > 0, days < 109_574 else { return nil }
            let microseconds = ((days - 25_569) * 86_400_000_000).rounded()
            return _ParsedStamp(localNs: Int64(microseconds) * 1000, offsetS: 0, hasOffset: false)
        }
    }
}

/// Unix time with a fixed-point fast path (`1551178506.0100`), falling back to the decimal
/// parser for exponent notation (`1.595933810034E12`).
@inline(__always)
private func _parseUnix(
    _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, fractionScale: Int, decimalMark: UInt8, unitNs: Int64
) -> _ParsedStamp? {
    var p = start
    var e = end
    while p < e, p.pointee == 0x20 || p.pointee == 0x22 { p += 1 }
    while e > p, e[-1] == 0x20 || e[-1] == 0x22 || e[-1] == 0x0D { e -= 1 }
    var negative = false
    if p < e, p.pointee == 0x2D { negative = true; p += 1 }
    var whole: Int64 = 0
    var count = 0
    while p < e {
        let d = p.pointee &- 0x30
        if d > 9 { break }
        if count >= 15 { return nil }
        whole = whole * 10 + Int64(d)
        count += 1
        p += 1
    }
    var fraction: Int64 = 0
    var fractionDigits = 0
    if p < e, p.pointee == decimalMark {
        p += 1
        while p < e {
            let d = p.pointee &- 0x30
            if d > 9 { break }
            if fractionDigits < fractionScale { fraction = fraction * 10 + Int64(d); fractionDigits += 1 }
            p += 1
            count += 1
        }
    }
    if p != e {
        // Exponent notation or something else: let the decimal parser decide.
        var status = _FieldStatus.value
        let value = _DecimalParser.parse(start, end, decimalMark: decimalMark, status: &status)
        guard status == .value, abs(value) * Double(unitNs) < 9e18 else { return nil }
        // Whole units exactly, then the fraction (keeps 1.595933810034E12 ms exact).
        let whole = value.rounded(.towardZero)
        let ns = Int64(whole) * unitNs + Int64(((value - whole) * Double(unitNs)).rounded())
        return _ParsedStamp(localNs: ns, offsetS: 0, hasOffset: true)
    }
    guard count > 0 else { return nil }
    while fractionDigits < fractionScale { fraction *= 10; fractionDigits += 1 }
    let fractionUnitNs = unitNs / _pow10Int(fractionScale)
    guard whole < Int64.max / unitNs / 2 else { return nil }
    let ns = whole * unitNs + fraction * fractionUnitNs
    return _ParsedStamp(localNs: negative ? -ns : ns, offsetS: 0, hasOffset: true)
}

@inline(__always)
private func _pow10Int(_ n: Int) -> Int64 {
    var v: Int64 = 1
    for _ in 0..<n { v *= 10 }
    return v
}
