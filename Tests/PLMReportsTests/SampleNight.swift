import Foundation
import PLMCore
import PLMReports

/// A hand-built, plausible night for the renderers: three PLM episodes, scattered isolated
/// movements, bilateral pairs, a long movement, a short one, a gap and a fill defect.
///
/// The candidate movements, series and indices are derived by a deliberately small WASM-like
/// grouping below, only so that the report is internally consistent for the rendering tests and
/// the preview; it is not the scoring engine and no test checks scoring against it.
enum SampleNight {
    static let start = "2024-03-01T21:58:00.000+01:00"
    static let lightsOffS = 2587.25
    static let lightsOnS = 31_950.0
    static let recordingEndS = 33_600.0

    /// A linear congruential generator, so the sample is the same on every run and platform.
    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    static func legMovements() -> [LegMovement] {
        var g = Generator(state: 42)
        var out: [LegMovement] = []
        func add(_ side: LegSide, _ onset: Double, _ duration: Double, _ peak: Double) {
            out.append(LegMovement(side: side, onsetS: onset, offsetS: onset + duration, peakAccelerationG: peak, tiltChangeDegrees: peak * 40))
        }
        // Episodes: (start s, count, mean IMI s, right-leg share, bilateral share)
        let episodes: [(Double, Int, Double, Double, Double)] = [
            (4_800, 95, 27, 0.2, 0.1), (11_900, 140, 22, 0.5, 0.25), (19_400, 38, 34, 0.7, 0.0), (25_300, 60, 25, 0.4, 0.15),
        ]
        for (start, count, imi, rightShare, bilateralShare) in episodes {
            var t = start
            for _ in 0..<count {
                let side: LegSide = g.next() < rightShare ? .right : .left
                let duration = 1.2 + g.next() * 2.6
                let peak = 0.08 + g.next() * 0.35
                add(side, t, duration, peak)
                if g.next() < bilateralShare { add(side.opposite, t + 0.2 + g.next() * 0.6, duration * 0.8, peak * 0.7) }
                t += imi * (0.75 + g.next() * 0.5)
            }
        }
        // Isolated movements over the night.
        for _ in 0..<90 {
            let t = 2_000 + g.next() * 30_500
            add(g.next() < 0.5 ? .left : .right, t, 0.6 + g.next() * 4, 0.05 + g.next() * 0.5)
        }
        add(.left, 13_105, 13.5, 0.9)  // a long movement: not a CLM, breaks a series
        add(.right, 8_000, 0.3, 0.04)  // shorter than 0.5 s: kept and flagged
        add(.left, 1_200, 2.0, 0.3)  // before lights off: outside the window
        // Nothing inside the excluded stretches.
        out.removeAll { lm in excluded(lm.side).contains { $0.span.overlaps(lm.span) } }
        out.sort { ($0.onsetS, $0.side.rawValue) < ($1.onsetS, $1.side.rawValue) }
        return out
    }

    static func excluded(_ side: LegSide) -> [NightTraces.ExcludedSpan] {
        switch side {
        case .left: [NightTraces.ExcludedSpan(span: TimeSpan(startS: 28_310, endS: 29_190), kind: "fill")]
        case .right: [NightTraces.ExcludedSpan(span: TimeSpan(startS: 18_120, endS: 18_840), kind: "gap")]
        }
    }

