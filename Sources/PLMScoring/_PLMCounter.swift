#if canImport(Glibc)
    import Glibc  // log
#elseif canImport(Darwin)
    import Darwin  // log
#endif
import PLMCore

/// Counts, indices and distributions from the scored movements.
enum _PLMCounter {
    /// Periodicity index bounds and shortest run (Ferri et al., Sleep 2006): ``PublishedRules``.
    static let ferriIMIMinimumS = PublishedRules.periodicityIMIMinimumS
    static let ferriIMIMaximumS = PublishedRules.periodicityIMIMaximumS
    static let ferriMinimumRun = PublishedRules.periodicityMinimumRun
    /// Most bins of ``PLMDistributions/plmsPerHourOfNight`` (a six-week window; PLMs later than that
    /// are not binned).
    static let maximumHoursOfNight = 1008
    /// Range of ln(IMI) whose mean and SD are reported, s (SOMAS: 10-90 s).
    static let lnIMISummaryRangeS = 10.0...90.0

    static func indices(
        _ c: [CandidateMovement], series: [PLMSeries], mainItems: [_SeriesItem], mainIMIs: [Double?],
        input: ScoringInput, excluded: [TimeSpan], leftComponents: Int, rightComponents: Int
    ) -> PLMIndices {
        let window = input.window
        let excludedS = excluded.reduce(0) { $0 + $1.durationS }
        let validS = max(0, window.durationS - excludedS)

        var sleepS: Double?, wakeS: Double?, nremS: Double?, remS: Double?
        if let h = input.hypnogram {
            var s = 0.0, w = 0.0, nrem = 0.0, rem = 0.0
            for (k, stage) in h.stages.enumerated() {
                guard let isSleep = stage.isSleep, let span = h.span(ofEpoch: k).clamped(to: window) else { continue }
                let valid = span.durationS - excluded.reduce(0) { $0 + ($1.clamped(to: span)?.durationS ?? 0) }
                if isSleep { s += valid } else { w += valid }
                if stage == .rem { rem += valid } else if isSleep { nrem += valid }
            }
            (sleepS, wakeS, nremS, remS) = (s, w, nrem, rem)
        }
        let basis: HoursBasis = sleepS == nil ? .validTimeInBed : .totalSleepTime
        let basisHours = (sleepS ?? validS) / 3600
        func inBasis(_ m: CandidateMovement) -> Bool { basis == .validTimeInBed || m.inSleep == true }
        func perHour(_ n: Int, _ hours: Double) -> Double? { hours > 0 ? Double(n) / hours : nil }
        func basisIndex(_ predicate: (CandidateMovement) -> Bool) -> Double? {
            perHour(c.reduce(0) { $0 + (predicate($1) && inBasis($1) ? 1 : 0) }, basisHours)
        }
        func count(_ predicate: (CandidateMovement) -> Bool) -> Int { c.reduce(0) { $0 + (predicate($1) ? 1 : 0) } }

        let isLM: (CandidateMovement) -> Bool = { $0.isLegMovement }
        let isCLM: (CandidateMovement) -> Bool = { $0.isCandidate }
        let isPLM: (CandidateMovement) -> Bool = { $0.isPeriodic }
        let isNonResp: (CandidateMovement) -> Bool = { $0.isPeriodicNonRespiratory }
        let isShort: (CandidateMovement) -> Bool = { $0.isCandidate && $0.isShortIMI }
        let isIsolated: (CandidateMovement) -> Bool = { $0.isCandidate && !$0.isPeriodic && !$0.isShortIMI }

        let plmCount = count(isPLM), clmCount = count(isCLM)
        let plms = sleepS == nil ? nil : count { $0.isPeriodic && $0.inSleep == true }
        let plmw = wakeS == nil ? nil : count { $0.isPeriodic && $0.inSleep == false }
        let plmNREM = nremS == nil ? nil : count { $0.isPeriodic && $0.inSleep == true && $0.sleepStage != .rem }
        let plmREM = remS == nil ? nil : count { $0.isPeriodic && $0.sleepStage == .rem }
        let lengths = series.map(\.count)
        let total = leftComponents + rightComponents

        return PLMIndices(
            lmCount: count(isLM), clmCount: clmCount, plmCount: plmCount,
            lmIndex: basisIndex(isLM), clmIndex: basisIndex(isCLM), plmIndex: basisIndex(isPLM),
            plmsCount: plms, plmsIndex: plms.flatMap { perHour($0, (sleepS ?? 0) / 3600) },
            plmwCount: plmw, plmwIndex: plmw.flatMap { perHour($0, (wakeS ?? 0) / 3600) },
            plmNREMCount: plmNREM, plmNREMIndex: plmNREM.flatMap { perHour($0, (nremS ?? 0) / 3600) },
            plmREMCount: plmREM, plmREMIndex: plmREM.flatMap { perHour($0, (remS ?? 0) / 3600) },
            nonRespiratoryPLMCount: count(isNonResp), nonRespiratoryPLMIndex: basisIndex(isNonResp),
            respiratoryCLMCount: count { $0.isCandidate && $0.isRespiratory },
            arousalPLMCount: count { $0.isPeriodic && $0.isArousalAssociated },
            shortIMICLMCount: count(isShort), shortIMICLMIndex: basisIndex(isShort),
            isolatedCLMCount: count(isIsolated), isolatedCLMIndex: basisIndex(isIsolated),
            leftLMCount: count { $0.isLegMovement && $0.side == .left },
            rightLMCount: count { $0.isLegMovement && $0.side == .right },
            bilateralLMCount: count { $0.isLegMovement && $0.side == .bilateral },
            seriesCount: series.count,
            meanSeriesLength: lengths.isEmpty ? nil : Double(lengths.reduce(0, +)) / Double(lengths.count),
            maxSeriesLength: lengths.max(),
            periodicityIndexFerri2006: periodicityIndex(mainItems, mainIMIs),
            plmToCLMRatio: clmCount > 0 ? Double(plmCount) / Double(clmCount) : nil,
            timeInBedHours: window.durationS / 3600, validHours: validS / 3600,
            totalSleepHours: sleepS.map { $0 / 3600 }, wakeHours: wakeS.map { $0 / 3600 },
            nremHours: nremS.map { $0 / 3600 }, remHours: remS.map { $0 / 3600 },
            hoursBasis: basis,
            leftComponentCount: leftComponents, rightComponentCount: rightComponents,
            leftRightAsymmetry: total > 0 ? Double(leftComponents - rightComponents) / Double(total) : nil)
    }

