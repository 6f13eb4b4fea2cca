import PLMCore
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few aligned lines `plm analyze` prints: files, window, counts, PLM index and severity,
/// PLMS/PLMW when known, periodicity and defects.
public enum TerminalSummary {
    /// Whether standard output is a terminal (then the summary may use bold labels).
    public static var standardOutputIsTerminal: Bool { isatty(1) == 1 }

    /// The summary of `report`, ending in a newline.
    /// - Parameters:
    ///   - report: The report.
    ///   - styled: Whether to make the labels bold with ANSI escapes; pass
    ///     ``standardOutputIsTerminal`` (never styled when output is piped).
    public static func render(_ report: PLMReport, styled: Bool = false) -> String {
        let clock = _RecordingClock(iso: report.recording.start)
        let idx = report.indices
        var rows: [(String, String)] = []

        for (i, leg) in report.recording.legs.enumerated() {
            let rate = DecimalText.trimmed(leg.sampleRateHz, decimals: 2) ?? "-"
            rows.append(
                (i == 0 ? "Files" : "", "\(leg.side.rawValue.padded(6))\(leg.path)  (\(leg.layout), \(rate) Hz)"))
        }
        if report.recording.legs.isEmpty {
            // `plm score`: an event list, no sensor files.
            rows.append(("Files", report.settings["input.events"].map { "events  \($0.description)" } ?? "none"))
        }

        let w = report.analysisWindow
        let windowText: String
        if let clock {
            windowText = "\(clock.readable(w.startS)) to \(clock.readable(w.endS))"
        } else {
            windowText = "\(DecimalText.fixed(w.startS, 1)) s to \(DecimalText.fixed(w.endS, 1)) s"
        }
        rows.append(("Window", "\(windowText)  (\(DecimalText.fixed(w.timeInBedHours, 2)) h in bed)"))
        if let rules = report.settings["rules"] { rows.append(("Rules", rules.description)) }
        rows.append(("Movements", "LM \(idx.lmCount)   CLM \(idx.clmCount)   PLM \(idx.plmCount)   series \(idx.seriesCount)"))
        if let note = report.settings["input.sameLegOverlaps"]?.description, note != "none" {
            rows.append(("Same leg", note))  // `plm score`: touching or overlapping movements of one leg
        }
        let basis: String
        switch idx.hoursBasis {
        case .totalSleepTime: basis = "per hour of sleep"
        case .validTimeInBed: basis = "per valid hour in bed"
        case .timeInBed: basis = "per hour in bed"
        }
        rows.append(("PLM index", "\(optional(idx.plmIndex)) /h  (\(basis); LM \(optional(idx.lmIndex)) /h, CLM \(optional(idx.clmIndex)) /h)"))
        rows.append(("Severity", "\(report.severity.bandText)  (\(report.severity.bandDescription), \(report.severity.source))"))
        if idx.plmsIndex != nil || idx.plmwIndex != nil {
            rows.append(("PLMS / PLMW", "\(optional(idx.plmsIndex)) /h  /  \(optional(idx.plmwIndex)) /h"))
        }
        rows.append(("Periodicity", "\(optional(idx.periodicityIndex, decimals: 2))  (Ferri periodicity index, 0-1)"))

        var defectParts: [String] = []
        for leg in report.recording.legs {
            defectParts.append("\(leg.side.rawValue): \(describeDefects(leg.defects))")
        }
        rows.append(("Defects", defectParts.isEmpty ? "none" : defectParts.joined(separator: "; ")))

        let width = rows.map { $0.0.count }.max() ?? 0
        var out = ""
        for (label, value) in rows {
            let padded = label.padded(width + 2)
            out += (styled && !label.isEmpty ? "\u{1B}[1m\(padded)\u{1B}[0m" : padded) + value + "\n"
        }
        return out
    }

    private static func optional(_ value: Double?, decimals: Int = 1) -> String {
        value.map { DecimalText.fixed($0, decimals) } ?? "-"
    }

    /// `none`, or counts per kind and the total duration: `2 gap, 1 fill (0.35 h)`.
    static func describeDefects(_ defects: [PLMReport.Defect]) -> String {
        if defects.isEmpty { return "none" }
        var kinds: [String] = []
        var counts: [String: Int] = [:]
        for d in defects {
            if counts[d.kind] == nil { kinds.append(d.kind) }
            counts[d.kind, default: 0] += 1
        }
        let hours = defects.map(\.span).unionDurationS / 3600
        let list = kinds.sorted(by: _SortKey.less).map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ")
        return "\(list) (\(DecimalText.fixed(hours, 2)) h)"
    }
}

extension PLMReport.Severity {
    /// The band's name, or `not known`.
    public var bandText: String { band ?? "not known" }

    /// The edges of the band the index fell in, in words: `25 to < 50 /h`, `< 5 /h`, `>= 50 /h`.
    public var bandDescription: String {
        guard let band, let index = bandNames.firstIndex(of: band) else { return "bands " + edgesDescription }
        let lower = index > 0 && index - 1 < edges.count ? edges[index - 1] : nil
        let upper = index < edges.count ? edges[index] : nil
        switch (lower, upper) {
        case (nil, let u?): return "< \(DecimalText.json(u)) /h"
        case (let l?, nil): return ">= \(DecimalText.json(l)) /h"
        case (let l?, let u?): return "\(DecimalText.json(l)) to < \(DecimalText.json(u)) /h"
        case (nil, nil): return "bands " + edgesDescription
        }
    }

    /// All edges, e.g. `5 / 25 / 50 /h`.
    public var edgesDescription: String {
        edges.map { DecimalText.json($0) }.joined(separator: " / ") + " /h"
    }
}

extension PLMReport {
    /// The terminal summary (see ``TerminalSummary/render(_:styled:)``).
    public func terminalSummary(styled: Bool = false) -> String {
        TerminalSummary.render(self, styled: styled)
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
