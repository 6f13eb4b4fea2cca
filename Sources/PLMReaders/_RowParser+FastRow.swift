/// When `_RowParser` may try its fixed-layout fast path, and the bounds that path relies on.
///
/// The fast path parses a whole row without first looking for its line break: the stamp at the
/// previous row's width through the same ISO day cache, each number with
/// ``_DecimalParser/parseFixedWidth(_:decimalMark:widths:)`` (eight bytes at a time, digit counts
/// guessed from the last row), and the line break as the last number's terminator (no `memchr`,
/// no blank-line probe, no per-field role dispatch). It applies to files whose first columns are
/// time, x, y, z in that order with an ISO 8601 time (or x, y, z without a time), the generic layout
/// and what most exporters write. Any row of another shape (a missing value, a `+`, an exponent, a
/// longer number, a different stamp, more columns, a last line without a break) is left
/// untouched and parsed by the general per-line path, so the two can only agree: the fast path
/// computes every value with the general path's own operations.
struct _FastRowLayout {
    /// Whether the fast path is tried at all.
    let applies: Bool

    /// The longest stamp the fast path takes (ISO 8601 with nanoseconds and an offset is 35 bytes).
    static let maximumStampBytes = 40
    /// Bytes from a row's start that must be in the buffer before the fast path is tried. It
    /// reads at most: the stamp and its delimiter (41 bytes), then per number field
    /// ``_DecimalParser/fixedWidthReadableBytes`` (18) from the field's start while advancing at
    /// most 17 (16 bytes of field and its terminator): 41 + 17 + 17 + 18 = 93 < 128 for the
    /// widest layout (time and three numbers); three numbers alone need 17 + 17 + 18.
    static let readableBytes = 128
    /// After a row the fast path declines, this many lines go the general way before it is
    /// tried again: a file of another shape pays for at most one failed try in nine lines.
    static let failurePenalty = 8

    /// - Parameter roles: the role of each column up to the last needed one (0 = ignored).
    init(roles: UnsafeMutableBufferPointer<UInt8>, hasTime: Bool, usesDayCache: Bool) {
        // Time (role 1) then x, y, z (roles 2, 3, 4), or x, y, z alone.
        let order = Array(roles)
        applies = hasTime ? usesDayCache && order == [1, 2, 3, 4] : order == [2, 3, 4]
    }
}

/// What `_RowParser.parse` changes while it reads: the rows and times gathered, the row batch,
/// the ISO day cache, counters and open runs. One value, passed `inout` to the per-line
/// function, so that no variable is captured by a local function and changed beside it (Swift
/// then checks exclusive access at run time on every row; measured: 8 checks per row).
struct _RowParseState {
    var rows = _ParsedRows()
    var times: [Double] = []
    var batch = _RowBatch()
    var dayCache = _ISODayCache()
    /// Width of the last time field parsed (the guess for the next row).
    var lastTimeLength = Int.max - 1
    /// 0-based index of the line being processed.
    var lineIndex = 0
    var firstInstant: Int64 = 0
    var previousRowLine = -2
    var missingStart = -1
    var outOfRangeStart = -1
    var rowCount = 0
    var maximumAbsolute: Float = 0

    /// Ends a parsed row, for the general and the fast path alike: extends or closes the runs of
    /// rows with a missing or an out-of-range value, stores the values in the batch (flushed when
    /// full; the row's time, when the layout has one, is already in the batch), raises the largest
    /// magnitude seen (NaN compares false and is ignored) and anchors the row to its line when
    /// lines were skipped before it.
    @inline(__always)
    mutating func appendRow(_ vx: Double, _ vy: Double, _ vz: Double, missing: Bool, outOfRange: Bool, withTimes: Bool) {
        if missing {
            if missingStart < 0 { missingStart = rowCount }
        } else if missingStart >= 0 {
            rows.missingRuns.append(missingStart..<rowCount)
            missingStart = -1
        }
        if outOfRange {
            if outOfRangeStart < 0 { outOfRangeStart = rowCount }
        } else if outOfRangeStart >= 0 {
            rows.outOfRangeRuns.append(outOfRangeStart..<rowCount)
            outOfRangeStart = -1
        }
        let fx = Float(vx), fy = Float(vy), fz = Float(vz)
        batch.x[batch.count] = fx
        batch.y[batch.count] = fy
        batch.z[batch.count] = fz
        batch.count += 1
        if batch.count == _RowBatch.capacity { batch.flush(into: &rows, times: &times, withTimes: withTimes) }
        if abs(fx) > maximumAbsolute { maximumAbsolute = abs(fx) }
        if abs(fy) > maximumAbsolute { maximumAbsolute = abs(fy) }
        if abs(fz) > maximumAbsolute { maximumAbsolute = abs(fz) }
        if lineIndex != previousRowLine + 1 { rows.lineAnchors.append((rowCount, lineIndex + 1)) }
        previousRowLine = lineIndex
        rowCount += 1
    }
}
