import PLMCore

/// Sensitivity for reference movements of one range of peak deviation (the peak change of the
/// acceleration vector from rest): how small a movement detection still finds.
public struct PeakDeviationBin: Sendable, Hashable, Codable {
    /// Lower edge, milli-g (inclusive).
    public var lowerMg: Double
    /// Upper edge, milli-g (exclusive); nil for the open last bin.
    public var upperMg: Double?
    /// Assessed reference movements in the bin (as in ``DetectionCounts/referenceCount``: those
    /// missed in the detection's excluded time are left out).
    public var referenceCount: Int
    /// Of them, matched by a detected movement.
    public var truePositives: Int
    /// Of the matched ones, those whose detected duration lies within ``durationToleranceS`` of
    /// the reference's: whether durations follow the movement, by its size.
    public var durationsWithinTolerance: Int

    public init(
        lowerMg: Double, upperMg: Double?, referenceCount: Int = 0, truePositives: Int = 0, durationsWithinTolerance: Int = 0
    ) {
        self.lowerMg = lowerMg
        self.upperMg = upperMg
        self.referenceCount = referenceCount
        self.truePositives = truePositives
        self.durationsWithinTolerance = durationsWithinTolerance
    }

    /// A detected duration counts as following the movement within this, s. Source: issue 11's
    /// acceptance ("a 1.5 s LM of 30 mg in 7 mg noise is found with its duration within 0.3 s").
    public static let durationToleranceS = 0.3

    /// Share of the matched movements with their duration within ``durationToleranceS``; nil
    /// when none matched.
    public var durationShareWithinTolerance: Double? {
        truePositives > 0 ? Double(durationsWithinTolerance) / Double(truePositives) : nil
    }

    /// TP / reference count; nil for an empty bin.
    public var sensitivity: Double? { referenceCount > 0 ? Double(truePositives) / Double(referenceCount) : nil }

    /// `0-40 mg`, `>= 300 mg`.
    public var label: String {
        guard let upperMg else { return ">= \(Self.number(lowerMg)) mg" }
        return "\(Self.number(lowerMg))-\(Self.number(upperMg)) mg"
    }

    private static func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : "\(v)" }

    /// Whether a peak deviation falls into the bin.
    public func contains(_ mg: Double) -> Bool { mg >= lowerMg && (upperMg.map { mg < $0 } ?? true) }

    /// The bins' edges, milli-g: 0-40, 40-100, 100-300 and 300 or more. Source: issue 11 (the
    /// detection-limit curve asked for in docs/benchmarks.md); 40 mg is where the target
    /// sensitivity of 0.90 starts, 20-100 mg are the "small LMs" (about 1.5-5° of tilt).
    public static let edgesMg: [Double] = [0, 40, 100, 300]

    /// Empty bins with the standard edges.
    public static var standard: [PeakDeviationBin] {
        edgesMg.indices.map { k in
            PeakDeviationBin(lowerMg: edgesMg[k], upperMg: k + 1 < edgesMg.count ? edgesMg[k + 1] : nil)
        }
    }

    /// Sums the counts of bins with the same edges, bin by bin (nil when there is nothing to sum).
    public static func sum(_ sets: [[PeakDeviationBin]]) -> [PeakDeviationBin]? {
        guard var total = sets.first else { return nil }
        for set in sets.dropFirst() where set.count == total.count {
            for k in total.indices {
                total[k].referenceCount += set[k].referenceCount
                total[k].truePositives += set[k].truePositives
                total[k].durationsWithinTolerance += set[k].durationsWithinTolerance
            }
        }
        return total
    }
}

extension PeakDeviationBin {
    enum CodingKeys: String, CodingKey {
        case lowerMg, upperMg, referenceCount, truePositives, sensitivity, durationsWithinTolerance
        case durationShareWithinTolerance
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(lowerMg, forKey: .lowerMg)
        try c.encode(upperMg, forKey: .upperMg)
        try c.encode(referenceCount, forKey: .referenceCount)
        try c.encode(truePositives, forKey: .truePositives)
        try c.encode(sensitivity, forKey: .sensitivity)
        try c.encode(durationsWithinTolerance, forKey: .durationsWithinTolerance)
        try c.encode(durationShareWithinTolerance, forKey: .durationShareWithinTolerance)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            lowerMg: try c.decode(Double.self, forKey: .lowerMg), upperMg: try c.decodeIfPresent(Double.self, forKey: .upperMg),
            referenceCount: try c.decode(Int.self, forKey: .referenceCount),
            truePositives: try c.decode(Int.self, forKey: .truePositives),
            durationsWithinTolerance: try c.decodeIfPresent(Int.self, forKey: .durationsWithinTolerance) ?? 0)
    }
}

extension Evaluator {
    /// Sensitivity by peak deviation of one night's matching: every assessed reference movement
    /// with a known peak deviation is counted in its bin, as a true positive when matched, and
    /// among the durations within tolerance when the match's duration error (offset error minus
    /// onset error) is at most ``PeakDeviationBin/durationToleranceS``. Nil when the reference
    /// gives no peak deviations.
    static func sensitivityByPeakDeviation(
        _ matching: EventMatching, reference: EventSet, missedInExcludedTime: Set<Int>
    ) -> [PeakDeviationBin]? {
        guard let deviations = reference.peakDeviationsMg, deviations.count == reference.movements.count else { return nil }
        var bins = PeakDeviationBin.standard
        var durationErrorS: [Int: Double] = [:]
        for pair in matching.pairs { durationErrorS[pair.referenceIndex] = pair.offsetErrorS - pair.onsetErrorS }
        for (k, inputIndex) in matching.referenceInputIndices.enumerated() where !missedInExcludedTime.contains(k) {
            guard let mg = deviations[inputIndex], let b = bins.firstIndex(where: { $0.contains(mg) }) else { continue }
            bins[b].referenceCount += 1
            guard let error = durationErrorS[k] else { continue }
            bins[b].truePositives += 1
            if abs(error) <= PeakDeviationBin.durationToleranceS { bins[b].durationsWithinTolerance += 1 }
        }
        return bins
    }
}
