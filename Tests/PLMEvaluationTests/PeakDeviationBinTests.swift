import Foundation
import PLMCore
import PLMTestSupport
import Testing

@testable import PLMEvaluation

/// Sensitivity by peak deviation on a small constructed reference whose bins are counted by hand,
/// the reference CSV's `kind` and `peak_deviation_mg` columns, and overwriting `--json`.
@Suite struct PeakDeviationBinTests {
    /// Eight reference rows (layout of ../shared/external-nights/*/reference.csv):
    ///
    /// | row | onset | leg | kind | mg | detected? | bin |
    /// |---|---|---|---|---|---|---|
    /// | 1 | 10 | L | lm | 25 | yes | 0-40 |
    /// | 2 | 20 | L | lm | 39.9 | no | 0-40 |
    /// | 3 | 30 | R | lm | 40 | yes | 40-100 (edge: the lower edge is inside) |
    /// | 4 | 40 | R | wake | 150 | yes | 100-300 |
    /// | 5 | 50 | L | posture | (empty) | yes | none |
    /// | 6 | 60 | L | lm | 300 | no | >= 300 |
    /// | 7 | 70 | L | lm | 99.9 | no | 40-100 |
    /// | 8 | 80 | R | too_short (0.3 s) | 20 | - | none: shorter than 0.5 s, takes no part |
    ///
    /// By hand: 0-40 mg 1 of 2; 40-100 mg 1 of 2; 100-300 mg 1 of 1; >= 300 mg 0 of 1. Every row of
    /// 0.5-10 s counts as a reference movement whatever its kind: 7 reference, 4 matched.
    /// Durations of the matches (found - reference): row 1 1.9 - 2 = -0.1 s (within 0.3 s), row 3
    /// 1.5 - 2 = -0.5 s (not), row 4 2.2 - 2 = +0.2 s (within), row 5 no bin: within 0.3 s per
    /// bin 1, 0, 1, 0, shares 1, 0, 1 and none for the empty last bin.
    static let csv = """
        onset_s,offset_s,side,kind,peak_deviation_mg
        10,12,L,lm,25
        20,22,L,lm,39.9
        30,32,R,lm,40
        40,42,R,wake,150
        50,52,L,posture,
        60,62,L,lm,300
        70,71.5,L,lm,99.9
        80,80.3,R,too_short,20

        """

    static let detected = EventSet(
        source: "detector",
        movements: [
            LegMovement(side: .left, onsetS: 10.1, offsetS: 12), LegMovement(side: .right, onsetS: 30, offsetS: 31.5),
            LegMovement(side: .right, onsetS: 40.2, offsetS: 42.4), LegMovement(side: .left, onsetS: 50, offsetS: 52),
            LegMovement(side: .right, onsetS: 90, offsetS: 91),
        ])

    @Test func binsCountedByHand() throws {
        let reference = try EventSetReader.parseReferenceCSV(Array(Self.csv.utf8), path: "reference.csv")
        #expect(reference.movements.count == 8)
        #expect(reference.peakDeviationsMg == [25, 39.9, 40, 150, nil, 300, 99.9, 20])
        let night = Evaluator.evaluate(reference: reference, detected: Self.detected)
        #expect(night.total.referenceCount == 7 && night.total.truePositives == 4 && night.total.detectedCount == 5)
        let bins = try #require(night.sensitivityByPeakDeviation)
        #expect(bins.map(\.label) == ["0-40 mg", "40-100 mg", "100-300 mg", ">= 300 mg"])
        #expect(bins.map(\.referenceCount) == [2, 2, 1, 1])
        #expect(bins.map(\.truePositives) == [1, 1, 1, 0])
        #expect(bins.map(\.sensitivity) == [0.5, 0.5, 1, 0])
        #expect(bins.map(\.durationsWithinTolerance) == [1, 0, 1, 0])
        #expect(bins.map(\.durationShareWithinTolerance) == [1, 0, 1, nil])

        let report = EvaluationReport(nights: [night, night])
        #expect(report.pooledByPeakDeviation?.map(\.referenceCount) == [4, 4, 2, 2])
        #expect(report.pooledByPeakDeviation?.map(\.truePositives) == [2, 2, 2, 0])
        #expect(report.pooledByPeakDeviation?.map(\.durationsWithinTolerance) == [2, 0, 2, 0])
        let text = report.text()
        #expect(text.contains("sens 0-40 mg") && text.contains("sens >= 300 mg") && text.contains("50.0 % (2)"))
        let json = String(decoding: try report.jsonBytes(), as: UTF8.self)
        #expect(json.contains("\"sensitivityByPeakDeviation\"") && json.contains("\"pooledByPeakDeviation\""))
        #expect(json.contains("\"upperMg\" : null"))
        #expect(json.contains("\"durationsWithinTolerance\" : 2") && json.contains("\"durationShareWithinTolerance\" : null"))
        let decoded = try JSONDecoder().decode([PeakDeviationBin].self, from: try JSONEncoder().encode(bins))
        #expect(decoded == bins)
    }

