import Foundation
import PLMTestSupport
import Testing

@testable import PLMKit

/// The multi-night facade on short recordings: one confounder or one case at a time.
@Suite("Recording analyzer")
struct RecordingAnalyzerTests {
    static let legsRequest = AnalysisRequest(legs: [.init(side: .left, path: "left.csv"), .init(side: .right, path: "right.csv")])

    @Test("Sensor on a table between two stretches of day: non-wear reported, no night, nothing scored")
    func nonWearOnly() throws {
        let sim = try MultiDaySimulator.simulate(
            MultiDaySettings(segments: [.day(hours: 1), .nonWear(hours: 1.5), .day(hours: 1)], sampleRateHz: 20, seed: 5))
        let analysis = try RecordingAnalyzer.analyze(
            RecordingAnalysisRequest(night: Self.legsRequest), recordings: MultiDayRecordings.legs(sim))
        #expect(analysis.nights.isEmpty && analysis.summary.nights.isEmpty)
        #expect(analysis.summary.summary.nightCount == 0)
        #expect(analysis.summary.naps.isEmpty)
        // Truth: 1.0 h to 2.5 h. The 60-min windows step by 15 min from the start, so the found
        // span lies on that grid inside the truth, or covers it exactly when it is aligned (it is).
        #expect(analysis.summary.nonWear.map { [$0.startS, $0.endS] } == [[3600, 9000]])
        #expect(analysis.summary.nonWear.map(\.legs) == [[.left, .right]])
        #expect(analysis.summary.nonWear.map(\.excluded) == [true])
        #expect(analysis.summary.terminalSummary().contains("No in-bed period of a night's length found: nothing scored."))
    }

    @Test("A recording of one night only (no day around it): one night over the whole recording")
    func oneNightOnly() throws {
        let sim = try MultiDaySimulator.simulate(
            MultiDaySettings(segments: [.night(hours: 3.5, profile: .mild)], sampleRateHz: 20, seed: 11))
        let analysis = try RecordingAnalyzer.analyze(
            RecordingAnalysisRequest(night: Self.legsRequest), recordings: MultiDayRecordings.legs(sim))
        #expect(analysis.summary.settings["nights.uprightFound"] == SettingValue.flag(false))
        #expect(analysis.summary.nights.count == 1, "\(analysis.summary.naps) \(analysis.summary.nonWear) \(analysis.summary.lyingAwake)")
        let found = try #require(analysis.summary.nights.first)
        #expect(found.inBed.startS == 0)
        #expect(abs(found.inBed.endS - sim.truth.durationS) < 60)
        // The night's own report scores the same window.
        let report = try #require(analysis.nights.first?.analysis.report)
        #expect(abs(report.analysisWindow.timeInBedHours - (found.inBed.endS - found.inBed.startS) / 3600) < 1e-9)
    }

    /// A 5-h night (no day around it) whose right sensor lies still from 1.5 h to 3.5 h: constant
    /// (0, 0, 1) g plus 3 mg of noise (van Hees' non-wear: SD under 13 mg, range under 50 mg). The
    /// 60-min non-wear windows step by 15 min from the start, so 5400-12600 s is found exactly.
    @Test("One sensor off for two hours of a night: one night, that leg's time scored from the other leg")
    func oneSensorOffInTheNight() throws {
        let sim = try MultiDaySimulator.simulate(
            MultiDaySettings(segments: [.night(hours: 5, profile: .moderate)], sampleRateHz: 20, seed: 11))
        var legs = MultiDayRecordings.legs(sim)
        var random = SplitMix64(seed: 2026)
        let rate = sim.settings.sampleRateHz
        for k in Int(5400 * rate)..<Int(12600 * rate) {
            legs[1].recording.x[k] = Float(0.003 * random.gaussian())
            legs[1].recording.y[k] = Float(0.003 * random.gaussian())
            legs[1].recording.z[k] = Float(1 + 0.003 * random.gaussian())
        }
        let analysis = try RecordingAnalyzer.analyze(RecordingAnalysisRequest(night: Self.legsRequest), recordings: legs)
        #expect(analysis.summary.nonWear.map { [$0.startS, $0.endS] } == [[5400, 12600]])
        // Reported as the right sensor off, not as time lost to scoring.
        #expect(analysis.summary.nonWear.map(\.legs) == [[.right]])
        #expect(analysis.summary.nonWear.map(\.excluded) == [false])
        #expect(analysis.summary.nights.count == 1, "\(analysis.summary.naps) \(analysis.summary.nonWear)")
        let found = try #require(analysis.summary.nights.first)
        #expect(found.inBed.startS == 0 && abs(found.inBed.endS - sim.truth.durationS) < 60)
        // The left leg was worn throughout: nothing is excluded for both legs; the right leg's two
        // hours are its own defect time, scored from the left leg alone.
        let report = try #require(analysis.nights.first?.analysis.report)
        #expect(abs(report.indices.validHours - report.analysisWindow.timeInBedHours) < 1e-9)
        let left = try #require(report.quality.first { $0.side == .left })
        let right = try #require(report.quality.first { $0.side == .right })
        #expect(abs((left.scoredFromThisLegOnlyHours ?? 0) - 2) < 1e-6)
        #expect(abs(right.excludedHours - 2) < 1e-6 && left.excludedHours == 0)
        #expect(abs((found.quality.scoredFromOneLegOnlyHours ?? 0) - 2) < 1e-6)
        // No right-leg movement is scored while it was off.
        #expect(!report.candidateMovements.contains { $0.side != .left && $0.onsetS >= 5400 && $0.onsetS < 12600 })
    }

