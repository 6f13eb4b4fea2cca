import Foundation
import PLMCore
import Testing

@testable import PLMReports

@Suite("Terminal summary")
struct TerminalSummaryTests {
    @Test("Aligned lines with files, window, counts, index, severity, periodicity and defects")
    func plainSummary() {
        let text = TinyReport.make().terminalSummary(styled: false)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines == [
            "Files        left  left.csv  (generic, 100 Hz)",
            "             right right.csv  (generic, 100 Hz)",
            "Window       2024-02-28 23:59:59 to 2024-02-29 00:59:59  (1.00 h in bed)",
            "Rules        wasm2016",
            "Movements    LM 2   CLM 1   PLM 0   series 0",
            "PLM index    0.0 /h  (per hour in bed; LM 2.0 /h, CLM 1.0 /h)",
            "Severity     normal  (< 5 /h, ICSD-1)",
            "Periodicity  -  (Ferri periodicity index, 0-1)",
            "Defects      left: 1 gap (0.00 h); right: none",
        ])
        #expect(!text.contains("\u{1B}"))
    }

    @Test("PLMS and PLMW appear when sleep is known; labels bold only when styled")
    func sleepKnownStyled() {
        var report = TinyReport.make()
        report.indices.plmsIndex = 12.25
        report.indices.plmwIndex = 30
        let plain = report.terminalSummary()
        #expect(plain.contains("PLMS / PLMW  12.3 /h  /  30.0 /h\n"))
        let styled = report.terminalSummary(styled: true)
        #expect(styled.contains("\u{1B}[1mPLM index    \u{1B}[0m0.0 /h"))
    }

    @Test("Severity band descriptions", arguments: [
        ("normal", "< 5 /h"), ("mild", "5 to < 25 /h"), ("moderate", "25 to < 50 /h"), ("severe", ">= 50 /h"),
    ])
    func bandDescription(band: String, expected: String) {
        let s = PLMReport.Severity(band: band, edges: [5, 25, 50], bandNames: ["normal", "mild", "moderate", "severe"], source: "ICSD-1", note: "")
        #expect(s.bandDescription == expected)
    }
}
