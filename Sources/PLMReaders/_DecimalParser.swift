#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Outcome of parsing one numeric field.
enum _FieldStatus: UInt8 {
    /// A number.
    case value
    /// Empty, or written as NaN/NA: a missing value (kept as NaN, reported as a defect).
    case missing
    /// Something that is not a number.
    case invalid
}

/// Exact powers of ten representable in a Double (10^0 ... 10^22).
let _exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// Decimal number parser over bytes that gives the same Double as C `strtod`.
///
/// Fast path (Clinger 1990): when the significant digits fit in 53 bits and the decimal
/// exponent is within ±22, `digits × 10^e` or `digits ÷ 10^-e` is one correctly rounded IEEE
/// operation on two exact operands, hence exactly the correctly rounded value `strtod` returns.
/// Everything else (more than ~15 significant digits, huge exponents) is handed to `strtod`
/// itself on a NUL-terminated copy, so results are identical by construction.
enum _DecimalParser {
    /// Parses `[start, end)`. Leading/trailing spaces, tabs and double quotes are ignored.
    /// - Returns: the value (NaN when missing or invalid) and the status.
    @inline(__always)
    static func parse(
        _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, decimalMark: UInt8,
        status: inout _FieldStatus
    ) -> Double {
        // Fast path: [-]digits[.digits], at most 19 digits, nothing else in the field.
        var p = start
        let negative = p < end && p.pointee == 0x2D
        if negative { p += 1 }
        var mantissa: UInt64 = 0
        let digitsStart = p
        while p < end {
            let d = p.pointee &- 0x30
            if d > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            p += 1
        }
        var integerDigits = p - digitsStart
        var fractionDigits = 0
        if p < end && p.pointee == decimalMark {
            p += 1
            let fractionStart = p
            while p < end {
                let d = p.pointee &- 0x30
                if d > 9 { break }
                mantissa = mantissa &* 10 &+ UInt64(d)
                p += 1
            }
            fractionDigits = p - fractionStart
        }
        integerDigits += fractionDigits
        if p == end && integerDigits > 0 && integerDigits <= 19 && mantissa <= (1 << 53) && fractionDigits <= 22 {
            status = .value
            let value = Double(mantissa) / _exactPowersOfTen[fractionDigits]
            return negative ? -value : value
        }
        return parseGeneral(start, end, decimalMark: decimalMark, status: &status)
    }

    /// Parses a field that starts at `start` and ends at the first `delimiter` or at `lineEnd`,
    /// finding that end while parsing (one pass over the bytes for plain numbers).
    ///
    /// The byte at `lineEnd` must be readable and not a digit (the line break, a CR, or the byte
    /// stream's 0 sentinel): the digit loops stop on it instead of testing the bound each time.
    /// - Returns: the value and, in `fieldEnd`, where the field stops.
    @inline(__always)
    static func parseField(
        _ start: UnsafePointer<UInt8>, lineEnd: UnsafePointer<UInt8>, delimiter: UInt8, decimalMark: UInt8,
        fieldEnd: inout UnsafePointer<UInt8>, status: inout _FieldStatus
    ) -> Double {
        var p = start
        let negative = p < lineEnd && p.pointee == 0x2D
        if negative { p += 1 }
        var mantissa: UInt64 = 0
        let digitsStart = p
        while true {
            let d = p.pointee &- 0x30
            if d > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            p += 1
        }
        var digits = p - digitsStart
        var fractionDigits = 0
        if p < lineEnd && p.pointee == decimalMark {
            p += 1
            let fractionStart = p
            while true {
                let d = p.pointee &- 0x30
                if d > 9 { break }
                mantissa = mantissa &* 10 &+ UInt64(d)
                p += 1
            }
            fractionDigits = p - fractionStart
        }
        digits += fractionDigits
        if (p == lineEnd || p.pointee == delimiter) && digits > 0 && digits <= 19 && mantissa <= (1 << 53) && fractionDigits <= 22 {
            fieldEnd = p
            status = .value
            let value = Double(mantissa) / _exactPowersOfTen[fractionDigits]
            return negative ? -value : value
        }
        var e = p
        while e < lineEnd && e.pointee != delimiter { e += 1 }
        fieldEnd = e
        return parseGeneral(start, e, decimalMark: decimalMark, status: &status)
    }

