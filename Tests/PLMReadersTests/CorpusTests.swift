import Foundation
import Testing

@testable import PLMReaders

/// One row of a table in `../shared/corpus/README.md`.
struct CorpusEntry: Sendable, CustomStringConvertible {
    var section: Character
    var file: String
    var rows: Int?
    /// Rate range read off the `fs` cell ("30", "~99-100 (...)", "~80"), nil for "?".
    var rateRange: ClosedRange<Double>?
    /// Duration in seconds and its rounding (half a unit of the last digit shown).
    var durationS: Double?
    var durationRoundingS: Double = 0
    var description: String { file }
}

/// Parses the corpus README's tables: sections A, C, D (raw CSV) and B (count/epoch files).
enum CorpusReadme {
    static func entries(_ corpus: URL) throws -> [CorpusEntry] {
        let text = try String(contentsOf: corpus.appendingPathComponent("README.md"), encoding: .utf8)
        var section: Character = " "
        var header: [String] = []
        var out: [CorpusEntry] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("## "), let letter = line.dropFirst(3).first { section = letter; header = []; continue }
            guard "ABCD".contains(section), line.hasPrefix("|") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if header.isEmpty { header = cells; continue }
            if cells.allSatisfy({ $0.allSatisfy { $0 == "-" } }) { continue }
            func cell(_ name: String) -> String? { header.firstIndex(of: name).map { cells[$0] } }
            let files = (cells.first ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .map { $0.split(separator: " ").first.map(String.init) ?? $0 }
            for file in files where file.hasSuffix(".csv") || file.hasSuffix(".csv.gz") || section == "B" {
                var entry = CorpusEntry(section: section, file: file)
                entry.rows = cell("rows").flatMap { Int($0) }
                if let fs = cell("fs") { entry.rateRange = rateRange(fs) }
                if let duration = cell("duration") { (entry.durationS, entry.durationRoundingS) = durationS(duration) ?? (nil, 0) }
                out.append(entry)
            }
        }
        return out
    }

    /// "30" -> 30...30, "~99-100 (Δt ...)" -> 99...100, "~80" -> 80...80.
    static func rateRange(_ cell: String) -> ClosedRange<Double>? {
        let head = cell.split(separator: "(").first.map(String.init) ?? cell
        let numbers = head.split { !($0.isNumber || $0 == ".") }.compactMap { Double($0) }
        guard let low = numbers.min(), let high = numbers.max() else { return nil }
        return low...high
    }

    /// "600.1 s" -> (600.1, 0.05), "9.32 h" -> (33552, 18).
    static func durationS(_ cell: String) -> (Double, Double)? {
        let parts = cell.split(separator: " ")
        guard parts.count >= 2, let value = Double(parts[0]) else { return nil }
        let decimals = parts[0].split(separator: ".").dropFirst().first?.count ?? 0
        let unit: Double = parts[1].hasPrefix("h") ? 3600 : parts[1].hasPrefix("min") ? 60 : 1
        var half = 0.5
        for _ in 0..<decimals { half /= 10 }
        return (value * unit, half * unit)
    }
}

/// Options some corpus files need (they say so in the README's notes), with why.
private func corpusOptions(_ file: String) -> ReadOptions? {
    var o = ReadOptions()
    switch file {
    case "mimsunit/activpal3.csv":
        // uint8 raw values: GGIR reads activPAL with 8 bits over ±2 g: g = (v - 128) / 64.
        o.units = .counts(perG: 64, zero: 128)
    case "skdh/motion_test_positive.csv":
        // x,y,z only, rate unknown ("?"): any rate reads the rows.
        o.rateHz = 50
    default:
        return nil
    }
    return o
}

@Suite("Corpus of real files (../shared/corpus), skipped when absent")
struct CorpusTests {
    static let entries: [CorpusEntry] = {
        guard let corpus = TestFiles.corpus else { return [] }
        return (try? CorpusReadme.entries(corpus)) ?? []
    }()

