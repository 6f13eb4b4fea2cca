import PLMNights

extension RecordingAnalyzer {
    /// The plm-summary/1 model of the recording.
    static func summaryModel(
        request: RecordingAnalysisRequest, context: NightContext, nights: [NightsSummary.Night]
    ) -> NightsSummary {
        var settings = ScoredReportParts.ruleSettings(request.night.rules)
        let read = request.night.readOptions
        settings["input.format"] = .text(read.format.rawValue)
        settings["input.units"] = .text(read.units?.argumentSpelling ?? "auto")
        if let rate = read.rateHz { settings["input.rateHz"] = .number(rate) }
        if let offset = read.utcOffsetS { settings["input.utcOffsetS"] = .integer(offset) }
        for entry in request.night.detection.entries { settings["detection.\(entry.name)"] = .number(entry.value) }
        settings["nights.diary"] = .text(request.diaryPath ?? "none")
        settings["nights.minimumHours"] = .number(request.inBedRules.nightMinimumHours)
        settings["nights.lyingTiltDegrees"] = .number(request.inBedRules.lyingTiltDegrees)
        settings["nights.minimumRestMinutes"] = .integer(request.inBedRules.minimumRestMinutes)
        settings["nights.mergeGapMinutes"] = .integer(request.inBedRules.mergeGapMinutes)
        settings["nights.uprightFound"] = .flag(context.periods.uprightFound)
        settings["nights.nonWearSDG"] = .number(request.inBedRules.nonWearSDG)
        settings["nights.nonWearRangeG"] = .number(request.inBedRules.nonWearRangeG)

        let legs = context.legs.map { leg -> PLMReport.Leg in
            let offset = context.alignment.offsetS[leg.side] ?? 0
            let r = leg.facts
            return PLMReport.Leg(
                side: leg.side, path: leg.path, layout: r.layout.rawValue, sampleRateHz: r.sampleRateHz,
                samples: r.sampleCount, firstSample: r.start?.iso8601 ?? "",
                lastSample: r.start.map { $0.adding(seconds: r.lastSampleTimeS).iso8601 } ?? "",
                defects: r.defects.map {
                    PLMReport.Defect(
                        kind: $0.kind.rawValue, startS: $0.span.startS + offset, endS: $0.span.endS + offset,
                        excluded: $0.excludesFromScoring, detail: $0.detail)
                },
                metadata: SortedObject(r.metadata.map { ($0.key, $0.value) }))
        }
        let periods = context.periods
        return NightsSummary(
            tool: PLMKitVersion.tool,
            recording: PLMReport.Recording(start: context.alignment.start?.iso8601 ?? "", legs: legs),
            settings: settings,
            nonWear: periods.nonWearPieces.map { piece in
                NightsSummary.NonWear(
                    startS: piece.span.startS, endS: piece.span.endS,
                    legs: piece.legs.compactMap { context.legs.indices.contains($0) ? context.legs[$0].side : nil },
                    excluded: piece.noLegWorn)
            },
            naps: periods.naps.map { NightsSummary.Span($0.span) },
            lyingAwake: periods.lyingAwake.map(NightsSummary.Span.init),
            nights: nights,
            summary: NightsSummary.Statistics(nights: nights, thresholdPerHour: ClinicalThresholds.adultPLMSIndexPerHour))
    }
}
