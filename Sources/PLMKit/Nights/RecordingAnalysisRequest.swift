import PLMNights

/// A multi-day recording to analyse night by night: the files and rules of a one-night
/// ``AnalysisRequest`` (its lights are ignored: the nights are found), a sleep diary when there
/// is one, and the in-bed rules.
public struct RecordingAnalysisRequest: Sendable {
    /// Legs, reading options, scoring rules and detector settings (lights and annotations unused).
    public var night: AnalysisRequest
    /// Optional sleep diary (`night,lights_off,lights_on`) overriding the detected windows.
    public var diaryPath: String?
    /// The in-bed, non-wear and sleep/wake rules (the night minimum among them).
    public var inBedRules: InBedRules

    public init(night: AnalysisRequest, diaryPath: String? = nil, inBedRules: InBedRules = .standard) {
        self.night = night
        self.diaryPath = diaryPath
        self.inBedRules = inBedRules
    }
}

/// The result of a multi-day recording: the summary (plm-summary/1) and each night's analysis.
public struct RecordingAnalysis: Sendable {
    /// One scored night.
    public struct Night: Sendable {
        /// The evening's date (`YYYY-MM-DD`), or `1`, `2`, ... for a recording without a clock.
        public var label: String
        /// The night's plm-report/1 and traces.
        public var analysis: NightAnalysis
        /// The folder name of the night's outputs: `night-<label>`.
        public var folderName: String { "night-\(label)" }
    }

    public var summary: NightsSummary
    public var nights: [Night]
    /// Per-minute states of the whole recording, for the overview plot.
    public var overview: RecordingOverview
}

