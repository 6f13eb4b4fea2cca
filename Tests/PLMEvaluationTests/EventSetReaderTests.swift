import PLMCore
import Testing

@testable import PLMEvaluation

@Suite struct EventSetReaderTests {
    @Test func referenceCSV() throws {
        let text = "# scored from PSG\r\nside,onset_s,offset_s,stage\r\nL,10.5,12,N2\r\n\r\nright,30,31.25,N2\r\nr,40,41,N3\r\n"
        let events = try EventSetReader.parseReferenceCSV(Array(text.utf8), path: "ref.csv")
        #expect(events.movements == [
            LegMovement(side: .left, onsetS: 10.5, offsetS: 12), LegMovement(side: .right, onsetS: 30, offsetS: 31.25),
            LegMovement(side: .right, onsetS: 40, offsetS: 41),
        ])
        #expect(events.plmIndex == nil)
    }

    @Test(arguments: [
        ("onset_s,offset_s,side\n1,2,L\n3,x,R\n", 3, 2),  // offset not a number
        ("onset_s,offset_s,side\n1,2,L\n5,4,R\n", 3, 2),  // offset before onset
        ("onset_s,offset_s,side\n1,2,both\n", 2, 3),  // unknown side
        ("onset_s,offset_s,side\n1,2\n", 2, 3),  // missing field
    ])
    func badCSVNamesLineAndColumn(text: String, line: Int, column: Int) {
        do {
            _ = try EventSetReader.parseReferenceCSV(Array(text.utf8), path: "ref.csv")
            Issue.record("accepted bad CSV")
        } catch {
            #expect(error.exitStatus == .dataError)
            if case .badData(let path, let l, let c, _, _) = error {
                #expect(path == "ref.csv" && l == line && c == column)
            } else {
                Issue.record("unexpected \(error)")
            }
            #expect(error.description.hasPrefix("ref.csv:\(line):\(column): found"))
        }
    }

    @Test func csvWithoutTheColumns() {
        #expect(throws: EvaluationError.self) { try EventSetReader.parseReferenceCSV(Array("a,b,c\n1,2,3\n".utf8), path: "x.csv") }
        #expect(throws: EvaluationError.self) { try EventSetReader.parseReferenceCSV([], path: "x.csv") }
    }

    @Test func reportSubsetIgnoresOtherKeys() throws {
        let json = """
            {"schema": "plm-report/1", "tool": {"name": "plm"}, "indices": {"plmIndex": 31.5, "lmIndex": 60},
             "legMovements": [{"side": "left", "onsetS": 12.5, "offsetS": 14, "durationS": 1.5, "peakAccelerationG": 0.2},
                              {"side": "right", "onsetS": 40, "offsetS": 41.5}]}
            """
        let events = try EventSetReader.decodeReport(Array(json.utf8), path: "report.json")
        #expect(events.plmIndex == 31.5)
        #expect(events.movements == [LegMovement(side: .left, onsetS: 12.5, offsetS: 14), LegMovement(side: .right, onsetS: 40, offsetS: 41.5)])
    }

    @Test(arguments: [
        "{\"schema\": \"plm-report/1\"}",  // no legMovements
        "{\"schema\": \"other/2\", \"legMovements\": []}",
        "{\"legMovements\": [{\"side\": \"middle\", \"onsetS\": 1, \"offsetS\": 2}]}",
        "{\"legMovements\": [{\"side\": \"left\", \"onsetS\": 3, \"offsetS\": 2}]}",
        "not json",
    ])
    func badReportsAreDataErrors(json: String) {
        do {
            _ = try EventSetReader.decodeReport(Array(json.utf8), path: "report.json")
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.exitStatus == .dataError)
            #expect(error.description.hasPrefix("report.json"))
        }
    }

    @Test func missingFileIsNoInput() {
        do {
            _ = try EventSetReader.loadReference(path: "/nonexistent/truth.json")
            Issue.record("read a missing file")
        } catch {
            #expect(error.exitStatus == .noInput)
        }
    }

    @Test func truthSubset() throws {
        let json = """
            {"format": "plm-truth/1", "profile": "mild", "expectedScoring": {"plmIndex": 18.25, "recordingPLMIndex": 16.5, "rules": "wasm2016"},
             "movements": [{"side": "right", "onsetS": 100, "offsetS": 102, "kind": "lm", "countsAsLM": true}]}
            """
        let events = try EventSetReader.decodeTruth(Array(json.utf8), path: "truth.json")
        #expect(events.plmIndex == 18.25 && events.profile == "mild")
        #expect(events.movements == [LegMovement(side: .right, onsetS: 100, offsetS: 102)])
        let whole = try EventSetReader.decodeTruth(Array(json.utf8), path: "truth.json", indexWindow: .recording)
        #expect(whole.plmIndex == 16.5)
    }

    /// A truth with a 100 ppm fast sensor clock: a movement at true 10000-10002 s is at
    /// 10000 x 1.0001 = 10001 s to 10002 x 1.0001 = 10003.0002 s on the recording's clock.
    @Test func truthTimesArePutOnTheRecordingClock() throws {
        let json = """
            {"format": "plm-truth/1", "settings": {"defects": {"clockDriftPPM": 100}},
             "movements": [{"side": "left", "onsetS": 10000, "offsetS": 10002}]}
            """
        let events = try EventSetReader.decodeTruth(Array(json.utf8), path: "truth.json")
        let m = try #require(events.movements.first)
        #expect(abs(m.onsetS - 10001) < 1e-9 && abs(m.offsetS - 10003.0002) < 1e-9)
    }
}

/// Issue 12: `plm evaluate` reads the events CSV with the parser `plm score` uses.
@Suite struct ReferenceCSVIsTheEventsCSVTests {
    @Test("Aliases, tabs and negative onsets are read as plm score reads them")
    func sameAsScore() throws {
        let text = "onset\toffset\tleg\n-5\t-4\tR\n7\t8.5\tleft\n"
        let events = try EventSetReader.parseReferenceCSV(Array(text.utf8), path: "ref.csv")
        #expect(events.movements == [LegMovement(side: .right, onsetS: -5, offsetS: -4), LegMovement(side: .left, onsetS: 7, offsetS: 8.5)])
        #expect(events.movements == (try LegMovementCSV.parse(Array(text.utf8))))
    }
}
