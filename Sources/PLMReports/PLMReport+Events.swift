import PLMCore

extension PLMReport {
    /// One detected leg movement as listed in the report.
    public struct LegMovementRecord: Sendable, Codable, Equatable {
        /// The leg.
        public var side: LegSide
        /// Onset, seconds since the recording start.
        public var onsetS: Double
        /// Offset, seconds since the recording start.
        public var offsetS: Double
        /// Offset minus onset, seconds.
        public var durationS: Double
        /// Largest dynamic acceleration during the movement, g (0 when unknown).
        public var peakAccelerationG: Double
        /// Largest tilt change against gravity during the movement, degrees (0 when unknown).
        public var tiltChangeDegrees: Double
        /// Whether the movement is shorter than the 0.5 s minimum LM duration (kept and flagged).
        public var shorterThanMinimum: Bool
        /// Whether the onset lies inside the analysis window and outside excluded time.
        public var inAnalysisWindow: Bool

        public init(
            side: LegSide, onsetS: Double, offsetS: Double, durationS: Double,
            peakAccelerationG: Double, tiltChangeDegrees: Double, shorterThanMinimum: Bool,
            inAnalysisWindow: Bool = true
        ) {
            self.side = side
            self.onsetS = onsetS
            self.offsetS = offsetS
            self.durationS = durationS
            self.peakAccelerationG = peakAccelerationG
            self.tiltChangeDegrees = tiltChangeDegrees
            self.shorterThanMinimum = shorterThanMinimum
            self.inAnalysisWindow = inAnalysisWindow
        }

        /// The record of a detected movement, its duration and minimum-length flag taken from it.
        public init(_ movement: LegMovement, inAnalysisWindow: Bool = true) {
            self.init(
                side: movement.side, onsetS: movement.onsetS, offsetS: movement.offsetS,
                durationS: movement.durationS, peakAccelerationG: movement.peakAccelerationG,
                tiltChangeDegrees: movement.tiltChangeDegrees,
                shorterThanMinimum: movement.isShorterThanMinimumLM, inAnalysisWindow: inAnalysisWindow)
        }
    }

    /// The side of a candidate movement: one leg, or both legs merged into one bilateral movement.
    public enum CandidateSide: String, Sendable, Codable, Equatable, CaseIterable {
        case left
        case right
        case bilateral

        /// The candidate side of a single leg.
        public init(_ leg: LegSide) { self = leg == .left ? .left : .right }
    }

    /// One candidate movement formed by the scorer: a monolateral LM or a bilateral group, with
    /// whether it is a candidate LM (CLM), whether it is periodic (a PLM) and why not.
    public struct CandidateMovementRecord: Sendable, Codable, Equatable {
        /// `left`, `right` or `bilateral`.
        public var side: CandidateSide
        /// Onset (earliest component onset), seconds since the recording start.
        public var onsetS: Double
        /// Offset (latest component offset), seconds since the recording start.
        public var offsetS: Double
        /// Offset minus onset, seconds.
        public var durationS: Double
        /// Number of monolateral LMs merged into this movement (1 for monolateral).
        public var componentCount: Int
        /// Whether the movement is a candidate LM (CLM) under the rule profile.
        public var isCandidate: Bool
        /// Whether the movement belongs to a PLM series (is a PLM).
        public var periodic: Bool
        /// The 1-based number of its series (see ``SeriesRecord/number``); `null` when none.
        public var seriesNumber: Int?
        /// Inter-movement interval from the previous CLM's onset to this onset, seconds;
        /// `null` for the first CLM or when a non-CLM in between makes it unmeasurable.
        public var imiS: Double?
        /// Why the movement is not a CLM or not a PLM, in words (e.g. `monolateral LM longer
        /// than 10 s`, `outside the analysis window`); `null` when it is a PLM or no reason applies.
        public var exclusionReason: String?
        /// Whether it is associated with a respiratory event; `null` when no respiratory
        /// events were given.
        public var respiratory: Bool?
        /// Whether it is associated with an arousal; `null` when no arousals were given.
        public var arousal: Bool?
        /// Whether it occurred in sleep (`true`) or wake (`false`); `null` when sleep is unknown.
        public var inSleep: Bool?

        public init(
            side: CandidateSide, onsetS: Double, offsetS: Double, durationS: Double,
            componentCount: Int = 1, isCandidate: Bool, periodic: Bool, seriesNumber: Int? = nil,
            imiS: Double? = nil, exclusionReason: String? = nil, respiratory: Bool? = nil,
            arousal: Bool? = nil, inSleep: Bool? = nil
        ) {
            self.side = side
            self.onsetS = onsetS
            self.offsetS = offsetS
            self.durationS = durationS
            self.componentCount = componentCount
            self.isCandidate = isCandidate
            self.periodic = periodic
            self.seriesNumber = seriesNumber
            self.imiS = imiS
            self.exclusionReason = exclusionReason
            self.respiratory = respiratory
            self.arousal = arousal
            self.inSleep = inSleep
        }
    }

    /// One PLM series: consecutive CLMs with IMIs inside the series bounds.
    public struct SeriesRecord: Sendable, Codable, Equatable {
        /// 1-based number of the series in time order.
        public var number: Int
        /// Onset of the first PLM of the series, seconds since the recording start.
        public var startS: Double
        /// Offset of the last PLM of the series, seconds since the recording start.
        public var endS: Double
        /// Number of PLMs in the series.
        public var count: Int
        /// Median IMI within the series, seconds.
        public var medianIMIS: Double

        public init(number: Int, startS: Double, endS: Double, count: Int, medianIMIS: Double) {
            self.number = number
            self.startS = startS
            self.endS = endS
            self.count = count
            self.medianIMIS = medianIMIS
        }
    }
}
