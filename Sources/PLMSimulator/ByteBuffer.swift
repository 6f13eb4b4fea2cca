/// A growable byte buffer with hand-written number and time formatting, so that writing a
/// night costs no `String` per sample.
struct ByteBuffer {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    @inline(__always) mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends a non-negative integer zero-padded to `width` digits.
    @inline(__always)
    mutating func appendDigits(_ value: Int, width: Int) {
        // Digits are appended most significant first; no temporary storage.
        var v = max(0, value)
        var digits = 1
        var divisor = 1
        while digits < 19, v / divisor >= 10 {
            divisor *= 10
            digits += 1
        }
        if width > digits {
            for _ in digits..<width { bytes.append(48) }
        }
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 48 + v / divisor))
            v %= divisor
            divisor /= 10
        }
    }

    /// Appends `value` rounded to `decimals` decimals (no exponent, no negative zero).
    @inline(__always)
    mutating func appendFixed(_ value: Double, decimals: Int) {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * Double(scale)).rounded()
        guard scaled.isFinite, abs(scaled) < 9e17 else {
            append("0")
            return
        }
        var n = Int64(scaled)
        if n < 0 {
            bytes.append(UInt8(ascii: "-"))
            n = -n
        }
        appendDigits(Int(n / scale), width: 1)
        if decimals > 0 {
            bytes.append(UInt8(ascii: "."))
            appendDigits(Int(n % scale), width: decimals)
        }
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSS+hh:mm` (`Z` never: the offset is always written as digits), or
    /// without the offset when it is unknown (nil).
    mutating func appendISO(
        _ c: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int),
        utcOffsetMinutes: Int?
    ) {
        appendDate(c, separator: UInt8(ascii: "-"))
        append(UInt8(ascii: "T"))
        appendTime(c, fractionSeparator: UInt8(ascii: "."))
        guard let utcOffsetMinutes else { return }
        append(utcOffsetMinutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let m = abs(utcOffsetMinutes)
        appendDigits(m / 60, width: 2)
        append(UInt8(ascii: ":"))
        appendDigits(m % 60, width: 2)
    }

    /// `yyyy-MM-dd` with the given separator.
    @inline(__always)
    mutating func appendDate(
        _ c: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int),
        separator: UInt8
    ) {
        appendDigits(c.year, width: 4)
        append(separator)
        appendDigits(c.month, width: 2)
        append(separator)
        appendDigits(c.day, width: 2)
    }

    /// `HH:mm:ss` then the fraction separator and `SSS`.
    @inline(__always)
    mutating func appendTime(
        _ c: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int),
        fractionSeparator: UInt8
    ) {
        appendDigits(c.hour, width: 2)
        append(UInt8(ascii: ":"))
        appendDigits(c.minute, width: 2)
        append(UInt8(ascii: ":"))
        appendDigits(c.second, width: 2)
        append(fractionSeparator)
        appendDigits(c.millisecond, width: 3)
    }
}
