import Foundation
import PLMCore
import Testing

@testable import PLMReports

@Suite("Events CSV")
struct EventsCSVTests {
    @Test("Rows of the tiny report, worked out by hand")
    func tinyRows() {
        let lines = TinyReport.make().eventsCSV().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "kind,side,onset_s,offset_s,onset_time,offset_time,duration_s,peak_g,tilt_deg,shorter_than_minimum,in_window,components,is_clm,periodic,series,imi_s,exclusion_reason,respiratory,arousal,in_sleep")
        // Start 2024-02-28T23:59:59.500Z; +10.25 s crosses midnight into the leap day: 00:00:09.750.
        #expect(lines[1] == "LM,left,10.25,12.75,2024-02-29T00:00:09.750Z,2024-02-29T00:00:12.250Z,2.5,0.1,4,0,1,,,,,,,,,")
        // +30 s = 00:00:29.500, +42.5 s = 00:00:42.000.
        #expect(lines[2] == "LM,right,30,42.5,2024-02-29T00:00:29.500Z,2024-02-29T00:00:42.000Z,12.5,0.25,11,0,1,,,,,,,,,")
        #expect(lines[3] == "CM,left,10.25,12.75,2024-02-29T00:00:09.750Z,2024-02-29T00:00:12.250Z,2.5,,,,,1,1,0,,,not in a series,,,")
        // The reason holds a comma and quotes: quoted, inner quotes doubled (RFC 4180).
        #expect(lines[4] == "CM,right,30,42.5,2024-02-29T00:00:29.500Z,2024-02-29T00:00:42.000Z,12.5,,,,,1,0,0,,,\"monolateral LM longer than 10 s, \"\"long\"\"\",,,")
        #expect(lines.count == 6 && lines[5].isEmpty)
    }

    @Test("One row per leg movement and per candidate movement, same bytes every time")
    func sampleNight() {
        let report = SampleNight.report()
        let csv = report.eventsCSV()
        #expect(csv == SampleNight.report().eventsCSV())
        let rows = csv.split(separator: "\n")
        #expect(rows.count == 1 + report.legMovements.count + report.candidateMovements.count)
        #expect(rows.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == EventsCSV.columns.count })
    }

    @Test("A start without a readable time leaves the time columns empty")
    func unreadableStart() {
        let lines = TinyReport.make(start: "sometime").eventsCSV().split(separator: "\n").map(String.init)
        #expect(lines[1] == "LM,left,10.25,12.75,,,2.5,0.1,4,0,1,,,,,,,,,")
    }
}

@Suite("Hostile text in CSV and JSON")
struct HostileTextTests {
    static let hostile = "<&>\"' , ;\n\r\n\t\u{1} é \u{2028}"

    @Test("A reason with commas, quotes and line breaks stays one CSV cell")
    func csvCell() {
        var r = TinyReport.make()
        r.candidateMovements[0].exclusionReason = Self.hostile
        let csv = r.eventsCSV()
        // RFC 4180: the whole cell quoted, the inner quote doubled, line breaks kept inside the quotes.
        #expect(csv.contains(",\"<&>\"\"' , ;\n\r\n\t\u{1} é \u{2028}\","))
    }

    @Test("JSON strings read back exactly")
    func jsonStrings() throws {
        var r = TinyReport.make()
        r.recording.legs[0].path = Self.hostile
        r.recording.legs[0].metadata = SortedObject([(Self.hostile, Self.hostile)])
        r.candidateMovements[1].exclusionReason = Self.hostile
        let decoded = try JSONDecoder().decode(PLMReport.self, from: r.jsonData())
        #expect(decoded == r)
        let object = try #require(try JSONSerialization.jsonObject(with: r.jsonData()) as? [String: Any])
        let legs = try #require((object["recording"] as? [String: Any])?["legs"] as? [[String: Any]])
        #expect(legs[0]["path"] as? String == Self.hostile)
    }
}
