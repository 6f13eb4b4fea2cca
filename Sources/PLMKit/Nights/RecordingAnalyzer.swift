import PLMNights

/// Analyses a multi-day recording: finds its nights, scores each one on its own samples, and
/// summarises them (plm-summary/1).
///
/// 1. each leg is surveyed (``ChunkedRecordingReader``: its clock, rate and defects, found in
///    streaming passes) and summarised in per-minute epochs (``LegEpochBuilder``) in one more pass;
/// 2. ``InBedDetector`` finds non-wear, nights, naps and lying-awake stretches; a sleep diary
///    replaces the detected night it overlaps;
/// 3. each night's samples (its window plus a minute each side) are read on their own (all nights
///    in one forward pass over each leg's file) and go through the one-night pipeline: detection, scoring over the window with non-wear excluded,
///    the report;
/// 4. ``SleepWakeEstimator`` estimates sleep in the window, and the night is scored again with
///    that estimate as hypnogram for the PLMS and PLMW index estimates.
///
/// Memory: text files (CSV, CSV.gz) are never held whole: at most one night's samples of each leg
/// plus the epochs (a week is 10,080 per leg) and one read buffer per leg, whatever the
/// recording's length. Binary files (`.cwa`, `.bin`, `.gt3x`) are read whole.
public enum RecordingAnalyzer {
    /// Samples kept on each side of a night's window for the detector's filters, s.
    static let nightMarginS = 60.0

    /// Runs the analysis.
    /// - Throws: ``ReadError``, ``AnnotationFileError`` (diary), ``AnalysisError``.
    public static func analyze(_ request: RecordingAnalysisRequest, progress: ProgressReporter? = nil) async throws
        -> RecordingAnalysis
    {
        try analyzeFiles(request, progress: progress)
    }

    /// The analysis of the request's files, streamed; `probe` counts the samples held at once.
    static func analyzeFiles(
        _ request: RecordingAnalysisRequest, progress: ProgressReporter? = nil, probe: SampleHoldingProbe? = nil
    ) throws -> RecordingAnalysis {
        try validate(request)
        let legs = request.night.legs
        progress?.start(stage: "reading \(legs.count == 1 ? "1 leg" : "\(legs.count) legs")")
        let options = request.night.readOptions
        let offsets = LegSource.plannedOffsets(legs, options: options)
        let sources = try concurrentlyInOrder(legs.count) {
            try LegSource.open(
                legs[$0], options: options, epochOffsetS: offsets?[legs[$0].side], rules: request.inBedRules, probe: probe)
        }
            .sorted { $0.side == .left && $1.side == .right }
        return try analyze(request, sources: sources, progress: progress, probe: probe)
    }

    /// The analysis of recordings already read (left first).
    static func analyze(
        _ request: RecordingAnalysisRequest, recordings: [LegRecording], progress: ProgressReporter? = nil
    ) throws -> RecordingAnalysis {
        try analyze(
            request, sources: recordings.map { LegSource(side: $0.side, path: $0.path, recording: $0.recording) },
            progress: progress)
    }

    /// The analysis of the legs' sources (left first).
    static func analyze(
        _ request: RecordingAnalysisRequest, sources: [LegSource], progress: ProgressReporter? = nil,
        probe: SampleHoldingProbe? = nil
    ) throws -> RecordingAnalysis {
        try validate(request)
        let alignment = try RecordingAlignment(clocks: sources.map { ($0.side, $0.path, $0.facts.start) })
        progress?.start(stage: "finding the nights")
        let epochs = try concurrentlyInOrder(sources.count) { k in
            try sources[k].epochs(
                offsetS: alignment.offsetS[sources[k].side] ?? 0, rules: request.inBedRules, probe: probe)
        }
        let periods = InBedDetector(rules: request.inBedRules).detect(legs: epochs)
        let diary = try request.diaryPath.map { try SleepDiaryFile.read(path: $0) } ?? []
        let windows = try nightWindows(periods: periods, diary: diary, diaryPath: request.diaryPath, alignment: alignment)

        var context = NightContext(
            request: request, legs: sources, alignment: alignment, epochs: epochs, periods: periods)
        context.probe = probe
        context.hypnogram = try request.night.hypnogramPath.map { try HypnogramFile.read(path: $0) }
        var nights: [(RecordingAnalysis.Night, NightsSummary.Night)] = []
        let spans = try windows.enumerated().map { try context.span(of: $0.element, number: $0.offset + 1) }
        if !spans.isEmpty { progress?.start(stage: "reading \(spans.count == 1 ? "the night" : "\(spans.count) nights")") }
        try LegSource.forEachNight(
            sources, spans: spans, alignment: alignment, detector: LegMovementDetector(settings: request.night.detection),
            probe: probe
        ) { k, detected in
            progress?.start(stage: "night \(k + 1) of \(windows.count)")
            nights.append(try context.analyzeNight(windows[k], number: k + 1, span: spans[k], detected: detected))
        }
        progress?.finish()
        let summary = summaryModel(request: request, context: context, nights: nights.map(\.1))
        return RecordingAnalysis(summary: summary, nights: nights.map(\.0), overview: context.overview)
    }

    /// Checks what can be checked before reading.
    static func validate(_ request: RecordingAnalysisRequest) throws(AnalysisError) {
        let legs = request.night.legs
        guard !legs.isEmpty else { throw AnalysisError("give at least one leg's file (--left or --right)") }
        guard Set(legs.map(\.side)).count == legs.count else { throw AnalysisError("give at most one file per leg") }
        guard request.night.respiratoryEventsPath == nil, request.night.arousalsPath == nil else {
            throw AnalysisError(
                "--respiratory and --arousals belong to one night: give --lights-off/--lights-on or --whole-recording with them")
        }
    }

    /// One leg's whole recording.
    struct LegRecording: Sendable {
        var side: LegSide
        var path: String
        var recording: AccelerationRecording
    }

    /// A night's window and where it came from.
    struct NightWindow: Sendable {
        var span: TimeSpan
        /// `detected`, `diary` or `lights`.
        var source: String
        /// The diary's label, when from the diary.
        var diaryLabel: String?
    }

    /// The detected nights, with every diary night replacing the detected nights it overlaps.
    static func nightWindows(
        periods: RestPeriods, diary: [SleepDiaryFile.Entry], diaryPath: String?, alignment: RecordingAlignment
    ) throws -> [NightWindow] {
        var diaryWindows: [NightWindow] = []
        for entry in diary {
            let option = "\(diaryPath ?? "diary") line \(entry.line)"
            let span = TimeSpan(
                startS: try alignment.seconds(of: entry.lightsOff, option: option),
                endS: try alignment.seconds(of: entry.lightsOn, option: option))
            diaryWindows.append(NightWindow(span: span, source: "diary", diaryLabel: entry.night))
        }
        let detected = periods.nights.map(\.span).filter { night in !diaryWindows.contains { $0.span.overlaps(night) } }
        return (detected.map { NightWindow(span: $0, source: "detected") } + diaryWindows).sorted {
            $0.span.startS < $1.span.startS
        }
    }
}
