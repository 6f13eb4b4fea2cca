import Foundation
import PLMCore
import Testing

@testable import PLMReports

@Suite("HTML report")
struct HTMLReportTests {
    let report = SampleNight.report()
    let traces = SampleNight.traces()

    /// The JSON of the report, parsed back with JSONSerialization (an independent reader).
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: report.jsonData())
        return try #require(object as? [String: Any])
    }

    /// The value at a dotted path such as `indices.plmIndex`.
    func value(_ object: [String: Any], _ path: String) -> Any? {
        var current: Any? = object
        for part in path.split(separator: ".") {
            current = (current as? [String: Any])?[String(part)]
        }
        return current
    }

    @Test("The report is well-formed XML (XHTML-compatible)")
    func wellFormed() throws {
        let html = report.html(traces: traces)
        let (root, error) = parseXML(html)
        #expect(error == nil, "\(error ?? "")")
        #expect(root?.name == "html")
        #expect(root?.attributes["xmlns"] == "http://www.w3.org/1999/xhtml")
    }

    @Test("Every key figure shows the value the JSON holds")
    func keyFiguresEqualJSON() throws {
        let html = report.html(traces: traces)
        let root = try #require(parseXML(html).root)
        let object = try json()
        #expect(root.all.filter { $0.classes.contains("figure") }.count == 14)
        let figures = root.all.filter { $0.attributes["data-key"] != nil }
        // The figures issue 7 asks for: PLMI, PLMS/PLMW, LM and CLM indices, periodicity, series
        // count, severity band, the L/R/bilateral split and asymmetry, plus the further indices of issue 5.
        #expect(Set(figures.compactMap { $0.attributes["data-key"] }) == [
            "indices.plmIndex", "indices.plmsIndex", "indices.plmwIndex", "indices.lmIndex", "indices.clmIndex",
            "indices.periodicityIndex", "indices.seriesCount", "severity.band", "indices.leftCLMCount",
            "indices.rightCLMCount", "indices.bilateralCLMCount", "indices.asymmetry", "indices.nonRespiratoryPLMIndex",
            "indices.shortIMICLMIndex", "indices.isolatedCLMIndex", "indices.plmToClmRatio",
        ])
        #expect(figures.count == 16)
        for figure in figures {
            let key = try #require(figure.attributes["data-key"])
            let shown = try #require(figure.attributes["data-value"])
            let inJSON = value(object, key)
            switch inJSON {
            case is NSNull:
                #expect(shown == "null", "\(key)")
            case let text as String:
                #expect(shown == text, "\(key)")
            case let number as NSNumber:
                #expect(Double(shown) == number.doubleValue, "\(key): HTML \(shown), JSON \(number)")
            default:
                Issue.record("\(key) is missing from the JSON")
            }
        }
        // The big number is the JSON value rounded to one decimal (44.3 for ~44.27).
        let plm = try #require(root.first(id: "kf-plmIndex"))
        let jsonPLM = try #require(value(object, "indices.plmIndex") as? NSNumber).doubleValue
        let shownText = try #require(plm.children.first { $0.classes.contains("value") }).text
        let shownNumber = try #require(Double(shownText.trimmingCharacters(in: .whitespaces)))
        #expect(abs(shownNumber - jsonPLM) <= 0.05 + 1e-9)
    }

    @Test("The night plot has exactly one mark per leg movement and per candidate movement")
    func oneMarkPerMovement() throws {
        let root = try #require(parseXML(report.html(traces: traces)).root)
        let plot = try #require(root.first(id: "night-plot"))
        let marks = plot.all.filter { $0.classes.contains("lm-mark") }
        #expect(marks.count == report.legMovements.count)
        // Each mark carries its LM's onset as the JSON writes it, in the same multiset.
        let markOnsets = marks.compactMap { $0.attributes["data-onset-s"] }.sorted()
        let lmOnsets = report.legMovements.map { DecimalText.json($0.onsetS) }.sorted()
        #expect(markOnsets == lmOnsets)
        let cms = plot.all.filter { $0.classes.contains("cm-mark") }
        #expect(cms.count == report.candidateMovements.count)
        #expect(cms.filter { $0.classes.contains("plm") }.count == report.candidateMovements.filter(\.periodic).count)
        #expect(plot.all.filter { $0.classes.contains("series-band") }.count == report.series.count)
        // One excluded span per leg in the sample.
        #expect(plot.all.filter { $0.classes.contains("excluded") }.count == 2)
    }

    @Test("The series table lists every series with its count and median IMI")
    func seriesTable() throws {
        let root = try #require(parseXML(report.html(traces: traces)).root)
        let table = try #require(root.first(id: "series-table"))
        let rows = table.all.filter { $0.name == "tr" && $0.attributes["data-series"] != nil }
        #expect(rows.count == report.series.count)
        for (row, series) in zip(rows, report.series) {
            let cells = row.children.filter { $0.name == "td" }
            #expect(cells[4].attributes["data-value"] == String(series.count))
            #expect(cells[5].attributes["data-value"] == DecimalText.json(series.medianIMIS))
        }
    }

    @Test("Histograms and hourly bars have one bar per non-empty bin and per hour")
    func chartBars() throws {
        let root = try #require(parseXML(report.html(traces: traces)).root)
        let hourly = try #require(root.first(id: "plms-per-hour"))
        let bars = hourly.all.filter { $0.classes.contains("bar") }
        #expect(bars.map { $0.attributes["data-value"] } == report.distributions.plmsPerHour.map { String($0.count) })
        let imi = try #require(root.first(id: "imi-histogram"))
        let imiBars = imi.all.filter { $0.classes.contains("bar") }
        #expect(imiBars.count == report.distributions.imiHistogram.counts.filter { $0 > 0 }.count)
        #expect(imiBars.compactMap { Int($0.attributes["data-value"] ?? "") }.reduce(0, +) == report.distributions.imiHistogram.counts.reduce(0, +))
        // The 10 s and 90 s bounds are marked on both histograms.
        #expect(imi.all.filter { $0.classes.contains("bound") }.count == 2)
        let ln = try #require(root.first(id: "lnimi-histogram"))
        #expect(ln.all.filter { $0.classes.contains("bound") }.count == 2)
    }

    @Test("No scripts and no network assets")
    func selfContained() throws {
        let root = try #require(parseXML(report.html(traces: traces)).root)
        #expect(!root.all.contains { $0.name == "script" || $0.name == "link" || $0.name == "img" || $0.name == "iframe" })
        let html = report.html(traces: traces)
        // The only URLs are the XHTML and SVG namespace names, which are never fetched.
        let withoutNamespaces = html.replacingOccurrences(of: "http://www.w3.org/1999/xhtml", with: "")
            .replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(!withoutNamespaces.contains("http:") && !withoutNamespaces.contains("https:"))
        #expect(!withoutNamespaces.contains("url(http") && !withoutNamespaces.contains("@import"))
    }

    @Test("Hostile text from files stays text and the document stays well-formed")
    func hostileStrings() throws {
        let hostile = "<&>\"' </dd><script>alert(1)</script> ]]> \u{1}\u{7}\u{FFFE} é"
        var r = report
        r.recording.legs[0].path = "/data/" + hostile + ".csv"
        r.recording.legs[0].layout = hostile
        r.recording.legs[0].metadata = SortedObject([(hostile, hostile)])
        r.recording.legs[0].defects[0].detail = hostile
        r.recording.legs[0].defects[0].kind = hostile
        r.settings["rules"] = .text(hostile)
        r.tool.version = hostile
        r.severity.source = hostile
        r.severity.band = hostile
        r.candidateMovements[0].exclusionReason = hostile
        var t = traces
        t.legs[0].unit = hostile
        t.legs[0].excluded[0].kind = hostile
        let html = r.html(traces: t)
        let (root, error) = parseXML(html)
        #expect(error == nil, "\(error ?? "")")
        let parsed = try #require(root)
        #expect(!parsed.all.contains { $0.name == "script" })
        // The forbidden control characters become U+FFFD; everything else reads back verbatim.
        let expected = "<&>\"' </dd><script>alert(1)</script> ]]> \u{FFFD}\u{FFFD}\u{FFFD} é"
        #expect(parsed.fullText.contains("/data/" + expected + ".csv"))
        let severity = try #require(parsed.first(id: "kf-severity"))
        #expect(severity.attributes["data-value"] == expected)
    }

    @Test("Without traces the report still draws every movement")
    func withoutTraces() throws {
        let root = try #require(parseXML(report.html(traces: nil)).root)
        let plot = try #require(root.first(id: "night-plot"))
        #expect(plot.all.filter { $0.classes.contains("lm-mark") }.count == report.legMovements.count)
        #expect(!plot.all.contains { $0.classes.contains("activity") })
    }

    @Test("An empty night renders")
    func emptyNight() throws {
        var r = report
        r.legMovements = []
        r.candidateMovements = []
        r.series = []
        r.distributions.plmsPerHour = []
        r.distributions.imiHistogram = .imi([])
        r.distributions.lnIMIHistogram = .lnIMI([])
        r.recording.start = "not a date"
        let (root, error) = parseXML(r.html(traces: nil))
        #expect(error == nil, "\(error ?? "")")
        #expect(root?.first(id: "night-plot") != nil)
        // A scored event list (`plm score`) has no input files and no quality rows.
        r.recording.legs = []
        r.quality = []
        #expect(parseXML(r.html(traces: nil)).error == nil)
        #expect(r.terminalSummary().hasPrefix("Files        none\n"))
        #expect(try JSONDecoder().decode(PLMReport.self, from: r.jsonData()).recording.legs.isEmpty)
    }

    @Test("A recording without any time shows times since the start")
    func noClock() throws {
        var r = report
        r.recording.start = ""
        let root = try #require(parseXML(r.html(traces: traces)).root)
        #expect(root.all.first { $0.name == "title" }?.text == "PLM night report (date not in the files)")
        let axis = try #require(root.first(id: "night-plot")).all.filter { $0.name == "text" }.map(\.text)
        // The sample window starts 2587.25 s (0:43) after the start; its first hour row is +0:00.
        #expect(axis.contains("time since the recording start (h:mm)"))
        #expect(root.first(id: "raster-plot")?.all.contains { $0.text == "+0:00" } == true)
        #expect(r.eventsCSV().split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)[4].isEmpty)
    }

    @Test("Rendering is deterministic")
    func deterministic() {
        #expect(report.html(traces: traces) == SampleNight.report().html(traces: SampleNight.traces()))
    }
}

