import Foundation
import PLMCore
import Testing

@testable import PLMReports

/// The summary page on a hand-made two-night summary: parsed as XML, every element checked
/// against the numbers put in.
@Suite("Summary HTML")
struct SummaryHTMLTests {
    /// Recording from 2026-01-13T21:00 (minute of day 1260), 26 h of minutes (1560): the minutes
    /// reach 1260 + 1560 = 2820 minutes of day, so 2 day rows (13th and 14th).
    static func summary() -> (NightsSummary, RecordingOverview) {
        let tiny = TinyReport.make(start: "2026-01-13T21:00:00.000+01:00")
        func night(_ date: String, _ plm: Double, _ plms: Double, startS: Double) -> NightsSummary.Night {
            var indices = tiny.indices
            indices.plmIndex = plm
            return NightsSummary.Night(
                date: date, windowSource: "detected",
                inBed: .init(startS: startS, endS: startS + 8 * 3600, start: "", end: ""),
                sleep: .init(source: "estimate", sleepOnsetS: startS + 600, finalAwakeningS: startS + 7 * 3600,
                    totalSleepHours: 6.5, wakeAfterSleepOnsetMinutes: 20, sleepEfficiency: 0.8125),
                indices: .init(report: indices, plmsIndexEstimate: plms, plmwIndexEstimate: 3),
                severity: tiny.severity, quality: .init(validHours: 8, excludedHours: 0, detectionLimitPerHour: 0.125),
                report: "night-\(date)/report.json")
        }
        let nights = [night("2026-01-13", 18.5, 16.25, startS: 3600), night("2026-01-14", 7.5, 4.75, startS: 90_000)]
        let summary = NightsSummary(
            tool: tiny.tool, recording: tiny.recording, settings: tiny.settings, nonWear: [],
            naps: [NightsSummary.Span(TimeSpan(startS: 61_200, endS: 64_800))],  // 14:00-15:00 on the 14th
            lyingAwake: [NightsSummary.Span(TimeSpan(startS: 82_800, endS: 93_600))],  // 20:00 on the 14th to 23:00
            nights: nights, summary: .init(nights: nights, thresholdPerHour: 15))
        var overview = RecordingOverview(
            movingSeconds: [Int](repeating: 0, count: 1560),
            asleep: [Bool](repeating: false, count: 1560), inBed: [Bool](repeating: false, count: 1560),
            plmOnsetsS: [4000, 4030, 4060, 95_000])
        overview.movingSeconds[10] = 30
        return (summary, overview)
    }

    @Test("Table rows link to each night's report; the plot carries each night's indices; one row per day")
    func structure() throws {
        let (summary, overview) = Self.summary()
        let html = SummaryHTML.render(summary, overview: overview)
        let parsed = parseXML(html)
        let root = try #require(parsed.root, "not well-formed: \(parsed.error ?? "")")
        let rows = root.all.filter { $0.classes.contains("night-row") }
        #expect(rows.map { $0.attributes["data-date"] ?? "" } == ["2026-01-13", "2026-01-14"])
        let links = root.all.filter { $0.name == "a" }.map { $0.attributes["href"] ?? "" }
        #expect(links == ["night-2026-01-13/report.html", "night-2026-01-14/report.html"])
        #expect(root.all.filter { $0.classes.contains("plm-dot") }.map { $0.attributes["data-value"] ?? "" } == ["18.5", "7.5"])
        #expect(root.all.filter { $0.classes.contains("plms-dot") }.map { $0.attributes["data-value"] ?? "" } == ["16.25", "4.75"])
        #expect(root.all.filter { $0.classes.contains("day-row") }.map { $0.attributes["data-date"] ?? "" } == ["2026-01-13", "2026-01-14"])
        #expect(root.all.filter { $0.classes.contains("plm-mark") }.count == 4)
        // One nap bar on the 14th; the lying-awake stretch stays within the 14th's row (20:00-23:00).
        #expect(root.all.filter { $0.classes.contains("nap") }.count == 1)
        #expect(root.all.filter { $0.classes.contains("lying-awake") }.count == 1)
        // 1 of 2 nights at or above 15/h: 3.5 a week.
        let verdict = try #require(root.first(id: "verdict")).fullText
        #expect(verdict.contains("1 of 2 night(s) reached 15 or more PLMs per hour in bed, about 3.5 nights a week"))
        #expect(!html.contains("<script"))
    }

    /// 01:00-02:30 on the 14th no sensor worn; 03:00-04:00 the right one off (the left scored).
    /// The recording starts at 21:00, so 01:00 is 4 h in (14,400 s).
    @Test("Non-wear: time with no sensor worn apart from one sensor off, with the leg named")
    func nonWearByLeg() throws {
        var (summary, overview) = Self.summary()
        summary.nonWear = [
            .init(startS: 14_400, endS: 19_800, legs: [.left, .right], excluded: true),
            .init(startS: 21_600, endS: 25_200, legs: [.right], excluded: false),
        ]
        let root = try #require(parseXML(SummaryHTML.render(summary, overview: overview)).root)
        let lines = root.all.filter { $0.name == "p" }.map(\.fullText)
        // One sensor off is not listed under "Not scored" but under a heading of its own.
        let headings = root.all.filter { $0.name == "h2" }.map(\.fullText)
        #expect(headings.suffix(2) == ["Not scored", "Scored from one leg"], "\(headings)")
        #expect(lines.contains("No sensor worn: 2026-01-14 01:00:00 to 02:30"))
        #expect(lines.contains("One sensor not worn (the worn leg analysed alone): 2026-01-14 03:00:00 to 04:00 (right)"))
        let text = summary.terminalSummary()
        #expect(text.contains("Not worn: 1 period(s), 1.5 h (not scored)"))
        #expect(text.contains("One sensor not worn: 1 period(s), 1.0 h (the worn leg analysed alone)"))
        // The actogram: one full-height block (01:00-02:30) and one thin bar (03:00-04:00) on the
        // 14th's row; the plot is 1000 px for 24 h from x = 90, so 60 min is 41.667 px.
        let blocks = root.all.filter { $0.classes.contains("non-wear") }
        let bars = root.all.filter { $0.classes.contains("one-leg-off") }
        #expect(blocks.count == 1 && bars.count == 1)
        #expect(blocks.first.map { Double($0.attributes["width"] ?? "") ?? 0 }.map { abs($0 - 62.5) < 0.01 } == true)
        #expect(bars.first.map { Double($0.attributes["x"] ?? "") ?? 0 }.map { abs($0 - 215) < 0.01 } == true)
    }

    @Test("No night: the page says so")
    func noNight() throws {
        let (summary, _) = Self.summary()
        var empty = summary
        empty.nights = []
        empty.summary = .init(nights: [], thresholdPerHour: 15)
        let html = SummaryHTML.render(empty, overview: nil)
        #expect(html.contains("No night was found in this recording: nothing was scored."))
        #expect(parseXML(html).root != nil)
    }
}
