import Foundation
import PLMTestSupport
import Testing

@testable import PLMKit

/// A two-leg night whose left file has a gap (issue 11, external night x2 in small): the right
/// leg's movements inside the gap complete a PLM series under the default `defectExclusion`
/// (`noLegRecorded`) and not under `anyLegDefective`; the report says how long it scored from
/// one leg only.
///
/// Both files: generic CSV, 50 Hz, 300 s, the same start. Left movements at 20, 40, 60 s; the left
/// file's rows from 100 s to just before 208 s are removed (a 108-s gap); right movements at 120,
/// 140, 160 s, inside it. By hand (WASM 2016): IMIs 20, 20, 60, 20, 20 s, so under the default the
/// six LMs form one series (6 PLMs) over the whole 300 s; under the old rule the gap is excluded for
/// both legs, three LMs remain and no series.
@Suite("Defects of one leg through plm analyze")
struct OneLegGapTests {
    static let gapStartS = 100.0
    static let gapEndS = 208.0
    static let rateHz = 50.0

    struct Night {
        let folder: TemporaryFolder
        let leftPath: String
        let rightPath: String

        init() throws {
            folder = try TemporaryFolder()
            leftPath = folder.file("left.csv")
            rightPath = folder.file("right.csv")
            let left = SyntheticAnkleCSV(
                durationS: 300, seed: 31,
                movements: [20.0, 40, 60].map { ConstructedMovement(onsetS: $0, durationS: 1.5, degrees: 18) })
            // Row k (after the header) is the sample at k / 50 s: drop those in the gap.
            let lines = left.csv().split(separator: "\n", omittingEmptySubsequences: false)
            let firstDropped = Int(OneLegGapTests.gapStartS * OneLegGapTests.rateHz) + 1
            let firstKept = Int(OneLegGapTests.gapEndS * OneLegGapTests.rateHz) + 1
            let kept = lines[..<firstDropped] + lines[firstKept...]
            try kept.joined(separator: "\n").write(toFile: leftPath, atomically: true, encoding: .utf8)
            try SyntheticAnkleCSV(
                durationS: 300, seed: 32,
                movements: [120.0, 140, 160].map { ConstructedMovement(onsetS: $0, durationS: 1.5, degrees: 18) }
            ).write(to: rightPath)
        }
    }

    static func analyze(_ night: Night, legs: [LegSide] = [.left, .right], _ exclusion: DefectExclusion) async throws -> NightAnalysis {
        var rules = RuleSet.wasm2016
        rules.defectExclusion = exclusion
        let inputs = legs.map { AnalysisRequest.LegInput(side: $0, path: $0 == .left ? night.leftPath : night.rightPath) }
        return try await NightAnalyzer.analyze(AnalysisRequest(legs: inputs, rules: rules))
    }

    @Test("The right leg's movements in the left gap complete a series under the default, not under anyLegDefective")
    func seriesThroughTheGap() async throws {
        let night = try Night()
        defer { night.folder.remove() }
        let byDefault = try await Self.analyze(night, .noLegRecorded).report
        let gap = try #require(byDefault.recording.legs.first { $0.side == .left }?.defects.first { $0.kind == "gap" })
        // The reader's gap lies between the last sample before and the first after (one 20-ms period).
        #expect(abs(gap.startS - Self.gapStartS) <= 0.021 && abs(gap.endS - Self.gapEndS) <= 0.021)

        #expect(byDefault.indices.lmCount == 6)
        #expect(byDefault.indices.plmCount == 6)
        #expect(byDefault.indices.seriesCount == 1)
        #expect(byDefault.indices.validHours == byDefault.analysisWindow.timeInBedHours)
        #expect(abs(byDefault.analysisWindow.timeInBedHours * 3600 - 300) <= 0.021)
        let quality = Dictionary(byDefault.quality.map { ($0.side, $0) }, uniquingKeysWith: { a, _ in a })
        let rightAloneH = try #require(quality[.right]?.scoredFromThisLegOnlyHours)
        #expect(abs(rightAloneH * 3600 - (Self.gapEndS - Self.gapStartS)) <= 0.05)
        #expect(quality[.left]?.scoredFromThisLegOnlyHours == 0)
        #expect(byDefault.settings["rules.defectExclusion"] == .text("noLegRecorded"))

        let old = try await Self.analyze(night, .anyLegDefective).report
        #expect(old.indices.lmCount == 3)
        #expect(old.indices.plmCount == 0)
        #expect(abs(old.indices.validHours * 3600 - (300 - (Self.gapEndS - Self.gapStartS))) <= 0.05)
        #expect(old.quality.allSatisfy { $0.scoredFromThisLegOnlyHours == 0 })
        #expect(old.settings["rules.defectExclusion"] == .text("anyLegDefective"))
    }

    @Test("JSON and HTML show the time scored from one leg only")
    func reportShowsOneLegTime() async throws {
        let night = try Night()
        defer { night.folder.remove() }
        let analysis = try await Self.analyze(night, .noLegRecorded)
        let json = try #require(String(data: try analysis.report.jsonData(), encoding: .utf8))
        #expect(json.components(separatedBy: "\"scoredFromThisLegOnlyHours\"").count == 3)  // one per leg
        let html = analysis.report.html(traces: analysis.traces)
        #expect(html.contains("Scored from this leg only (h)"))
        // 108 s = 0.030 h.
        #expect(html.contains("Scored from one leg only: 0.03 h from the right leg."))

        let old = try await Self.analyze(night, .anyLegDefective)
        let oldHTML = old.report.html(traces: old.traces)
        #expect(!oldHTML.contains("one-leg-note"))
    }

    @Test("A one-leg recording is scored the same under both rules; its one-leg time is null")
    func oneLegRecording() async throws {
        let night = try Night()
        defer { night.folder.remove() }
        let byDefault = try await Self.analyze(night, legs: [.left], .noLegRecorded).report
        let old = try await Self.analyze(night, legs: [.left], .anyLegDefective).report
        #expect(byDefault.indices == old.indices)
        #expect(byDefault.candidateMovements == old.candidateMovements)
        #expect(byDefault.indices.lmCount == 3)
        #expect(abs(byDefault.indices.validHours * 3600 - (300 - (Self.gapEndS - Self.gapStartS))) <= 0.05)
        #expect(byDefault.quality.count == 1 && byDefault.quality[0].scoredFromThisLegOnlyHours == nil)
        // In the JSON the key is null: there is no other leg.
        let object = try JSONSerialization.jsonObject(with: try byDefault.jsonData()) as? [String: Any]
        let quality = try #require((object?["quality"] as? [[String: Any]])?.first)
        #expect(quality["scoredFromThisLegOnlyHours"] is NSNull)
    }
}
