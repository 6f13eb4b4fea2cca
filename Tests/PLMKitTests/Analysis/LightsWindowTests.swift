import Foundation
import Testing

@testable import PLMKit

/// Lights off / on as ISO 8601 times on the recording's clock, mapped onto the report's time line.
///
/// The test night: the left file runs 23:00:00 to 23:03:00 (+01:00), i.e. 0-180 s, the right one
/// 23:00:10 to 23:03:10, i.e. 10-190 s (each 9000 samples at 50 Hz, 180 s long).
@Suite("Lights window")
struct LightsWindowTests {
    private func analyze(
        _ night: TwoLegTestNight, off: String?, on: String?, rightOnly: Bool = false,
        defectExclusion: DefectExclusion = .noLegRecorded
    ) async throws -> PLMReport {
        var legs: [AnalysisRequest.LegInput] = [.init(side: .right, path: night.rightPath)]
        if !rightOnly { legs.insert(.init(side: .left, path: night.leftPath), at: 0) }
        var rules = RuleSet.wasm2016
        rules.defectExclusion = defectExclusion
        return try await NightAnalyzer.analyze(AnalysisRequest(legs: legs, lightsOff: off, lightsOn: on, rules: rules)).report
    }

    /// Checks one leg's `quality` hours (valid and excluded, within the window) against seconds
    /// worked out by hand.
    private func expectLegHours(
        _ report: PLMReport, _ side: LegSide, validS: Double, excludedS: Double,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let quality = try #require(report.quality.first { $0.side == side }, sourceLocation: sourceLocation)
        #expect(abs(quality.validHours * 3600 - validS) < 1e-6, sourceLocation: sourceLocation)
        #expect(abs(quality.excludedHours * 3600 - excludedS) < 1e-6, sourceLocation: sourceLocation)
    }

    /// (lights off, lights on, start s, end s), worked out by hand from 23:00:00+01:00 = 22:00:00Z = 0 s.
    static let windows: [(String, String, Double, Double)] = [
        // With the recording's offset: 23:01:00 is 60 s, 23:02:30 is 150 s.
        ("2026-03-01T23:01:00+01:00", "2026-03-01T23:02:30+01:00", 60, 150),
        // Without an offset: a wall time on the recording's clock.
        ("2026-03-01T23:01:00", "2026-03-01T23:02:30", 60, 150),
        // Minutes only, and a fraction of a second.
        ("2026-03-01T23:00:45", "2026-03-01T23:02:30.500", 45, 150.5),
        // Other offsets: the same instants on the UTC time line (22:01Z = 23:01+01:00 = 17:01-05:00).
        ("2026-03-01T22:01:00Z", "2026-03-01T17:02:30-05:00", 60, 150),
    ]