    @Test(.enabled(if: TestFiles.corpus != nil)) func readmeListsFilesOfEverySection() {
        for section in "ABCD" { #expect(Self.entries.contains { $0.section == section }, "section \(section)") }
    }

    @Test(.enabled(if: TestFiles.corpus != nil), arguments: entries.filter { $0.section != "B" })
    func rawFileReadsAsListed(_ entry: CorpusEntry) throws {
        let corpus = try #require(TestFiles.corpus)
        let path = corpus.appendingPathComponent(entry.file).path
        var options = ReadOptions()
        if let special = corpusOptions(entry.file) {
            // Auto-detection must refuse it with a message that says what is missing...
            let error = try #require(expectReadError(path))
            #expect(error.kind == .implausibleUnits || error.kind == .unknownLayout, "\(error)")
            #expect(error.hint?.contains("--units") == true || error.hint?.contains("--rate") == true, "\(error)")
            // ...and the options read it.
            options = special
        }
        let r = try RecordingReader.read(path: path, options: options)
        let expectedLayout: RecordingLayout = switch entry.section {
        case "A": .actigraph
        case "C": .axivity
        default: .generic
        }
        #expect(r.layout == expectedLayout)
        if let rows = entry.rows { #expect(r.sampleCount == rows) }
        if let range = entry.rateRange {
            // "~" rates are estimates: 1.5 % either side.
            let low = range.lowerBound * 0.985, high = range.upperBound * 1.015
            #expect(r.sampleRateHz >= low && r.sampleRateHz <= high, "rate \(r.sampleRateHz) vs \(range)")
        }
        if let duration = entry.durationS {
            // The README rounds (and some exports drop a sample): its rounding, one period, or 0.5 %.
            let tolerance = max(entry.durationRoundingS + 1 / r.sampleRateHz, duration * 0.005)
            #expect(abs(r.durationS - duration) <= tolerance, "duration \(r.durationS) vs \(duration)")
        }
        #expect(r.x.count == r.y.count && r.y.count == r.z.count)
    }

    @Test(.enabled(if: TestFiles.corpus != nil), arguments: entries.filter { $0.section == "B" })
    func countFileIsRefused(_ entry: CorpusEntry) throws {
        let corpus = try #require(TestFiles.corpus)
        let error = try #require(expectReadError(corpus.appendingPathComponent(entry.file).path))
        #expect(error.kind == .notRawAcceleration, "\(error)")
        // Named for what it is: counts per epoch (ActiLife header) or an epoch summary (header names).
        #expect(
            error.found.contains("counts per epoch, not raw acceleration") || error.found.contains("an epoch summary ("),
            "\(error)")
        #expect(error.exitStatus == .dataError)
    }

    @Test(.enabled(if: TestFiles.corpus != nil)) func nightLengthGzipFile() throws {
        // README: 141 leading 0,0,0 rows, 100180 zero rows in total, values clip at -6.0.
        let corpus = try #require(TestFiles.corpus)
        let r = try RecordingReader.read(path: corpus.appendingPathComponent("ActivityIndex/sample_GT3X+.csv.gz").path, options: ReadOptions())
        let zero = r.defects.filter { $0.kind == .zeroFill }
        #expect(zero.first?.sampleRange == 0..<141)
        #expect(zero.reduce(0) { $0 + $1.sampleCount } == 100_180)
        #expect(r.defects.contains { $0.kind == .clipping })
        #expect(!r.defects.contains { $0.kind == .gap })
    }

    @Test(.enabled(if: TestFiles.corpus != nil)) func croppedExportStartsAtItsTimestamps() throws {
        // README: first timestamp 12:08:39.725 differs from the header Start Time 11:27:00.
        let corpus = try #require(TestFiles.corpus)
        let r = try RecordingReader.read(path: corpus.appendingPathComponent("mimsunit/actigraph_timestamped.csv").path, options: ReadOptions())
        #expect(r.start?.iso8601 == "2018-06-14T12:08:39.725")
    }

    @Test(.enabled(if: TestFiles.corpus != nil)) func axivityJitterIsNoGap() throws {
        // ax3_testfile_unix_timestamps: 210 rows of regular 100 Hz data.
        let corpus = try #require(TestFiles.corpus)
        let r = try RecordingReader.read(path: corpus.appendingPathComponent("ggir/ax3_testfile_unix_timestamps.csv").path, options: ReadOptions())
        #expect(!r.defects.contains { $0.kind == .gap })
    }
}
