#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The samples of a file as parsed, before defect scanning.
struct _ParsedRows {
    var x: [Float] = []
    var y: [Float] = []
    var z: [Float] = []
    /// Seconds since the first sample's instant, when the file has a time column.
    var timesS: [Double]?
    /// The first sample's timestamp as written.
    var firstStamp: _ParsedStamp?
    /// Runs of rows with at least one missing (empty/NaN) acceleration value: `[start, end)`.
    var missingRuns: [Range<Int>] = []
    /// Runs of rows with at least one value beyond ``DefectThresholds/largestValueG`` (or beyond
    /// `Float`'s range): kept as NaN, reported as `.outOfRangeValue`, excluded.
    var outOfRangeRuns: [Range<Int>] = []
    /// Where rows sit in the file: `(row, line)` at the first row and wherever blank lines
    /// break the one-row-per-line sequence.
    var lineAnchors: [(row: Int, line: Int)] = []
    /// Blank lines met between data rows (not samples; reported in metadata).
    var blankLinesInData = 0
    /// Largest |value| of any axis, g (NaN ignored), for the clipping check.
    var maximumAbsoluteG: Float = 0

    /// 1-based line of a row.
    func line(ofRow row: Int) -> Int? {
        guard !lineAnchors.isEmpty else { return nil }
        var low = 0, high = lineAnchors.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineAnchors[mid].row <= row { low = mid } else { high = mid - 1 }
        }
        let anchor = lineAnchors[low]
        return anchor.line + (row - anchor.row)
    }
}

/// The hot loop: splits the byte stream into lines with `memchr`, fields by the delimiter, and
/// parses the time and x, y, z fields in place, appending to per-axis buffers. No String, no
/// per-row allocation.
enum _RowParser {
    /// Role codes per column (a small table instead of comparisons per field).
    private static let roleIgnore: UInt8 = 0, roleTime: UInt8 = 1, roleX: UInt8 = 2, roleY: UInt8 = 3, roleZ: UInt8 = 4

    /// - Parameter chunkSink: when given, called after each buffer of lines with the rows parsed
    ///   since the last call in `rows.x/y/z` and the times array; it takes them out (the buffers
    ///   start empty again, every run, anchor and count stays on the file's global row numbers)
    ///   and returns false to stop reading. The rows left after the last call are returned.
    /// - Parameter maximumRows: most rows read before the file is refused
    ///   (``RecordingReader/maximumRows`` when the rows are kept; a streaming pass keeps none).
    static func parse(
        stream: _ByteStream, plan: _ParsePlan, path: String, estimatedRows: Int, progress: ((Double) -> Void)? = nil,
        maximumRows: Int = RecordingReader.maximumRows, chunkSink: ((inout _ParsedRows, inout [Double]) throws -> Bool)? = nil
    ) throws -> _ParsedRows {
        // Everything the line loop and processLine change, in one local passed inout (captured
        // variables shared by a local function and the loop made Swift check exclusivity at run time).
        var state = _RowParseState()
        state.rows.x.reserveCapacity(estimatedRows)
        state.rows.y.reserveCapacity(estimatedRows)
        state.rows.z.reserveCapacity(estimatedRows)
        let hasTime = plan.timeColumn != nil && plan.timeSyntax != nil
        if hasTime { state.times.reserveCapacity(estimatedRows) }

        let roles = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: plan.lastNeededColumn + 1)
        defer { roles.deallocate() }
        roles.initialize(repeating: roleIgnore)
        roles[plan.xColumn] = roleX
        roles[plan.yColumn] = roleY
        roles[plan.zColumn] = roleZ
        if hasTime, let t = plan.timeColumn { roles[t] = roleTime }
        let lastColumn = roles.count - 1
        let syntax = plan.timeSyntax ?? .unixSeconds
        let pattern: _TimePattern? = if case .pattern(let p) = syntax { p } else { nil }
        let delimiter = plan.delimiter
        let decimalMark = plan.decimalMark
        let perG = plan.unit.perG
        let zero = plan.unit.zeroOffset
        let inG = perG == 1 && zero == 0
        let defaultOffset = Int32(clamping: plan.clockOffsetS ?? 0)
        let dataStart = plan.dataStartLine

        let usesDayCache = pattern?.isISO8601 == true
        let largestValueG = DefectThresholds.largestValueG
        defer { state.batch.deallocate() }

