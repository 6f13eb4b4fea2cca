#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How every line of one file is read: the plan's columns, delimiter, units and time syntax,
/// unpacked once, and the general per-line path (any layout, any row shape).
///
/// A value built once per file and used by `_RowParser.parse`'s loop through methods that take
/// the parse state `inout`: nothing is captured, so Swift makes no run-time exclusivity check
/// per row (a local function capturing the loop's variables cost 30 % of the CPU).
struct _LineParser {
    /// Role codes per column (a small table instead of comparisons per field).
    static let roleIgnore: UInt8 = 0, roleTime: UInt8 = 1, roleX: UInt8 = 2, roleY: UInt8 = 3, roleZ: UInt8 = 4

    /// The role of each column up to the last needed one.
    let roles: UnsafeMutableBufferPointer<UInt8>
    let lastColumn: Int
    let hasTime: Bool
    let timeColumn: Int?
    let syntax: _TimeSyntax
    /// The time is written to a pattern (`timePattern`), not as a number.
    let hasPattern: Bool
    /// The pattern, unwrapped once: binding an optional per row copied it (a retain and a
    /// release per row, measured: 5-10 % of a GENEActiv file's parse). Empty without a pattern.
    let timePattern: _TimePattern
    /// The time is ISO 8601: parsed through the state's day cache, and the fast path may apply.
    let usesDayCache: Bool
    let delimiter: UInt8
    let decimalMark: UInt8
    /// Units: g = (value - zero) / perG; `inG` when the file is in g already.
    let perG: Double
    let zero: Double
    let inG: Bool
    let defaultOffsetS: Int32
    let dataStartLine: Int
    let maximumRows: Int
    let path: String
    /// When the fixed-layout fast path may be tried (`_RowParser+FastRow.swift`).
    let fastRows: _FastRowLayout

