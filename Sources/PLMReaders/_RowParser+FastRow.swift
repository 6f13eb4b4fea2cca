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

/// The fast path's guesses, carried from row to row: the digit counts (integer, fraction) of each
/// axis's last fast-path number (see ``_DecimalParser/parseFixedWidth(_:decimalMark:widths:)``;
/// both always in 1...7), and the lines still to go the general way after a miss.
struct _FastRowGuesses {
    var xWidths = (integer: 1, fraction: 1)
    var yWidths = (integer: 1, fraction: 1)
    var zWidths = (integer: 1, fraction: 1)
    /// Below 0 after a miss: lines left for the general path before the next try (see failurePenalty).
    var score = 0
}

extension _LineParser {
    /// Parses the row at `row` whole on the fast path when it has the common shape and records
    /// it; returns the position after its line break, or nil (nothing recorded) when the row is
    /// for the general path: the layout does not apply, the first row (which sets the first
    /// instant and the stamp width), a header line, the row limit reached, fewer than
    /// ``_FastRowLayout/readableBytes`` `available` in the buffer, or a row of another shape.
    /// Every value is computed with the general path's own operations, so the two agree.
    @inline(__always)
    func fastRow(
        _ row: UnsafePointer<UInt8>, available: Int, _ state: inout _RowParseState, _ guesses: inout _FastRowGuesses
    ) -> UnsafePointer<UInt8>? {
        guard fastRows.applies else { return nil }
        if guesses.score < 0 {
            guesses.score += 1  // after misses, a few lines the general way
            return nil
        }
        guard state.rowCount > 0 && state.lineIndex >= dataStartLine && state.rowCount < maximumRows
            && available >= _FastRowLayout.readableBytes
        else { return nil }
        // Written inline, no closure (a local function here made Swift check exclusivity at run
        // time on every captured variable: 30 % of the CPU).
        fast: do {
            var p = row
            var timeS = 0.0
            // Reads stay within readableBytes: a stamp of at most maximumStampBytes and its
            // delimiter, then per number field at most fixedWidthReadableBytes (the field and its
            // terminator take at most 17 of them).
            if hasTime {
                let length = state.lastTimeLength
                guard length <= _FastRowLayout.maximumStampBytes, p[length] == delimiter else { break fast }
                // The minute check inline (5999 rows of 6000 at 100 Hz), the rest a call.
                var parsed = state.dayCache.sameMinute(p, p + length)
                if parsed == nil { parsed = state.dayCache.parseOutsideMinute(p, p + length, pattern: timePattern) }
                guard let stamp = parsed else { break fast }
                timeS = Double(stamp.instantNs(defaultOffsetS: defaultOffsetS) &- state.firstInstant) * 1e-9
                p += length + 1
            }
            guard let (x, xEnd) = _DecimalParser.parseFixedWidth(p, decimalMark: decimalMark, widths: &guesses.xWidths),
                xEnd.pointee == delimiter,
                let (y, yEnd) = _DecimalParser.parseFixedWidth(xEnd + 1, decimalMark: decimalMark, widths: &guesses.yWidths),
                yEnd.pointee == delimiter,
                let (z, zEnd) = _DecimalParser.parseFixedWidth(yEnd + 1, decimalMark: decimalMark, widths: &guesses.zWidths)
            else { break fast }
            p = zEnd
            if p.pointee == 0x0D { p += 1 }
            guard p.pointee == 0x0A else { break fast }
            var vx = inG ? x : (x - zero) / perG
            var vy = inG ? y : (y - zero) / perG
            var vz = inG ? z : (z - zero) / perG
            let largest = DefectThresholds.largestValueG
            var outOfRange = false
            if !(vx.magnitude <= largest) { outOfRange = true; vx = .nan }
            if !(vy.magnitude <= largest) { outOfRange = true; vy = .nan }
            if !(vz.magnitude <= largest) { outOfRange = true; vz = .nan }
            if hasTime { state.batch.timesS[state.batch.count] = timeS }
            // A fast-path row has all three values (none missing).
            state.appendRow(vx, vy, vz, missing: false, outOfRange: outOfRange, withTimes: hasTime)
            state.lineIndex += 1
            return p + 1  // past the line break
        }
        guesses.score = -_FastRowLayout.failurePenalty
        return nil
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