        // Parses one line [start, end) (without the newline). Throws on bad data.
        func processLine(_ lineStart: UnsafePointer<UInt8>, _ rawEnd: UnsafePointer<UInt8>, _ state: inout _RowParseState) throws {
            defer { state.lineIndex += 1 }
            if state.lineIndex < dataStart { return }
            var lineStart = lineStart
            if state.lineIndex == 0 && rawEnd - lineStart >= 3 && lineStart[0] == 0xEF && lineStart[1] == 0xBB && lineStart[2] == 0xBF {
                lineStart += 3  // UTF-8 byte-order mark
            }
            var end = rawEnd
            if end > lineStart && end[-1] == 0x0D { end -= 1 }
            // Blank (or delimiter-only) line: not a sample.
            var probe = lineStart
            while probe < end, probe.pointee == 0x20 || probe.pointee == delimiter || probe.pointee == 0x09 { probe += 1 }
            if probe == end {
                if state.rowCount > 0 { state.rows.blankLinesInData += 1 }
                return
            }
            guard state.rowCount < maximumRows else {
                throw ReadError(
                    kind: .malformedData, path: path, line: state.lineIndex + 1,
                    found: "more than \(maximumRows) rows",
                    expected: "at most \(maximumRows) rows per file read whole (11.5 days at 100 Hz, 2 GB of samples); "
                        + "split the recording, or analyse it night by night (plm analyze without --lights-off/--lights-on "
                        + "or --whole-recording streams it)")
            }
            var vx = Double.nan, vy = Double.nan, vz = Double.nan
            var missing = false
            var outOfRange = false
            var sawTime = !hasTime
            var column = 0
            var fieldStart = lineStart
            while true {
                var fieldEnd = fieldStart
                let role = roles[column]
                if role == roleTime && usesDayCache && end - fieldStart > state.lastTimeLength
                    && fieldStart[state.lastTimeLength] == delimiter
                {
                    // Same width as the previous time field (the ISO parser below checks every byte
                    // of it, so a wrong guess fails and is rescanned).
                    fieldEnd = fieldStart + state.lastTimeLength
                } else if role == roleIgnore || role == roleTime {
                    while fieldEnd < end && fieldEnd.pointee != delimiter { fieldEnd += 1 }
                }
                if role != roleIgnore {
                    if role == roleTime {
                        var parsed: _ParsedStamp?
                        if let pattern {
                            if usesDayCache {
                                parsed = state.dayCache.parse(fieldStart, fieldEnd, pattern: pattern)
                                if parsed == nil {
                                    fieldEnd = fieldStart
                                    while fieldEnd < end && fieldEnd.pointee != delimiter { fieldEnd += 1 }
                                    parsed = state.dayCache.parse(fieldStart, fieldEnd, pattern: pattern)
                                }
                                state.lastTimeLength = fieldEnd - fieldStart
                            } else {
                                parsed = pattern.parse(fieldStart, fieldEnd)
                            }
                        } else { parsed = syntax.parse(fieldStart, fieldEnd, decimalMark: decimalMark) }
                        guard let stamp = parsed else {
                            throw badField(
                                path: path, line: state.lineIndex + 1, column: column + 1, start: fieldStart, end: fieldEnd,
                                expected: "a time as \(syntax.text)")
                        }
                        let instant = stamp.instantNs(defaultOffsetS: defaultOffset)
                        if state.rowCount == 0 {
                            state.rows.firstStamp = stamp
                            state.firstInstant = instant
                        }
                        state.batch.timesS[state.batch.count] = Double(instant &- state.firstInstant) * 1e-9
                        sawTime = true
                    } else {
                        var status = _FieldStatus.value
                        let value = _DecimalParser.parseField(
                            fieldStart, lineEnd: end, delimiter: delimiter, decimalMark: decimalMark, fieldEnd: &fieldEnd,
                            status: &status)
                        if status == .invalid {
                            throw badField(
                                path: path, line: state.lineIndex + 1, column: column + 1, start: fieldStart, end: fieldEnd,
                                expected: "a number (an empty field or NaN marks a missing value)")
                        }
                        if status == .missing { missing = true }
                        var g = inG ? value : (value - zero) / perG
                        if status == .value && !(g.magnitude <= largestValueG) {
                            outOfRange = true
                            g = .nan
                        }
                        if role == roleX { vx = g } else if role == roleY { vy = g } else { vz = g }
                    }
                }
                if column == lastColumn || fieldEnd >= end { break }
                column += 1
                fieldStart = fieldEnd + 1
            }
            if !sawTime {
                throw ReadError(
                    kind: .malformedData, path: path, line: state.lineIndex + 1, column: (plan.timeColumn ?? 0) + 1,
                    found: "a row with \(column + 1) field(s) and no time field",
                    expected: "\(roles.count) or more fields with the time in column \((plan.timeColumn ?? 0) + 1)")
            }
            if column < lastColumn { missing = true }  // row ended early: the absent axes are NaN
            // Every x/y/z field was either parsed (.value), missing (NaN) or absent (row too short).
            state.appendRow(vx, vy, vz, missing: missing, outOfRange: outOfRange, withTimes: hasTime)
        }

        // The fixed-layout fast path (`_RowParser+FastRow.swift` explains when it applies).
        let fastRows = _FastRowLayout(roles: roles, hasTime: hasTime, usesDayCache: usesDayCache)
        var fastScore = 0
        // The digit counts (integer, fraction) of each axis's last fast-path number: the guess
        // for the next row (see parseFixedWidth). Both always in 1...7.
        var xWidths = (integer: 1, fraction: 1), yWidths = xWidths, zWidths = xWidths
        // The ISO pattern, unwrapped once (binding the optional per row copied it: a retain and a
        // release per row). The fast path applies only with the day cache, i.e. with a pattern.
        let dayPattern = pattern ?? _TimePattern(tokens: [], text: "")

