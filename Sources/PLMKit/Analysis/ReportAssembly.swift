/// Turns the stages' outputs into the plm-report/1 model: every time on the report's time line
/// (seconds since the earliest first sample), every setting that changed the result, and the
/// per-leg data quality.
struct ReportAssembly {
    var request: AnalysisRequest
    var legs: [LegAnalysis]
    var alignment: RecordingAlignment
    var window: TimeSpan
    var movements: [LegMovement]
    var scoring: ScoringResult
    var annotations: AnnotationSet

    func report() -> PLMReport {
        let rules = request.rules
        var settings = ScoredReportParts.ruleSettings(rules)
        settings["input.format"] = .text(request.readOptions.format.rawValue)
        settings["input.units"] = .text(request.readOptions.units?.argumentSpelling ?? "auto")
        if let rate = request.readOptions.rateHz { settings["input.rateHz"] = .number(rate) }
        if let offset = request.readOptions.utcOffsetS { settings["input.utcOffsetS"] = .integer(offset) }
        settings["lightsOff"] = .text(request.lightsOff ?? "start of recording")
        settings["lightsOn"] = .text(request.lightsOn ?? "end of recording")
        // Where the window came from: the user's lights, or the whole recording (a multi-night
        // analysis overwrites it with `detected` or `diary`).
        settings["windowSource"] = .text(request.lightsOff != nil || request.lightsOn != nil ? "lights" : "recording")
        for entry in request.detection.entries {
            settings["detection.\(entry.name)"] = .number(entry.value)
        }
        ScoredReportParts.annotationSettings(
            into: &settings, respiratoryEventsPath: request.respiratoryEventsPath, arousalsPath: request.arousalsPath,
            hypnogramPath: request.hypnogramPath)

        let parts = ScoredReportParts(
            scoring: scoring, window: window, movements: movements,
            hasRespiratoryEvents: annotations.respiratory != nil, hasArousals: annotations.arousals != nil)
        return PLMReport(
            tool: PLMKitVersion.tool,
            recording: PLMReport.Recording(start: alignment.start?.iso8601 ?? "", legs: legs.map(reportLeg)),
            settings: settings,
            analysisWindow: parts.analysisWindow,
            legMovements: parts.legMovements,
            candidateMovements: parts.candidateMovements,
            series: parts.series,
            indices: parts.indices,
            severity: parts.severity,
            distributions: parts.distributions,
            quality: legs.map(quality))
    }

    func traces() -> NightTraces {
        let traces = legs.map { leg -> NightTraces.LegTrace in
            let offset = alignment.offsetS[leg.side] ?? 0
            return NightTraces.LegTrace(
                side: leg.side, startS: offset, binWidthS: leg.detection.activityTrace.binWidthS,
                values: leg.detection.activityTrace.peakDynamicAccelerationG, unit: "g",
                excluded: leg.defects.filter(\.excludesFromScoring).map {
                    NightTraces.ExcludedSpan(span: $0.span.shifted(by: offset), kind: $0.kind.rawValue)
                })
        }
        let sleepSpans = annotations.hypnogram.map { hypnogram in
            hypnogram.stages.indices.filter { hypnogram.stages[$0].isSleep == true }
                .map { hypnogram.span(ofEpoch: $0) }.mergedUnion()
        }
        return NightTraces(legs: traces, lightsWindow: window, sleepSpans: sleepSpans)
    }

    private func reportLeg(_ leg: LegAnalysis) -> PLMReport.Leg {
        let offset = alignment.offsetS[leg.side] ?? 0
        return PLMReport.Leg(
            side: leg.side, path: leg.path, layout: leg.layout.rawValue, sampleRateHz: leg.sampleRateHz,
            samples: leg.sampleCount, firstSample: leg.start?.iso8601 ?? "",
            lastSample: leg.start?.adding(seconds: leg.lastSampleS).iso8601 ?? "",
            defects: leg.defects.map {
                PLMReport.Defect(
                    kind: $0.kind.rawValue, startS: $0.span.startS + offset, endS: $0.span.endS + offset,
                    excluded: $0.excludesFromScoring, detail: $0.detail)
            },
            metadata: SortedObject(leg.metadata.map { ($0.key, $0.value) }))
    }

    private func quality(_ leg: LegAnalysis) -> PLMReport.LegQuality {
        var counts = SortedObject<Int>()
        for defect in leg.defects { counts[defect.kind.rawValue] = (counts[defect.kind.rawValue] ?? 0) + 1 }
        // Within the analysis window, as the indices: this leg's own defects and the time it was
        // not recording (`DefectTime.legDefects`), and the time excluded for every leg.
        let defectTime = scoring.defectTime
        let excludedS = ((defectTime.legDefects[leg.side] ?? []) + defectTime.excluded).unionDurationS
        return PLMReport.LegQuality(
            side: leg.side, validHours: max(0, window.durationS - excludedS) / 3600,
            excludedHours: excludedS / 3600,
            defectCounts: counts, declaredRateHz: leg.declaredRateHz, measuredRateHz: leg.measuredRateHz,
            detectionLimit: leg.detection.detectionLimit.map { limit in
                // Rounded to what the measurement supports (0.1 mg, 0.01 degree, 0.1 Hz), so that
                // reports stay byte-identical across platforms.
                func rounded(_ v: Double, _ digits: Double) -> Double { (v * digits).rounded() / digits }
                let step = limit.sensorNoise.quantizationStepG
                return PLMReport.DetectionLimit(
                    noiseRMSMg: rounded(limit.sensorNoise.noiseRMSG * 1000, 10),
                    quantizationStepMg: step > 0 ? rounded(step * 1000, 10) : nil,
                    tiltLowPassHz: rounded(limit.tiltCornerHz, 10), tiltOnsetDegrees: rounded(limit.tiltOnsetDegrees, 100),
                    peakDeviationMg: rounded(limit.limitPeakDeviationG * 1000, 10),
                    tiltDegrees: rounded(limit.limitDegrees, 100))
            },
            scoredFromThisLegOnlyHours: scoring.defectTime.scoredAloneS[leg.side].map { $0 / 3600 })
    }
}
