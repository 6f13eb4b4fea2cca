import Foundation
import Testing

@testable import PLMKit
import PLMTestSupport

/// `plm bench`'s engine on tiny simulated nights.
@Suite("Detection benchmark")
struct DetectionBenchmarkTests {
    /// Writes a 0.25-h, 25-Hz moderate night (generic layout, gzip) into `folder/name`.
    private func simulateNight(into folder: TemporaryFolder, name: String, seed: UInt64) throws -> String {
        let night = try NightSimulator.simulate(
            SimulationSettings(profile: .moderate, durationH: 0.25, sampleRateHz: 25, seed: seed))
        let directory = folder.file(name)
        try NightWriter.write(night, toDirectory: directory, layout: .generic, units: .g, gzip: true)
        return directory
    }

    /// `expectedScoring.plmIndex` of a truth.json, read without the package's decoder.
    private func truthPLMIndex(_ nightDirectory: String) throws -> Double {
        let data = try #require(FileManager.default.contents(atPath: (nightDirectory as NSString).appendingPathComponent("truth.json")))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let expected = try #require(root["expectedScoring"] as? [String: Any])
        return try #require(expected["plmIndex"] as? Double)
    }

    @Test("One row per night, in name order; truth PLM index from truth.json; rates in [0, 1]; tables")
    func benchmarkTwoNights() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Written in reverse name order: the benchmark lists nights by name.
        let b = try simulateNight(into: folder, name: "night-b", seed: 2)
        let a = try simulateNight(into: folder, name: "night-a", seed: 1)
        let reports = folder.file("reports")
        var progress: [String] = []
        let result = try await DetectionBenchmark.run(directory: folder.path, reportsDirectory: reports) { progress.append($0.night) }

        #expect(result.nights.map(\.night) == ["night-a", "night-b"])
        #expect(progress == ["night-a", "night-b"])
        #expect(result.rules == "wasm2016")
        for (row, directory) in zip(result.nights, [a, b]) {
            let truth = try truthPLMIndex(directory)
            let found = try #require(row.truthPLMIndex)
            #expect(abs(found - truth) < 1e-9, "\(row.night): truth PLM index \(found), truth.json says \(truth)")
            #expect(row.profile == "moderate")
            #expect(row.layout == "generic")
            #expect(abs(row.hours - 0.25) < 1e-9)
            #expect(row.sampleRateHz == 25)
            // Two legs of 0.25 h at 25 Hz: 22 500 samples each (the simulator may drop rows for gaps).
            #expect(row.samples > 0 && row.samples <= 2 * 22_500)
            for rate in [row.sensitivity, row.positivePredictiveValue, row.f1] {
                let value = try #require(rate)
                #expect((0.0...1.0).contains(value))
            }
            #expect(row.foundPLMIndex != nil)
            #expect(FileManager.default.fileExists(atPath: (reports as NSString).appendingPathComponent("\(row.night).json")))
        }
        for rate in [result.pooled.sensitivity, result.pooled.positivePredictiveValue, result.pooled.f1] {
            let value = try #require(rate)
            #expect((0.0...1.0).contains(value))
        }
        #expect(result.plmIndexAgreement?.nightCount == 2)

        // Text: header, rule, one line per night, the pooled line, the agreement line, the
        // durations line.
        let text = result.text()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(text.hasSuffix("\n"))
        try #require(lines.count == 2 + result.nights.count + 3)
        #expect(lines[0].hasPrefix("night"))
        #expect(lines[1].allSatisfy { $0 == "-" || $0 == " " })
        #expect(lines[2].hasPrefix("night-a") && lines[3].hasPrefix("night-b"))
        #expect(lines[4].hasPrefix("all (pooled)"))
        #expect(lines[5].hasPrefix("PLM index agreement over 2 nights"))
        // The durations line: per bin the share within 0.3 s and, in brackets, the matched count,
        // which is the pooled bins' true positives.
        let pooledBins = try #require(result.pooledByPeakDeviation)
        #expect(lines[6].hasPrefix("Durations within 0.3 s of the truth (matched LMs, pooled): 0-40 mg "))
        for bin in pooledBins { #expect(lines[6].contains("\(bin.label) ") && lines[6].contains("(\(bin.truePositives))")) }
        #expect(pooledBins.allSatisfy { $0.durationsWithinTolerance <= $0.truePositives })

        // Markdown: a table whose rows all have the header's number of cells.
        let table = result.markdown().split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
        try #require(table.count == 2 + result.nights.count + 1)
        let cellCounts = table.map { row in row.filter { $0 == "|" }.count - 1 }
        #expect(Set(cellCounts).count == 1, "cells per row: \(cellCounts)")
        // 13 night, sensor and accuracy columns, 4 peak-deviation bins, seconds and samples/s.
        #expect(cellCounts.first == 19)
        #expect(table[0].contains("| noise mg | bits | range g |") && table[0].contains("| sens 0-40 mg | sens 40-100 mg | sens 100-300 mg | sens >= 300 mg |"))
        // Every true movement of a simulated night has a peak deviation: the bins count them all.
        for row in result.nights {
            let bins = try #require(row.sensitivityByPeakDeviation)
            #expect(bins.reduce(0) { $0 + $1.referenceCount } > 0)
        }
        #expect(table.allSatisfy { $0.hasPrefix("|") && $0.hasSuffix("|") })
        let separator = String(table[1])
        #expect(separator.allSatisfy { "|-: ".contains($0) })
    }

    @Test("A night folder given directly is benchmarked on its own")
    func singleNightFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let night = try simulateNight(into: folder, name: "only", seed: 3)
        let result = try await DetectionBenchmark.run(directory: night)
        #expect(result.nights.map(\.night) == ["only"])
        #expect(result.plmIndexAgreement == nil)
        #expect(result.text().contains("needs at least 2 nights"))
        let row = try #require(result.nights.first)
        #expect(abs((row.truthPLMIndex ?? .nan) - (try truthPLMIndex(night))) < 1e-9)
    }

    @Test("A missing folder is exit 66, a folder without nights 65, a broken truth.json 65 naming it")
    func folderErrors() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let missing = folder.file("absent")
        await #expect {
            _ = try await DetectionBenchmark.run(directory: missing)
        } throws: { error in
            guard let e = error as? AnalysisError else { return false }
            return e.exitStatus.rawValue == 66 && e.description.contains(missing)
        }
        try "not a night\n".write(toFile: folder.file("readme.txt"), atomically: true, encoding: .utf8)
        await #expect {
            _ = try await DetectionBenchmark.run(directory: folder.path)
        } throws: { error in
            (error as? AnalysisError)?.exitStatus.rawValue == 65
        }
        let broken = folder.file("broken")
        try FileManager.default.createDirectory(atPath: broken, withIntermediateDirectories: true)
        let truth = (broken as NSString).appendingPathComponent("truth.json")
        try "{\"format\": \"plm-truth/1\"}\n".write(toFile: truth, atomically: true, encoding: .utf8)
        await #expect {
            _ = try await DetectionBenchmark.run(directory: folder.path)
        } throws: { error in
            guard let e = error as? AnalysisError else { return false }
            return e.exitStatus.rawValue == 65 && e.description.contains(truth)
        }
    }
}
