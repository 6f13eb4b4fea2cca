import PLMNights

/// The whole recording's state while its nights are analysed one by one.
struct NightContext {
    var request: RecordingAnalysisRequest
    var legs: [LegSource]
    var alignment: RecordingAlignment
    var epochs: [[MinuteEpoch]]
    var periods: RestPeriods
    var overview: RecordingOverview
    /// Night labels given so far (folder names must not repeat).
    var usedLabels: Set<String> = []
    /// A PSG hypnogram on the recording's time line (`--hypnogram`): replaces the sleep estimate.
    var hypnogram: Hypnogram?
    /// Counts the samples held at once (tests).
    var probe: SampleHoldingProbe?

    init(
        request: RecordingAnalysisRequest, legs: [LegSource], alignment: RecordingAlignment,
        epochs: [[MinuteEpoch]], periods: RestPeriods
    ) {
        self.request = request
        self.legs = legs
        self.alignment = alignment
        self.epochs = epochs
        self.periods = periods
        let states = InBedDetector(rules: request.inBedRules).minuteStates(legs: epochs)
        overview = RecordingOverview(
            movingSeconds: states.movingSeconds,
            asleep: [Bool](repeating: false, count: states.count), inBed: [Bool](repeating: false, count: states.count),
            plmOnsetsS: [])
    }

    /// End of the latest leg, seconds on the recording's time line.
    var recordingEndS: Double {
        legs.map { (alignment.offsetS[$0.side] ?? 0) + $0.facts.durationS }.max() ?? 0
    }

    /// The night's window on the recording's time line, clamped to the recording.
    /// - Throws: ``AnalysisError`` when the window lies outside the recording.
    func span(of window: RecordingAnalyzer.NightWindow, number: Int) throws -> TimeSpan {
        guard window.span.startS < recordingEndS, window.span.endS > 0 else {
            throw AnalysisError(
                "the night \(window.diaryLabel ?? "\(number)") (\(clockText(window.span.startS)) to "
                    + "\(clockText(window.span.endS))) lies outside the recording, which runs \(clockText(0)) to "
                    + "\(clockText(recordingEndS))", exitStatus: .dataError)
        }
        return TimeSpan(startS: max(0, window.span.startS), endS: min(recordingEndS, window.span.endS))
    }

    /// Analyses one night, scored over its window `span` (``span(of:number:)``) from each leg's
    /// detection on the window's samples and the time of the leg's first window sample on the
    /// recording's time line (``LegSource/forEachNight(_:spans:alignment:detector:probe:body:)``).
    mutating func analyzeNight(
        _ window: RecordingAnalyzer.NightWindow, number: Int, span: TimeSpan, detected: [(LegAnalysis, Double)]
    ) throws -> (RecordingAnalysis.Night, NightsSummary.Night) {
        let legs = detected.map(\.0)
        let sliceStarts = detected.map(\.1)
        // The night's time line starts at its earliest slice; `shift` maps it to the recording's.
        let shift = sliceStarts.min() ?? 0
        let nightWindow = TimeSpan(startS: span.startS - shift, endS: span.endS - shift)
        var nightRequest = request.night
        nightRequest.lightsOff = alignment.start.map { $0.adding(seconds: span.startS).iso8601 }
        nightRequest.lightsOn = alignment.start.map { $0.adding(seconds: span.endS).iso8601 }
        func onNightLine(_ spans: [TimeSpan]) -> [TimeSpan] {
            spans.compactMap { $0.clamped(to: span) }.map { TimeSpan(startS: $0.startS - shift, endS: $0.endS - shift) }
        }
        // No leg worn: excluded for every leg. One leg not worn: that leg's defect time, which the
        // rules' `defectExclusion` scores from the other leg or excludes.
        let nonWear = onNightLine(periods.noLegWorn)
        var legNonWear: [LegSide: [TimeSpan]] = [:]
        for (source, spans) in zip(self.legs, periods.nonWearByLeg) where !spans.isEmpty {
            legNonWear[source.side] = onNightLine(spans)
        }
        let nightHypnogram = hypnogram.map {
            Hypnogram(startS: $0.startS - shift, epochLengthS: $0.epochLengthS, stages: $0.stages)
        }
        var (analysis, input) = try NightAnalyzer.score(
            nightRequest, legs: legs, window: nightWindow, extraExcluded: nonWear, legNonWear: legNonWear,
            hypnogram: nightHypnogram)
        analysis.report.settings["windowSource"] = .text(window.source)

        let estimate: SleepResult
        let sleepScoring: ScoringResult
        if let hypnogram {
            // A scored hypnogram replaces the estimate; the report's PLMS index is already from it.
            estimate = hypnogramSleep(hypnogram, span: span)
            sleepScoring = analysis.scoring
        } else {
            estimate = sleepEstimate(span: span, shift: shift, scoring: analysis.scoring)
            var estimated = input
            estimated.hypnogram = estimate.hypnogram
            sleepScoring = PLMScorer.score(estimated, rules: request.night.rules)
        }
        record(span: span, shift: shift, estimate: estimate, scoring: analysis.scoring)

        var label = nightLabel(span: span, number: number)
        // Two nights on one evening (a diary night beside a detected one, a split night) keep
        // their own folders: the later one gets a suffix.
        var repeatCount = 1
        while usedLabels.contains(label) {
            repeatCount += 1
            label = nightLabel(span: span, number: number) + "-\(repeatCount)"
        }
        usedLabels.insert(label)
        let result = RecordingAnalysis.Night(label: label, analysis: analysis)
        let entry = summaryEntry(
            label: label, window: window, span: span, estimate: estimate, analysis: analysis,
            sleepScoring: sleepScoring, folder: result.folderName)
        return (result, entry)
    }

    /// Clock text of a time on the recording's time line (seconds when there is no clock).
    func clockText(_ s: Double) -> String {
        alignment.start.map { $0.adding(seconds: s).iso8601 } ?? "\(s) s"
    }

    /// The evening's date: the date of lights off 12 hours earlier, so that a night starting
    /// after midnight belongs to the evening before. `1`, `2`, ... without a clock.
    func nightLabel(span: TimeSpan, number: Int) -> String {
        guard let start = alignment.start else { return "\(number)" }
        return AnalysisChoice.eveningDate(of: start.adding(seconds: span.startS))
    }
}
