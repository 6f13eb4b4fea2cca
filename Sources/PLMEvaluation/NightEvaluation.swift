import PLMCore

/// Counts and rates of one event comparison.
public struct DetectionCounts: Sendable, Hashable, Codable {
    /// Reference events assessed (those missed inside the detection's excluded time are not).
    public var referenceCount: Int
    public var detectedCount: Int
    /// Matched pairs (true positives).
    public var truePositives: Int
    /// Reference events that were not found and lie (partly) in time the detection declared
    /// excluded (a gap, fill or clipping): data loss the report states, not counted as misses.
    public var referenceInExcludedTime: Int = 0
    public var falseNegatives: Int { referenceCount - truePositives }
    public var falsePositives: Int { detectedCount - truePositives }
    /// TP / (TP + FN); nil without reference events.
    public var sensitivity: Double? { referenceCount > 0 ? Double(truePositives) / Double(referenceCount) : nil }
    /// Positive predictive value TP / (TP + FP); nil without detected events.
    public var positivePredictiveValue: Double? { detectedCount > 0 ? Double(truePositives) / Double(detectedCount) : nil }
    /// 2 TP / (2 TP + FP + FN); nil when both sides are empty.
    public var f1: Double? {
        let denominator = referenceCount + detectedCount
        return denominator > 0 ? 2 * Double(truePositives) / Double(denominator) : nil
    }

    public init(referenceCount: Int, detectedCount: Int, truePositives: Int, referenceInExcludedTime: Int = 0) {
        self.referenceCount = referenceCount
        self.detectedCount = detectedCount
        self.truePositives = truePositives
        self.referenceInExcludedTime = referenceInExcludedTime
    }

    public static func + (a: DetectionCounts, b: DetectionCounts) -> DetectionCounts {
        DetectionCounts(
            referenceCount: a.referenceCount + b.referenceCount, detectedCount: a.detectedCount + b.detectedCount,
            truePositives: a.truePositives + b.truePositives,
            referenceInExcludedTime: a.referenceInExcludedTime + b.referenceInExcludedTime)
    }
}

extension DetectionCounts {
    enum CodingKeys: String, CodingKey {
        case referenceCount, detectedCount, truePositives, falseNegatives, falsePositives, referenceInExcludedTime
        case sensitivity, positivePredictiveValue, f1
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(referenceCount, forKey: .referenceCount)
        try c.encode(detectedCount, forKey: .detectedCount)
        try c.encode(truePositives, forKey: .truePositives)
        try c.encode(falseNegatives, forKey: .falseNegatives)
        try c.encode(falsePositives, forKey: .falsePositives)
        try c.encode(referenceInExcludedTime, forKey: .referenceInExcludedTime)
        try c.encode(sensitivity, forKey: .sensitivity)
        try c.encode(positivePredictiveValue, forKey: .positivePredictiveValue)
        try c.encode(f1, forKey: .f1)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            referenceCount: try c.decode(Int.self, forKey: .referenceCount),
            detectedCount: try c.decode(Int.self, forKey: .detectedCount),
            truePositives: try c.decode(Int.self, forKey: .truePositives),
            referenceInExcludedTime: try c.decodeIfPresent(Int.self, forKey: .referenceInExcludedTime) ?? 0)
    }
}

/// Summary of timing errors of matched events, seconds (detected minus reference).
public struct TimingError: Sendable, Hashable, Codable {
    /// Median of the signed errors.
    public var medianS: Double
    /// Mean of the absolute errors.
    public var meanAbsoluteS: Double

    /// Nil for no errors.
    public init?(_ errors: [Double]) {
        guard !errors.isEmpty else { return nil }
        medianS = Statistics.median(errors)
        meanAbsoluteS = errors.reduce(0) { $0 + abs($1) } / Double(errors.count)
    }
}

/// Evaluation of one night: per leg and both legs together.
public struct NightEvaluation: Sendable, Hashable, Codable {
    public var referenceSource: String
    public var detectedSource: String
    public var profile: String?
    public var left: DetectionCounts
    public var right: DetectionCounts
    public var total: DetectionCounts
    public var onsetError: TimingError?
    public var offsetError: TimingError?
    /// PLM index of the reference and the detection, per hour, and detected minus reference.
    public var referencePLMIndex: Double?
    public var detectedPLMIndex: Double?
    public var plmIndexError: Double?
    /// Sensitivity by the reference movements' peak deviation (bins of
    /// ``PeakDeviationBin/edgesMg``); nil when the reference gives no peak deviations.
    public var sensitivityByPeakDeviation: [PeakDeviationBin]?
}

/// Compares a detection with a reference.
public enum Evaluator {
    /// Matches the events (see ``EventMatcher``) and computes sensitivity, PPV, F1, onset and
    /// offset errors and the PLM index error.
    public static func evaluate(reference: EventSet, detected: EventSet, options: EvaluationOptions = .standard) -> NightEvaluation {
        let matching = EventMatcher.match(reference: reference.movements, detected: detected.movements, options: options)
        // Missed reference movements that lie (partly) in time the detection declared excluded.
        let missedInExcludedTime = Set(
            matching.missedReference.filter { k in
                let m = matching.reference[k]
                return (detected.excludedSpans[m.side] ?? []).contains { $0.overlaps(m.span) }
            })
        func counts(_ side: LegSide) -> DetectionCounts {
            let missed = missedInExcludedTime.filter { matching.reference[$0].side == side }.count
            return DetectionCounts(
                referenceCount: matching.reference.filter { $0.side == side }.count - missed,
                detectedCount: matching.detected.filter { $0.side == side }.count,
                truePositives: matching.pairs.filter { $0.side == side }.count,
                referenceInExcludedTime: missed)
        }
        let left = counts(.left), right = counts(.right)
        var plmError: Double?
        if let r = reference.plmIndex, let d = detected.plmIndex { plmError = d - r }
        return NightEvaluation(
            referenceSource: reference.source, detectedSource: detected.source, profile: reference.profile,
            left: left, right: right, total: left + right,
            onsetError: TimingError(matching.pairs.map(\.onsetErrorS)),
            offsetError: TimingError(matching.pairs.map(\.offsetErrorS)),
            referencePLMIndex: reference.plmIndex, detectedPLMIndex: detected.plmIndex, plmIndexError: plmError,
            sensitivityByPeakDeviation: sensitivityByPeakDeviation(
                matching, reference: reference, missedInExcludedTime: missedInExcludedTime))
    }
}