    /// Ferri 2006 periodicity index over the IMIs of series detection, in time order: an IMI is
    /// periodic when it belongs to a run of >= 3 consecutive IMIs of 10-90 s; an unmeasurable IMI or a
    /// non-CLM breaks runs. Returns periodic IMIs / all measurable IMIs, nil without IMIs.
    static func periodicityIndex(_ items: [_SeriesItem], _ imis: [Double?]) -> Double? {
        var measurable = 0, periodic = 0, run = 0
        for k in items.indices {
            if let imi = imis[k] {
                measurable += 1
                if imi >= ferriIMIMinimumS && imi <= ferriIMIMaximumS {
                    run += 1
                    continue
                }
            }
            if run >= ferriMinimumRun { periodic += run }
            run = 0
        }
        if run >= ferriMinimumRun { periodic += run }
        return measurable > 0 ? Double(periodic) / Double(measurable) : nil
    }

    static func distributions(_ c: [CandidateMovement], window: TimeSpan) -> PLMDistributions {
        let binCount = Int((PLMDistributions.imiHistogramMaximumS / PLMDistributions.imiBinWidthS).rounded())
        let lnBinCount = Int((PLMDistributions.lnIMIHistogramMaximum / PLMDistributions.lnIMIBinWidth).rounded())
        var histogram = [Int](repeating: 0, count: binCount)
        var lnHistogram = [Int](repeating: 0, count: lnBinCount)
        var lnInRange: [Double] = []
        for m in c where m.isCandidate {
            guard let imi = m.imiS, imi >= 0 else { continue }
            if imi < PLMDistributions.imiHistogramMaximumS {
                histogram[min(binCount - 1, Int(imi / PLMDistributions.imiBinWidthS))] += 1
            }
            if imi > 0 {
                let l = log(imi)
                if l >= 0 && l < PLMDistributions.lnIMIHistogramMaximum {
                    lnHistogram[min(lnBinCount - 1, Int(l / PLMDistributions.lnIMIBinWidth))] += 1
                }
                if lnIMISummaryRangeS.contains(imi) { lnInRange.append(l) }
            }
        }
        var mean: Double?, sd: Double?
        if !lnInRange.isEmpty {
            let m = lnInRange.reduce(0, +) / Double(lnInRange.count)
            mean = m
            if lnInRange.count >= 2 {
                let ss = lnInRange.reduce(0) { $0 + ($1 - m) * ($1 - m) }
                sd = (ss / Double(lnInRange.count - 1)).squareRoot()
            }
        }
        // At least one bin; at most `maximumHoursOfNight` so that an absurd window cannot exhaust memory.
        let windowHours = (window.durationS / 3600).rounded(.up)
        let hours = windowHours.isFinite ? max(1, Int(min(windowHours, Double(maximumHoursOfNight)))) : 1
        var perHour = [Int](repeating: 0, count: hours)
        for m in c where m.isPeriodic {
            // In Double first: a far-off window start (an option of -1e23 s) must not trap.
            let hour = ((m.onsetS - window.startS) / 3600).rounded(.down)
            guard hour >= 0, hour < Double(hours) else { continue }
            perHour[Int(hour)] += 1
        }
        return PLMDistributions(
            imiHistogram: histogram, lnIMIHistogram: lnHistogram, meanLnIMI: mean, sdLnIMI: sd,
            plmsPerHourOfNight: perHour)
    }
}
