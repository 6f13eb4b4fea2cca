import PLMCore
/// `yyyy-MM-dd[T ]HH:mm:ss[.fff...]` (no offset, nothing around) at fixed positions, the layout
/// of most generic files; anything else returns nil and goes through the tokens.
@inline(__always)
func _parseISO8601Fast(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> _ParsedStamp? {
    let length = end - p
    guard length >= 19, p[4] == 0x2D, p[7] == 0x2D, p[10] == 0x54 || p[10] == 0x20, p[13] == 0x3A, p[16] == 0x3A else {
        return nil
    }
    @inline(__always) func digit(_ i: Int) -> Int { Int(p[i] &- 0x30) }
    @inline(__always) func isDigit(_ i: Int) -> Bool { p[i] &- 0x30 <= 9 }
    guard isDigit(0), isDigit(1), isDigit(2), isDigit(3), isDigit(5), isDigit(6), isDigit(8), isDigit(9), isDigit(11),
        isDigit(12), isDigit(14), isDigit(15), isDigit(17), isDigit(18)
    else { return nil }
    let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
    let month = digit(5) * 10 + digit(6)
    let day = digit(8) * 10 + digit(9)
    let hour = digit(11) * 10 + digit(12)
    let minute = digit(14) * 10 + digit(15)
    let second = digit(17) * 10 + digit(18)
    guard _supportedYears.contains(year), month >= 1, month <= 12, day >= 1, day <= CivilCalendar.daysIn(month: month, year: year), hour < 24,
        minute < 60, second <= 60
    else { return nil }
    guard let fractionNs = _parseStampFractionNs(p, length: length) else { return nil }
    let days = Int64(CivilCalendar.daysSince1970(year: year, month: month, day: day))
    let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    return _ParsedStamp(localNs: seconds * 1_000_000_000 + fractionNs, offsetS: 0, hasOffset: false)
}

/// The fraction `[.,]f...` (1 to 9 digits) at bytes 19..<length of a fixed-position stamp, in
/// nanoseconds: 0 when the stamp ends at the seconds (length 19), nil when it is not a fraction.
@inline(__always)
func _parseStampFractionNs(_ p: UnsafePointer<UInt8>, length: Int) -> Int64? {
    guard length > 19 else { return 0 }
    guard p[19] == 0x2E || p[19] == 0x2C, length > 20, length <= 29 else { return nil }
    var value: Int64 = 0
    for i in 20..<length {
        let d = p[i] &- 0x30
        guard d <= 9 else { return nil }
        value = value * 10 + Int64(d)
    }
    for _ in 0..<(29 - length) { value *= 10 }
    return value
}

/// ISO 8601 parsing for the hot loop: remembers the last date (`yyyy-MM-dd`, compared as two
/// loads) so that consecutive rows of one day only parse their time of day. A trailing UTC
/// offset (`Z` or `+hh:mm`, as written by devices that state their zone) is split off first and
/// must be the same as on the row that filled the cache; anything else goes through the tokens.
///
/// In front of the day, the minute: a row whose first 16 bytes (`yyyy-MM-ddTHH:mm`), length and
/// offset suffix bytes are those of the last row parsed through the day only parses its seconds
/// and fraction (at 100 Hz, 5999 rows of 6000). Equal bytes give equal values, so it can only
/// give what the day path gives.
struct _ISODayCache {
    private var dateBytes: (UInt64, UInt16) = (0, 0)
    private var dayStartNs: Int64 = 0
    private var cachedOffsetS: Int32 = 0
    private var cachedHasOffset = false
    private var valid = false
    /// The minute: bytes 0-15 of the stamp, its whole length, its suffix length and the last 8
    /// bytes of the stamp masked to the suffix, and the minute's first instant.
    private var minuteBytes: (UInt64, UInt64) = (0, 0)
    private var minuteLength = -1
    private var minuteSuffixLength = 0
    private var minuteTail: UInt64 = 0
    /// The mask giving `minuteTail` from the stamp's last 8 bytes (0 without a suffix).
    private var minuteTailMask: UInt64 = 0
    private var minuteStartNs: Int64 = 0
    private var minuteOffsetS: Int32 = 0
    private var minuteHasOffset = false

    /// The offset suffix of a stamp: its length in bytes and value, or nil when there is none of
    /// the two common forms (`Z`, `+hh:mm` / `-hh:mm`).
    @inline(__always)
    private static func offsetSuffix(_ p: UnsafePointer<UInt8>, length: Int) -> (length: Int, offsetS: Int32)? {
        if p[length - 1] == 0x5A { return (1, 0) }
        guard length >= 25 else { return nil }
        let sign = p[length - 6]
        guard sign == 0x2B || sign == 0x2D, p[length - 3] == 0x3A else { return nil }
        let h1 = p[length - 5] &- 0x30, h2 = p[length - 4] &- 0x30, m1 = p[length - 2] &- 0x30, m2 = p[length - 1] &- 0x30
        guard h1 <= 9, h2 <= 9, m1 <= 5, m2 <= 9 else { return nil }
        let seconds = (Int32(h1) * 10 + Int32(h2)) * 3600 + (Int32(m1) * 10 + Int32(m2)) * 60
        return (6, sign == 0x2D ? -seconds : seconds)
    }

    /// The mask keeping the last `suffixLength` (0...8) of 8 little-endian bytes.
    @inline(__always)
    private static func tailMask(suffixLength: Int) -> UInt64 {
        suffixLength == 0 ? 0 : ~UInt64(0) &<< UInt64(8 &* (8 &- suffixLength))
    }

    /// The last 8 bytes of a stamp of `fullLength` bytes, masked by `mask`.
    @inline(__always)
    private static func maskedTail(_ p: UnsafePointer<UInt8>, fullLength: Int, mask: UInt64) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(fromByteOffset: fullLength &- 8, as: UInt64.self)) & mask
    }

    /// `ss[.fff...]` at bytes 17..<length as nanoseconds into the minute; nil when not that.
    @inline(__always)
    private static func nanosecondsIntoMinute(_ p: UnsafePointer<UInt8>, length: Int) -> Int64? {
        let s1 = p[17] &- 0x30, s2 = p[18] &- 0x30
        guard p[16] == 0x3A, s1 <= 6, s2 <= 9 else { return nil }
        let second = Int64(s1) * 10 + Int64(s2)
        guard second <= 60 else { return nil }
        var fractionNs: Int64 = 0
        if length == 23 {
            // The common `.SSS`.
            let f1 = p[20] &- 0x30, f2 = p[21] &- 0x30, f3 = p[22] &- 0x30
            guard p[19] == 0x2E || p[19] == 0x2C, f1 <= 9, f2 <= 9, f3 <= 9 else { return nil }
            fractionNs = (Int64(f1) * 100 + Int64(f2) * 10 + Int64(f3)) * 1_000_000
        } else {
            guard let parsed = _parseStampFractionNs(p, length: length) else { return nil }
            fractionNs = parsed
        }
        return second * 1_000_000_000 + fractionNs
    }

    @inline(__always)
    mutating func parse(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, pattern: _TimePattern) -> _ParsedStamp? {
        if let stamp = sameMinute(p, end) { return stamp }
        return parseOutsideMinute(p, end, pattern: pattern)
    }

    /// The stamp when it lies in the minute of the last stamp parsed through the day (same first
    /// 16 bytes, length and offset suffix): only its seconds and fraction are read. Small and
    /// inlined into the row loops (the whole ``parse(_:_:pattern:)`` was a call per row, 5-9 %
    /// of reading); nil sends the row to ``parseOutsideMinute(_:_:pattern:)``.
    @_transparent
    func sameMinute(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> _ParsedStamp? {
        let fullLength = end - p
        guard fullLength == minuteLength else { return nil }
        let raw = UnsafeRawPointer(p)
        // minuteLength >= 19 here (set only for such stamps), so the loads stay in the stamp.
        guard (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) == minuteBytes,
            Self.maskedTail(p, fullLength: fullLength, mask: minuteTailMask) == minuteTail,
            let intoMinute = Self.nanosecondsIntoMinute(p, length: fullLength &- minuteSuffixLength)
        else { return nil }
        return _ParsedStamp(localNs: minuteStartNs + intoMinute, offsetS: minuteOffsetS, hasOffset: minuteHasOffset)
    }

    /// A stamp outside the cached minute: through the cached day (and the minute is cached
    /// anew), else through the tokens of `pattern`.
    @inline(never)
    mutating func parseOutsideMinute(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, pattern: _TimePattern) -> _ParsedStamp? {
        let fullLength = end - p
        guard fullLength >= 19 && fullLength <= 35 else { return pattern.parse(p, end) }
        let suffix = Self.offsetSuffix(p, length: fullLength)
        let length = fullLength - (suffix?.length ?? 0)
        let offsetS = suffix?.offsetS ?? 0
        let hasOffset = suffix != nil
        guard length >= 19 && length <= 29 else { return pattern.parse(p, end) }
        let raw = UnsafeRawPointer(p)
        let key = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        guard valid && key == dateBytes && hasOffset == cachedHasOffset && offsetS == cachedOffsetS else {
            guard let stamp = pattern.parse(p, end) else { return nil }
            // Cache the day only for the fast layout at fixed positions, and only when the
            // token parser read the same offset as the suffix above.
            if stamp.hasOffset == hasOffset, stamp.offsetS == offsetS, p[10] == 0x54 || p[10] == 0x20, p[4] == 0x2D,
                p[7] == 0x2D, stamp.localNs >= 0
            {
                dateBytes = key
                dayStartNs = stamp.localNs - stamp.localNs % 86_400_000_000_000
                cachedOffsetS = offsetS
                cachedHasOffset = hasOffset
                valid = true
            } else {
                valid = false
            }
            return stamp
        }
        guard p[10] == 0x54 || p[10] == 0x20, p[13] == 0x3A else { return pattern.parse(p, end) }
        let h1 = p[11] &- 0x30, h2 = p[12] &- 0x30, m1 = p[14] &- 0x30, m2 = p[15] &- 0x30
        guard h1 <= 2, h2 <= 9, m1 <= 5, m2 <= 9 else { return pattern.parse(p, end) }
        let hour = Int64(h1) * 10 + Int64(h2), minute = Int64(m1) * 10 + Int64(m2)
        guard hour < 24, let intoMinute = Self.nanosecondsIntoMinute(p, length: length) else { return pattern.parse(p, end) }
        let minuteStart = dayStartNs + (hour * 3600 + minute * 60) * 1_000_000_000
        // Remember the minute with this row's offset (its suffix bytes are part of the key).
        minuteBytes = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        minuteLength = fullLength
        minuteSuffixLength = fullLength - length
        minuteTailMask = Self.tailMask(suffixLength: minuteSuffixLength)
        minuteTail = Self.maskedTail(p, fullLength: fullLength, mask: minuteTailMask)
        minuteStartNs = minuteStart
        minuteOffsetS = offsetS
        minuteHasOffset = hasOffset
        return _ParsedStamp(localNs: minuteStart + intoMinute, offsetS: offsetS, hasOffset: hasOffset)
    }
}
