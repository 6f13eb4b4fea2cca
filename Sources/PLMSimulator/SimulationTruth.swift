import PLMCore

/// What a simulated movement is.
public enum SimulatedMovementKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A leg movement in sleep: an ankle dorsiflexion of 0.5-10 s, member of a PLM series
    /// (`seriesID` set) or isolated.
    case lm
    /// A twitch shorter than 0.5 s: not an LM under any rule.
    case twitch
    /// A movement in sleep longer than 10 s: not a candidate LM.
    case long
    /// A change of lying posture (both legs, 5-60 s).
    case postureShift
    /// Irregular activity while awake.
    case wakeActivity
    /// A knock of the sensor while awake, strong enough to clip at the range.
    case knock
}

/// One simulated movement of one leg, exactly as it was put into the signal.
public struct SimulatedMovement: Sendable, Hashable, Codable {
    /// Index in time order (both legs).
    public var id: Int
    public var side: LegSide
    /// Onset and offset, seconds since the recording start (true time, before any clock drift).
    public var onsetS: Double
    public var offsetS: Double
    public var kind: SimulatedMovementKind
    /// Whether the movement is a leg movement by duration (0.5-10 s, AASM; see
    /// ``SimulationTruth/lmDurationS``): what a detector should find and report as an LM.
    public var countsAsLM: Bool
    /// Whether the onset lies in sleep.
    public var inSleep: Bool
    /// The PLM series the movement was generated in, if any.
    public var seriesID: Int?
    /// Movements generated together on both legs share a group number.
    public var bilateralGroup: Int?
    /// Peak rotation of the ankle, degrees (0 for posture shifts and knocks).
    public var ankleRotationDegrees: Double
    /// Change of the sensor's tilt against gravity at the peak of the rotation, degrees: what an
    /// accelerometer can see of the rotation in the posture the leg was in.
    public var tiltChangeDegrees: Double
    /// Largest linear (non-gravity) acceleration of the sensor during the movement, g.
    public var peakLinearAccelerationG: Double
    /// Peak change of the acceleration vector from rest during the movement, milli-g:
    /// max |a(t) - a(onset)| of the noise-free reading in the sensor frame (tilt of gravity and
    /// linear acceleration together, with strap slip and thermal drift, before noise, clipping and
    /// quantisation), on a 10 ms grid (1000 points at most). What a detector working on the vector's deviation from rest
    /// can see. Nil only in truth files written before it existed.
    public var peakDeviationMg: Double?
    /// Rise time of the movement's (first) rotation, seconds; nil for movements without rotation
    /// (posture shifts, knocks).
    public var riseS: Double?
    /// Bursts of a multi-burst LM (2-3); nil for a movement of one burst.
    public var burstCount: Int?
    /// Tilt the movement leaves behind (a partial return: a lasting change of position), degrees;
    /// nil when the leg returns fully.
    public var lastingTiltDegrees: Double?

    public var durationS: Double { offsetS - onsetS }

    /// The movement as a PLMCore leg movement (for scoring and evaluation).
    public var legMovement: LegMovement {
        LegMovement(
            side: side, onsetS: onsetS, offsetS: offsetS, peakAccelerationG: peakLinearAccelerationG,
            tiltChangeDegrees: tiltChangeDegrees)
    }
}

/// What went wrong with the recording on purpose.
public enum SimulatedDefectKind: String, Sendable, Hashable, Codable {
    /// Rows missing from the file.
    case gap
    /// One sample replaced by a large value on one axis.
    case spike
    /// Samples at the range limit because of a knock.
    case clipping
}

/// A defect of one leg's recording.
public struct SimulatedDefect: Sendable, Hashable, Codable {
    public var side: LegSide
    public var kind: SimulatedDefectKind
    /// Start and end, seconds since the recording start.
    public var startS: Double
    public var endS: Double
}

/// The settings as used, with every default resolved.
public struct SimulationSettingsRecord: Sendable, Hashable, Codable {
    public var durationH: Double
    public var sampleRateHz: Double
    public var noiseG: Double
    public var rangeG: Double
    public var resolutionBits: Int
    public var quantumG: Double
    public var defects: DefectSettings
    /// The named condition (`plm simulate --condition`), if any.
    public var condition: String?
    /// The hard conditions added to the profile's night; nil when none.
    public var conditions: SimulationConditions?
    /// Per leg, the sensor's thermal drift and strap slip as drawn; nil when neither is on.
    public var legSensors: [LegSensorRecord]?
}

