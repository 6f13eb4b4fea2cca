/// The parts of a report that come from scoring alone (window, events, series, indices,
/// severity, distributions), shared by `plm analyze` and `plm score`.
struct ScoredReportParts {
    var scoring: ScoringResult
    var window: TimeSpan
    var movements: [LegMovement]
    var hasRespiratoryEvents: Bool
    var hasArousals: Bool

    /// The rule profile's name and each of its settings, under `rules` and `rules.<name>`.
    static func ruleSettings(_ rules: RuleSet) -> PLMReport.Settings {
        var settings = PLMReport.Settings()
        settings["rules"] = .text(rules.name)
        for setting in rules.settings { settings["rules.\(setting.name)"] = .text(setting.value) }
        return settings
    }

    /// The annotation files used (`annotations.*`), `none` where none was given.
    static func annotationSettings(
        into settings: inout PLMReport.Settings, respiratoryEventsPath: String?, arousalsPath: String?, hypnogramPath: String?
    ) {
        settings["annotations.respiratoryEvents"] = .text(respiratoryEventsPath ?? "none")
        settings["annotations.arousals"] = .text(arousalsPath ?? "none")
        settings["annotations.hypnogram"] = .text(hypnogramPath ?? "none")
    }

    /// The report's note on movements of one leg that touch or overlap (`input.sameLegOverlaps`):
    /// `none`, or how many there were, where the first was, and how the rules treated them.
    static func sameLegNote(_ contacts: SameLegContacts, rules: RuleSet) -> String {
        guard !contacts.isEmpty else { return "none" }
        let first = contacts.firstOnsetS.map { " (first at \(FileInspection.seconds($0)) s)" } ?? ""
        switch rules.sameLegJoining {
        case .keptApart:
            return "movements touching or overlapping an earlier movement of the same leg: "
                + "\(contacts.touchingOrOverlappingCount)\(first); each was scored as a movement of its own "
                + "(rules.sameLegJoining = keptApart; SOMAS would join them into one)"
        case .joinedOnMillisecondSamples:
            return "movements touching, overlapping or starting at most 1 ms after an earlier movement of the "
                + "same leg: \(contacts.joinedCount)\(first); each was joined with that movement into one, as "
                + "SOMAS does (rules.sameLegJoining = joinedOnMillisecondSamples)"
        }
    }

    var analysisWindow: PLMReport.AnalysisWindow {
        PLMReport.AnalysisWindow(startS: window.startS, endS: window.endS, timeInBedHours: scoring.indices.timeInBedHours)
    }

    var legMovements: [PLMReport.LegMovementRecord] {
        movements.map { PLMReport.LegMovementRecord($0, inAnalysisWindow: window.overlaps($0.span)) }
    }

    var candidateMovements: [PLMReport.CandidateMovementRecord] {
        scoring.candidates.map { c in
            PLMReport.CandidateMovementRecord(
                side: PLMReport.CandidateSide(rawValue: c.side.rawValue) ?? .bilateral,
                onsetS: c.onsetS, offsetS: c.offsetS, durationS: c.durationS,
                componentCount: c.componentIndices.count, isCandidate: c.isCandidate, periodic: c.isPeriodic,
                seriesNumber: c.seriesNumber, imiS: c.imiS, exclusionReason: c.exclusionReason?.rawValue,
                respiratory: hasRespiratoryEvents ? c.isRespiratory : nil,
                arousal: hasArousals ? c.isArousalAssociated : nil, inSleep: c.inSleep)
        }
    }

    var series: [PLMReport.SeriesRecord] {
        scoring.series.map {
            PLMReport.SeriesRecord(number: $0.number, startS: $0.startS, endS: $0.endS, count: $0.count, medianIMIS: $0.medianIMIS)
        }
    }

    var indices: PLMReport.Indices {
        let i = scoring.indices
        let clms = scoring.candidates.filter(\.isCandidate)
        return PLMReport.Indices(
            lmCount: i.lmCount, clmCount: i.clmCount, plmCount: i.plmCount, lmIndex: i.lmIndex,
            clmIndex: i.clmIndex, plmIndex: i.plmIndex, periodicityIndex: i.periodicityIndexFerri2006,
            timeInBedHours: i.timeInBedHours, plmsIndex: i.plmsIndex, plmwIndex: i.plmwIndex,
            nonRespiratoryPLMIndex: hasRespiratoryEvents ? i.nonRespiratoryPLMIndex : nil,
            shortIMICLMIndex: i.shortIMICLMIndex, isolatedCLMIndex: i.isolatedCLMIndex,
            leftLMCount: i.leftLMCount, rightLMCount: i.rightLMCount,
            leftCLMCount: clms.filter { $0.side == .left }.count,
            rightCLMCount: clms.filter { $0.side == .right }.count,
            bilateralCLMCount: clms.filter { $0.side == .bilateral }.count,
            seriesCount: i.seriesCount, plmToClmRatio: i.plmToCLMRatio, asymmetry: i.leftRightAsymmetry,
            validHours: i.validHours, hoursBasis: PLMReport.HoursBasis(rawValue: i.hoursBasis.rawValue) ?? .validTimeInBed,
            plmsCount: i.plmsCount, plmwCount: i.plmwCount, totalSleepHours: i.totalSleepHours,
            wakeHours: i.wakeHours, meanSeriesLength: i.meanSeriesLength, maxSeriesLength: i.maxSeriesLength,
            respiratoryCLMCount: hasRespiratoryEvents ? i.respiratoryCLMCount : nil,
            arousalPLMCount: hasArousals ? i.arousalPLMCount : nil)
    }

    var severity: PLMReport.Severity {
        PLMReport.Severity(
            band: scoring.severity?.name, edges: SeverityBand.icsd1Edges.dropFirst().map(\.lower),
            bandNames: SeverityBand.icsd1Edges.map(\.name), source: SeverityBand.icsd1Source,
            note: "Applied to the PLM index; from ankle accelerometers this is a screening estimate, not a PSG diagnosis.")
    }

    var distributions: PLMReport.Distributions {
        let d = scoring.distributions
        return PLMReport.Distributions(
            imiHistogram: PLMReport.Histogram(counts: d.imiHistogram, binWidth: PLMDistributions.imiBinWidthS),
            lnIMIHistogram: PLMReport.Histogram(counts: d.lnIMIHistogram, binWidth: PLMDistributions.lnIMIBinWidth),
            lnIMIMean: d.meanLnIMI, lnIMISD: d.sdLnIMI,
            plmsPerHour: PLMReport.HourCount.hours(d.plmsPerHourOfNight, windowStartS: window.startS))
    }
}
