import Foundation
import Testing

@testable import PLMKit
import PLMTestSupport

/// `plm score`'s engine on hand-built event lists whose scoring follows from the rules by hand
/// (/work/shared/DOMAIN.md section 2, docs/scoring-rules.md).
@Suite("Event list scoring")
struct EventListScorerTests {
    /// Writes `onset_s,offset_s,side` rows to a new file and returns its folder and path.
    private func eventsFile(_ rows: [(Double, Double, String)]) throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        let path = folder.file("events.csv")
        let text = "onset_s,offset_s,side\n" + rows.map { "\($0.0),\($0.1),\($0.2)" }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }

    private func score(_ rows: [(Double, Double, String)], rules: RuleSet = .wasm2016, window: (Double, Double)? = (0, 3600)) throws -> PLMReport {
        let (folder, path) = try eventsFile(rows)
        defer { folder.remove() }
        return try EventListScorer.score(
            EventListScoringRequest(eventsPath: path, rules: rules, windowStartS: window?.0, windowEndS: window?.1))
    }

    /// Five left 1-s LMs at 0, 20, 40, 60, 80 s and one at 500 s, window 0-3600 s (1 h).
    /// WASM 2016: all six are CLMs (0.5-10 s); IMIs 20, 20, 20, 20, 420 s; the first five form one
    /// series (>= 4 CLMs with 10 <= IMI <= 90 s), the sixth is isolated (IMI > 90 s).
    /// PLM index 5 / 1 h = 5/h; LM index 6/h; periodicity (Ferri 2006): 4 of 5 IMIs in a run of >= 3
    /// IMIs of 10-90 s = 0.8.
    static let fivePlusOne: [(Double, Double, String)] = [
        (0, 1, "L"), (20, 21, "L"), (40, 41, "L"), (60, 61, "L"), (80, 81, "L"), (500, 501, "L"),
    ]

    @Test("Five periodic LMs and one isolated: one series, PLM index 5/h (WASM 2016)")
    func fivePeriodicOneIsolated() throws {
        let report = try score(Self.fivePlusOne)
        let i = report.indices
        #expect(i.lmCount == 6)
        #expect(i.clmCount == 6)
        #expect(i.plmCount == 5)
        #expect(i.seriesCount == 1)
        #expect(abs(i.timeInBedHours - 1) < 1e-12)
        #expect(abs(i.validHours - 1) < 1e-12)
        #expect(i.plmIndex.map { abs($0 - 5) < 1e-9 } == true)
        #expect(i.lmIndex.map { abs($0 - 6) < 1e-9 } == true)
        #expect(i.clmIndex.map { abs($0 - 6) < 1e-9 } == true)
        #expect(i.periodicityIndex.map { abs($0 - 0.8) < 1e-9 } == true)
        #expect(i.plmToClmRatio.map { abs($0 - 5.0 / 6) < 1e-9 } == true)
        #expect(i.isolatedCLMIndex.map { abs($0 - 1) < 1e-9 } == true)

        let series = try #require(report.series.first)
        #expect(report.series.count == 1)
        #expect(series.count == 5)
        #expect(series.startS == 0)
        #expect(series.endS == 81)
        #expect(report.candidateMovements.map(\.periodic) == [true, true, true, true, true, false])
        #expect(report.candidateMovements.map(\.imiS) == [nil, 20, 20, 20, 20, 420])
        #expect(report.analysisWindow.startS == 0 && report.analysisWindow.endS == 3600)
        #expect(report.recording.legs.isEmpty)
        #expect(report.settings["rules"] == .text("wasm2016"))
    }

    @Test("Without lights on, the window ends at the last movement's offset (501 s)")
    func defaultWindowEnd() throws {
        let report = try score(Self.fivePlusOne, window: nil)
        #expect(report.analysisWindow.startS == 0)
        #expect(report.analysisWindow.endS == 501)
        #expect(abs(report.indices.timeInBedHours - 501.0 / 3600) < 1e-12)
        #expect(report.indices.plmIndex.map { abs($0 - 5 / (501.0 / 3600)) < 1e-9 } == true)
        #expect(report.settings["lightsOn"] == .text("last movement offset (501 s)"))
    }

    /// Left LMs at 0, 7, 14, 21 s (1 s each): IMIs of 7 s. AASM series take 5 <= IMI <= 90 s:
    /// 4 PLMs, 4/h. WASM 2016 takes 10 <= IMI <= 90 s: no series; the three CLMs after a 7-s IMI
    /// are short-IMI CLMs (3/h) and the first is isolated (1/h).
    @Test("IMIs of 7 s: a series under AASM, none under WASM 2016")
    func shortIMIsAASMvsWASM() throws {
        let rows: [(Double, Double, String)] = [(0, 1, "L"), (7, 8, "L"), (14, 15, "L"), (21, 22, "L")]
        let aasm = try score(rows, rules: .aasm)
        #expect(aasm.indices.plmCount == 4)
        #expect(aasm.indices.seriesCount == 1)
        #expect(aasm.indices.plmIndex.map { abs($0 - 4) < 1e-9 } == true)

        let wasm = try score(rows, rules: .wasm2016)
        #expect(wasm.indices.clmCount == 4)
        #expect(wasm.indices.plmCount == 0)
        #expect(wasm.indices.seriesCount == 0)
        #expect(wasm.indices.plmIndex.map { abs($0) < 1e-12 } == true)
        #expect(wasm.indices.shortIMICLMIndex.map { abs($0 - 3) < 1e-9 } == true)
        #expect(wasm.indices.isolatedCLMIndex.map { abs($0 - 1) < 1e-9 } == true)
    }

    /// Left 0, 20, 40, 60 s and right 23 s (1 s each). WASM 2016: opposite-leg LMs merge only when
    /// they overlap or are < 0.5 s apart, so the right LM is its own CLM: IMIs 20, 3, 17, 20; the
    /// 3-s IMI ends the run and the CLM after it may not start a series: no series of 4, 0 PLMs.
    /// AASM: left 20 s and right 23 s have onsets 3 s apart (< 5 s): one bilateral LM; IMIs 20, 20,
    /// 20: 4 PLMs.
    @Test("Opposite-leg LMs 3 s apart: one bilateral LM under AASM, two under WASM 2016")
    func bilateralAASMvsWASM() throws {
        let rows: [(Double, Double, String)] = [(0, 1, "L"), (20, 21, "L"), (23, 24, "R"), (40, 41, "L"), (60, 61, "L")]
        let aasm = try score(rows, rules: .aasm)
        #expect(aasm.indices.lmCount == 4)
        #expect(aasm.indices.bilateralCLMCount == 1)
        #expect(aasm.indices.plmCount == 4)

        let wasm = try score(rows, rules: .wasm2016)
        #expect(wasm.indices.lmCount == 5)
        #expect(wasm.indices.bilateralCLMCount == 0)
        #expect(wasm.indices.plmCount == 0)
    }

    /// DOMAIN.md's worked example: L 100-101, 110-111, 200-201, 210-211; IMIs 10, 90, 10 s.
    /// 10 <= IMI <= 90 (wasm2016, aasm): 4 PLMs; IMI < 90 (SOMAS's reading): none. An isolated LM at
    /// 600 s (IMI 390) comes last, so that SOMAS's last-LM rule is not what decides: under SOMAS
    /// 100, 110 (IMI 10) then 200 (IMI 90, not < 90) closes a run of 2; 200, 210: 2; none.
    @Test(
        "An IMI of exactly 90 s: inside the series bounds except under SOMAS's reading",
        arguments: [(RuleSet.wasm2016, 4), (RuleSet.aasm, 4), (RuleSet.wasm2016Somas, 0)])
    func imiOf90Seconds(rules: RuleSet, plms: Int) throws {
        let rows: [(Double, Double, String)] = [
            (100, 101, "L"), (110, 111, "L"), (200, 201, "L"), (210, 211, "L"), (600, 601, "L"),
        ]
        let report = try score(rows, rules: rules)
        #expect(report.indices.plmCount == plms)
        #expect(report.settings["rules"] == .text(rules.name))
    }

    /// Left 10-11 and 11-12 s (touching), 30-31, 50-51, 70-71, 90-91, 240-241; right 30.5-31.2 and
    /// 31-33 (overlapping, both within the bilateral LM with left 30-31).
    /// wasm2016 keeps them apart: 2 movements touch or overlap an earlier one of their leg (left 11,
    /// right 31; first at 11 s); 9 monolateral movements, the right two and left 30 form one
    /// bilateral LM -> 7 LMs. SOMAS joins both pairs: left 10-12, right 30.5-33 -> 6 LMs, and says so.
    /// Without contacts the note is `none` and the terminal summary has no "Same leg" line.
    @Test(
        "Touching or overlapping movements of one leg get a note saying how they were treated",
        arguments: [
            (RuleSet.wasm2016, 7, "movements touching or overlapping an earlier movement of the same leg: 2 (first at 11 s); "
                + "each was scored as a movement of its own (rules.sameLegJoining = keptApart; SOMAS would join them into one)"),
            (RuleSet.wasm2016Somas, 6, "movements touching, overlapping or starting at most 1 ms after an earlier movement of "
                + "the same leg: 2 (first at 11 s); each was joined with that movement into one, as SOMAS does "
                + "(rules.sameLegJoining = joinedOnMillisecondSamples)"),
        ])
    func sameLegNote(rules: RuleSet, lms: Int, note: String) throws {
        let rows: [(Double, Double, String)] = [
            (10, 11, "L"), (11, 12, "L"), (30, 31, "L"), (50, 51, "L"), (70, 71, "L"), (90, 91, "L"), (240, 241, "L"),
            (30.5, 31.2, "R"), (31, 33, "R"),
        ]
        let report = try score(rows, rules: rules)
        #expect(report.indices.lmCount == lms)
        #expect(report.settings["input.sameLegOverlaps"] == .text(note))
        #expect(report.terminalSummary().contains("Same leg     " + note + "\n"))
        let plain = try score(Self.fivePlusOne, rules: rules)
        #expect(plain.settings["input.sameLegOverlaps"] == .text("none"))
        #expect(!plain.terminalSummary().contains("Same leg"))
    }

    @Test("A missing events file: exit 66 naming it; an empty window: usage error")
    func errors() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let missing = folder.file("nope.csv")
        #expect {
            _ = try EventListScorer.score(EventListScoringRequest(eventsPath: missing))
        } throws: { error in
            guard let e = error as? any PipelineError else { return false }
            return e.exitStatus.rawValue == 66 && e.description.contains(missing)
        }
        #expect {
            _ = try score(Self.fivePlusOne, window: (100, 100))
        } throws: { error in
            (error as? AnalysisError)?.exitStatus.rawValue == 64
        }
    }
}