    @Test("Lights off/on map to analysisWindow.startS/endS", arguments: windows)
    func windowMapping(window: (String, String, Double, Double)) async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        let report = try await analyze(night, off: window.0, on: window.1)
        #expect(abs(report.analysisWindow.startS - window.2) < 1e-6)
        #expect(abs(report.analysisWindow.endS - window.3) < 1e-6)
        #expect(abs(report.analysisWindow.timeInBedHours - (window.3 - window.2) / 3600) < 1e-9)
        // Both legs record throughout these windows: nothing is excluded.
        #expect(abs(report.indices.validHours - (window.3 - window.2) / 3600) < 1e-9)
        // Each leg's quality covers the window, not its whole 180-s file.
        try expectLegHours(report, .left, validS: window.3 - window.2, excludedS: 0)
        try expectLegHours(report, .right, validS: window.3 - window.2, excludedS: 0)
        #expect(report.settings["lightsOff"] == .text(window.0))
        #expect(report.settings["lightsOn"] == .text(window.1))
        // The contract: a window from --lights-off/--lights-on records its source as `lights`.
        #expect(report.settings["windowSource"] == .text("lights"))
    }

    @Test("Only the movements inside the window are scored")
    func movementsOutsideAreNotScored() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        // 60-140 s holds left movements at 62, 85.5, 110, 135.2 and right ones at 70, 100, 130 (report time);
        // left 20, 40.3, 158 and right 28, 47.5, 150 lie outside.
        let report = try await analyze(night, off: "2026-03-01T23:01:00+01:00", on: "2026-03-01T23:02:20+01:00")
        #expect(report.indices.lmCount == 7)
        #expect(report.legMovements.count == 13)
        #expect(report.legMovements.filter(\.inAnalysisWindow).count == 7)
    }

    @Test("Lights on at or before lights off is a usage error (64)")
    func emptyWindow() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        for (off, on) in [
            ("2026-03-01T23:02:00+01:00", "2026-03-01T23:01:00+01:00"),
            ("2026-03-01T23:01:00+01:00", "2026-03-01T23:01:00+01:00"),
            ("2026-03-01T23:01:00+01:00", "2026-03-01T22:01:00Z"),
        ] {
            await #expect {
                _ = try await analyze(night, off: off, on: on)
            } throws: { error in
                guard let e = error as? AnalysisError else { return false }
                return e.exitStatus == .usage && e.exitStatus.rawValue == 64 && e.description.contains("lights on")
            }
        }
    }

    @Test("A window wholly outside the recording is an error")
    func windowOutside() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        for (off, on) in [
            ("2026-03-02T01:00:00+01:00", "2026-03-02T02:00:00+01:00"),  // after the end (190 s)
            ("2026-03-01T21:00:00+01:00", "2026-03-01T22:59:00+01:00"),  // before the first sample
            ("2026-03-01T23:03:10+01:00", "2026-03-01T23:10:00+01:00"),  // starts exactly at the end (190 s)
            ("2026-03-01T22:50:00+01:00", "2026-03-01T23:00:00+01:00"),  // ends exactly at the first sample
        ] {
            await #expect {
                _ = try await analyze(night, off: off, on: on)
            } throws: { error in
                guard let e = error as? AnalysisError else { return false }
                return e.exitStatus == .usage && e.description.contains("outside the recording")
            }
        }
    }

    @Test("A lights time that is not ISO 8601 is a usage error naming the option")
    func unreadableTime() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        await #expect {
            _ = try await analyze(night, off: "yesterday 11 pm", on: nil)
        } throws: { error in
            guard let e = error as? AnalysisError else { return false }
            return e.exitStatus == .usage && e.description.contains("--lights-off") && e.description.contains("yesterday 11 pm")
        }
    }

    /// 60 s to 300 s; the left leg records until 180 s and the right one until 190 s. Time inside the
    /// window where no leg was recording is excluded (docs/scoring-rules.md, "Defects of one leg"),
    /// so 190-300 s (110 s) is excluded: valid 130 s of a 240 s window, 180-190 s scored from the
    /// right leg alone. Under `anyLegDefective` the time either leg was not recording is excluded:
    /// 180-300 s, valid 120 s.
    @Test("A window running past the end of the recording: the part outside is excluded")
    func windowPastTheEnd() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        let report = try await analyze(night, off: "2026-03-01T23:01:00+01:00", on: "2026-03-01T23:05:00+01:00")
        #expect(abs(report.analysisWindow.startS - 60) < 1e-6)
        #expect(abs(report.analysisWindow.endS - 300) < 1e-6)
        #expect(abs(report.indices.timeInBedHours - 240.0 / 3600) < 1e-9)
        #expect(abs(report.indices.validHours - 130.0 / 3600) < 1e-9)
        #expect(abs((report.indices.timeInBedHours - report.indices.validHours) * 3600 - 110) < 1e-6)
        let rightAloneH: Double = try #require(report.quality.first { $0.side == .right }?.scoredFromThisLegOnlyHours)
        let leftAloneH: Double = try #require(report.quality.first { $0.side == .left }?.scoredFromThisLegOnlyHours)
        #expect(abs(rightAloneH * 3600 - 10) < 1e-6)
        #expect(leftAloneH == 0)
        // Per leg, within the window 60-300 s: the left leg records 60-180 s (120 s valid, 120 s
        // excluded), the right one 60-190 s (130 s valid, 110 s excluded).
        try expectLegHours(report, .left, validS: 120, excludedS: 120)
        try expectLegHours(report, .right, validS: 130, excludedS: 110)
        // The indices are per valid hour. Left movements at 62, 85.5, 110, 135.2, 158 and right ones
        // at 70, 100, 130, 150 start in 60-190 s (none of the right leg in 180-190 s).
        #expect(report.indices.lmCount == 9)
        let lmIndex = try #require(report.indices.lmIndex)
        #expect(abs(lmIndex - 9 / (130.0 / 3600)) < 1e-6)

        let old = try await analyze(
            night, off: "2026-03-01T23:01:00+01:00", on: "2026-03-01T23:05:00+01:00", defectExclusion: .anyLegDefective)
        #expect(abs(old.indices.validHours - 120.0 / 3600) < 1e-9)
        #expect(old.indices.lmCount == 9)
        #expect(abs((old.indices.lmIndex ?? 0) - 9 / (120.0 / 3600)) < 1e-6)
    }

    /// One leg (the right, 23:00:10-23:03:10 = 0-180 s on its own time line), window 23:01:00 to 23:05:00:
    /// 50 s to 290 s, recorded until 180 s, so 110 s of 240 s are excluded.
    @Test("One leg, window past the end: valid hours shrink by the unrecorded part")
    func oneLegPastTheEnd() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        let report = try await analyze(night, off: "2026-03-01T23:01:00+01:00", on: "2026-03-01T23:05:00+01:00", rightOnly: true)
        #expect(abs(report.analysisWindow.startS - 50) < 1e-6)
        #expect(abs(report.analysisWindow.endS - 290) < 1e-6)
        #expect(abs(report.indices.validHours - 130.0 / 3600) < 1e-9)
    }

    /// 22:59:00 to 23:02:00 is -60 s to 120 s; the left leg starts at 0 s and the right one at 10 s,
    /// so -60-0 s (60 s, no leg recording) is excluded: valid 120 s of 180 s, 0-10 s scored from the
    /// left leg alone. Under `anyLegDefective` -60-10 s (70 s) is excluded: valid 110 s.
    @Test("A window starting before the first sample: the part before is excluded")
    func windowBeforeTheStart() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        let report = try await analyze(night, off: "2026-03-01T22:59:00+01:00", on: "2026-03-01T23:02:00+01:00")
        #expect(abs(report.analysisWindow.startS - -60) < 1e-6)
        #expect(abs(report.analysisWindow.endS - 120) < 1e-6)
        #expect(abs(report.indices.timeInBedHours - 180.0 / 3600) < 1e-9)
        #expect(abs(report.indices.validHours - 120.0 / 3600) < 1e-9)
        // Per leg: the left records 0-120 s of -60-120 s, the right 10-120 s.
        try expectLegHours(report, .left, validS: 120, excludedS: 60)
        try expectLegHours(report, .right, validS: 110, excludedS: 70)
        let old = try await analyze(
            night, off: "2026-03-01T22:59:00+01:00", on: "2026-03-01T23:02:00+01:00", defectExclusion: .anyLegDefective)
        #expect(abs(old.indices.validHours - 110.0 / 3600) < 1e-9)
    }
}
