import Foundation
import PLMCore

/// Reads the two sides of an evaluation: a reference (a simulator truth file `plm-truth/1`, or a
/// reference events CSV `onset_s,offset_s,side`) and a detection (a `plm-report/1` JSON report).
///
/// Only the keys evaluation needs are decoded; other keys are ignored.
public enum EventSetReader {
    /// Reads a reference: a truth JSON file when the first non-blank byte is `{`, else a CSV.
    /// - Throws: ``EvaluationError``: `cannotRead` (exit 66) or `badData` (exit 65).
    /// - Parameters:
    ///   - path: The truth or CSV file.
    ///   - truthIndexWindow: For a truth file, which expected PLM index is the reference.
    public static func loadReference(path: String, truthIndexWindow: TruthIndexWindow = .lights) throws(EvaluationError) -> EventSet {
        let bytes = try readBytes(path)
        if firstNonBlankByte(bytes) == UInt8(ascii: "{") {
            return try decodeTruth(bytes, path: path, indexWindow: truthIndexWindow)
        }
        return try parseReferenceCSV(bytes, path: path)
    }

    /// Reads the detected movements and PLM index from a `plm-report/1` JSON report.
    public static func loadReport(path: String) throws(EvaluationError) -> EventSet {
        try decodeReport(try readBytes(path), path: path)
    }

    static func readBytes(_ path: String) throws(EvaluationError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .cannotRead(path: path, reason: "no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .cannotRead(path: path, reason: "the file is not readable")
        }
        return [UInt8](data)
    }

    private static func firstNonBlankByte(_ bytes: [UInt8]) -> UInt8? {
        var i = 0
        // Skip a UTF-8 byte order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < bytes.count, [9, 10, 13, 32].contains(bytes[i]) { i += 1 }
        return i < bytes.count ? bytes[i] : nil
    }

    // MARK: Truth (plm-truth/1)

    private struct TruthSubset: Decodable {
        var format: String
        var profile: String?
        var movements: [MovementSubset]
        var expectedScoring: ScoringSubset?
        var settings: SettingsSubset?
    }

    private struct SettingsSubset: Decodable {
        var defects: DefectsSubset?
    }

    private struct DefectsSubset: Decodable {
        var clockDriftPPM: Double?
    }

    private struct MovementSubset: Decodable {
        var side: LegSide
        var onsetS: Double
        var offsetS: Double
        var peakDeviationMg: Double?
    }

    private struct ScoringSubset: Decodable {
        var plmIndex: Double?
        var recordingPLMIndex: Double?
    }

    /// Which of the truth's expected PLM indices is the reference.
    public enum TruthIndexWindow: String, Sendable, CaseIterable {
        /// `expectedScoring.plmIndex`: lights off to lights on (for a report scored over the lights window).
        case lights
        /// `expectedScoring.recordingPLMIndex`: the whole recording (for a report scored without a lights window).
        case recording
    }

    /// Decodes the movements and the expected PLM index of a simulator truth file, with the
    /// movement times put on the recording's clock (`settings.defects.clockDriftPPM`).
    public static func decodeTruth(_ bytes: [UInt8], path: String, indexWindow: TruthIndexWindow = .lights) throws(EvaluationError) -> EventSet {
        let truth: TruthSubset
        do {
            truth = try JSONDecoder().decode(TruthSubset.self, from: Data(bytes))
        } catch {
            throw .badData(
                path: path, line: nil, column: nil, found: "JSON that does not decode (\(describe(error)))",
                expected: "a plm-truth/1 file with movements [{side, onsetS, offsetS}]")
        }
        guard truth.format.hasPrefix("plm-truth/") else {
            throw .badData(path: path, line: nil, column: nil, found: "format \"\(truth.format)\"", expected: "plm-truth/1")
        }
        // The truth is in true time; the recording's timestamps (and so a report's times) run on
        // the sensor's clock, which the simulator may have made drift: express the reference on
        // the recording's clock.
        let clockScale = 1 + (truth.settings?.defects?.clockDriftPPM ?? 0) * 1e-6
        let movements = truth.movements.map {
            LegMovement(side: $0.side, onsetS: $0.onsetS * clockScale, offsetS: $0.offsetS * clockScale)
        }
        try checkTimes(movements, path: path)
        let index = indexWindow == .lights ? truth.expectedScoring?.plmIndex : truth.expectedScoring?.recordingPLMIndex
        try checkIndex(index, key: indexWindow == .lights ? "expectedScoring.plmIndex" : "expectedScoring.recordingPLMIndex", path: path)
        let deviations = truth.movements.map(\.peakDeviationMg)
        return EventSet(
            source: path, movements: movements, plmIndex: index, profile: truth.profile,
            peakDeviationsMg: deviations.contains { $0 != nil } ? deviations : nil)
    }

