import Foundation
import Testing

@testable import PLMKit

/// The plm-report/1 contract (docs/report-format.md) as written for a real analysis.
@Suite("Report contract (plm-report/1)")
struct ReportContractTests {
    private func analyzeNight(_ night: TwoLegTestNight, rightFirst: Bool = false) async throws -> NightAnalysis {
        var legs: [AnalysisRequest.LegInput] = [.init(side: .left, path: night.leftPath), .init(side: .right, path: night.rightPath)]
        if rightFirst { legs.reverse() }
        return try await NightAnalyzer.analyze(AnalysisRequest(legs: legs))
    }

    private func object(_ value: Any?, _ name: String) throws -> [String: Any] {
        try #require(value as? [String: Any], "\(name) is not an object")
    }

    private func list(_ value: Any?, _ name: String) throws -> [[String: Any]] {
        try #require(value as? [[String: Any]], "\(name) is not a list of objects")
    }

    /// Checks that `keys` are present; `strings` must be strings and `numbers` numbers.
    private func expectKeys(_ object: [String: Any], _ name: String, strings: [String] = [], numbers: [String] = [], others: [String] = []) {
        for key in strings + numbers + others {
            #expect(object.keys.contains(key), "\(name) lacks '\(key)'")
        }
        for key in strings { #expect(object[key] is String, "\(name).\(key) is not a string") }
        for key in numbers { #expect(object[key] is NSNumber, "\(name).\(key) is not a number") }
    }

    @Test("Every required key of plm-report/1 is present, with its type")
    func requiredKeys() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        let analysis = try await analyzeNight(night)
        let root = try object(try JSONSerialization.jsonObject(with: try analysis.report.jsonData()), "report")

        #expect(
            Set(root.keys) == [
                "schema", "tool", "recording", "settings", "analysisWindow", "legMovements", "candidateMovements",
                "series", "indices", "severity", "distributions", "quality",
            ])
        #expect(root["schema"] as? String == "plm-report/1")

        let tool = try object(root["tool"], "tool")
        expectKeys(tool, "tool", strings: ["name", "version"])
        #expect(tool["name"] as? String == "plm")

        let recording = try object(root["recording"], "recording")
        expectKeys(recording, "recording", strings: ["start"], others: ["legs"])
        let legs = try list(recording["legs"], "recording.legs")
        #expect(legs.count == 2)
        for leg in legs {
            expectKeys(
                leg, "recording.legs[]", strings: ["side", "path", "layout", "firstSample", "lastSample"],
                numbers: ["sampleRateHz", "samples"], others: ["defects"])
            #expect(leg["defects"] is [Any], "recording.legs[].defects is not a list")
            #expect(leg["layout"] as? String == "generic")
            #expect(leg["samples"] as? Int == 9000)
            #expect((leg["sampleRateHz"] as? Double).map { abs($0 - 50) < 1e-9 } == true)
        }
        #expect(legs.compactMap { $0["side"] as? String } == ["left", "right"])
        #expect(legs.compactMap { $0["path"] as? String } == [night.leftPath, night.rightPath])

        let settings = try object(root["settings"], "settings")
        #expect(settings["rules"] as? String == "wasm2016")
        #expect(settings["lightsOff"] as? String == "start of recording")
        #expect(settings["windowSource"] as? String == "recording")

        let window = try object(root["analysisWindow"], "analysisWindow")
        expectKeys(window, "analysisWindow", numbers: ["startS", "endS", "timeInBedHours"])
        // Whole recording: 0 to 190 s (the right file ends 10 + 180 s after the left one starts).
        #expect((window["timeInBedHours"] as? Double).map { abs($0 - 190.0 / 3600) < 0.0006 } == true)

        let movements = try list(root["legMovements"], "legMovements")
        #expect(movements.count == TwoLegTestNight.leftMovements.count + TwoLegTestNight.rightMovements.count)
        for m in movements {
            expectKeys(m, "legMovements[]", strings: ["side"], numbers: ["onsetS", "offsetS", "durationS"])
            if let on = m["onsetS"] as? Double, let off = m["offsetS"] as? Double, let d = m["durationS"] as? Double {
                #expect(abs(off - on - d) <= 0.0011)
            }
        }
        let candidates = try list(root["candidateMovements"], "candidateMovements")
        #expect(!candidates.isEmpty)
        for c in candidates {
            expectKeys(c, "candidateMovements[]", strings: ["side"], numbers: ["onsetS", "offsetS", "periodic"])
            #expect(["left", "right", "bilateral"].contains(c["side"] as? String ?? ""))
        }
        let series = try #require(root["series"] as? [Any], "series is not a list")
        for s in series {
            expectKeys(try object(s, "series[]"), "series[]", numbers: ["startS", "endS", "count"])
        }

        let indices = try object(root["indices"], "indices")
        expectKeys(
            indices, "indices", numbers: ["lmCount", "clmCount", "plmCount", "timeInBedHours"],
            others: ["lmIndex", "plmIndex", "periodicityIndex"])
        for key in ["lmIndex", "plmIndex", "periodicityIndex"] {
            #expect(indices[key] is NSNumber || indices[key] is NSNull, "indices.\(key) is neither number nor null")
        }
        // lmCount counts the movements in the window (all 13, each 1-4 s long).
        #expect(indices["lmCount"] as? Int == movements.count)
    }