    /// Groups LMs into candidate movements and series with the WASM 2016 numbers (0.5 s bilateral
    /// gap, 10 s / 15 s CLM limits, 10-90 s IMIs, 4 per series). Sample data only.
    static func candidates(_ lms: [LegMovement], window: TimeSpan) -> ([PLMReport.CandidateMovementRecord], [PLMReport.SeriesRecord]) {
        var groups: [[LegMovement]] = []
        for lm in lms where !lm.isShorterThanMinimumLM && window.overlaps(lm.span) {
            if var last = groups.last, let end = last.map(\.offsetS).max(), lm.onsetS - end < 0.5,
                last.contains(where: { $0.side != lm.side })
                    || last.last.map({ $0.side != lm.side }) == true
            {
                last.append(lm)
                groups[groups.count - 1] = last
            } else {
                groups.append([lm])
            }
        }
        var records: [PLMReport.CandidateMovementRecord] = groups.map { g in
            let onset = g.map(\.onsetS).min() ?? 0, offset = g.map(\.offsetS).max() ?? 0
            let bilateral = Set(g.map(\.side)).count == 2
            let duration = offset - onset
            let isCLM = bilateral ? (g.count <= 4 && duration <= 15 && g.allSatisfy { $0.durationS <= 10 }) : duration <= 10
            return PLMReport.CandidateMovementRecord(
                side: bilateral ? .bilateral : PLMReport.CandidateSide(g[0].side), onsetS: onset, offsetS: offset,
                durationS: duration, componentCount: g.count, isCandidate: isCLM, periodic: false,
                exclusionReason: isCLM ? "not in a series" : "monolateral LM longer than 10 s")
        }
        for i in records.indices.dropFirst() where records[i].isCandidate && records[i - 1].isCandidate {
            records[i].imiS = records[i].onsetS - records[i - 1].onsetS
        }
        var series: [PLMReport.SeriesRecord] = []
        var run: [Int] = []
        func flush() {
            if run.count >= 4 {
                let number = series.count + 1
                var imis: [Double] = []
                for (k, i) in run.enumerated() {
                    records[i].periodic = true
                    records[i].seriesNumber = number
                    records[i].exclusionReason = nil
                    if k > 0, let imi = records[i].imiS { imis.append(imi) }
                }
                imis.sort()
                let median = imis.count % 2 == 1 ? imis[imis.count / 2] : (imis[imis.count / 2 - 1] + imis[imis.count / 2]) / 2
                series.append(PLMReport.SeriesRecord(
                    number: number, startS: records[run[0]].onsetS, endS: records[run[run.count - 1]].offsetS,
                    count: run.count, medianIMIS: median))
            }
            run = []
        }
        for i in records.indices {
            guard records[i].isCandidate else {
                flush()
                continue
            }
            if let imi = records[i].imiS, imi >= 10, imi <= 90, !run.isEmpty {
                run.append(i)
            } else {
                flush()
                run = [i]
            }
        }
        flush()
        return (records, series)
    }

