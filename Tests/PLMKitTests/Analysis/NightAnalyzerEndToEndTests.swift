import Foundation
import Testing

@testable import PLMKit

/// The whole pipeline on two constructed recordings whose movements are known exactly.
@Suite("NightAnalyzer end to end")
struct NightAnalyzerEndToEndTests {
    /// The acceptance: every constructed movement is reported on its leg, each onset and
    /// offset within 0.25 s, and nothing else.
    static let edgeToleranceS = 0.25

    @Test("Reports exactly the constructed movements per leg, onsets and offsets within 0.25 s")
    func constructedMovementsAreFound() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        let analysis = try await NightAnalyzer.analyze(
            AnalysisRequest(legs: [.init(side: .left, path: night.leftPath), .init(side: .right, path: night.rightPath)]))
        let report = analysis.report

        // Report time line: seconds since the left file's first sample; the right file starts 10 s later.
        let expected: [LegSide: [ConstructedMovement]] = [
            .left: TwoLegTestNight.leftMovements,
            .right: TwoLegTestNight.rightMovements.map {
                var m = $0
                m.onsetS += TwoLegTestNight.rightStartDelayS
                return m
            },
        ]
        for side in [LegSide.left, .right] {
            let found = report.legMovements.filter { $0.side == side }.sorted { $0.onsetS < $1.onsetS }
            let truth = try #require(expected[side])
            let foundText = found.map { "\($0.onsetS)-\($0.offsetS)" }.joined(separator: ", ")
            #expect(found.count == truth.count, "\(side): found \(foundText)")
            for (f, t) in zip(found, truth) {
                #expect(
                    abs(f.onsetS - t.onsetS) <= Self.edgeToleranceS,
                    "\(side) movement at \(t.onsetS) s: onset found at \(f.onsetS) s (error \(f.onsetS - t.onsetS) s)")
                #expect(
                    abs(f.offsetS - t.offsetS) <= Self.edgeToleranceS,
                    "\(side) movement ending at \(t.offsetS) s: offset found at \(f.offsetS) s (error \(f.offsetS - t.offsetS) s)")
            }
        }
        // No two movements of opposite legs come within 0.5 s of each other: none merge, 7 + 6 LMs.
        #expect(report.indices.leftLMCount == 7)
        #expect(report.indices.rightLMCount == 6)
        #expect(report.indices.bilateralCLMCount == 0)
    }

    @Test("The later right file is placed on the report's time line; recording.start is the earliest first sample")
    func legsAreAligned() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        let analysis = try await NightAnalyzer.analyze(
            AnalysisRequest(legs: [.init(side: .right, path: night.rightPath), .init(side: .left, path: night.leftPath)]))
        let report = analysis.report

        // The first row written into the left file, which starts first.
        #expect(report.recording.start == TwoLegTestNight.leftStart.adding(milliseconds: 0))
        let legs = Dictionary(report.recording.legs.map { ($0.side, $0) }, uniquingKeysWith: { a, _ in a })
        let left = try #require(legs[.left])
        let right = try #require(legs[.right])
        #expect(left.firstSample == TwoLegTestNight.leftStart.adding(milliseconds: 0))
        #expect(right.firstSample == TwoLegTestNight.rightStart.adding(milliseconds: 0))
        // 9000 rows at 50 Hz: the last one 179.980 s after the first.
        #expect(left.samples == 9000)
        #expect(right.samples == 9000)
        #expect(left.lastSample == TwoLegTestNight.leftStart.adding(milliseconds: 179_980))
        #expect(right.lastSample == TwoLegTestNight.rightStart.adding(milliseconds: 179_980))

        // Whole recording: first left sample (0 s) to the end of the right file (10 + 180 s).
        #expect(abs(report.analysisWindow.startS - 0) < 1e-9)
        #expect(abs(report.analysisWindow.endS - 190) < 1e-6)

        // Every right movement lies after the right file's start, near its constructed time + 10 s.
        let rightFound = report.legMovements.filter { $0.side == .right }.sorted { $0.onsetS < $1.onsetS }
        let firstRight = try #require(rightFound.first)
        let truthFirst = try #require(TwoLegTestNight.rightMovements.first)
        #expect(abs(firstRight.onsetS - (truthFirst.onsetS + TwoLegTestNight.rightStartDelayS)) <= 0.25)
        #expect(rightFound.allSatisfy { $0.onsetS >= TwoLegTestNight.rightStartDelayS })
    }

    @Test("One leg only: the report lists one leg and its movements")
    func singleLeg() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        let analysis = try await NightAnalyzer.analyze(AnalysisRequest(legs: [.init(side: .right, path: night.rightPath)]))
        #expect(analysis.report.recording.legs.map(\.side) == [.right])
        #expect(analysis.report.recording.start == TwoLegTestNight.rightStart.adding(milliseconds: 0))
        // Alone, the right file starts the time line: its movements at their own file times.
        let onsets = analysis.report.legMovements.map(\.onsetS).sorted()
        #expect(onsets.count == TwoLegTestNight.rightMovements.count)
        for (found, truth) in zip(onsets, TwoLegTestNight.rightMovements.map(\.onsetS)) {
            #expect(abs(found - truth) <= 0.25)
        }
        #expect(analysis.report.legMovements.allSatisfy { $0.side == .right })
    }
}
