/// Everything one night's analysis needs: which files, how to read them, which part of the night
/// to score, with which rules, and the optional PSG-derived annotations.
public struct AnalysisRequest: Sendable {
    /// One sensor file and the leg it was worn on.
    public struct LegInput: Sendable, Hashable {
        public var side: LegSide
        public var path: String
        public init(side: LegSide, path: String) {
            self.side = side
            self.path = path
        }
    }

    /// One or two legs (at most one file per side).
    public var legs: [LegInput]
    /// How to read the files (format, units, rate, ...); `auto` detection by default.
    public var readOptions: ReadOptions
    /// Lights off as ISO 8601 on the recording's clock; nil = the start of the recording.
    public var lightsOff: String?
    /// Lights on as ISO 8601 on the recording's clock; nil = the end of the recording.
    public var lightsOn: String?
    /// The scoring rules.
    public var rules: RuleSet
    /// The detector's settings.
    public var detection: DetectionSettings
    /// Optional respiratory event file (seconds since the recording start, or clock times).
    public var respiratoryEventsPath: String?
    /// Optional arousal file.
    public var arousalsPath: String?
    /// Optional hypnogram (30-s epochs) file.
    public var hypnogramPath: String?

    public init(
        legs: [LegInput], readOptions: ReadOptions = ReadOptions(), lightsOff: String? = nil,
        lightsOn: String? = nil, rules: RuleSet = .wasm2016, detection: DetectionSettings = .default,
        respiratoryEventsPath: String? = nil, arousalsPath: String? = nil, hypnogramPath: String? = nil
    ) {
        self.legs = legs
        self.readOptions = readOptions
        self.lightsOff = lightsOff
        self.lightsOn = lightsOn
        self.rules = rules
        self.detection = detection
        self.respiratoryEventsPath = respiratoryEventsPath
        self.arousalsPath = arousalsPath
        self.hypnogramPath = hypnogramPath
    }
}
