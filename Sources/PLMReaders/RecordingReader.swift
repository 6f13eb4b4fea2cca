#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PLMCore

/// Reads raw accelerometer CSV files (`.csv` and `.csv.gz`) of the layouts in
/// ``RecordingLayout`` into an ``AccelerationRecording``.
///
/// The file is streamed in chunks (gzip inflated on the fly), so memory grows with the samples
/// kept (12 bytes per sample, plus 8 for per-sample time), not with the file. Reads of
/// different files share nothing and can run in parallel (one per leg).
public enum RecordingReader {
    /// Reads a file.
    /// - Parameters:
    ///   - path: the file, as given by the user (used in messages).
    ///   - options: layout and description; the default detects everything.
    /// - Returns: the samples in g, their times and the defects found.
    /// - Throws: ``ReadError`` (missing file 66, bad data 65, I/O 74).
    /// - Complexity: O(file size) time; O(samples) memory.
    /// - Parameter progress: called now and then with the share of the file read so far (0-1);
    ///   a device's binary file reports only its end.
    public static func read(
        path: String, options: ReadOptions = ReadOptions(), progress: ((Double) -> Void)? = nil
    ) throws -> AccelerationRecording {
        try readReportingCompression(path: path, options: options, progress: progress).recording
    }

    /// Reads a file and summarises it for `plm inspect`.
    /// - Throws: ``ReadError``, as ``read(path:options:)``.
    public static func inspect(path: String, options: ReadOptions = ReadOptions()) throws -> FileInspection {
        let read = try readReportingCompression(path: path, options: options, progress: nil)
        var inspection = FileInspection(read.recording)
        inspection.compression = read.inflater.map { "gzip, inflated by \($0)" }
        return inspection
    }

    /// ``read(path:options:progress:)``, also telling which library inflated a gzip file.
    /// - Parameter maximumRows: most rows read (a parameter for tests).
    static func readReportingCompression(
        path: String, options: ReadOptions, progress: ((Double) -> Void)?, maximumRows: Int = maximumRows
    ) throws -> (recording: AccelerationRecording, inflater: String?) {
        if let binary = try binaryLayout(path: path, options: options) {
            let recording = try _BinaryFormat.read(path: path, layout: binary.layout, file: binary.file)
            progress?(1)
            return (recording, nil)
        }
        let (stream, prefix, plan) = try openText(path: path, options: options)
        let estimatedRows = estimateRows(stream: stream, prefix: prefix, plan: plan, path: path)
        let rows = try _RowParser.parse(
            stream: stream, plan: plan, path: path, estimatedRows: estimatedRows, progress: progress, maximumRows: maximumRows)
        progress?(1)
        return (try assemble(rows: rows, plan: plan, options: options, path: path), stream.inflaterDescription)
    }

    /// Most rows read from one file read whole: 100 million (11.5 days at 100 Hz; 2 GB of samples
    /// and times). A longer file, or a gzip stream that inflates without end, stops here with a
    /// message instead of exhausting memory. ``ChunkedRecordingReader`` keeps no rows and has no
    /// such limit; its windows (one night each) have this one.
    public static let maximumRows = 100_000_000

    // MARK: - Internals

    /// Opens a text (CSV) file and works out its layout from its first 256 KiB.
    static func openText(path: String, options: ReadOptions) throws -> (_ByteStream, _FilePrefix, _ParsePlan) {
        let stream = try _ByteStream(path: path, mapPlainFile: true)
        try stream.refill()
        let prefixBytes = min(stream.end, 256 << 10)
        var prefix = _FilePrefix(bytes: UnsafeBufferPointer(start: stream.buffer, count: prefixBytes))
        if !(stream.atEndOfFile && prefixBytes == stream.end) && prefix.lines.count > 1 {
            // The last line may be cut by the prefix boundary.
            prefix.lines.removeLast()
            prefix.byteLines.removeLast()
        }
        let plan = try _LayoutDetector.plan(prefix: prefix, options: options, path: path)
        return (stream, prefix, plan)
    }

    /// The clock of the first sample: the data's first timestamp over the header's start.
    static func firstSampleClock(firstStamp: _ParsedStamp?, plan: _ParsePlan, options: ReadOptions) -> RecordingClockTime? {
        guard let stamp = firstStamp else { return plan.headerStart }
        if stamp.hasOffset, plan.timeSyntax?.isUTC == true, let offset = options.utcOffsetS {
            return RecordingClockTime(
                secondsSince1970: _seconds(fromNanoseconds: stamp.localNs) + Double(offset), utcOffsetS: offset)
        }
        return RecordingClockTime(
            secondsSince1970: _seconds(fromNanoseconds: stamp.localNs),
            utcOffsetS: stamp.hasOffset ? Int(stamp.offsetS) : plan.clockOffsetS)
    }