    @Test("Two runs on the same files give byte-identical JSON")
    func deterministicJSON() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        let first = try await analyzeNight(night).report.jsonData()
        let second = try await analyzeNight(night).report.jsonData()
        #expect(first == second)
        #expect(first.last == UInt8(ascii: "\n"))
    }

    /// docs/report-format.md: `recording.legs` has "one object per input file, left first", and the
    /// report depends only on the files, not on the order they were given in.
    @Test("The report does not depend on the order the legs are given in")
    func legOrder() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        let leftFirst = try await analyzeNight(night).report.jsonData()
        let rightFirst = try await analyzeNight(night, rightFirst: true)
        #expect(rightFirst.report.recording.legs.map(\.side) == [.left, .right])
        #expect(rightFirst.report.quality.map(\.side) == [.left, .right])
        #expect(try rightFirst.report.jsonData() == leftFirst)
    }

    @Test("An output folder receives report.json, report.html and events.csv")
    func outputDirectory() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        let analysis = try await analyzeNight(night)
        let out = night.folder.file("out/nested")
        let written = try ReportDestinations(outputDirectory: out).write(analysis)
        let json = (out as NSString).appendingPathComponent("report.json")
        let html = (out as NSString).appendingPathComponent("report.html")
        let events = (out as NSString).appendingPathComponent("events.csv")
        #expect(written == [json, html, events])

        let jsonBytes = try #require(FileManager.default.contents(atPath: json))
        #expect(jsonBytes == (try analysis.report.jsonData()))
        let htmlText = try String(contentsOfFile: html, encoding: .utf8)
        #expect(htmlText.lowercased().hasPrefix("<!doctype html"))
        let csv = try String(contentsOfFile: events, encoding: .utf8)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: true)
        // A header, then one row per leg movement and one per candidate movement.
        #expect(lines.first?.hasPrefix("kind,side,onset_s,offset_s") == true)
        #expect(lines.count == 1 + analysis.report.legMovements.count + analysis.report.candidateMovements.count)
        #expect(lines.dropFirst().filter { $0.hasPrefix("LM,") }.count == 13)
    }

    @Test("An output folder that is a file is an I/O error naming it")
    func outputDirectoryIsAFile() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        let analysis = try await analyzeNight(night)
        #expect {
            try ReportDestinations(outputDirectory: night.leftPath).write(analysis)
        } throws: { error in
            guard let e = error as? any PipelineError else { return false }
            return e.exitStatus == .ioError && e.description.contains(night.leftPath)
        }
    }
}
