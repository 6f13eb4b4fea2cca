import PLMCore
/// The series table, data quality, settings and the plain-language note.
extension _HTMLContext {
    func writeSeriesTable(_ x: inout _XMLWriter) {
        x.open("section", [("class", "series"), ("id", "series")])
        x.element("h2", [], "PLM series (\(report.series.count))")
        if report.series.isEmpty {
            x.element("p", [], "No PLM series were found in the analysis window.")
        } else {
            x.open("table", [("id", "series-table")])
            x.open("thead")
            x.open("tr")
            for (h, numeric) in [("#", true), ("Start", false), ("End", false), ("Duration (min)", true), ("PLMs", true), ("Median IMI (s)", true)] {
                x.element("th", numeric ? [("class", "num")] : [], h)
            }
            x.close("tr")
            x.close("thead")
            x.open("tbody")
            for s in report.series {
                x.open("tr", [("data-series", String(s.number))])
                x.element("td", [("class", "num")], String(s.number))
                x.element("td", [], readableTime(s.startS))
                x.element("td", [], readableTime(s.endS))
                x.element("td", [("class", "num")], DecimalText.fixed((s.endS - s.startS) / 60, 1))
                x.element("td", [("class", "num"), ("data-value", String(s.count))], String(s.count))
                x.element("td", [("class", "num"), ("data-value", DecimalText.json(s.medianIMIS))], DecimalText.fixed(s.medianIMIS, 1))
                x.close("tr")
            }
            x.close("tbody")
            x.close("table")
        }
        x.close("section")
    }

    func writeQuality(_ x: inout _XMLWriter) {
        x.open("section", [("class", "quality"), ("id", "quality")])
        x.element("h2", [], "Data quality")
        x.open("table", [("id", "quality-table")])
        x.open("thead")
        x.open("tr")
        for (h, numeric) in [("Leg", false), ("Valid (h)", true), ("Excluded (h)", true), ("Scored from this leg only (h)", true), ("Defects", false), ("Declared rate (Hz)", true), ("Measured rate (Hz)", true), ("Noise / step (mg)", true), ("Detection limit", true), ("Samples", true), ("First / last sample", false)] {
            x.element("th", numeric ? [("class", "num")] : [], h)
        }
        x.close("tr")
        x.close("thead")
        x.open("tbody")
        for q in report.quality { writeQualityRow(&x, q) }
        x.close("tbody")
        x.close("table")

        writeOneLegNote(&x)
        if report.quality.contains(where: { $0.detectionLimit != nil }) {
            x.element(
                "p", [("class", "small"), ("id", "detection-limit-note")],
                "Detection limit: the smallest leg movement (peak change of the acceleration vector, and the tilt it "
                    + "makes) found with at least 90 % sensitivity given the noise and resolution measured on that leg. "
                    + "Smaller movements are missed more often than not.")
        }
        let facts = identifierList(identifiers: false)
        if !facts.isEmpty {
            x.element("p", [("class", "small"), ("id", "header-facts")], "From the file headers: " + facts.joined(separator: "; ") + ".")
        }

        writeDefectTables(&x)
        x.close("section")
    }

    /// One leg's row of the data-quality table.
    func writeQualityRow(_ x: inout _XMLWriter, _ q: PLMReport.LegQuality) {
        let leg = report.recording.legs.first { $0.side == q.side }
        x.open("tr", [("data-side", q.side.rawValue)])
        x.element("td", [], q.side.rawValue.capitalized)
        x.element("td", [("class", "num"), ("data-value", DecimalText.json(q.validHours))], DecimalText.fixed(q.validHours, 2))
        x.element("td", [("class", "num"), ("data-value", DecimalText.json(q.excludedHours))], DecimalText.fixed(q.excludedHours, 2))
        if let alone = q.scoredFromThisLegOnlyHours {
            x.element("td", [("class", "num"), ("data-value", DecimalText.json(alone))], DecimalText.fixed(alone, 2))
        } else {
            x.element("td", [("class", "num")], "-")
        }
        let defects = q.defectCounts.entries.map { "\($0.value) \($0.name)" }.joined(separator: ", ")
        x.element("td", [], defects.isEmpty ? "none" : defects)
        x.element("td", [("class", "num")], q.declaredRateHz.map { DecimalText.fixed($0, 2) } ?? "not declared")
        x.element("td", [("class", "num")], q.measuredRateHz.map { DecimalText.fixed($0, 3) } ?? "no timestamps")
        if let limit = q.detectionLimit {
            let step = limit.quantizationStepMg.map { DecimalText.fixed($0, 1) } ?? "-"
            x.element("td", [("class", "num")], DecimalText.fixed(limit.noiseRMSMg, 1) + " / " + step)
            x.element(
                "td", [("class", "num"), ("data-value", DecimalText.json(limit.peakDeviationMg))],
                DecimalText.fixed(limit.peakDeviationMg, 0) + " mg (" + DecimalText.fixed(limit.tiltDegrees, 1) + "\u{00B0})")
        } else {
            x.element("td", [("class", "num")], "-")
            x.element("td", [("class", "num")], "-")
        }
        x.element("td", [("class", "num")], leg.map { String($0.samples) } ?? "-")
        x.element("td", [], leg.map { "\($0.firstSample) / \($0.lastSample)" } ?? "-")
        x.close("tr")
    }

