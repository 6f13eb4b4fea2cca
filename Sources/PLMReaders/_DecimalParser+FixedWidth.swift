/// Powers of ten as integers, 10^0 ... 10^7 (the fraction widths of the fixed-width fast path).
private let _integerPowersOfTen: [UInt64] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000]

extension _DecimalParser {
    /// Bytes from a field's first byte that ``parseFixedWidth(_:decimalMark:)`` may read, and
    /// that its caller may read for the terminator (the byte at the returned `end`, and the one
    /// after it for a CR LF): a sign, two 8-byte words, one more byte.
    static let fixedWidthReadableBytes = 18

    /// The numbers exporters write, `[-]d{1,7}<mark>d{1,7}` (`0.90234`, `-1.0039`, `0.123`),
    /// parsed eight bytes at a time: one load and a few bit operations check the integer digits,
    /// a second load the fraction digits, and three multiplies per word combine the digits (SWAR,
    /// as fast_float's `parse_eight_digits_unrolled`). No per-byte branch.
    ///
    /// `widths` is the guess of the field's integer and fraction digit counts (the last row's, a
    /// column's numbers have one width in most files): the second load and the returned end are
    /// computed from the guess, so that the next field's position does not wait for the digit
    /// counts; the counts only confirm it (a branch that is predicted). A wrong guess is replaced
    /// by the counts found and the field parsed again with them.
    ///
    /// The value is computed as in ``parseField(_:lineEnd:delimiter:decimalMark:fieldEnd:status:)``'s
    /// fast path, `Double(mantissa) / 10^fraction` with the same integer mantissa (at most 14
    /// digits, below 2^53), so it is the same Double, strtod's (Clinger's fast path).
    ///
    /// - Precondition: ``fixedWidthReadableBytes`` bytes from `start` are readable (the caller
    ///   guarantees it by position in its buffer; see `_RowParser`), and both widths are in 1...7.
    /// - Returns: the value and `end`, the first byte after the fraction digits (not checked:
    ///   the caller decides whether it is a delimiter or a line end), or nil when the bytes are
    ///   not of that shape (the caller then takes the general path).
    @inline(__always)
    static func parseFixedWidth(
        _ start: UnsafePointer<UInt8>, decimalMark: UInt8, widths: inout (integer: Int, fraction: Int)
    ) -> (value: Double, end: UnsafePointer<UInt8>)? {
        let negative = start.pointee == 0x2D
        // Reads: p <= start + 1; the integer word is bytes p ..< p + 8 (<= start + 9).
        let p = negative ? start + 1 : start
        let integerWord = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        var integerDigits = widths.integer
        var fractionStart = p + integerDigits + 1
        var fractionWord = UInt64(littleEndian: UnsafeRawPointer(fractionStart).loadUnaligned(as: UInt64.self))
        var fractionDigits = widths.fraction
        if _leadingDigitCount(integerWord) != integerDigits || p[integerDigits] != decimalMark
            || _leadingDigitCount(fractionWord) != fractionDigits
        {
            // Not the guessed widths: count them. integerDigits <= 7 puts the mark inside the
            // integer word; fractionStart <= start + 9, its word ends before start + 17 and the
            // end (<= start + 16) inside it.
            integerDigits = _leadingDigitCount(integerWord)
            guard integerDigits >= 1 && integerDigits <= 7, p[integerDigits] == decimalMark else { return nil }
            fractionStart = p + integerDigits + 1
            fractionWord = UInt64(littleEndian: UnsafeRawPointer(fractionStart).loadUnaligned(as: UInt64.self))
            fractionDigits = _leadingDigitCount(fractionWord)
            guard fractionDigits >= 1 && fractionDigits <= 7 else { return nil }
            widths = (integerDigits, fractionDigits)
        }
        // < 10^7 * 10^7 = 10^14 < 2^53: exact in a Double.
        let mantissa = _leadingDigitsValue(integerWord, count: integerDigits) &* _integerPowersOfTen[fractionDigits]
            &+ _leadingDigitsValue(fractionWord, count: fractionDigits)
        let value = Double(Int64(bitPattern: mantissa)) / _exactPowersOfTen[fractionDigits]
        // -value without a branch on the sign (value >= +0: setting the sign bit negates it).
        return (Double(bitPattern: value.bitPattern | (negative ? 1 << 63 : 0)), fractionStart + fractionDigits)
    }
}

/// How many of the word's bytes, from its first (lowest-addressed) on, are ASCII digits (0-8).
///
/// Per byte, `b & 0xF0 == 0x30` and `(b + 6) & 0xF0 == 0x30` hold together exactly for
/// 0x30...0x39. The per-byte `+ 6` can carry into the next byte only from a byte >= 0xFA, which
/// is not a digit: bytes up to and including the first non-digit are computed exactly, which is
/// all the count needs.
@inline(__always)
func _leadingDigitCount(_ word: UInt64) -> Int {
    let highNibble = (word & 0xF0F0_F0F0_F0F0_F0F0) ^ 0x3030_3030_3030_3030
    let highNibblePlusSix = ((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) ^ 0x3030_3030_3030_3030
    return (highNibble | highNibblePlusSix).trailingZeroBitCount >> 3
}

/// The number written by the word's first `count` bytes (1-8 ASCII digits, first byte most
/// significant). The digits are shifted to the top of the word (the bytes after them fall out,
/// zero bytes come in below and count as leading zeros), then pairs, quads and octets are
/// combined by multiplies (10 * a + b per 16-bit lane, 100 * ab + cd per 32-bit lane, 10^4 * abcd + efgh).
@inline(__always)
func _leadingDigitsValue(_ word: UInt64, count: Int) -> UInt64 {
    var v = (word &<< UInt64(truncatingIfNeeded: 64 - 8 * count)) & 0x0F0F_0F0F_0F0F_0F0F
    v = (v &* 2561) &>> 8
    v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) &>> 16
    v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) &>> 32
    return v & 0xFFFF_FFFF
}
