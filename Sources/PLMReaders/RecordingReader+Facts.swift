import PLMCore

/// What the whole-file reader (`RecordingReader`) and the chunked one (`ChunkedRecordingReader`)
/// conclude the same way once the rows are read: the refusal of epoch counts, the rate-mismatch
/// defect and the text file's metadata lines. One place, so the two readers cannot drift apart.
extension RecordingReader {
    /// Throws when the file's rate shows epoch counts rather than raw acceleration. A single
    /// timestamped row (no measured and no declared rate) has nothing to judge.
    static func refuseEpochCounts(
        sampleRateHz: Double, measuredRateHz: Double?, fallbackRateHz: Double?, plan: _ParsePlan, path: String
    ) throws {
        guard sampleRateHz < DefectThresholds.minimumRawRateHz, measuredRateHz != nil || fallbackRateHz != nil else { return }
        throw ReadError(
            kind: .notRawAcceleration, path: path, line: plan.dataStartLine + 1,
            found: "one sample every \(DecimalText.short(1 / sampleRateHz)) s: the file holds counts per epoch, not raw acceleration",
            expected: "raw acceleration sampled at \(DecimalText.short(DefectThresholds.minimumRawRateHz)) Hz or more",
            hint: "PLM scoring needs the raw signal (tens of samples per second): export the device's raw data.")
    }

    /// The whole-recording `rateMismatch` defect when the timestamps' rate differs from the
    /// header's by more than `DefectThresholds.rateMismatchTolerance`; `span` is asked only then.
    static func rateMismatchDefect(
        declaredRateHz: Double?, measuredRateHz: Double?, sampleCount: Int, span: () -> TimeSpan
    ) -> RecordingDefect? {
        guard let declared = declaredRateHz, let measured = measuredRateHz,
            abs(measured - declared) > declared * DefectThresholds.rateMismatchTolerance
        else { return nil }
        let all = 0..<sampleCount
        return RecordingDefect(
            kind: .rateMismatch, span: span(), sampleRange: all, sampleCount: all.count, line: nil,
            detail: "the header declares \(DecimalText.short(declared)) Hz but the timestamps step at \(DecimalText.fixed3(measured)) Hz; times follow the timestamps")
    }

    /// The layout's metadata plus the time format, the unit (and its warning) and the blank lines
    /// skipped inside the data.
    static func textMetadata(plan: _ParsePlan, unitWarning: String?, blankLinesInData: Int) -> [(key: String, value: String)] {
        var metadata = plan.metadata
        if let syntax = plan.timeSyntax, plan.timeColumn != nil { metadata.append(("timeFormat", syntax.text)) }
        metadata.append(("unit", "\(plan.unit.argumentSpelling) (\(plan.unitSource))"))
        if let unitWarning { metadata.append((_UnitCheck.warningKey, unitWarning)) }
        if blankLinesInData > 0 { metadata.append(("blankLinesSkipped", String(blankLinesInData))) }
        return metadata
    }
}