    /// The binary layout to decode the file with: the one `--format` names, else the one its
    /// first bytes announce; nil for text (CSV) files.
    static func binaryLayout(path: String, options: ReadOptions) throws -> (layout: RecordingLayout, file: _BinaryFile)? {
        let wanted: RecordingLayout?
        switch options.format {
        case .cwa: wanted = .cwa
        case .geneactivBin: wanted = .geneactivBin
        case .gt3x: wanted = .gt3x
        case .auto: wanted = nil
        case .actigraph, .geneactiv, .axivity, .generic: return nil
        }
        let file = try _BinaryFile(path: path)
        var prefix = try file.prefix(64)
        let gzipped = prefix.starts(with: [0x1F, 0x8B])
        if gzipped {
            // A gzip file (`.cwa.gz`, `.bin.gz`, `.csv.gz`): the signature is in the inflated bytes.
            prefix = try _ByteStream.prefix(path: path, count: 64)
        }
        try _BinaryFormat.refuseUnsupported(prefix, path: path)
        let detected = _BinaryFormat.detect(prefix)
        if gzipped, detected == .gt3x {
            throw ReadError(
                kind: .unknownLayout, path: path, byteOffset: 0,
                found: "a gzip-compressed .gt3x (a zip archive inside gzip)",
                expected: "the .gt3x archive itself (it is compressed already)",
                hint: "unpack it first (gunzip FILE) and read the .gt3x.")
        }
        if let wanted {
            guard detected == wanted else {
                let signature = switch wanted {
                case .cwa: "the bytes \"MD\" of an Axivity header"
                case .geneactivBin: "the line \"Device Identity\" of a GENEActiv .bin header"
                default: "a zip archive (\"PK\") holding info.txt and log.bin or activity.bin"
                }
                throw ReadError(
                    kind: .unknownLayout, path: path, byteOffset: 0,
                    found: detected.map { "a \($0.rawValue) file" } ?? "a file that does not start like a --format \(wanted.rawValue) file",
                    expected: signature, hint: "leave out --format to recognise the layout from the file.")
            }
            return (wanted, file)
        }
        return detected.map { ($0, file) }
    }

    /// Rows to reserve room for: the (uncompressed) file size over the mean length of the first
    /// data lines, so that the sample buffers are allocated once.
    static func estimateRows(stream: _ByteStream, prefix: _FilePrefix, plan: _ParsePlan, path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        var bytes = Double(info.st_size)
        if stream.isCompressed {
            // A gzip member ends with its uncompressed size modulo 2^32 (RFC 1952, ISIZE).
            guard let size = gzipTrailerSize(path: path, fileSize: Int(info.st_size)), Double(size) >= bytes else { return 0 }
            bytes = min(Double(size), bytes * 30)  // a trailer is only a claim
        }
        let dataLines = prefix.byteLines.dropFirst(plan.dataStartLine).prefix(200)
        guard !dataLines.isEmpty else { return 0 }
        let meanBytes = Double(dataLines.reduce(0) { $0 + $1.count + 1 }) / Double(dataLines.count)
        let estimate = bytes / max(meanBytes * 0.97, 1)
        // Reserve at most 50 M rows (1 GB; 5.8 days at 100 Hz); beyond that the arrays grow.
        return Int(min(estimate, 50e6)) + 16
    }

    /// The ISIZE field of a gzip file (last four bytes, little-endian).
    static func gzipTrailerSize(path: String, fileSize: Int) -> UInt32? {
        guard fileSize >= 18 else { return nil }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var size: UInt32 = 0
        let got = withUnsafeMutableBytes(of: &size) { pread(descriptor, $0.baseAddress, 4, off_t(fileSize - 4)) }
        return got == 4 ? UInt32(littleEndian: size) : nil
    }

    static func assemble(rows: _ParsedRows, plan: _ParsePlan, options: ReadOptions, path: String) throws -> AccelerationRecording {
        guard !rows.x.isEmpty else {
            throw ReadError(
                kind: .malformedData, path: path, line: plan.dataStartLine + 1, found: "no data rows",
                expected: "at least one row of acceleration after the header")
        }
        let unitWarning = try _UnitCheck.check(rows, plan: plan, path: path)

        // Start time: trust the data's first timestamp over the header's start.
        let start = firstSampleClock(firstStamp: rows.firstStamp, plan: plan, options: options)

        // Nominal period: median step of the timestamps, else the fixed/declared rate.
        let fallbackRate = plan.fixedRateHz ?? plan.declaredRateHz
        var periodS: Double
        if let times = rows.timesS, let median = _DefectScanner.medianStep(times) {
            periodS = median
        } else if let fallbackRate {
            periodS = 1 / fallbackRate
        } else {
            periodS = 1
        }
        var scanner = _DefectScanner(rows: rows, start: start, periodS: periodS)
        let timing = scanner.timingDefects()
        let sampleRateHz = timing.measuredRateHz ?? fallbackRate ?? 1 / periodS
        try refuseEpochCounts(
            sampleRateHz: sampleRateHz, measuredRateHz: timing.measuredRateHz, fallbackRateHz: fallbackRate, plan: plan, path: path)
        if rows.timesS == nil {
            periodS = 1 / sampleRateHz
            scanner = _DefectScanner(rows: rows, start: start, periodS: periodS)
        }
        var defects = timing.defects
        defects += scanner.valueDefects(rateHz: sampleRateHz)
        if let mismatch = rateMismatchDefect(
            declaredRateHz: plan.declaredRateHz, measuredRateHz: timing.measuredRateHz, sampleCount: rows.x.count,
            span: { scanner.span(rows: 0..<rows.x.count) })
        {
            defects.append(mismatch)
        }
        defects.sort { ($0.span.startS, $0.kind.rawValue) < ($1.span.startS, $1.kind.rawValue) }
        let metadata = textMetadata(plan: plan, unitWarning: unitWarning, blankLinesInData: rows.blankLinesInData)

        var recording = AccelerationRecording(
            path: path, layout: plan.layout, start: start, declaredRateHz: plan.declaredRateHz, sampleRateHz: sampleRateHz,
            x: rows.x, y: rows.y, z: rows.z, sampleTimesS: rows.timesS, defects: defects, metadata: metadata)
        recording.layoutReason = plan.reason
        recording.measuredRateHz = timing.measuredRateHz
        return recording
    }
}
