import Foundation

/// Analyses one night: reads each leg, detects its leg movements, aligns the legs on one time
/// line, scores the movements inside the analysis window and assembles the report.
///
/// The two legs are read and detected concurrently (one task each); everything after that is
/// cheap and runs on the caller's task. The result depends only on the files and the request,
/// never on which leg finished first.
public enum NightAnalyzer {
    /// Runs the whole pipeline for one night.
    /// - Parameters:
    ///   - request: the files, options, window and rules.
    ///   - progress: optional progress display on stderr (it stays silent when stderr is not a terminal).
    /// - Throws: ``ReadError`` (file problems, exit 65/66/74), ``AnnotationFileError``, ``AnalysisError``.
    public static func analyze(_ request: AnalysisRequest, progress: ProgressReporter? = nil) async throws -> NightAnalysis {
        try validateLegs(request.legs)
        progress?.start(stage: "reading")
        let legs = try readAndDetect(request, progress: progress.map { _LegProgress(reporter: $0, legCount: request.legs.count) })
        progress?.update(0.97, stage: "scoring")
        let analysis = try score(request, legs: legs).analysis
        progress?.finish()
        return analysis
    }

    /// Scores legs already read and detected: aligns them, takes the window (`window` when
    /// given, else the request's lights, else the whole recording), passes each leg's defect time
    /// to the scorer (which applies ``RuleSet/defectExclusion``) with `legNonWear` (a leg not worn,
    /// on the legs' common time line) added to it, excludes `extraExcluded` (no leg worn) for every
    /// leg, scores and assembles the report.
    /// - Returns: the analysis and the scorer's input (callers re-score it with a hypnogram).
    static func score(
        _ request: AnalysisRequest, legs: [LegAnalysis], window given: TimeSpan? = nil, extraExcluded: [TimeSpan] = [],
        legNonWear: [LegSide: [TimeSpan]] = [:], hypnogram givenHypnogram: Hypnogram? = nil
    ) throws -> (analysis: NightAnalysis, input: ScoringInput) {
        let alignment = try RecordingAlignment(legs: legs)
        let recordingEndS = legs.map { (alignment.offsetS[$0.side] ?? 0) + $0.durationS }.max() ?? 0
        let window = try given ?? analysisWindow(request, alignment: alignment, recordingEndS: recordingEndS)

        var movements: [LegMovement] = []
        var legDefects: [LegSide: [TimeSpan]] = [:]
        for leg in legs {
            let offset = alignment.offsetS[leg.side] ?? 0
            movements += leg.detection.movements.map { $0.shifted(by: offset) }
            var defects = leg.detection.excludedSpans.map { $0.shifted(by: offset) } + (legNonWear[leg.side] ?? [])
            // Time inside the window where this leg was not recording has no valid data of it.
            let recorded = TimeSpan(startS: offset, endS: offset + leg.durationS)
            if window.startS < recorded.startS {
                defects.append(TimeSpan(startS: window.startS, endS: min(recorded.startS, window.endS)))
            }
            if window.endS > recorded.endS {
                defects.append(TimeSpan(startS: max(recorded.endS, window.startS), endS: window.endS))
            }
            legDefects[leg.side] = defects.mergedUnion()
        }
        movements.sort(by: LegMovement.precedes)
        var annotations = try readAnnotations(request, alignment: alignment)
        if let givenHypnogram { annotations.hypnogram = givenHypnogram }
        // Each leg's defect time is passed on its own: the rules' `defectExclusion` decides what of it
        // is excluded (by default only time no leg recorded); `extraExcluded` holds for every leg.
        let input = ScoringInput(
            movements: movements, window: window, excludedSpans: extraExcluded.mergedUnion(),
            respiratoryEvents: annotations.respiratory ?? [], arousals: annotations.arousals ?? [],
            hypnogram: annotations.hypnogram, legDefectSpans: legDefects)
        let scoring = PLMScorer.score(input, rules: request.rules)

        let assembly = ReportAssembly(
            request: request, legs: legs, alignment: alignment, window: window, movements: movements,
            scoring: scoring, annotations: annotations)
        return (NightAnalysis(report: assembly.report(), traces: assembly.traces(), scoring: scoring), input)
    }

    private static func validateLegs(_ legs: [AnalysisRequest.LegInput]) throws(AnalysisError) {
        guard !legs.isEmpty else { throw AnalysisError("give at least one leg's file (--left or --right)") }
        guard Set(legs.map(\.side)).count == legs.count else {
            throw AnalysisError("give at most one file per leg")
        }
    }

