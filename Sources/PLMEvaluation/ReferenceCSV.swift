import PLMCore

extension EventSetReader {
    /// Parses a reference events CSV with ``LegMovementCSV``, the one parser of the events CSV
    /// (the file `plm score` reads): a header naming `onset_s`, `offset_s` and `side` (or `onset`,
    /// `offset`, `leg`) in any order, other columns ignored, then one movement per line; times in
    /// seconds since the recording start, side `L`/`R`/`left`/`right` (any case); `,`, `;` or tab
    /// separated; blank lines and lines starting with `#` skipped. An optional `peak_deviation_mg`
    /// column gives each movement's peak deviation from rest in milli-g (empty: unknown). Every
    /// row is a real movement whatever other columns (such as `kind`) say.
    /// - Throws: ``EvaluationError/badData(path:line:column:found:expected:)`` naming the line and
    ///   column of the first bad field.
    public static func parseReferenceCSV(_ bytes: [UInt8], path: String) throws(EvaluationError) -> EventSet {
        do {
            let table = try LegMovementCSV.parseWithPeakDeviations(bytes)
            return EventSet(source: path, movements: table.movements, peakDeviationsMg: table.peakDeviationsMg)
        } catch {
            throw .badData(path: path, line: error.line, column: error.column, found: error.found, expected: error.expected)
        }
    }
}