    @Test("A hypnogram replaces the sleep estimate: sleep from its epochs, PLMS index from its sleep")
    func hypnogramReplacesEstimate() throws {
        let sim = try MultiDaySimulator.simulate(
            MultiDaySettings(segments: [.night(hours: 3.5, profile: .mild)], sampleRateHz: 20, seed: 11))
        let truth = try #require(sim.truth.nights.first)
        // The truth's sleep as 30-s epochs from the recording's start (sleep changes on epoch edges).
        let epochs = Int(sim.truth.durationS / 30)
        var text = "epoch,stage\n"
        for k in 0..<epochs {
            let mid = Double(k) * 30 + 15
            text += "\(k),\(truth.sleepSpans.contains { $0.startS <= mid && mid < $0.endS } ? "N2" : "W")\n"
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("hypnogram.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var night = Self.legsRequest
        night.hypnogramPath = path
        let analysis = try RecordingAnalyzer.analyze(
            RecordingAnalysisRequest(night: night), recordings: MultiDayRecordings.legs(sim))
        let found = try #require(analysis.summary.nights.first)
        #expect(found.sleep.source == "hypnogram")
        // The window is the whole recording, so every sleep minute of the truth counts; minutes are
        // asleep by the stage at their middle, so each sleep span's two edges may move by 30 s.
        #expect(abs(found.sleep.totalSleepHours - truth.totalSleepHours) <= 1.0 / 60)
        #expect(abs((found.sleep.sleepOnsetS ?? -1) - (truth.sleepSpans.first?.startS ?? 0)) <= 60)
        #expect(found.indices.plmsIndexEstimate == found.indices.report.plmsIndex)
        #expect(found.indices.report.plmsIndex != nil)
    }

    @Test("Same recording, same bytes: summary.json and each night's report are deterministic")
    func deterministic() throws {
        let sim = try MultiDaySimulator.simulate(
            MultiDaySettings(segments: [.day(hours: 0.5), .night(hours: 3.2, profile: .moderate), .day(hours: 0.3)], sampleRateHz: 20, seed: 21))
        let request = RecordingAnalysisRequest(night: Self.legsRequest)
        let a = try RecordingAnalyzer.analyze(request, recordings: MultiDayRecordings.legs(sim))
        let b = try RecordingAnalyzer.analyze(request, recordings: MultiDayRecordings.legs(sim))
        #expect(a.summary.nights.count == 1)
        #expect(try a.summary.jsonData() == b.summary.jsonData())
        #expect(try a.nights.map { try $0.analysis.report.jsonData() } == b.nights.map { try $0.analysis.report.jsonData() })
    }

    @Test("Two diary nights on one evening get their own folders; diary nights need no detection")
    func twoNightsOneEvening() throws {
        var settings = MultiDaySettings(segments: [.day(hours: 3)], sampleRateHz: 20, seed: 5)
        settings.recordingStart = RecordingStartTime(year: 2026, month: 1, day: 13, hour: 19, minute: 0, second: 0, utcOffsetMinutes: 60)
        let sim = try MultiDaySimulator.simulate(settings)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let diary = folder.file("diary.csv")
        try "night,lights_off,lights_on\na,2026-01-13T19:10+01:00,2026-01-13T19:40+01:00\nb,2026-01-13T20:00+01:00,2026-01-13T21:30+01:00\n"
            .write(toFile: diary, atomically: true, encoding: .utf8)
        let analysis = try RecordingAnalyzer.analyze(
            RecordingAnalysisRequest(night: Self.legsRequest, diaryPath: diary), recordings: MultiDayRecordings.legs(sim))
        #expect(analysis.summary.nights.map(\.date) == ["2026-01-13", "2026-01-13-2"])
        #expect(analysis.nights.map(\.folderName) == ["night-2026-01-13", "night-2026-01-13-2"])
        #expect(analysis.summary.nights.map(\.windowSource) == ["diary", "diary"])
        #expect(analysis.summary.nights.map(\.inBed.startS) == [600, 3600])
    }

    @Test("Respiratory events in a multi-night request are refused: they belong to one night")
    func respiratoryRefused() throws {
        var night = Self.legsRequest
        night.respiratoryEventsPath = "r.csv"
        #expect(throws: AnalysisError.self) {
            try RecordingAnalyzer.analyze(RecordingAnalysisRequest(night: night), recordings: [])
        }
    }

    @Test("A diary night outside the recording is an error naming the diary line")
    func diaryOutside() throws {
        let sim = try MultiDaySimulator.simulate(MultiDaySettings(segments: [.day(hours: 1)], sampleRateHz: 20, seed: 5))
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let diary = folder.file("diary.csv")
        try "night,lights_off,lights_on\n2027-01-01,2027-01-01T23:00+01:00,2027-01-02T07:00+01:00\n"
            .write(toFile: diary, atomically: true, encoding: .utf8)
        #expect {
            try RecordingAnalyzer.analyze(
                RecordingAnalysisRequest(night: Self.legsRequest, diaryPath: diary), recordings: MultiDayRecordings.legs(sim))
        } throws: { error in
            "\(error)".contains("lies outside the recording") && "\(error)".contains("2027-01-01")
        }
    }

    @Test("A diary with a bad time names the file, line and column")
    func diaryBadTime() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let diary = folder.file("diary.csv")
        try "night,lights_off,lights_on\n2026-01-13,2026-01-13T23:00,tomorrow\n".write(toFile: diary, atomically: true, encoding: .utf8)
        #expect {
            try SleepDiaryFile.read(path: diary)
        } throws: { error in
            guard let e = error as? AnnotationFileError else { return false }
            return e.line == 2 && e.column == 3 && e.file == diary && e.exitStatus == .dataError
        }
    }
}
