#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `plm convert`: any file PLMKit reads (CSV or binary) written as the generic `timestamp,x,y,z`
/// CSV, samples exactly as read: defect spans are not filled (their rows are absent), missing
/// values stay empty fields.
public enum RecordingConversion {
    /// What a conversion did: the input's inspection (layout, rate, defects) and the rows written.
    public struct Summary: Sendable {
        public var inspection: FileInspection
        public var rowsWritten: Int
        public var outputPath: String
    }

    /// Reads `inputPath` and writes it to `outputPath` (gzip when it ends in `.gz`), atomically.
    /// - Throws: ``ReadError`` for the input; ``ConversionError`` when the output would replace
    ///   the input or the input has no clock; ``SimulationError`` (exit 74) when writing fails.
    public static func convert(inputPath: String, options: ReadOptions, outputPath: String) throws -> Summary {
        if sameFile(inputPath, outputPath) {
            throw ConversionError(path: outputPath, reason: "the output would replace the input file; inputs are never modified")
        }
        let recording = try RecordingReader.read(path: inputPath, options: options)
        guard let start = recording.start else {
            throw ConversionError(
                path: inputPath,
                reason: "the file has no clock time (no time column or start in its header), so its rows cannot be given timestamps")
        }
        let startMs = Int64((start.secondsSince1970 * 1000).rounded())
        let rows = try GenericCSVWriter.write(
            path: outputPath, startLocalMilliseconds: startMs, utcOffsetMinutes: start.utcOffsetS.map { $0 / 60 },
            timesS: { recording.timeS(ofSample: $0) }, x: recording.x, y: recording.y, z: recording.z)
        return Summary(inspection: FileInspection(recording), rowsWritten: rows, outputPath: outputPath)
    }

    /// Whether two paths name the same existing file (same device and inode).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}

/// A conversion that cannot be done as asked (exit 65).
public struct ConversionError: PipelineError, Equatable {
    public var path: String
    public var reason: String
    public var exitStatus: ExitStatus { .dataError }
    public var description: String { "\(path): \(reason)" }
}
