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
/// per-row allocation. A row goes through the fixed-layout fast path when it has the common shape
/// (`_RowParser+FastRow.swift`), else through the general per-line path (`_RowParser+Line.swift`).
enum _RowParser {
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
        let lines = _LineParser(plan: plan, path: path, maximumRows: maximumRows)
        defer { lines.deallocate() }
        // Everything the line loop changes, in one local passed inout (captured variables shared
        // by a local function and the loop made Swift check exclusivity at run time).
        var state = _RowParseState()
        defer { state.batch.deallocate() }
        state.rows.x.reserveCapacity(estimatedRows)
        state.rows.y.reserveCapacity(estimatedRows)
        state.rows.z.reserveCapacity(estimatedRows)
        if lines.hasTime { state.times.reserveCapacity(estimatedRows) }
        var fast = _FastRowGuesses()
        while true {
            let base = UnsafePointer(stream.buffer)
            let endOffset = stream.end
            var cursor = stream.start
            while cursor < endOffset {
                if let next = lines.fastRow(base + cursor, available: endOffset - cursor, &state, &fast) {
                    cursor = next - base
                    continue
                }
                guard let found = memchr(base + cursor, 0x0A, endOffset - cursor) else { break }
                let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                try lines.processLine(base + cursor, newline, &state)
                cursor = newline - base + 1
            }
            stream.start = cursor
            if let chunkSink {
                state.batch.flush(into: &state.rows, times: &state.times, withTimes: lines.hasTime)
                if try !chunkSink(&state.rows, &state.times) { return state.rows }
            }
            if stream.atEndOfFile {
                if cursor < endOffset {
                    try lines.processLine(base + cursor, base + endOffset, &state)
                    stream.start = endOffset
                }
                break
            }
            progress?(stream.fractionRead)
            try stream.refill()
        }
        return finished(&state, withTimes: lines.hasTime)
    }

    /// The rows once the file is read: the last batch flushed, runs still open closed at the end.
    private static func finished(_ state: inout _RowParseState, withTimes: Bool) -> _ParsedRows {
        state.batch.flush(into: &state.rows, times: &state.times, withTimes: withTimes)
        if state.missingStart >= 0 { state.rows.missingRuns.append(state.missingStart..<state.rowCount) }
        if state.outOfRangeStart >= 0 { state.rows.outOfRangeRuns.append(state.outOfRangeStart..<state.rowCount) }
        if withTimes { state.rows.timesS = state.times }
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