@Suite("Unknown indices")
struct UnknownIndicesTests {
    /// The tiny report with no valid time: every per-hour index and the band unknown.
    func unknownReport() -> PLMReport {
        var r = TinyReport.make()
        r.indices.lmIndex = nil
        r.indices.clmIndex = nil
        r.indices.plmIndex = nil
        r.indices.shortIMICLMIndex = nil
        r.indices.isolatedCLMIndex = nil
        r.indices.validHours = 0
        r.severity.band = nil
        return r
    }

    @Test("Unknown indices are null in the JSON and in the HTML, and say so in the summary")
    func unknownEverywhere() throws {
        let r = unknownReport()
        let text = try r.jsonString()
        #expect(text.contains("\"plmIndex\": null"))
        #expect(text.contains("\"band\": null"))
        let root = try #require(parseXML(r.html()).root)
        #expect(root.first(id: "kf-plmIndex")?.attributes["data-value"] == "null")
        #expect(root.first(id: "kf-severity")?.attributes["data-value"] == "null")
        #expect(root.first(id: "kf-plmIndex")?.classes.contains("unknown") == true)
        let summary = r.terminalSummary()
        #expect(summary.contains("PLM index    - /h  (per hour in bed; LM - /h, CLM - /h)\n"))
        #expect(summary.contains("Severity     not known  (bands 5 / 25 / 50 /h, ICSD-1)\n"))
        #expect(try JSONDecoder().decode(PLMReport.self, from: r.jsonData()) == r)
    }

