import PLMNights

/// The sleep estimate of one night and its bookkeeping.
extension NightContext {
    /// A night's sleep estimate on minute epochs.
    struct SleepResult {
        var estimate: SleepWakeEstimator.Estimate
        /// Minute (on the recording's time line) of the estimate's first epoch.
        var firstMinute: Int
        /// The estimate as a hypnogram on the night's time line (N2 for sleep: the stage is unknown).
        var hypnogram: Hypnogram
        /// `estimate` or `hypnogram`.
        var source = "estimate"
    }

    /// Estimates sleep in `span`: per minute, the largest over the legs of the leg's moving seconds
    /// minus the seconds explained by that leg's PLM-series candidates (a bilateral candidate
    /// explains both legs), through ``SleepWakeEstimator``. Only series that are periodic where
    /// they occur explain anything (``LocalPeriodicity``): a chance series among the short
    /// intervals of wake movement does not. A body movement (a posture shift) that stands alone in
    /// sleep explains its own seconds too (``SleepBodyMovements``).
    func sleepEstimate(span: TimeSpan, shift: Double, scoring: ScoringResult) -> SleepResult {
        let minuteS = InBedRules.epochLengthS
        let firstMinute = Int((span.startS / minuteS).rounded(.down))
        let endMinute = Int((span.endS / minuteS).rounded(.up))
        let count = max(0, endMinute - firstMinute)
        // Per leg (the epochs are in the legs' order), the minute's moving seconds.
        let movingSeconds = epochs.map { legEpochs in
            (0..<count).map { k in firstMinute + k < legEpochs.count ? Double(legEpochs[firstMinute + k].movingSeconds) : 0 }
        }
        let rules = request.inBedRules
        let periodicSeries = LocalPeriodicity.periodicSeries(
            scoring.candidates.filter(\.isLegMovement).map {
                LocalPeriodicity.Movement(onsetS: $0.onsetS, isCandidate: $0.isCandidate, seriesNumber: $0.seriesNumber)
            },
            marginS: rules.localPeriodicityMarginS, minimumIndex: rules.minimumLocalPeriodicityIndex)
        let movements = scoring.candidates.map { candidate in
            SleepBodyMovements.Movement(
                legs: legs.indices.filter { k in
                    legs.count == 1 || candidate.side == .bilateral || candidate.side.rawValue == legs[k].side.rawValue
                },
                span: TimeSpan(startS: candidate.onsetS + shift, endS: candidate.offsetS + shift),
                isExplainedByPLMSeries: candidate.seriesNumber.map(periodicSeries.contains) ?? false)
        }
        let estimator = SleepWakeEstimator(rules: rules)
        let bodyMovementsInSleep = SleepBodyMovements.inSleep(
            movements, movingSeconds: movingSeconds, minuteCount: count, firstMinute: firstMinute, estimator: estimator)
        let explained = (movements.filter(\.isExplainedByPLMSeries) + bodyMovementsInSleep).map {
            UnexplainedActivity.Explained(legs: $0.legs, span: $0.span)
        }
        let activity = UnexplainedActivity.perMinute(
            movingSeconds: movingSeconds, minuteCount: count, firstMinute: firstMinute, explained: explained)
        let estimate = estimator.estimate(activity: activity)
        let hypnogram = Hypnogram(
            startS: Double(firstMinute) * minuteS - shift, epochLengthS: minuteS,
            stages: estimate.asleep.map { $0 ? .n2 : .wake })
        return SleepResult(estimate: estimate, firstMinute: firstMinute, hypnogram: hypnogram)
    }

    /// The sleep of `span` from a scored hypnogram (recording time line), minute by minute: a
    /// minute is asleep when the stage at its middle is a sleep stage.
    func hypnogramSleep(_ hypnogram: Hypnogram, span: TimeSpan) -> SleepResult {
        let minuteS = InBedRules.epochLengthS
        let firstMinute = Int((span.startS / minuteS).rounded(.down))
        let endMinute = Int((span.endS / minuteS).rounded(.up))
        let asleep = (firstMinute..<max(firstMinute, endMinute)).map { minute in
            hypnogram.stage(at: (Double(minute) + 0.5) * minuteS)?.isSleep == true
        }
        return SleepResult(
            estimate: SleepWakeEstimator.Estimate(asleep: asleep), firstMinute: firstMinute, hypnogram: hypnogram,
            source: "hypnogram")
    }

    /// Marks the night on the overview: in bed, asleep, PLM onsets.
    mutating func record(span: TimeSpan, shift: Double, estimate: SleepResult, scoring: ScoringResult) {
        let minuteS = InBedRules.epochLengthS
        let first = Int((span.startS / minuteS).rounded(.down))
        let end = Int((span.endS / minuteS).rounded(.up))
        // (The epochs can end before the night does when the recording's last samples are excluded.)
        let lower = max(0, first), upper = min(end, overview.inBed.count)
        for minute in lower..<max(lower, upper) {
            overview.inBed[minute] = true
            let k = minute - estimate.firstMinute
            if k >= 0, k < estimate.estimate.asleep.count { overview.asleep[minute] = estimate.estimate.asleep[k] }
        }
        overview.plmOnsetsS += scoring.candidates.filter { $0.isPeriodic && $0.isCandidate }.map { $0.onsetS + shift }
    }

    /// The night's entry in plm-summary/1.
    func summaryEntry(
        label: String, window: RecordingAnalyzer.NightWindow, span: TimeSpan, estimate: SleepResult,
        analysis: NightAnalysis, sleepScoring: ScoringResult, folder: String
    ) -> NightsSummary.Night {
        let minuteS = InBedRules.epochLengthS
        let e = estimate.estimate
        func onLine(_ minute: Int?) -> Double? {
            minute.map { min(span.endS, max(span.startS, Double(estimate.firstMinute + $0) * minuteS)) }
        }
        let sleep = NightsSummary.Sleep(
            source: estimate.source, sleepOnsetS: onLine(e.sleepOnsetMinute), finalAwakeningS: onLine(e.finalAwakeningMinute),
            totalSleepHours: Double(e.totalSleepMinutes) / 60, wakeAfterSleepOnsetMinutes: Double(e.wakeAfterSleepOnsetMinutes),
            sleepEfficiency: e.sleepEfficiency)
        let valid = analysis.scoring.indices.validHours
        let aloneS = analysis.scoring.defectTime.scoredAloneS
        return NightsSummary.Night(
            date: label, windowSource: window.source,
            inBed: NightsSummary.InBed(
                startS: span.startS, endS: span.endS, start: alignment.start.map { $0.adding(seconds: span.startS).iso8601 } ?? "",
                end: alignment.start.map { $0.adding(seconds: span.endS).iso8601 } ?? ""),
            sleep: sleep,
            indices: NightsSummary.Indices(
                report: analysis.report.indices, plmsIndexEstimate: sleepScoring.indices.plmsIndex,
                plmwIndexEstimate: sleepScoring.indices.plmwIndex),
            severity: analysis.report.severity,
            quality: NightsSummary.Quality(
                validHours: valid, excludedHours: max(0, span.durationS / 3600 - valid),
                detectionLimitPerHour: valid > 0 ? 1 / valid : nil,
                scoredFromOneLegOnlyHours: aloneS.isEmpty ? nil : aloneS.values.reduce(0, +) / 3600),
            report: "\(folder)/\(ReportDestinations.directoryFileNames.json)")
    }
}