/// One leg's sensor conditions as drawn for the night.
public struct LegSensorRecord: Sendable, Hashable, Codable {
    public var side: LegSide
    /// Offset change per °C of warming, mg per °C, per sensor axis x, y, z.
    public var thermalDriftMgPerC: [Double]
    /// Rotation of the strap round the shank from the first to the last sample, degrees (signed).
    public var strapSlipDegrees: Double
    /// Warming of the sensor by the end of the night, °C.
    public var temperatureChangeAtEndC: Double
}

/// The scoring the truth's movements get under the default rules (PLMScoring), for comparison
/// with what the pipeline finds.
///
/// Two scorings of the same movements over the lights window, with gap and clipping time excluded:
/// without sleep staging (`plmIndex`, per valid hour in bed, every movement counted: what an
/// accelerometer-only report gives) and with the truth's sleep as a hypnogram (`plmsIndex`, per
/// hour of sleep: what the profile bands refer to).
public struct ExpectedScoring: Sendable, Hashable, Codable {
    /// Rule set name (e.g. `wasm2016`).
    public var rules: String
    /// The rules' ``PLMScoring/RuleSet/defectExclusion`` (`noLegRecorded` or `anyLegDefective`);
    /// nil in truth files written before the choice existed (they excluded any leg's defect).
    public var defectExclusion: String?
    /// PLMs per valid hour in bed, without sleep staging.
    public var plmIndex: Double?
    public var plmCount: Int
    /// Candidate LMs per valid hour in bed, without sleep staging.
    public var clmIndex: Double?
    /// PLMs per valid hour over the whole recording (not only lights off to on), without sleep
    /// staging: for a pipeline run without a lights window.
    public var recordingPLMIndex: Double?
    /// PLMs in sleep per hour of sleep (the PLMS index), with the truth's sleep.
    public var plmsIndex: Double?
    public var plmsCount: Int?
    /// PLMs in wake per hour of wake in the window, with the truth's sleep.
    public var plmwIndex: Double?
    /// Series found with the truth's sleep.
    public var seriesCount: Int
    /// Valid hours in the window and hours of sleep in it.
    public var validHours: Double
    public var totalSleepHours: Double?
}

/// The ground truth of a simulated night (`truth.json`, format `plm-truth/1`).
///
/// Times are seconds since the recording start (the first sample), in true time; the
/// recording start is also given as local ISO 8601 time with its UTC offset.
public struct SimulationTruth: Sendable, Hashable, Codable {
    /// Format identifier.
    public var format: String = SimulationTruth.formatIdentifier
    public var generator: String = "PLMKit plm simulate"
    public var profile: SimulationProfile
    public var seed: UInt64
    public var settings: SimulationSettingsRecord
    /// Local time of the first sample, ISO 8601 with offset, e.g. `2026-01-15T22:30:00.000+01:00`.
    public var recordingStart: String
    public var durationS: Double
    /// Lights off to lights on.
    public var lights: TimeSpan
    /// Sleep, in time order (everything between them is wake).
    public var sleepSpans: [TimeSpan]
    /// Wake, in time order, including wake before lights off and after lights on.
    public var wakeSpans: [TimeSpan]
    public var movements: [SimulatedMovement]
    public var defects: [SimulatedDefect]
    /// Scoring of the movements under the default rules; nil when not computed.
    public var expectedScoring: ExpectedScoring?
    /// Output files, when the night was written (layout, units, file names).
    public var output: OutputRecord?

    /// The written files.
    public struct OutputRecord: Sendable, Hashable, Codable {
        public var layout: String
        public var units: String
        public var leftFile: String
        public var rightFile: String
    }

    /// `plm-truth/1`.
    public static let formatIdentifier = "plm-truth/1"

    /// Total sleep time, seconds.
    public var totalSleepTimeS: Double { sleepSpans.reduce(0) { $0 + $1.durationS } }

    /// The movements that count as leg movements, as PLMCore values.
    public var legMovements: [LegMovement] { movements.filter(\.countsAsLM).map(\.legMovement) }
}