    /// Reads and detects every leg concurrently; errors are reported for the first leg in request
    /// order that failed, so the message does not depend on timing.
    /// - Returns: the legs left first (the report's order, whatever order the request gave them in).
    static func readAndDetect(_ request: AnalysisRequest, progress: _LegProgress? = nil) throws -> [LegAnalysis] {
        let detector = LegMovementDetector(settings: request.detection)
        let readOptions = request.readOptions
        let legs = request.legs
        let detected = try concurrentlyInOrder(legs.count) { index in
            defer { progress?.detected(leg: index) }
            let recording = try RecordingReader.read(path: legs[index].path, options: readOptions) {
                progress?.read(leg: index, $0)
            }
            // What the partner search needs is kept (it then confirms again without a second
            // scan); a leg it cannot add to gives its samples back now (the memory bound).
            var leg = detector.bilateralLeg(recording, side: legs[index].side)
            let analysis = LegAnalysis(side: legs[index].side, path: legs[index].path, recording: recording, detection: leg.detection)
            leg.releaseUnneededSamples()
            return (analysis: analysis, leg: leg)
        }
        // Both legs detected: the bilateral partners sought where the other leg moved, before
        // the samples are released. Legs that cannot be put on one time line keep their
        // detections (scoring reports why).
        var analyses = detected.map(\.analysis)
        if detected.count == 2,
            let alignment = try? RecordingAlignment(
                clocks: legs.indices.map { (legs[$0].side, legs[$0].path, detected[$0].leg.recording.start) })
        {
            let detections = detector.withBilateralPartners(
                detected.indices.map {
                    var leg = detected[$0].leg
                    leg.offsetS = alignment.offsetS[legs[$0].side] ?? 0
                    return leg
                })
            for k in analyses.indices { analyses[k].detection = detections[k] }
        }
        return analyses.sorted { $0.side == .left && $1.side == .right }
    }

    /// The scored part of the night: lights off to lights on, defaulting to the whole recording.
    private static func analysisWindow(
        _ request: AnalysisRequest, alignment: RecordingAlignment, recordingEndS: Double
    ) throws(AnalysisError) -> TimeSpan {
        var startS = 0.0
        var endS = recordingEndS
        if let text = request.lightsOff {
            startS = try alignment.seconds(of: parseClock(text, option: "--lights-off"), option: "--lights-off")
        }
        if let text = request.lightsOn {
            endS = try alignment.seconds(of: parseClock(text, option: "--lights-on"), option: "--lights-on")
        }
        let recordingText = alignment.start.map {
            "\($0.iso8601) to \($0.adding(seconds: recordingEndS).iso8601)"
        } ?? "0 to \(recordingEndS) s"
        guard endS > startS else {
            throw AnalysisError(
                "the analysis window is empty: lights on (\(request.lightsOn ?? "end of recording")) is not after "
                    + "lights off (\(request.lightsOff ?? "start of recording")); the recording runs \(recordingText)")
        }
        // 1 us of slack: a window starting at the end of the recording (or ending at its start) lies
        // outside it even when the sample times carry rounding in the last bits.
        let slackS = 1e-6
        guard startS < recordingEndS - slackS, endS > slackS else {
            throw AnalysisError(
                "the lights window \(request.lightsOff ?? "start") to \(request.lightsOn ?? "end") lies outside the "
                    + "recording, which runs \(recordingText)")
        }
        return TimeSpan(startS: startS, endS: endS)
    }

    private static func parseClock(_ text: String, option: String) throws(AnalysisError) -> RecordingClockTime {
        guard let clock = RecordingClockTime(iso8601: text) else {
            throw AnalysisError(
                "\(option) \"\(text)\": expected an ISO 8601 date-time such as 2026-01-15T23:10:00 or "
                    + "2026-01-15T23:10:00+01:00")
        }
        return clock
    }

    private static func readAnnotations(
        _ request: AnalysisRequest, alignment: RecordingAlignment
    ) throws -> AnnotationSet {
        let startOfDay = alignment.start.map { clock -> Double in
            let s = clock.secondsSince1970.truncatingRemainder(dividingBy: 86_400)
            return s < 0 ? s + 86_400 : s
        }
        var set = AnnotationSet()
        if let path = request.respiratoryEventsPath {
            set.respiratory = try TimeSpanAnnotationsFile.read(
                path: path, content: .respiratoryEvents, recordingStartSecondsOfDay: startOfDay)
        }
        if let path = request.arousalsPath {
            set.arousals = try TimeSpanAnnotationsFile.read(
                path: path, content: .arousals, recordingStartSecondsOfDay: startOfDay)
        }
        if let path = request.hypnogramPath {
            set.hypnogram = try HypnogramFile.read(path: path)
        }
        return set
    }
}

/// The optional PSG-derived annotations of a night; nil where no file was given.
struct AnnotationSet: Sendable {
    var respiratory: [TimeSpan]?
    var arousals: [TimeSpan]?
    var hypnogram: Hypnogram?
}

extension LegMovement {
    /// The same movement `seconds` later.
    func shifted(by seconds: Double) -> LegMovement {
        var moved = self
        moved.onsetS += seconds
        moved.offsetS += seconds
        return moved
    }
}

extension TimeSpan {
    /// The same span `seconds` later.
    func shifted(by seconds: Double) -> TimeSpan {
        TimeSpan(startS: startS + seconds, endS: endS + seconds)
    }
}
