import PLMCore

/// One night's result in the "plm-report/1" contract: what was read, the settings, every leg
/// movement and candidate movement, the PLM series, the indices and the distributions.
///
/// The report is plain data: every property is stored and every nested type has a public
/// memberwise initialiser, so that the pipeline facade can fill it from the readers, the detector
/// and the scorer without this module depending on them. The renderers (JSON, HTML, events CSV,
/// terminal summary) read nothing but the report (plus ``NightTraces`` for the HTML plots).
///
/// All properties whose names end in `S` are seconds since ``Recording/start``; the JSON writer
/// rounds every number to 0.001 (milliseconds for times). Optional values are written as JSON
/// `null`, never omitted, so that every key of the contract is always present (see
/// `docs/report-format.md`).
public struct PLMReport: Sendable, Codable, Equatable {
    /// The identifier of this contract, written as `schema`.
    public static let schemaIdentifier = "plm-report/1"

    /// Always ``schemaIdentifier``.
    public var schema: String
    /// The program that wrote the report.
    public var tool: Tool
    /// The input files and their reference start.
    public var recording: Recording
    /// Every setting that changes the result, with its value.
    public var settings: Settings
    /// The part of the recording that was scored.
    public var analysisWindow: AnalysisWindow
    /// Every detected leg movement (LM) on either leg, in onset order, whatever its length.
    public var legMovements: [LegMovementRecord]
    /// Every candidate movement the scorer formed (monolateral or bilateral), in onset order.
    public var candidateMovements: [CandidateMovementRecord]
    /// The PLM series, in time order.
    public var series: [SeriesRecord]
    /// Counts and indices per hour.
    public var indices: Indices
    /// The severity band of the PLM index, with its edges and source.
    public var severity: Severity
    /// IMI histograms and PLMs per hour of the night.
    public var distributions: Distributions
    /// Data quality per leg.
    public var quality: [LegQuality]

    public init(
        schema: String = PLMReport.schemaIdentifier, tool: Tool, recording: Recording,
        settings: Settings, analysisWindow: AnalysisWindow,
        legMovements: [LegMovementRecord], candidateMovements: [CandidateMovementRecord],
        series: [SeriesRecord], indices: Indices, severity: Severity,
        distributions: Distributions, quality: [LegQuality]
    ) {
        self.schema = schema
        self.tool = tool
        self.recording = recording
        self.settings = settings
        self.analysisWindow = analysisWindow
        self.legMovements = legMovements
        self.candidateMovements = candidateMovements
        self.series = series
        self.indices = indices
        self.severity = severity
        self.distributions = distributions
        self.quality = quality
    }
}

extension PLMReport {
    /// The program that wrote a report.
    public struct Tool: Sendable, Codable, Equatable {
        /// Program name, e.g. `plm`.
        public var name: String
        /// Program version, e.g. `0.1.0`.
        public var version: String

        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    /// The part of the recording that was scored, in seconds since ``Recording/start``.
    public struct AnalysisWindow: Sendable, Codable, Equatable {
        /// Start of the window (lights off, or the first sample), seconds.
        public var startS: Double
        /// End of the window (lights on, or the last sample), seconds.
        public var endS: Double
        /// Length of the window in hours: the denominator of the per-hour indices when sleep is unknown.
        public var timeInBedHours: Double

        public init(startS: Double, endS: Double, timeInBedHours: Double) {
            self.startS = startS
            self.endS = endS
            self.timeInBedHours = timeInBedHours
        }

        /// The window as a time span.
        public var span: TimeSpan { TimeSpan(startS: startS, endS: endS) }
    }
}
