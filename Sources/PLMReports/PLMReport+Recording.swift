import PLMCore

extension PLMReport {
    /// The inputs of a report: the reference start and one entry per leg file.
    public struct Recording: Sendable, Codable, Equatable {
        /// ISO 8601 date-time of the earliest first sample of the inputs, as read from the files
        /// (with its UTC offset when the files carry one), e.g. `2024-03-01T21:58:00.000+01:00`.
        /// Every `...S` time in the report counts seconds from here. Empty when no input carries a
        /// time (renderers then show times relative to the start).
        public var start: String
        /// One entry per leg file, left first.
        public var legs: [Leg]

        public init(start: String, legs: [Leg]) {
            self.start = start
            self.legs = legs
        }
    }

    /// One leg's input file as read.
    public struct Leg: Sendable, Codable, Equatable {
        /// The leg the sensor was on.
        public var side: LegSide
        /// The path of the file as given on the command line.
        public var path: String
        /// The file layout the reader used, e.g. `generic`, `actigraph`.
        public var layout: String
        /// The sample rate used for processing, Hz (declared by the file or given by the user).
        public var sampleRateHz: Double
        /// Number of samples read.
        public var samples: Int
        /// ISO 8601 time of the first sample; empty when the file has no time.
        public var firstSample: String
        /// ISO 8601 time of the last sample; empty when the file has no time.
        public var lastSample: String
        /// Every defect the reader found, in time order.
        public var defects: [Defect]
        /// Identifiers from the file header (subject code, device serial, ...), name -> value,
        /// written as a JSON object with sorted keys.
        public var metadata: SortedObject<String>

        public init(
            side: LegSide, path: String, layout: String, sampleRateHz: Double, samples: Int,
            firstSample: String, lastSample: String, defects: [Defect] = [],
            metadata: SortedObject<String> = SortedObject()
        ) {
            self.side = side
            self.path = path
            self.layout = layout
            self.sampleRateHz = sampleRateHz
            self.samples = samples
            self.firstSample = firstSample
            self.lastSample = lastSample
            self.defects = defects
            self.metadata = metadata
        }
    }

    /// A stretch of a leg's recording that is not clean signal.
    public struct Defect: Sendable, Codable, Equatable {
        /// What was found: `gap`, `fill` (idle-sleep or repeated rows), `clipping`,
        /// `irregularTiming`, or another reader-defined word.
        public var kind: String
        /// Start, seconds since the recording start.
        public var startS: Double
        /// End, seconds since the recording start.
        public var endS: Double
        /// Whether the stretch was excluded from scoring (and from the valid time).
        public var excluded: Bool
        /// A short human-readable description, e.g. `12.5 s without samples`.
        public var detail: String

        public init(kind: String, startS: Double, endS: Double, excluded: Bool, detail: String = "") {
            self.kind = kind
            self.startS = startS
            self.endS = endS
            self.excluded = excluded
            self.detail = detail
        }

        /// The defect as a time span.
        public var span: TimeSpan { TimeSpan(startS: startS, endS: endS) }
    }

    /// Data quality of one leg within the analysis window.
    public struct LegQuality: Sendable, Codable, Equatable {
        /// The leg.
        public var side: LegSide
        /// Hours of the analysis window with usable signal on this leg.
        public var validHours: Double
        /// Hours of the analysis window excluded on this leg (gaps, fill, clipping, ...).
        public var excludedHours: Double
        /// Number of defects of each kind, kind -> count.
        public var defectCounts: SortedObject<Int>
        /// The sample rate the file declares, Hz; `null` when it declares none.
        public var declaredRateHz: Double?
        /// The sample rate measured from the timestamps, Hz; `null` when the file has no timestamps.
        public var measuredRateHz: Double?
        /// What the detection on this leg cannot see; `null` when nothing could be measured.
        public var detectionLimit: DetectionLimit?
        /// Hours of the analysis window scored from this leg alone: the other leg had no valid data
        /// there (a gap, clipping, not recording) and the rules (`rules.defectExclusion =
        /// noLegRecorded`) scored this leg's movements instead of excluding the time. 0 under
        /// `anyLegDefective`; nil (`null`) in a one-leg report.
        public var scoredFromThisLegOnlyHours: Double?

        public init(
            side: LegSide, validHours: Double, excludedHours: Double,
            defectCounts: SortedObject<Int> = SortedObject(),
            declaredRateHz: Double?, measuredRateHz: Double?, detectionLimit: DetectionLimit? = nil,
            scoredFromThisLegOnlyHours: Double? = nil
        ) {
            self.detectionLimit = detectionLimit
            self.scoredFromThisLegOnlyHours = scoredFromThisLegOnlyHours
            self.side = side
            self.validHours = validHours
            self.excludedHours = excludedHours
            self.defectCounts = defectCounts
            self.declaredRateHz = declaredRateHz
            self.measuredRateHz = measuredRateHz
        }
    }

    /// A leg's sensor noise and resolution as measured from its samples, the tilt onset level
    /// they set, and the smallest leg movement found with at least 90 % sensitivity.
    public struct DetectionLimit: Sendable, Codable, Equatable {
        /// White noise per axis, mg RMS (from the samples' second differences).
        public var noiseRMSMg: Double
        /// Quantization step of the samples, mg; `null` when the values are finer than the noise.
        public var quantizationStepMg: Double?
        /// Low-pass corner of the gravity direction, Hz (lowered on noisy sensors).
        public var tiltLowPassHz: Double
        /// Tilt onset level, degrees.
        public var tiltOnsetDegrees: Double
        /// Smallest peak change of the acceleration vector found with >= 90 % sensitivity, mg.
        public var peakDeviationMg: Double
        /// The same as a tilt, degrees.
        public var tiltDegrees: Double

        public init(
            noiseRMSMg: Double, quantizationStepMg: Double?, tiltLowPassHz: Double, tiltOnsetDegrees: Double,
            peakDeviationMg: Double, tiltDegrees: Double
        ) {
            self.noiseRMSMg = noiseRMSMg
            self.quantizationStepMg = quantizationStepMg
            self.tiltLowPassHz = tiltLowPassHz
            self.tiltOnsetDegrees = tiltOnsetDegrees
            self.peakDeviationMg = peakDeviationMg
            self.tiltDegrees = tiltDegrees
        }
    }
}
