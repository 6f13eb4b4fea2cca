import PLMCore
/// Empatica E4 `ACC.csv`: start time row, rate row, then 1/64 g integers.
extension _LayoutDetector {
    // MARK: - Empatica E4

    static func empaticaPlan(prefix: _FilePrefix, options: ReadOptions) -> _ParsePlan? {
        guard options.columns == nil, options.skipLines == nil, prefix.lines.count >= 3 else { return nil }
        func equalTriple(_ line: String) -> Double? {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0._trimming(" ") }
            guard fields.count == 3, let v = Double(fields[0]), fields.allSatisfy({ Double($0) == v }) else { return nil }
            return v
        }
        guard let start = equalTriple(prefix.lines[0]), start > 1e8, start < 1e10,
            let rate = equalTriple(prefix.lines[1]), rate > 0, rate <= 1000,
            looksLikeData(prefix.lines[2], delimiter: ",", decimalMark: ".")
        else { return nil }
        var plan = _ParsePlan(layout: .generic, reason: "", dataStartLine: 2)
        plan.fixedRateHz = rate
        plan.declaredRateHz = rate
        plan.headerStart = RecordingClockTime(secondsSince1970: start, utcOffsetS: 0)
        plan.unit = .counts(perG: 64, zero: 0)
        plan.unitSource = "Empatica E4 ACC.csv values are 1/64 g"
        plan.metadata.append(("device", "Empatica E4"))
        plan.reason = "Empatica E4 ACC.csv: row 1 is the start (unix time \(DecimalText.short(start))) three times, row 2 the rate "
            + "(\(DecimalText.short(rate)) Hz) three times, then x,y,z in 1/64 g"
        return plan
    }
}