    @Test("Histogram from precomputed counts and hourly counts from a list")
    func helpers() {
        let h = PLMReport.Histogram(counts: [1, 2, 3], binWidth: 0.1)
        #expect(h.binEdges == [0, 0.1, 0.2, 0.3])
        #expect(h.counts == [1, 2, 3])
        let hours = PLMReport.HourCount.hours([4, 0, 7], windowStartS: 100)
        #expect(hours == [.init(hourStartS: 100, count: 4), .init(hourStartS: 3_700, count: 0), .init(hourStartS: 7_300, count: 7)])
    }
}

@Suite("HTML header")
struct HTMLHeaderTests {
    @Test("Identifiers shared by both legs appear once, others per leg")
    func identifiers() throws {
        let root = try #require(parseXML(SampleNight.report().html()).root)
        let header = try #require(root.all.first { $0.name == "header" })
        let cells = header.all.filter { $0.name == "dd" }.map(\.fullText)
        // SampleNight: subject P-0147 on both legs, device AX6 #40211 left and AX6 #40212 right.
        #expect(cells.first == "device: left AX6 #40211, right AX6 #40212; subject: P-0147")
    }

    @Test("Identifier names are recognised by their words", arguments: [
        ("subject", true), ("Subject Code", true), ("serialNumber", true), ("Device ID", true), ("deviceId", true),
        ("firmware", false), ("timeFormat", false), ("validity", false), ("declaredDateFormat", false), ("headerStart", false),
    ])
    func identifierNames(name: String, expected: Bool) {
        #expect(_HTMLContext.isIdentifier(name) == expected)
    }
}