    /// Any decimal syntax `strtod` accepts in a CSV field (spaces, quotes, `+`, exponents, long
    /// digit strings), plus the missing-value words.
    static func parseGeneral(
        _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, decimalMark: UInt8,
        status: inout _FieldStatus
    ) -> Double {
        var p = start
        var e = end
        while p < e, p.pointee == 0x20 || p.pointee == 0x09 || p.pointee == 0x22 { p += 1 }
        while e > p, e[-1] == 0x20 || e[-1] == 0x09 || e[-1] == 0x22 || e[-1] == 0x0D { e -= 1 }
        if p == e { status = .missing; return .nan }
        let numberStart = p
        var negative = false
        if p.pointee == 0x2D { negative = true; p += 1 } else if p.pointee == 0x2B { p += 1 }
        var mantissa: UInt64 = 0
        var digitCount = 0
        var exponent = 0
        var sawDigit = false
        var truncated = false
        while p < e {
            let d = p.pointee &- 0x30
            if d > 9 { break }
            sawDigit = true
            if mantissa == 0 && d == 0 {
                // leading zero
            } else if digitCount < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                digitCount += 1
            } else {
                exponent += 1
                if d != 0 { truncated = true }
            }
            p += 1
        }
        if p < e && p.pointee == decimalMark {
            p += 1
            while p < e {
                let d = p.pointee &- 0x30
                if d > 9 { break }
                sawDigit = true
                if mantissa == 0 && d == 0 {
                    exponent -= 1
                } else if digitCount < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    digitCount += 1
                    exponent -= 1
                } else if d != 0 {
                    truncated = true
                }
                p += 1
            }
        }
        if !sawDigit {
            status = _isMissingWord(numberStart, e) ? .missing : .invalid
            return .nan
        }
        if p < e && (p.pointee | 0x20) == 0x65 {  // e or E
            p += 1
            var expNegative = false
            if p < e && p.pointee == 0x2D { expNegative = true; p += 1 } else if p < e && p.pointee == 0x2B { p += 1 }
            var expValue = 0
            var expDigits = false
            while p < e {
                let d = p.pointee &- 0x30
                if d > 9 { break }
                expDigits = true
                if expValue < 100_000 { expValue = expValue * 10 + Int(d) }
                p += 1
            }
            if !expDigits { status = .invalid; return .nan }
            exponent += expNegative ? -expValue : expValue
        }
        if p != e { status = .invalid; return .nan }
        status = .value
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !truncated, let value = _exactValue(mantissa: mantissa, exponent: exponent) { return negative ? -value : value }
        return _strtod(numberStart, e, decimalMark: decimalMark, status: &status)
    }

    /// mantissa x 10^exponent when both the mantissa (trailing zeros moved into the exponent) and
    /// the power of ten are exact doubles, so that one IEEE operation rounds it correctly (the
    /// Clinger fast path); nil otherwise (then `strtod` decides).
    private static func _exactValue(mantissa: UInt64, exponent: Int) -> Double? {
        var mantissa = mantissa, exponent = exponent
        while mantissa > (1 << 53) && mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        guard mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 else { return nil }
        let value = Double(mantissa)
        return exponent < 0 ? value / _exactPowersOfTen[-exponent] : value * _exactPowersOfTen[exponent]
    }

    /// `NaN`, `nan`, `NA`, `N/A`, `null` (any case): a missing value, not garbage.
    private static func _isMissingWord(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        var p = start
        if p < end && (p.pointee == 0x2D || p.pointee == 0x2B) { p += 1 }
        let word = String(decoding: UnsafeBufferPointer(start: p, count: end - p), as: UTF8.self).lowercased()
        return word == "nan" || word == "na" || word == "n/a" || word == "null"
    }

    /// The slow path: C `strtod` on a NUL-terminated copy with `.` as the decimal mark.
    private static func _strtod(
        _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, decimalMark: UInt8, status: inout _FieldStatus
    ) -> Double {
        let count = end - start
        guard count < 1024 else { status = .invalid; return .nan }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
            for i in 0..<count {
                let byte = start[i]
                buffer[i] = CChar(bitPattern: byte == decimalMark ? 0x2E : byte)
            }
            buffer[count] = 0
            guard let base = buffer.baseAddress else { status = .invalid; return .nan }
            var endPointer: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(base, &endPointer)
            if let endPointer, endPointer - base != count { status = .invalid; return .nan }
            return value
        }
    }
}