    /// Per leg with defects, the first 12 in a table (the JSON report lists them all).
    func writeDefectTables(_ x: inout _XMLWriter) {
        let limit = 12
        for leg in report.recording.legs where !leg.defects.isEmpty {
            x.element("h3", [], "\(leg.side.rawValue.capitalized) leg: \(leg.defects.count) defect\(leg.defects.count == 1 ? "" : "s")")
            x.open("table", [("class", "defects")])
            x.open("thead")
            x.open("tr")
            for h in ["Kind", "From", "To", "Duration (s)", "Excluded", "Detail"] { x.element("th", [], h) }
            x.close("tr")
            x.close("thead")
            x.open("tbody")
            for d in leg.defects.prefix(limit) {
                x.open("tr")
                x.element("td", [], d.kind)
                x.element("td", [], readableTime(d.startS))
                x.element("td", [], readableTime(d.endS))
                x.element("td", [("class", "num")], DecimalText.fixed(d.endS - d.startS, 1))
                x.element("td", [], d.excluded ? "yes" : "no")
                x.element("td", [], d.detail)
                x.close("tr")
            }
            x.close("tbody")
            x.close("table")
            if leg.defects.count > limit {
                x.element("p", [("class", "small")], "and \(leg.defects.count - limit) more (all are listed in the JSON report).")
            }
        }
    }

    func writeSettings(_ x: inout _XMLWriter) {
        x.open("section", [("class", "settings"), ("id", "settings")])
        x.element("h2", [], "Settings used")
        x.open("table", [("id", "settings-table")])
        for entry in report.settings.entries {
            x.open("tr")
            x.element("th", [], entry.name)
            x.element("td", [], entry.value.description)
            x.close("tr")
        }
        if report.settings.isEmpty {
            x.open("tr")
            x.element("td", [], "no settings recorded")
            x.close("tr")
        }
        x.close("table")
        x.close("section")
    }

    /// "This night: ..." with the counts, index and band, or why the index is not known.
    var nightSentence: String {
        let i = report.indices
        guard let plmIndex = i.plmIndex else {
            return "\(i.plmCount) PLMs were found, but the index is not known because no valid time was left to divide by."
        }
        return "\(i.plmCount) PLMs in \(DecimalText.fixed(i.validHours, 1)) hours, a PLM index of "
            + "\(DecimalText.fixed(plmIndex, 1)) per hour, in the \(report.severity.bandText) band "
            + "(\(report.severity.bandDescription); \(report.severity.source))."
    }

    func writeNote(_ x: inout _XMLWriter) {
        let adult = DecimalText.json(ClinicalThresholds.adultPLMSIndexPerHour)
        let child = DecimalText.json(ClinicalThresholds.childPLMSIndexPerHour)
        x.open("section", [("class", "note-section"), ("id", "note")])
        x.element("h2", [], "What this means")
        x.open("div", [("class", "note")])
        x.element("p", [],
            "Periodic limb movements (PLMs) are leg movements of 0.5 to 10 seconds that come in series of at least four, "
                + "each 10 to 90 seconds after the previous one (5 to 90 seconds under the AASM rules). The PLM index is "
                + "the number of PLMs per hour. This night: "
                + nightSentence)
        if perHourOfSleep {
            x.element("p", [], "Sleep was recorded, so the PLMS index counts PLMs in sleep per hour of sleep, as in a sleep laboratory.")
        } else {
            x.element("p", [],
                "Sleep was not recorded, so the index is per hour in bed, not per hour of sleep. Time awake in bed is counted "
                    + "in the hours, and movements while awake are counted as well; the figure is therefore not the same as the "
                    + "PLMS index of a sleep laboratory.")
        }
        x.element("p", [],
            "This is a screening estimate from ankle accelerometers, not a diagnosis. Polysomnography (PSG) scores leg "
                + "movements from muscle activity (EMG); an accelerometer sees movement, which is related but not identical, "
                + "and the AASM advises that actigraphy alone should not replace PSG to diagnose periodic limb movement disorder.")
        x.element("p", [],
            "Sleep specialists usually consider periodic limb movement disorder when the PLMS index is above \(adult) per hour "
                + "in adults or above \(child) per hour in children (ICSD-3), together with disturbed sleep or daytime symptoms "
                + "not explained by another condition. PLMs are common in restless legs syndrome and also occur with sleep apnea, "
                + "some medicines, and in older people without symptoms.")
        x.element("p", [],
            "The number changes a lot from night to night; several nights give a more reliable picture than one.")
        x.close("div")
        x.close("section")
    }

    /// The note under the quality table on time scored from one leg alone (only when there was some).
    private func writeOneLegNote(_ x: inout _XMLWriter) {
        let alone = report.quality.compactMap { q in
            q.scoredFromThisLegOnlyHours.flatMap { $0 > 0 ? "\(DecimalText.fixed($0, 2)) h from the \(q.side.rawValue) leg" : nil }
        }
        guard !alone.isEmpty else { return }
        x.element(
            "p", [("class", "small"), ("id", "one-leg-note")],
            "Scored from one leg only: " + alone.joined(separator: ", ") + ". There the other leg had no valid data "
                + "(a gap, clipping, or not recording); its movements are missing, so the index there is that of a "
                + "one-ankle device (rules.defectExclusion = noLegRecorded).")
    }
}