@Suite("Night plot geometry")
struct NightPlotGeometryTests {
    @Test("Marks sit at their times on the time axis")
    func markPositions() throws {
        // Tiny report: window 0-3600 s and all events inside it, padded by 1 % (36 s) on each side:
        // the axis spans -36..3636 s over the plot area x = 104..986 (882 units),
        // so x(t) = 104 + (t + 36) * 882 / 3672.
        let root = try #require(parseXML(TinyReport.make().html()).root)
        let plot = try #require(root.first(id: "night-plot"))
        let marks = plot.all.filter { $0.classes.contains("lm-mark") }
        // LM at 10.25 s: 104 + 46.25 * 0.240196 = 115.109 -> "115.1"; 2.5 s is 0.6 units wide, less
        // than the 1.2-unit minimum mark width, so it is drawn 1.2 wide.
        #expect(marks[0].attributes["x"] == "115.1")
        #expect(marks[0].attributes["width"] == "1.2")
        // LM at 30 s, 12.5 s long: x = 104 + 66 * 0.240196 = 119.853 -> "119.9"; width 3.002 -> "3.0".
        #expect(marks[1].attributes["x"] == "119.9")
        #expect(marks[1].attributes["width"] == "3.0")
        // The left leg's gap 100-112.5 s (excluded, from the defects since no traces were given):
        // x = 104 + 136 * 0.240196 = 136.667 -> "136.7", width 12.5 * 0.240196 = 3.002 -> "3.0".
        let excluded = try #require(plot.all.first { $0.classes.contains("excluded") })
        #expect(excluded.attributes["x"] == "136.7")
        #expect(excluded.attributes["width"] == "3.0")
    }
}

@Suite("Sleep lane")
struct SleepLaneTests {
    @Test("Drawn only when a hypnogram was given, one bar per sleep stretch")
    func sleepLane() throws {
        let report = SampleNight.report()
        var traces = SampleNight.traces()
        let without = try #require(parseXML(report.html(traces: traces)).root)
        #expect(without.first(id: "night-plot")?.all.contains { $0.classes.contains("sleep") } == false)
        traces.sleepSpans = [TimeSpan(startS: 3_000, endS: 12_000), TimeSpan(startS: 12_600, endS: 30_000)]
        let with = try #require(parseXML(report.html(traces: traces)).root)
        let plot = try #require(with.first(id: "night-plot"))
        #expect(plot.all.filter { $0.classes.contains("sleep") }.count == 2)
        // Adding the lane does not change the marks.
        #expect(plot.all.filter { $0.classes.contains("lm-mark") }.count == report.legMovements.count)
    }
}

@Suite("Odd numbers never crash a renderer")
struct OddNumberTests {
    static let oddValues: [Double] = [.nan, .infinity, -.infinity, 1e300, -1e300, 9.3e18, -0.0, 1e-300]

    @Test("NaN, infinities and huge times in every time field", arguments: oddValues)
    func renderOdd(value: Double) throws {
        var r = SampleNight.report()
        r.analysisWindow.startS = value
        r.analysisWindow.timeInBedHours = value
        r.legMovements[0].onsetS = value
        r.legMovements[1].offsetS = value
        r.legMovements[2].durationS = value
        r.candidateMovements[0].onsetS = value
        r.candidateMovements[1].imiS = value
        r.series[0].startS = value
        r.series[0].medianIMIS = value
        r.indices.plmIndex = value
        r.indices.validHours = value
        r.severity.edges = [value, 25, 50]
        r.distributions.plmsPerHour[0].hourStartS = value
        r.distributions.lnIMIMean = value
        r.distributions.imiHistogram.binEdges[3] = value
        r.recording.legs[0].defects[0].endS = value
        r.recording.legs[0].sampleRateHz = value
        r.quality[0].measuredRateHz = value
        var t = SampleNight.traces()
        t.legs[0].startS = value
        t.legs[1].binWidthS = value
        t.legs[0].values[5] = Float(value)
        t.lightsWindow = TimeSpan(startS: value, endS: 30_000)
        t.sleepSpans = [TimeSpan(startS: 100, endS: value)]
        let html = r.html(traces: t)
        #expect(parseXML(html).error == nil)
        #expect(!r.eventsCSV().isEmpty)
        #expect(!r.terminalSummary().isEmpty)
        #expect(try !r.jsonData().isEmpty)
        #expect(NightTraces.LegTrace.binnedMaximum(of: [1, 2, 3], sampleRateHz: value, binWidthS: 1e-300).count <= 3)
    }
}
