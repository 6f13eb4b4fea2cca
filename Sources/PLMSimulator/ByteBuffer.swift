import PLMCore

/// A growable byte buffer for writing a night without a `String` per sample. Numbers and times
/// go through the project's one formatter (``DecimalText``) and clock fields (``CivilDateTime``).
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

    /// Appends a non-negative integer (negative values as 0) zero-padded to `width` digits.
    @inline(__always)
    mutating func appendDigits(_ value: Int, width: Int) {
        DecimalText.appendDigits(UInt64(max(0, value)), minimumWidth: width, to: &bytes)
    }

    /// Appends `value` rounded to `decimals` decimals (no exponent, no negative zero); `0` for a
    /// non-finite value, which a simulated sample never is.
    @inline(__always)
    mutating func appendFixed(_ value: Double, decimals: Int) {
        if !DecimalText.append(value, decimals: decimals, to: &bytes) { append("0") }
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSS+hh:mm` (`Z` never: the offset is always written as digits,
    /// `+00:00` for UTC), or without the offset when it is unknown (nil).
    mutating func appendISO(_ c: CivilDateTime, utcOffsetMinutes: Int?) {
        c.appendISO8601(offsetS: utcOffsetMinutes.map { $0 * 60 }, zeroOffsetAsZ: false, to: &bytes)
    }

    /// `yyyy-MM-dd` with the given separator.
    @inline(__always)
    mutating func appendDate(_ c: CivilDateTime, separator: UInt8) {
        c.appendDate(separator: separator, to: &bytes)
    }

    /// `HH:mm:ss` then the fraction separator and `SSS`.
    @inline(__always)
    mutating func appendTime(_ c: CivilDateTime, fractionSeparator: UInt8) {
        c.appendTime(fractionSeparator: fractionSeparator, to: &bytes)
    }
}
