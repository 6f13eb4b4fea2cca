/// Writes samples in the generic `timestamp,x,y,z` layout: a header row, ISO 8601 local times
/// with milliseconds (and the UTC offset when known), values with a fixed number of decimals,
/// LF line ends; gzip-compressed when the path ends in `.gz`. The file appears atomically.
///
/// The one writer of raw samples as CSV: `plm simulate --layout generic` lays out the same
/// columns, and `plm convert` writes every reader's output with it.
public enum GenericCSVWriter {
    /// Decimals of g written by `plm convert`: 1 µg, finer than any sensor's resolution
    /// (Axivity 1/256 g, ActiGraph 1/256 g, GENEActiv ~3.9 mg), so nothing read is lost.
    public static let decimalsInG = 6

    /// Writes the samples.
    /// - Parameters:
    ///   - path: the output file (`.csv` or `.csv.gz`).
    ///   - startLocalMilliseconds: wall time of the first sample, milliseconds since 1970 on the
    ///     recording's clock.
    ///   - utcOffsetMinutes: the clock's offset from UTC, nil when unknown (times then carry none).
    ///   - timesS: seconds of each sample since the first.
    ///   - x, y, z: acceleration in g; a NaN (missing value) is written as an empty field.
    /// - Returns: the number of rows written.
    /// - Throws: ``SimulationError/writeFailed(path:reason:)`` (exit 74) when the file cannot be written.
    @discardableResult
    public static func write(
        path: String, startLocalMilliseconds: Int64, utcOffsetMinutes: Int?, timesS: (Int) -> Double,
        x: [Float], y: [Float], z: [Float], decimals: Int = decimalsInG
    ) throws(SimulationError) -> Int {
        let clock = CivilClock(startLocalMS: startLocalMilliseconds, utcOffsetMinutes: utcOffsetMinutes ?? 0)
        var writer = try _LegFileSink(path: path, gzip: path.lowercased().hasSuffix(".gz"))
        var buffer = ByteBuffer(capacity: 1 << 20)
        buffer.append("timestamp,x,y,z\n")
        let count = min(x.count, y.count, z.count)
        let comma = UInt8(ascii: ",")
        for i in 0..<count {
            let ms = Int64((timesS(i) * 1000).rounded())
            buffer.appendISO(clock.local(atMilliseconds: ms), utcOffsetMinutes: utcOffsetMinutes)
            for axis in 0..<3 {
                let value = axis == 0 ? x[i] : axis == 1 ? y[i] : z[i]
                buffer.append(comma)
                if value.isFinite { buffer.appendFixed(Double(value), decimals: decimals) }
            }
            buffer.append(10)
            if buffer.count >= 1 << 20 {
                try writer.write(buffer.bytes)
                buffer.removeAll()
            }
        }
        try writer.write(buffer.bytes)
        try writer.commit()
        return count
    }
}