    // MARK: Report (plm-report/1)

    private struct ReportSubset: Decodable {
        var schema: String?
        var recording: RecordingSubset?
        var legMovements: [MovementSubset]
        var indices: IndicesSubset?
    }

    private struct RecordingSubset: Decodable {
        var legs: [LegSubset]?
    }

    private struct LegSubset: Decodable {
        var side: LegSide
        var defects: [DefectSubset]?
    }

    private struct DefectSubset: Decodable {
        var startS: Double
        var endS: Double
        var excluded: Bool?
    }

    private struct IndicesSubset: Decodable {
        var plmIndex: Double?
    }

    /// Decodes `legMovements` and `indices.plmIndex` of a `plm-report/1` report.
    public static func decodeReport(_ bytes: [UInt8], path: String) throws(EvaluationError) -> EventSet {
        let report: ReportSubset
        do {
            report = try JSONDecoder().decode(ReportSubset.self, from: Data(bytes))
        } catch {
            throw .badData(
                path: path, line: nil, column: nil, found: "JSON that does not decode (\(describe(error)))",
                expected: "a plm-report/1 report with legMovements [{side, onsetS, offsetS}] and indices.plmIndex")
        }
        if let schema = report.schema, !schema.hasPrefix("plm-report/") {
            throw .badData(path: path, line: nil, column: nil, found: "schema \"\(schema)\"", expected: "plm-report/1")
        }
        let movements = report.legMovements.map { LegMovement(side: $0.side, onsetS: $0.onsetS, offsetS: $0.offsetS) }
        try checkTimes(movements, path: path)
        try checkIndex(report.indices?.plmIndex, key: "indices.plmIndex", path: path)
        var excluded: [LegSide: [TimeSpan]] = [:]
        for leg in report.recording?.legs ?? [] {
            for defect in leg.defects ?? [] where defect.excluded ?? true && defect.endS > defect.startS {
                guard TimeSpan.isAcceptableTime(defect.startS), TimeSpan.isAcceptableTime(defect.endS) else {
                    throw .badData(
                        path: path, line: nil, column: nil, found: "a \(leg.side) defect from \(defect.startS) s to \(defect.endS) s",
                        expected: "defect times within ±10^9 s")
                }
                excluded[leg.side, default: []].append(TimeSpan(startS: defect.startS, endS: defect.endS))
            }
        }
        return EventSet(
            source: path, movements: movements, plmIndex: report.indices?.plmIndex,
            excludedSpans: excluded.mapValues { $0.mergedUnion() })
    }

    private static func checkTimes(_ movements: [LegMovement], path: String) throws(EvaluationError) {
        for (k, m) in movements.enumerated()
        where !(TimeSpan.isAcceptableTime(m.onsetS) && TimeSpan.isAcceptableTime(m.offsetS) && m.offsetS >= m.onsetS) {
            throw .badData(
                path: path, line: nil, column: nil, found: "movement \(k + 1) with onset \(m.onsetS) s and offset \(m.offsetS) s",
                expected: "times within ±10^9 s with offset >= onset")
        }
    }

    /// A PLM index read from a file must be one a night can have: 0 to
    /// ``PublishedRules/largestPossibleIndexPerHour``.
    private static func checkIndex(_ index: Double?, key: String, path: String) throws(EvaluationError) {
        guard let index else { return }
        let largest = PublishedRules.largestPossibleIndexPerHour
        guard index.isFinite, index >= 0, index <= largest else {
            throw .badData(
                path: path, line: nil, column: nil, found: "\(key) \(index)",
                expected: "a PLM index of 0 to \(DecimalText.short(largest)) per hour (one 0.5-s movement every 0.5 s)")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing key \"\(codingPath(context.codingPath + [key]))\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \"\(codingPath(context.codingPath))\""
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "bad value at \"\(codingPath(context.codingPath))\""
        default:
            return "\(error)"
        }
    }

    private static func codingPath(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
