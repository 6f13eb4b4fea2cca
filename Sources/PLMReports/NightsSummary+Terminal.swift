import PLMCore

/// The plain-text summary of a multi-night recording for the terminal.
extension NightsSummary {
    /// One line per night, then the statistics; says so plainly when no night was found.
    public func terminalSummary() -> String {
        var out = "Recording from \(recording.start.isEmpty ? "(no clock)" : recording.start)\n"
        func hours(_ durationsS: [Double]) -> String { DecimalText.fixed(durationsS.reduce(0, +) / 3600, 1) }
        func hours(_ spans: [Span]) -> String { hours(spans.map { $0.endS - $0.startS }) }
        let noneWorn = nonWear.filter(\.excluded).map { $0.endS - $0.startS }
        let oneWorn = nonWear.filter { !$0.excluded }.map { $0.endS - $0.startS }
        if !noneWorn.isEmpty { out += "Not worn: \(noneWorn.count) period(s), \(hours(noneWorn)) h (not scored)\n" }
        if !oneWorn.isEmpty {
            out += "One sensor not worn: \(oneWorn.count) period(s), \(hours(oneWorn)) h (the worn leg analysed alone)\n"
        }
        if !naps.isEmpty { out += "Naps: \(naps.count), \(hours(naps)) h (reported, not scored as nights)\n" }
        if !lyingAwake.isEmpty { out += "Lying awake (legs up, not in bed): \(lyingAwake.count), \(hours(lyingAwake)) h\n" }
        guard !nights.isEmpty else {
            out += "No in-bed period of a night's length found: nothing scored.\n"
            return out
        }
        for night in nights {
            let plm = night.indices.report.plmIndex.map { DecimalText.fixed($0, 1) } ?? "-"
            let plms = night.indices.plmsIndexEstimate.map { DecimalText.fixed($0, 1) } ?? "-"
            let bed = DecimalText.fixed((night.inBed.endS - night.inBed.startS) / 3600, 1)
            let sleep = DecimalText.fixed(night.sleep.totalSleepHours, 1)
            out += "Night \(night.date) (\(night.windowSource)): \(bed) h in bed, \(sleep) h sleep (estimate), "
                + "PLM index \(plm)/h, PLMS index estimate \(plms)/h, \(night.severity.band ?? "-")\n"
        }
        let t = DecimalText.fixed(summary.thresholdPerHour, 0)
        out += "\(summary.nightsAtOrAboveThreshold) of \(summary.nightCount) night(s) at or above \(t)/h"
        if let perWeek = summary.nightsAtOrAboveThresholdPerWeek {
            out += " (\(DecimalText.fixed(perWeek, 1)) nights a week)"
        }
        out += "\n"
        return out
    }
}