    static func report(path left: String = "SampleData/night-01/left.csv.gz", right: String = "SampleData/night-01/right.csv.gz") -> PLMReport {
        let window = TimeSpan(startS: lightsOffS, endS: lightsOnS)
        let lms = legMovements()
        let (cms, series) = candidates(lms, window: window)
        let excludedHours = (excluded(.left).map(\.span.durationS).reduce(0, +), excluded(.right).map(\.span.durationS).reduce(0, +))
        let hours = window.durationS / 3600
        let inWindow = lms.filter { window.overlaps($0.span) && !$0.isShorterThanMinimumLM }
        let clms = cms.filter(\.isCandidate)
        let plms = cms.filter(\.periodic)
        let imis = cms.compactMap(\.imiS)
        let inRange = imis.filter { $0 >= 10 && $0 <= 90 }.map { Foundation.log($0) }
        let mean = inRange.isEmpty ? nil : inRange.reduce(0, +) / Double(inRange.count)
        let sd = mean.map { m in (inRange.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(inRange.count - 1)).squareRoot() }
        var perHour: [PLMReport.HourCount] = []
        var h = window.startS
        while h < window.endS {
            let end = h + 3600
            perHour.append(PLMReport.HourCount(hourStartS: h, count: plms.filter { $0.onsetS >= h && $0.onsetS < end }.count))
            h = end
        }
        let leftLM = inWindow.filter { $0.side == .left }.count, rightLM = inWindow.filter { $0.side == .right }.count
        let plmIndex = Double(plms.count) / hours
        let edges = [5.0, 25, 50]
        let names = ["normal", "mild", "moderate", "severe"]
        let band = names[edges.filter { plmIndex >= $0 }.count]
        func leg(_ side: LegSide, _ path: String) -> PLMReport.Leg {
            let ex = excluded(side)
            return PLMReport.Leg(
                side: side, path: path, layout: "generic", sampleRateHz: 50, samples: Int(recordingEndS * 50) - Int(ex.map(\.span.durationS).reduce(0, +) * 50),
                firstSample: start, lastSample: "2024-03-02T07:18:00.000+01:00",
                defects: ex.map { PLMReport.Defect(kind: $0.kind, startS: $0.span.startS, endS: $0.span.endS, excluded: true, detail: $0.kind == "gap" ? "no samples for \(Int($0.span.durationS)) s" : "identical rows") },
                metadata: SortedObject([("subject", "P-0147"), ("device", side == .left ? "AX6 #40211" : "AX6 #40212")]))
        }
        return PLMReport(
            tool: .init(name: "plm", version: "0.1.0"),
            recording: .init(start: start, legs: [leg(.left, left), leg(.right, right)]),
            settings: SortedObject([
                ("rules", .text("wasm2016")), ("lightsOff", .text("2024-03-01T22:41:07.250+01:00")),
                ("lightsOn", .text("2024-03-02T06:50:30.000+01:00")), ("onsetThresholdG", .number(0.035)),
                ("minimumLMDurationS", .number(0.5)), ("units", .text("g")),
            ]),
            analysisWindow: .init(startS: window.startS, endS: window.endS, timeInBedHours: hours),
            legMovements: lms.map { PLMReport.LegMovementRecord($0, inAnalysisWindow: window.overlaps($0.span)) },
            candidateMovements: cms, series: series,
            indices: .init(
                lmCount: inWindow.count, clmCount: clms.count, plmCount: plms.count, lmIndex: Double(inWindow.count) / hours,
                clmIndex: Double(clms.count) / hours, plmIndex: plmIndex, periodicityIndex: 0.6125, timeInBedHours: hours,
                shortIMICLMIndex: Double(imis.filter { $0 < 10 }.count) / hours,
                isolatedCLMIndex: Double(clms.filter { !$0.periodic && ($0.imiS ?? 99) >= 10 }.count) / hours,
                leftLMCount: leftLM, rightLMCount: rightLM,
                leftCLMCount: clms.filter { $0.side == .left }.count, rightCLMCount: clms.filter { $0.side == .right }.count,
                bilateralCLMCount: clms.filter { $0.side == .bilateral }.count, seriesCount: series.count,
                plmToClmRatio: Double(plms.count) / Double(max(1, clms.count)),
                asymmetry: Double(leftLM - rightLM) / Double(max(1, leftLM + rightLM)), validHours: hours, hoursBasis: .timeInBed),
            severity: .init(band: band, edges: edges, bandNames: names, source: "ICSD-1 (AASM 1990)", note: "Applied to the PLM index per hour in bed."),
            distributions: .init(
                imiHistogram: .imi(imis.filter { $0 < 90 }), lnIMIHistogram: .lnIMI(imis.filter { $0 < 90 }),
                lnIMIMean: mean, lnIMISD: sd, plmsPerHour: perHour),
            quality: [
                .init(side: .left, validHours: hours - excludedHours.0 / 3600, excludedHours: excludedHours.0 / 3600, defectCounts: SortedObject([("fill", 1)]), declaredRateHz: 50, measuredRateHz: 49.998),
                .init(side: .right, validHours: hours - excludedHours.1 / 3600, excludedHours: excludedHours.1 / 3600, defectCounts: SortedObject([("gap", 1)]), declaredRateHz: 50, measuredRateHz: 50.004),
            ])
    }

    /// Activity traces in 10-s bins: a noise floor plus each LM's peak, NaN in gaps.
    static func traces() -> NightTraces {
        let lms = legMovements()
        var g = Generator(state: 7)
        let bin = 10.0
        let count = Int(recordingEndS / bin)
        let legs = [LegSide.left, .right].map { side -> NightTraces.LegTrace in
            var values = (0..<count).map { _ in Float(0.006 + g.next() * 0.01) }
            for lm in lms where lm.side == side {
                let a = Int(lm.onsetS / bin), b = Int(lm.offsetS / bin)
                for i in a...b where i >= 0 && i < count { values[i] = max(values[i], Float(lm.peakAccelerationG)) }
            }
            for ex in excluded(side) where ex.kind == "gap" {
                for i in Int(ex.span.startS / bin)..<Int(ex.span.endS / bin) { values[i] = .nan }
            }
            return NightTraces.LegTrace(side: side, startS: 0, binWidthS: bin, values: values, unit: "g", excluded: excluded(side))
        }
        return NightTraces(legs: legs, lightsWindow: TimeSpan(startS: lightsOffS, endS: lightsOnS))
    }
}