    /// A missed reference movement in time the detection declared excluded is left out of its bin
    /// as it is left out of the counts.
    @Test func missesInExcludedTimeLeaveTheBins() throws {
        let reference = try EventSetReader.parseReferenceCSV(Array(Self.csv.utf8), path: "reference.csv")
        var detected = Self.detected
        detected.excludedSpans = [.left: [TimeSpan(startS: 59, endS: 63)]]
        let night = Evaluator.evaluate(reference: reference, detected: detected)
        #expect(night.total.referenceInExcludedTime == 1)
        #expect(night.sensitivityByPeakDeviation?.map(\.referenceCount) == [2, 2, 1, 0])
    }

    /// Without peak deviations (no column, or a truth written before them) there are no bins and
    /// the JSON has no bin keys.
    @Test func noPeakDeviationsNoBins() throws {
        let reference = try EventSetReader.parseReferenceCSV(Array("onset_s,offset_s,side\n10,12,L\n".utf8), path: "r.csv")
        #expect(reference.peakDeviationsMg == nil)
        let report = EvaluationReport(nights: [Evaluator.evaluate(reference: reference, detected: Self.detected)])
        #expect(report.nights[0].sensitivityByPeakDeviation == nil && report.pooledByPeakDeviation == nil)
        #expect(!String(decoding: try report.jsonBytes(), as: UTF8.self).contains("PeakDeviation"))
        #expect(!report.text().contains("sens 0-40"))
    }

    @Test func truthPeakDeviationsAreRead() throws {
        let json = """
            {"format": "plm-truth/1", "movements": [
              {"side": "left", "onsetS": 1, "offsetS": 2, "peakDeviationMg": 55.5},
              {"side": "right", "onsetS": 3, "offsetS": 4, "peakDeviationMg": 310}]}
            """
        let truth = try EventSetReader.decodeTruth(Array(json.utf8), path: "truth.json")
        #expect(truth.peakDeviationsMg == [55.5, 310])
    }

    @Test(arguments: ["abc", "-5", "nan"])
    func badPeakDeviationNamesLineAndColumn(value: String) {
        let text = "onset_s,offset_s,side,kind,peak_deviation_mg\n1,2,L,lm,30\n3,4,R,lm,\(value)\n"
        #expect {
            try EventSetReader.parseReferenceCSV(Array(text.utf8), path: "ref.csv")
        } throws: { error in
            guard let e = error as? EvaluationError, case .badData(_, let line, let column, _, _) = e else { return false }
            return line == 3 && column == 5 && e.exitStatus == .dataError && e.description.hasPrefix("ref.csv:3:5:")
        }
    }

    /// Writing the JSON over an existing file replaces it (it failed with exit 74 "The file doesn't
    /// exist" on Linux) and leaves no temporary file.
    @Test func writeOverwritesAnExistingFile() throws {
        let temporary = try TemporaryFolder(prefix: "plm-eval-overwrite")
        let folder = temporary.path
        defer { temporary.remove() }
        let path = (folder as NSString).appendingPathComponent("eval.json")
        try Data("old contents".utf8).write(to: URL(fileURLWithPath: path))
        let reference = try EventSetReader.parseReferenceCSV(Array(Self.csv.utf8), path: "reference.csv")
        let report = EvaluationReport(nights: [Evaluator.evaluate(reference: reference, detected: Self.detected)])
        try report.write(toPath: path)
        try report.write(toPath: path)
        #expect(FileManager.default.contents(atPath: path).map { [UInt8]($0) } == (try report.jsonBytes()))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["eval.json"])
    }

    /// A folder that does not exist is a write failure naming the file (exit 74).
    @Test func writeIntoAMissingFolderFails() throws {
        let path = NSTemporaryDirectory() + "plm-no-such-folder-" + UUID().uuidString + "/eval.json"
        let report = EvaluationReport(nights: [])
        #expect {
            try report.write(toPath: path)
        } throws: { error in
            (error as? EvaluationError)?.exitStatus == .ioError && "\(error)".contains(path)
        }
    }
}