    init(plan: _ParsePlan, path: String, maximumRows: Int) {
        hasTime = plan.timeColumn != nil && plan.timeSyntax != nil
        timeColumn = plan.timeColumn
        roles = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: plan.lastNeededColumn + 1)
        roles.initialize(repeating: Self.roleIgnore)
        roles[plan.xColumn] = Self.roleX
        roles[plan.yColumn] = Self.roleY
        roles[plan.zColumn] = Self.roleZ
        if hasTime, let t = plan.timeColumn { roles[t] = Self.roleTime }
        lastColumn = roles.count - 1
        syntax = plan.timeSyntax ?? .unixSeconds
        let pattern: _TimePattern? = if case .pattern(let p) = syntax { p } else { nil }
        hasPattern = pattern != nil
        timePattern = pattern ?? _TimePattern(tokens: [], text: "")
        usesDayCache = pattern?.isISO8601 == true
        delimiter = plan.delimiter
        decimalMark = plan.decimalMark
        perG = plan.unit.perG
        zero = plan.unit.zeroOffset
        inG = perG == 1 && zero == 0
        defaultOffsetS = Int32(clamping: plan.clockOffsetS ?? 0)
        dataStartLine = plan.dataStartLine
        self.maximumRows = maximumRows
        self.path = path
        fastRows = _FastRowLayout(roles: roles, hasTime: hasTime, usesDayCache: usesDayCache)
    }

    /// Frees the role table.
    func deallocate() { roles.deallocate() }

    /// Parses one line [start, end) (without the newline) the general way: header lines and
    /// blank lines are counted and skipped, a data row is recorded. Throws on bad data.
    @inline(__always)
    func processLine(_ lineStart: UnsafePointer<UInt8>, _ rawEnd: UnsafePointer<UInt8>, _ state: inout _RowParseState) throws {
        defer { state.lineIndex += 1 }
        if state.lineIndex < dataStartLine { return }
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
        try processRow(lineStart, end, &state)
    }

    /// Parses the fields of a data row [start, end) and records the row.
    @inline(__always)
    private func processRow(_ lineStart: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ state: inout _RowParseState) throws {
        var values = (x: Double.nan, y: Double.nan, z: Double.nan)
        var missing = false
        var outOfRange = false
        var sawTime = !hasTime
        var column = 0
        var fieldStart = lineStart
        while true {
            var fieldEnd = fieldStart
            let role = roles[column]
            if role == Self.roleTime && usesDayCache && end - fieldStart > state.lastTimeLength
                && fieldStart[state.lastTimeLength] == delimiter
            {
                // Same width as the previous time field (the ISO parser checks every byte of it,
                // so a wrong guess fails and is rescanned).
                fieldEnd = fieldStart + state.lastTimeLength
            } else if role == Self.roleIgnore || role == Self.roleTime {
                while fieldEnd < end && fieldEnd.pointee != delimiter { fieldEnd += 1 }
            }
            if role == Self.roleTime {
                try timeField(fieldStart, &fieldEnd, lineEnd: end, column: column, &state)
                sawTime = true
            } else if role != Self.roleIgnore {
                let (g, status) = try numberField(fieldStart, &fieldEnd, lineEnd: end, column: column, line: state.lineIndex + 1)
                if status == .missing { missing = true }
                if status == .value && g.isNaN { outOfRange = true }
                if role == Self.roleX { values.x = g } else if role == Self.roleY { values.y = g } else { values.z = g }
            }
            if column == lastColumn || fieldEnd >= end { break }
            column += 1
            fieldStart = fieldEnd + 1
        }
        if !sawTime {
            throw ReadError(
                kind: .malformedData, path: path, line: state.lineIndex + 1, column: (timeColumn ?? 0) + 1,
                found: "a row with \(column + 1) field(s) and no time field",
                expected: "\(roles.count) or more fields with the time in column \((timeColumn ?? 0) + 1)")
        }
        if column < lastColumn { missing = true }  // row ended early: the absent axes are NaN
        // Every x/y/z field was either parsed (.value), missing (NaN) or absent (row too short).
        state.appendRow(values.x, values.y, values.z, missing: missing, outOfRange: outOfRange, withTimes: hasTime)
    }

    /// Parses the time field starting at `fieldStart` (its end as guessed in `fieldEnd`, moved to
    /// the delimiter when the guess fails) and stores the row's time in the batch; the first row
    /// sets the file's first stamp and instant.
    @inline(__always)
    private func timeField(
        _ fieldStart: UnsafePointer<UInt8>, _ fieldEnd: inout UnsafePointer<UInt8>, lineEnd end: UnsafePointer<UInt8>,
        column: Int, _ state: inout _RowParseState
    ) throws {
        var parsed: _ParsedStamp?
        if hasPattern {
            if usesDayCache {
                parsed = state.dayCache.parse(fieldStart, fieldEnd, pattern: timePattern)
                if parsed == nil {
                    fieldEnd = fieldStart
                    while fieldEnd < end && fieldEnd.pointee != delimiter { fieldEnd += 1 }
                    parsed = state.dayCache.parse(fieldStart, fieldEnd, pattern: timePattern)
                }
                state.lastTimeLength = fieldEnd - fieldStart
            } else {
                parsed = timePattern.parse(fieldStart, fieldEnd)
            }
        } else { parsed = syntax.parse(fieldStart, fieldEnd, decimalMark: decimalMark) }
        guard let stamp = parsed else {
            throw _RowParser.badField(
                path: path, line: state.lineIndex + 1, column: column + 1, start: fieldStart, end: fieldEnd,
                expected: "a time as \(syntax.text)")
        }
        let instant = stamp.instantNs(defaultOffsetS: defaultOffsetS)
        if state.rowCount == 0 {
            state.rows.firstStamp = stamp
            state.firstInstant = instant
        }
        state.batch.timesS[state.batch.count] = Double(instant &- state.firstInstant) * 1e-9
    }

    /// Parses an acceleration field starting at `fieldStart` (`fieldEnd` set to its end) into g:
    /// NaN when missing or beyond ``DefectThresholds/largestValueG`` (status `.value` then).
    @inline(__always)
    private func numberField(
        _ fieldStart: UnsafePointer<UInt8>, _ fieldEnd: inout UnsafePointer<UInt8>, lineEnd end: UnsafePointer<UInt8>,
        column: Int, line: Int
    ) throws -> (g: Double, status: _FieldStatus) {
        var status = _FieldStatus.value
        let value = _DecimalParser.parseField(
            fieldStart, lineEnd: end, delimiter: delimiter, decimalMark: decimalMark, fieldEnd: &fieldEnd, status: &status)
        if status == .invalid {
            throw _RowParser.badField(
                path: path, line: line, column: column + 1, start: fieldStart, end: fieldEnd,
                expected: "a number (an empty field or NaN marks a missing value)")
        }
        let g = inG ? value : (value - zero) / perG
        if status == .value && !(g.magnitude <= DefectThresholds.largestValueG) { return (.nan, .value) }
        return (g, status)
    }
}