        while true {
            let base = UnsafePointer(stream.buffer)
            let endOffset = stream.end
            var cursor = stream.start
            while cursor < endOffset {
                if fastRows.applies {
                    if fastScore < 0 {
                        fastScore += 1  // after misses, a few lines the general way (see failurePenalty)
                    } else if state.rowCount > 0 && state.lineIndex >= dataStart && state.rowCount < maximumRows
                        && endOffset - cursor >= _FastRowLayout.readableBytes
                    {
                        // Rows after the first (which sets the first instant and the stamp width),
                        // past the header, within the row limit, with readableBytes in the buffer
                        // (`buffer[cursor ..< endOffset]` is the stream's data).
                        // The row whole, if it has the common shape (every column needed, the ISO
                        // stamp of the last row's width, numbers `[-]d.ddd`, nothing after the last
                        // column); nothing is recorded unless every field passes. Written inline
                        // (a local function here made Swift check exclusivity at run time on
                        // every captured variable: 30 % of the CPU). The recording at its end is
                        // processLine's, with missing = false.
                        fast: do {
                            var p = base + cursor
                            var timeS = 0.0
                            // Reads stay within readableBytes: a stamp of at most maximumStampBytes and
                            // its delimiter, then per number field at most fixedWidthReadableBytes (the
                            // field and its terminator take at most 17 of them).
                            if hasTime {
                                let length = state.lastTimeLength
                                guard length <= _FastRowLayout.maximumStampBytes, p[length] == delimiter else { break fast }
                                // The minute check inline (5999 rows of 6000 at 100 Hz), the rest a call.
                                var parsed = state.dayCache.sameMinute(p, p + length)
                                if parsed == nil { parsed = state.dayCache.parseOutsideMinute(p, p + length, pattern: dayPattern) }
                                guard let stamp = parsed else { break fast }
                                timeS = Double(stamp.instantNs(defaultOffsetS: defaultOffset) &- state.firstInstant) * 1e-9
                                p += length + 1
                            }
                            guard let (x, xEnd) = _DecimalParser.parseFixedWidth(p, decimalMark: decimalMark, widths: &xWidths),
                                xEnd.pointee == delimiter,
                                let (y, yEnd) = _DecimalParser.parseFixedWidth(xEnd + 1, decimalMark: decimalMark, widths: &yWidths),
                                yEnd.pointee == delimiter,
                                let (z, zEnd) = _DecimalParser.parseFixedWidth(yEnd + 1, decimalMark: decimalMark, widths: &zWidths)
                            else { break fast }
                            p = zEnd
                            if p.pointee == 0x0D { p += 1 }
                            guard p.pointee == 0x0A else { break fast }
                            var vx = inG ? x : (x - zero) / perG
                            var vy = inG ? y : (y - zero) / perG
                            var vz = inG ? z : (z - zero) / perG
                            var outOfRange = false
                            if !(vx.magnitude <= largestValueG) { outOfRange = true; vx = .nan }
                            if !(vy.magnitude <= largestValueG) { outOfRange = true; vy = .nan }
                            if !(vz.magnitude <= largestValueG) { outOfRange = true; vz = .nan }
                            if hasTime { state.batch.timesS[state.batch.count] = timeS }
                            // A fast-path row has all three values (none missing).
                            state.appendRow(vx, vy, vz, missing: false, outOfRange: outOfRange, withTimes: hasTime)
                            state.lineIndex += 1
                            cursor = p - base + 1  // past the line break
                            continue
                        }
                        fastScore = -_FastRowLayout.failurePenalty
                    }
                }
                guard let found = memchr(base + cursor, 0x0A, endOffset - cursor) else { break }
                let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                try processLine(base + cursor, newline, &state)
                cursor = newline - base + 1
            }
            stream.start = cursor
            if let chunkSink {
                state.batch.flush(into: &state.rows, times: &state.times, withTimes: hasTime)
                if try !chunkSink(&state.rows, &state.times) { return state.rows }
            }
            if stream.atEndOfFile {
                if cursor < endOffset {
                    try processLine(base + cursor, base + endOffset, &state)
                    stream.start = endOffset
                }
                break
            }
            progress?(stream.fractionRead)
            try stream.refill()
        }
        state.batch.flush(into: &state.rows, times: &state.times, withTimes: hasTime)
        if state.missingStart >= 0 { state.rows.missingRuns.append(state.missingStart..<state.rowCount) }
        if state.outOfRangeStart >= 0 { state.rows.outOfRangeRuns.append(state.outOfRangeStart..<state.rowCount) }
        if hasTime { state.rows.timesS = state.times }
        state.rows.maximumAbsoluteG = state.maximumAbsolute
        return state.rows
    }

    static func badField(
        path: String, line: Int, column: Int, start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, expected: String
    ) -> ReadError {
        var text = String(decoding: UnsafeBufferPointer(start: start, count: min(end - start, 60)), as: UTF8.self)
        if end - start > 60 { text += "..." }
        return ReadError(kind: .malformedData, path: path, line: line, column: column, found: "'\(text)'", expected: expected)
    }
}
