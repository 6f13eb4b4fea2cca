import PLMCore

/// What ``LegMovementDetector`` found on one leg.
public struct LegDetection: Sendable {
    /// The leg.
    public var side: LegSide
    /// Every movement kept, in time order, whatever its length; those under 0.5 s are flagged
    /// by ``PLMCore/LegMovement/isShorterThanMinimumLM``.
    public var movements: [LegMovement]
    /// Candidates that crossed the thresholds but were rejected, with the reason.
    public var rejected: [RejectedMovement]
    /// Time excluded by defects (gaps, fill, clipping, ...), merged, seconds since the first sample.
    public var excludedSpans: [TimeSpan]
    /// Recording time minus the excluded time, seconds: the time movements could be found in.
    public var validDurationS: Double
    /// The movement signal binned for plotting the whole night.
    public var activityTrace: ActivityTrace
    /// The leg's noise, resolution and the smallest movement it finds reliably; nil when nothing
    /// could be measured (no valid samples).
    public var detectionLimit: DetectionLimit?

    public init(
        side: LegSide, movements: [LegMovement], rejected: [RejectedMovement], excludedSpans: [TimeSpan],
        validDurationS: Double, activityTrace: ActivityTrace, detectionLimit: DetectionLimit? = nil
    ) {
        self.detectionLimit = detectionLimit
        self.side = side
        self.movements = movements
        self.rejected = rejected
        self.excludedSpans = excludedSpans
        self.validDurationS = validDurationS
        self.activityTrace = activityTrace
    }
}

/// A stretch that crossed the onset threshold but is not reported as a leg movement.
public struct RejectedMovement: Sendable, Hashable, Codable {
    /// Why a candidate was rejected.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// A flat, broadband spectrum, or one or two samples on the raw data: a spike (or noise),
        /// not a limb movement.
        case spike
        /// Dominant frequency above the leg-movement band: vibration.
        case vibration
        /// Runs into excluded time (a gap, fill or clipping longer than the bridgeable length) or
        /// the recording's edge, so that its onset or offset is unknown.
        case cutByExcludedTime
    }

    /// The candidate, with its measured onset, offset, peak and tilt.
    public var movement: LegMovement
    /// Why it was rejected.
    public var reason: Reason
    /// Dominant frequency of the acceleration (three axes) over the candidate, Hz (0 when not computed).
    public var dominantFrequencyHz: Double
    /// Largest power in the movement band over the mean power of the impulsive band, summed over
    /// the axes (0 when not computed); a few for a spike or noise.
    public var peakToFloorRatio: Double

    public init(movement: LegMovement, reason: Reason, dominantFrequencyHz: Double, peakToFloorRatio: Double) {
        self.movement = movement
        self.reason = reason
        self.dominantFrequencyHz = dominantFrequencyHz
        self.peakToFloorRatio = peakToFloorRatio
    }
}

/// The movement signal of one leg reduced to one value per bin, for plotting a whole night:
/// bin `i` covers `[i * binWidthS, (i + 1) * binWidthS)` seconds since the first sample.
public struct ActivityTrace: Sendable, Hashable, Codable {
    /// Bin width, seconds.
    public var binWidthS: Double
    /// Largest dynamic acceleration above the resting level in each bin, g (0 in excluded time).
    public var peakDynamicAccelerationG: [Float]
    /// Largest tilt against the resting direction in each bin, degrees (0 in excluded time).
    public var peakTiltDegrees: [Float]

    public init(binWidthS: Double, peakDynamicAccelerationG: [Float], peakTiltDegrees: [Float]) {
        self.binWidthS = binWidthS
        self.peakDynamicAccelerationG = peakDynamicAccelerationG
        self.peakTiltDegrees = peakTiltDegrees
    }
}
