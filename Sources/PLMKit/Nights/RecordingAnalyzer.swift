import PLMNights

/// Analyses a multi-day recording: finds its nights, scores each one on its own samples, and
/// summarises them (plm-summary/1).
///
/// 1. each leg is read and summarised in per-minute epochs (``EpochAccumulator``);
/// 2. ``InBedDetector`` finds non-wear, nights, naps and lying-awake stretches; a sleep diary
///    replaces the detected night it overlaps;
/// 3. each night's samples (its window plus a minute each side) go through the one-night
///    pipeline: detection, scoring over the window with non-wear excluded, the report;
/// 4. ``SleepWakeEstimator`` estimates sleep in the window, and the night is scored again with
///    that estimate as hypnogram for the PLMS and PLMW index estimates.
///
/// Memory: the legs' samples are held while the nights are analysed (the readers read whole
/// files); each night's detection works on that night's samples only.
public enum RecordingAnalyzer {
    /// Samples kept on each side of a night's window for the detector's filters, s.
    static let nightMarginS = 60.0

    /// Runs the analysis.
    /// - Throws: ``ReadError``, ``AnnotationFileError`` (diary), ``AnalysisError``.
    public static func analyze(_ request: RecordingAnalysisRequest, progress: ProgressReporter? = nil) async throws
        -> RecordingAnalysis
    {
        try validate(request)
        let legs = request.night.legs
        progress?.start(stage: "reading \(legs.count == 1 ? "1 leg" : "\(legs.count) legs")")
        let recordings = try await readLegs(request.night)
        return try analyze(request, recordings: recordings, progress: progress)
    }

    /// The analysis of recordings already read (left first).
    static func analyze(
        _ request: RecordingAnalysisRequest, recordings: [LegRecording], progress: ProgressReporter? = nil
    ) throws -> RecordingAnalysis {
        try validate(request)
        let alignment = try RecordingAlignment(clocks: recordings.map { ($0.side, $0.path, $0.recording.start) })
        progress?.start(stage: "finding the nights")
        let epochs = recordings.map {
            EpochAccumulator.epochs(
                of: $0.recording, offsetS: alignment.offsetS[$0.side] ?? 0, rules: request.inBedRules)
        }
        let periods = InBedDetector(rules: request.inBedRules).detect(legs: epochs)
        let diary = try request.diaryPath.map { try SleepDiaryFile.read(path: $0) } ?? []
        let windows = try nightWindows(periods: periods, diary: diary, diaryPath: request.diaryPath, alignment: alignment)

        var context = NightContext(
            request: request, recordings: recordings, alignment: alignment, epochs: epochs, periods: periods)
        context.hypnogram = try request.night.hypnogramPath.map { try HypnogramFile.read(path: $0) }
        var nights: [(RecordingAnalysis.Night, NightsSummary.Night)] = []
        for (k, window) in windows.enumerated() {
            progress?.start(stage: "night \(k + 1) of \(windows.count)")
            nights.append(try context.analyzeNight(window, number: k + 1))
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

    /// Reads every leg concurrently; errors are reported for the first leg in request order.
    static func readLegs(_ request: AnalysisRequest) async throws -> [LegRecording] {
        let options = request.readOptions
        let results = await withTaskGroup(of: (Int, Result<LegRecording, any Error>).self) { group in
            for (index, input) in request.legs.enumerated() {
                group.addTask {
                    (index, Result {
                        LegRecording(
                            side: input.side, path: input.path,
                            recording: try RecordingReader.read(path: input.path, options: options))
                    })
                }
            }
            var collected: [(Int, Result<LegRecording, any Error>)] = []
            for await result in group { collected.append(result) }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return try results.map { try $0.get() }.sorted { $0.side == .left && $1.side == .right }
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
