import PLMKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bodies of PLMKit's fuzz targets: each takes any bytes and must return without trapping,
/// whatever they are. `Fuzz/` (a separate package, built with `-sanitize=fuzzer,address`) calls
/// them from `LLVMFuzzerTestOneInput`; the root test suite replays every input that ever crashed
/// one of them (`Tests/PLMKitTests/FuzzRegressions/<target>/`), so a fixed crash stays fixed.
///
/// Errors are the expected outcome for most inputs; what is checked is that every error is a
/// ``PipelineError`` with a sysexits status and a message.
public enum FuzzHarness {
    /// The targets, by the name of their `Fuzz/` executable and regression folder.
    public static let targets: [(name: String, body: @Sendable ([UInt8]) -> Void)] = [
        ("FuzzRecordingCSV", recordingCSV),
        ("FuzzEventsCSV", eventsCSV),
        ("FuzzAnnotations", annotations),
        ("FuzzReportJSON", reportJSON),
        ("FuzzCWA", cwa),
        ("FuzzGENEActivBin", geneactivBin),
        ("FuzzGT3X", gt3x),
    ]

    /// A raw accelerometer CSV (plain or gzip) through ``RecordingReader`` and the inspection
    /// summary. The reader works on files: the bytes go to a scratch file first.
    public static func recordingCSV(_ bytes: [UInt8]) {
        guard let path = writeScratch(bytes, name: "recording.csv") else { return }
        defer { unlink(path) }
        expectPipelineError {
            let recording = try RecordingReader.read(path: path)
            _ = FileInspection(recording).summaryText
        }
        // The same bytes described by options (no detection), which reaches the row parser with
        // layouts the detector would refuse.
        var options = ReadOptions()
        options.columns = [.time, .x, .y, .z]
        options.timeFormat = .unixSeconds
        expectPipelineError { _ = try RecordingReader.read(path: path, options: options) }
    }

    /// A leg movement events CSV, as `plm score` and `plm evaluate` read it, then scored.
    public static func eventsCSV(_ bytes: [UInt8]) {
        expectPipelineError {
            let movements = try LegMovementEventsFile.parse(bytes, file: "events.csv").sorted(by: LegMovement.precedes)
            score(movements, hypnogram: nil, spans: [])
        }
        expectPipelineError { _ = try EventSetReader.parseReferenceCSV(bytes, path: "reference.csv") }
    }

    /// Respiratory event / arousal span files (seconds and clock times) and hypnograms, then scored.
    public static func annotations(_ bytes: [UInt8]) {
        expectPipelineError {
            let spans = try TimeSpanAnnotationsFile.parse(bytes, file: "spans.csv", content: .arousals)
            score(fixedMovements, hypnogram: nil, spans: spans)
        }
        expectPipelineError {
            _ = try TimeSpanAnnotationsFile.parse(
                bytes, file: "spans.csv", content: .respiratoryEvents, recordingStartSecondsOfDay: 81_000)
        }
        expectPipelineError {
            let hypnogram = try HypnogramFile.parse(bytes, file: "hypnogram.csv")
            score(fixedMovements, hypnogram: hypnogram, spans: [])
        }
    }

    /// The JSON that `plm evaluate` reads (a plm-report/1 report, or a plm-truth/1 truth), evaluated
    /// against itself and printed.
    public static func reportJSON(_ bytes: [UInt8]) {
        expectPipelineError {
            let detected = try EventSetReader.decodeReport(bytes, path: "report.json")
            let night = Evaluator.evaluate(reference: detected, detected: detected, options: .standard)
            let report = EvaluationReport(nights: [night, night], options: .standard)
            _ = report.text()
            _ = try? report.jsonBytes()
        }
        expectPipelineError {
            let truth = try EventSetReader.decodeTruth(bytes, path: "truth.json")
            _ = EvaluationReport(nights: [Evaluator.evaluate(reference: truth, detected: truth, options: .standard)]).text()
        }
    }

    // MARK: - Helpers

    /// Four left movements 20 s apart, a WASM 2016 series.
    static let fixedMovements = (0..<4).map { LegMovement(side: .left, onsetS: 10 + 20 * Double($0), offsetS: 11 + 20 * Double($0)) }

    /// Scores `movements` over the window they span (at least one hour) and renders every output.
    static func score(_ movements: [LegMovement], hypnogram: Hypnogram?, spans: [TimeSpan]) {
        let start = min(0, movements.map(\.onsetS).min() ?? 0)
        let end = max(start + 3600, movements.map(\.offsetS).max() ?? 0)
        let window = TimeSpan(startS: start, endS: end)
        let result = PLMScorer.score(
            ScoringInput(movements: movements, window: window, respiratoryEvents: spans, arousals: spans, hypnogram: hypnogram),
            rules: .wasm2016)
        _ = result.indices.plmIndex
    }

    /// Runs `body`; an error must be a ``PipelineError`` (anything else is a harness failure).
    static func expectPipelineError(_ body: () throws -> Void) {
        do {
            try body()
        } catch is any PipelineError {
        } catch {
            fatalError("not a PipelineError: \(type(of: error)): \(error)")
        }
    }

    /// A per-process scratch file in /dev/shm (memory) when it exists, else /tmp.
    /// `bytes` written to the scratch file `name`, or nil (nothing left behind) when that failed.
    /// A plain write, not the atomic writer: no fsync per input, many more inputs per second.
    static func writeScratch(_ bytes: [UInt8], name: String) -> String? {
        let path = scratchPath(name)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return nil }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else {
            unlink(path)
            return nil
        }
        return path
    }

    static func scratchPath(_ name: String) -> String {
        let folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        return "\(folder)/plm-fuzz-\(getpid())-\(name)"
    }
}
