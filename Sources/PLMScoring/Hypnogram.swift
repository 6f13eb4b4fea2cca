import PLMCore

/// A sleep stage of one scoring epoch.
public enum SleepStage: String, Sendable, Hashable, Codable, CaseIterable {
    case wake
    case n1
    case n2
    case n3
    case rem
    /// Not scored, artefact or movement time: neither sleep nor wake.
    case unscored

    /// True for N1, N2, N3 and REM; false for wake; nil for unscored epochs.
    public var isSleep: Bool? {
        switch self {
        case .wake: return false
        case .unscored: return nil
        case .n1, .n2, .n3, .rem: return true
        }
    }
}

/// Sleep stages in consecutive epochs of fixed length (30 s in AASM scoring).
public struct Hypnogram: Sendable, Hashable, Codable {
    /// Start of the first epoch, seconds since the recording start.
    public var startS: Double
    /// Length of every epoch, s.
    public var epochLengthS: Double
    /// One stage per epoch, in time order.
    public var stages: [SleepStage]

    /// - Parameters:
    ///   - startS: start of the first epoch, seconds since the recording start.
    ///   - epochLengthS: epoch length, s (must be > 0; 30 s in AASM scoring).
    ///   - stages: one stage per epoch.
    public init(startS: Double = 0, epochLengthS: Double = 30, stages: [SleepStage]) {
        self.startS = startS
        self.epochLengthS = epochLengthS
        self.stages = stages
    }

    /// The stage of the epoch containing time `t` (s), or nil outside the hypnogram.
    public func stage(at t: Double) -> SleepStage? {
        guard epochLengthS > 0, t.isFinite, t >= startS else { return nil }
        let k = ((t - startS) / epochLengthS).rounded(.down)
        guard k < Double(stages.count) else { return nil }
        return stages[Int(k)]
    }

    /// The time span of epoch `k`.
    public func span(ofEpoch k: Int) -> TimeSpan {
        TimeSpan(startS: startS + Double(k) * epochLengthS, endS: startS + Double(k + 1) * epochLengthS)
    }
}
