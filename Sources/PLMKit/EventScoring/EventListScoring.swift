/// Scores a list of leg movements that was found elsewhere (another program, a PSG scorer's
/// EMG leg movements) with PLMKit's rules: `plm score`.
///
/// There is no recording, so the report's `recording.legs` is empty and times are seconds since
/// whatever start the events file counts from.
public struct EventListScoringRequest: Sendable {
    /// The events file (`onset_s,offset_s,side`).
    public var eventsPath: String
    /// Scoring rules.
    public var rules: RuleSet
    /// Start of the scored window, seconds; nil = 0.
    public var windowStartS: Double?
    /// End of the scored window, seconds; nil = the last movement's offset (the report says so).
    public var windowEndS: Double?
    public var respiratoryEventsPath: String?
    public var arousalsPath: String?
    public var hypnogramPath: String?

    public init(
        eventsPath: String, rules: RuleSet = .wasm2016, windowStartS: Double? = nil, windowEndS: Double? = nil,
        respiratoryEventsPath: String? = nil, arousalsPath: String? = nil, hypnogramPath: String? = nil
    ) {
        self.eventsPath = eventsPath
        self.rules = rules
        self.windowStartS = windowStartS
        self.windowEndS = windowEndS
        self.respiratoryEventsPath = respiratoryEventsPath
        self.arousalsPath = arousalsPath
        self.hypnogramPath = hypnogramPath
    }
}

/// Runs ``EventListScoringRequest``s.
public enum EventListScorer {

    /// Reads the files, scores the movements and returns a plm-report/1 report.
    /// - Throws: ``AnnotationFileError`` naming file, line and column; ``AnalysisError`` for an empty window.
    public static func score(_ request: EventListScoringRequest) throws -> PLMReport {
        var movements = try LegMovementEventsFile.read(path: request.eventsPath)
        movements.sort(by: LegMovement.precedes)
        let startS = request.windowStartS ?? 0
        let lastOffsetS = movements.map(\.offsetS).filter(\.isFinite).max() ?? startS
        let endS = request.windowEndS ?? lastOffsetS
        guard startS.isFinite, endS.isFinite, endS > startS else {
            throw AnalysisError(
                request.windowEndS == nil
                    ? "\(request.eventsPath): no movement ends after \(startS) s, so there is no window to score; give --lights-on"
                    : "the window \(startS) to \(endS) s is empty: lights on must be after lights off")
        }
        for (name, value) in [("lights off", startS), ("lights on", endS)] where !TimeSpan.isAcceptableTime(value) {
            throw AnalysisError(
                "\(name) at \(DecimalText.short(value)) s: expected seconds since the recording start within ±\(DecimalText.short(TimeSpan.largestTimeMagnitudeS)) s")
        }
        let window = TimeSpan(startS: startS, endS: endS)
        var annotations = AnnotationSet()
        if let path = request.respiratoryEventsPath {
            annotations.respiratory = try TimeSpanAnnotationsFile.read(path: path, content: .respiratoryEvents)
        }
        if let path = request.arousalsPath {
            annotations.arousals = try TimeSpanAnnotationsFile.read(path: path, content: .arousals)
        }
        if let path = request.hypnogramPath {
            annotations.hypnogram = try HypnogramFile.read(path: path)
        }
        let scoring = PLMScorer.score(
            ScoringInput(
                movements: movements, window: window, respiratoryEvents: annotations.respiratory ?? [],
                arousals: annotations.arousals ?? [], hypnogram: annotations.hypnogram),
            rules: request.rules)
        var settings = ScoredReportParts.ruleSettings(request.rules)
        settings["input.events"] = .text(request.eventsPath)
        settings["input.sameLegOverlaps"] = .text(ScoredReportParts.sameLegNote(scoring.sameLegContacts, rules: request.rules))
        settings["lightsOff"] = .text(request.windowStartS.map { "\(FileInspection.seconds($0)) s" } ?? "0 s")
        settings["lightsOn"] = .text(
            request.windowEndS.map { "\(FileInspection.seconds($0)) s" } ?? "last movement offset (\(FileInspection.seconds(lastOffsetS)) s)")
        ScoredReportParts.annotationSettings(
            into: &settings, respiratoryEventsPath: request.respiratoryEventsPath, arousalsPath: request.arousalsPath,
            hypnogramPath: request.hypnogramPath)
        let parts = ScoredReportParts(
            scoring: scoring, window: window, movements: movements,
            hasRespiratoryEvents: annotations.respiratory != nil, hasArousals: annotations.arousals != nil)
        return PLMReport(
            tool: PLMKitVersion.tool, recording: PLMReport.Recording(start: "", legs: []), settings: settings,
            analysisWindow: parts.analysisWindow, legMovements: parts.legMovements,
            candidateMovements: parts.candidateMovements, series: parts.series, indices: parts.indices,
            severity: parts.severity, distributions: parts.distributions, quality: [])
    }
}
