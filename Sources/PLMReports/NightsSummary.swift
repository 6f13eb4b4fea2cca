import PLMCore

/// A multi-night recording's result in the "plm-summary/1" contract: the periods found (nights,
/// naps, non-wear), one entry per scored night with its sleep estimate and indices, and the
/// statistics over the nights. Each night's full plm-report/1 is written beside it
/// (`night-YYYY-MM-DD/report.json`); see `docs/report-format.md`.
///
/// Every `...S` time counts seconds from ``recording``'s `start` (the earliest first sample).
public struct NightsSummary: Sendable, Encodable, Equatable {
    /// The identifier of this contract, written as `schema`.
    public static let schemaIdentifier = "plm-summary/1"

    public var schema: String = NightsSummary.schemaIdentifier
    public var tool: PLMReport.Tool
    /// The input files (as in plm-report/1).
    public var recording: PLMReport.Recording
    /// Every setting that changes the result.
    public var settings: PLMReport.Settings
    /// Time a sensor was not worn, cut where the unworn legs change: never scored where no leg
    /// was worn; scored from the worn leg where one was.
    public var nonWear: [NonWear]
    /// In-bed periods shorter than the night minimum: reported, not scored.
    public var naps: [Span]
    /// Lying without sustained rest (legs up on a sofa): not in bed.
    public var lyingAwake: [Span]
    /// The scored nights, in time order.
    public var nights: [Night]
    /// Statistics over the nights.
    public var summary: Statistics

    public init(
        tool: PLMReport.Tool, recording: PLMReport.Recording, settings: PLMReport.Settings, nonWear: [NonWear],
        naps: [Span], lyingAwake: [Span], nights: [Night], summary: Statistics
    ) {
        self.tool = tool
        self.recording = recording
        self.settings = settings
        self.nonWear = nonWear
        self.naps = naps
        self.lyingAwake = lyingAwake
        self.nights = nights
        self.summary = summary
    }

    /// A stretch of time, seconds since the recording's start.
    public struct Span: Sendable, Encodable, Equatable {
        public var startS: Double
        public var endS: Double
        public init(_ span: TimeSpan) {
            startS = span.startS
            endS = span.endS
        }
    }

    /// A stretch of time in which the same sensors were not worn.
    public struct NonWear: Sendable, Encodable, Equatable {
        public var startS: Double
        public var endS: Double
        /// The legs whose sensor was not worn.
        public var legs: [LegSide]
        /// Whether no leg was worn, so the time is excluded from scoring; false where the other
        /// leg was worn and scored alone (the unworn leg's defect time).
        public var excluded: Bool
        public init(startS: Double, endS: Double, legs: [LegSide], excluded: Bool) {
            self.startS = startS
            self.endS = endS
            self.legs = legs
            self.excluded = excluded
        }
    }

    /// One scored night.
    public struct Night: Sendable, Encodable, Equatable {
        /// The evening's date, `YYYY-MM-DD` (a night starting after midnight belongs to the evening before).
        public var date: String
        /// Where the window came from: `detected`, `diary` or `lights`.
        public var windowSource: String
        public var inBed: InBed
        public var sleep: Sleep
        public var indices: Indices
        public var severity: PLMReport.Severity
        public var quality: Quality
        /// The night's plm-report/1, relative to the summary's folder.
        public var report: String

        public init(
            date: String, windowSource: String, inBed: InBed, sleep: Sleep, indices: Indices,
            severity: PLMReport.Severity, quality: Quality, report: String
        ) {
            self.date = date
            self.windowSource = windowSource
            self.inBed = inBed
            self.sleep = sleep
            self.indices = indices
            self.severity = severity
            self.quality = quality
            self.report = report
        }
    }

    /// The night's window: seconds since the recording's start and ISO 8601 clock times.
    public struct InBed: Sendable, Encodable, Equatable {
        public var startS: Double
        public var endS: Double
        public var start: String
        public var end: String
        public init(startS: Double, endS: Double, start: String, end: String) {
            self.startS = startS
            self.endS = endS
            self.start = start
            self.end = end
        }
    }

    /// Sleep within the window, from the movement estimate or a hypnogram.
    public struct Sleep: Sendable, Encodable, Equatable {
        /// `estimate` (from the ankle's movement) or `hypnogram`.
        public var source: String
        public var sleepOnsetS: Double?
        public var finalAwakeningS: Double?
        public var totalSleepHours: Double
        public var wakeAfterSleepOnsetMinutes: Double
        /// Total sleep time over time in bed, 0...1.
        public var sleepEfficiency: Double
        public init(
            source: String, sleepOnsetS: Double?, finalAwakeningS: Double?, totalSleepHours: Double,
            wakeAfterSleepOnsetMinutes: Double, sleepEfficiency: Double
        ) {
            self.source = source
            self.sleepOnsetS = sleepOnsetS
            self.finalAwakeningS = finalAwakeningS
            self.totalSleepHours = totalSleepHours
            self.wakeAfterSleepOnsetMinutes = wakeAfterSleepOnsetMinutes
            self.sleepEfficiency = sleepEfficiency
        }
    }

    /// The plm-report/1 indices of the night (per hour in bed) plus the PLMS and PLMW index
    /// estimates (PLMs in estimated sleep per hour of estimated sleep, and in estimated wake per
    /// hour of estimated wake).
    public struct Indices: Sendable, Encodable, Equatable {
        public var report: PLMReport.Indices
        public var plmsIndexEstimate: Double?
        public var plmwIndexEstimate: Double?
        public init(report: PLMReport.Indices, plmsIndexEstimate: Double?, plmwIndexEstimate: Double?) {
            self.report = report
            self.plmsIndexEstimate = plmsIndexEstimate
            self.plmwIndexEstimate = plmwIndexEstimate
        }

        enum CodingKeys: String, CodingKey { case plmsIndexEstimate, plmwIndexEstimate }

        public func encode(to encoder: any Encoder) throws {
            try report.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(plmsIndexEstimate, forKey: .plmsIndexEstimate)
            try container.encode(plmwIndexEstimate, forKey: .plmwIndexEstimate)
        }
    }

    /// Data quality of the night's window over both legs.
    public struct Quality: Sendable, Encodable, Equatable {
        /// Hours of the window scored (after excluded time).
        public var validHours: Double
        /// Hours of the window excluded (defects, non-wear, a leg not recording).
        public var excludedHours: Double
        /// One PLM moves the index by this much, per hour (1 / valid hours): differences below it
        /// are not measurable on this night.
        public var detectionLimitPerHour: Double?
        /// Hours of the window scored from one leg alone (the other leg not worn, or with a gap or
        /// other defect; plm-report/1 `quality[].scoredFromThisLegOnlyHours` of both legs added);
        /// nil for a one-leg recording.
        public var scoredFromOneLegOnlyHours: Double?
        public init(
            validHours: Double, excludedHours: Double, detectionLimitPerHour: Double?, scoredFromOneLegOnlyHours: Double? = nil
        ) {
            self.validHours = validHours
            self.excludedHours = excludedHours
            self.detectionLimitPerHour = detectionLimitPerHour
            self.scoredFromOneLegOnlyHours = scoredFromOneLegOnlyHours
        }
    }
}
