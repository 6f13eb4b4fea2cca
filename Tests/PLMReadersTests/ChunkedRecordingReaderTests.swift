import Foundation
import PLMCore
import Testing

@testable import PLMReaders

/// The streaming reader against the whole-file reader (the reference): the same facts, the same
/// defects with the same lines and words, the same errors, the same windows, whatever the chunk size
/// (one sample per chunk crosses every run boundary).
@Suite("Chunked (streaming) reader")
struct ChunkedRecordingReaderTests {
    /// Files with every defect kind, every layout, jitter, gaps, clipping, units, headerless rows.
    static var files: [String] {
        let fixtures = [
            "actigraph_timestamped.csv", "actigraph_no_timestamp_crlf_padded.csv", "axivity_unix_jitter_gap.csv",
            "axivity_ax6_formatted.csv.gz", "geneactiv_export.csv", "generic_decimal_comma_excel.csv",
            "generic_garmin_semicolon_offset_mg.csv", "generic_mhealth.csv", "generic_shimmer_units_row.csv",
            "actigraph_epoch_counts.csv", "unknown_layout.csv", "actigraph_lsb_counts.csv",
        ].map(TestFiles.fixture)
        let sampleData = TestFiles.testsFolder.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SampleData")
        let nights = ["noisy-actigraph/left.csv.gz", "severe-axivity/right.csv.gz", "mild-geneactiv/left.csv.gz"]
            .map { sampleData.appendingPathComponent($0).path }
        return fixtures + nights
    }

    static func expectSameFacts(_ a: RecordingFacts, _ b: RecordingFacts, _ label: String) {
        #expect(a.layout == b.layout, "\(label)")
        #expect(a.start == b.start, "\(label)")
        #expect(a.declaredRateHz == b.declaredRateHz, "\(label)")
        #expect(a.sampleRateHz == b.sampleRateHz, "\(label)")
        #expect(a.measuredRateHz == b.measuredRateHz, "\(label)")
        #expect(a.sampleCount == b.sampleCount, "\(label)")
        #expect(a.lastSampleTimeS == b.lastSampleTimeS, "\(label)")
        #expect(a.hasSampleTimes == b.hasSampleTimes, "\(label)")
        #expect(a.defects == b.defects, "\(label): \(a.defects.map(\.detail)) vs \(b.defects.map(\.detail))")
        #expect(a.metadata.map { "\($0.key)=\($0.value)" } == b.metadata.map { "\($0.key)=\($0.value)" }, "\(label)")
        #expect(a.layoutReason == b.layoutReason, "\(label)")
    }

    @Test("Survey = whole-file read: facts, defects (lines, details), errors", arguments: [1, 7, 65_536])
    func surveyMatchesWholeRead(chunkSamples: Int) throws {
        let defectPath = try TestFiles.write(defectFile(), name: "defects-\(chunkSamples).csv")
        // One sample per chunk on the small files; the sample nights (100,000+ rows) in chunks of 7 and more.
        let paths = chunkSamples == 1 ? Self.files.filter { !$0.contains("SampleData") } : Self.files
        for path in paths + [defectPath] {
            let whole = Result { try RecordingReader.read(path: path) }
            let streamed = Result { try ChunkedRecordingReader.survey(path: path, chunkSamples: chunkSamples) }
            switch (whole, streamed) {
            case (.success(let recording), .success(let facts)):
                Self.expectSameFacts(facts, RecordingFacts(recording), "\(path) chunk \(chunkSamples)")
            case (.failure(let a), .failure(let b)):
                #expect("\(a)" == "\(b)", "\(path)")
            default:
                Issue.record("\(path): whole \(whole) but streamed \(streamed)")
            }
        }
    }

    /// A resting sensor at 10 Hz (x 0.02, y 0.34, z 0.94 g; a +-2 g range) with x held at +2 g for
    /// rows 100-114 (1.5 s, a stuck axis) and, from row 300, the range reached by y, then z, then
    /// y in turns of 2 rows (rows 300-307, 0.8 s: a kick's peak). By hand: rows 100..<115 are
    /// sustained clipping (one axis 15 rows = 1.5 s > 1 s without a break), excluded; rows
    /// 300..<308 are clipping (no axis longer than 2 rows), kept in scoring. The same from the
    /// whole-file reader and streamed in chunks of 1 and 7 rows.
    @Test("A stuck axis is sustained clipping (excluded); a movement's clipped peak is kept")
    func stuckAxisAgainstMovementPeak() throws {
        var text = "timestamp,x,y,z\n"
        for row in 0..<600 {
            var (x, y, z) = ("0.02", "0.34", "0.94")
            if (100..<115).contains(row) { x = "2.0" }
            if (300..<308).contains(row) {
                if (row - 300) / 2 % 2 == 0 { y = "-2.0" } else { z = "2.0" }
            }
            let ms = row * 100
            text += "2026-01-01T00:\(ms / 60_000 < 10 ? "0" : "")\(ms / 60_000):"
                + "\(ms / 1000 % 60 < 10 ? "0" : "")\(ms / 1000 % 60).\(String(format: "%03d", ms % 1000)),\(x),\(y),\(z)\n"
        }
        let path = try TestFiles.write(text, name: "stuck-axis.csv")
        let whole = try RecordingReader.read(path: path)
        let clipping = whole.defects.filter { $0.kind == .clipping || $0.kind == .sustainedClipping }
        #expect(clipping.map(\.kind) == [.sustainedClipping, .clipping])
        #expect(clipping.map(\.sampleRange) == [100..<115, 300..<308])
        #expect(clipping.map(\.excludesFromScoring) == [true, false])
        for chunkSamples in [1, 7] {
            let streamed = try ChunkedRecordingReader.survey(path: path, chunkSamples: chunkSamples)
            Self.expectSameFacts(streamed, RecordingFacts(whole), "chunk \(chunkSamples)")
        }
    }

    @Test("The defect file's defects, streamed one sample at a time, are the hand-worked ones")
    func defectFileByHand() throws {
        let facts = try ChunkedRecordingReader.survey(path: try TestFiles.write(defectFile(), name: "by-hand.csv"), chunkSamples: 1)
        // DefectTests' table: a duplicate at row 10, backwards at 12, missing 15-16, a gap before row
        // 20 (13 missing), zero fill 20-22, idle fill 23-142 (120 rows), clipping 144-145.
        let kinds = Dictionary(grouping: facts.defects, by: \.kind)
        #expect(kinds[.duplicateTime]?.map(\.sampleRange) == [10..<11])
        #expect(kinds[.nonMonotonicTime]?.map(\.sampleRange) == [12..<13])
        #expect(kinds[.missingValue]?.map(\.sampleRange) == [15..<17])
        #expect(kinds[.gap]?.map(\.sampleCount) == [13])
        #expect(kinds[.gap]?.map(\.line) == [22])
        #expect(kinds[.zeroFill]?.map(\.sampleRange) == [20..<23])
        #expect(kinds[.idleFill]?.map(\.sampleRange) == [23..<143])
        #expect(kinds[.clipping]?.map(\.sampleRange) == [144..<146])
        #expect(kinds[.clipping]?.map(\.line) == [146])
    }

    @Test("Chunks: every sample once, in order, none larger than asked")
    func chunksCoverTheFile() throws {
        let path = Self.files[2]
        let whole = try RecordingReader.read(path: path)
        var x: [Float] = [], times: [Double] = []
        var largest = 0
        try ChunkedRecordingReader.forEachChunk(path: path, sampleRateHz: whole.sampleRateHz, chunkSamples: 5) { chunk in
            #expect(chunk.firstSample == x.count)
            largest = max(largest, chunk.count)
            x += Array(chunk.x)
            for k in 0..<chunk.count { times.append(chunk.timeS(at: k)) }
            return true
        }
        #expect(largest == 5)
        #expect(x.elementsEqual(whole.x) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(times == whole.sampleTimesS)
    }

    @Test("A window = the whole file's slice (samples, times, clock, clipped defects)")
    func windowMatchesSlice() throws {
        let defectPath = try TestFiles.write(defectFile(), name: "window.csv")
        for path in [defectPath, Self.files[1], Self.files[2], Self.files.last ?? ""] {
            let whole = try RecordingReader.read(path: path)
            let facts = try ChunkedRecordingReader.survey(path: path)
            let d = whole.durationS
            for (from, to) in [(-5.0, d + 5), (0.2 * d, 0.6 * d), (0.5, 2.2), (d * 0.9, d * 2), (d + 1, d + 2), (0.4 * d, 0.4 * d)] {
                let slice = whole.slice(fromS: from, toS: to)
                let window = try ChunkedRecordingReader.window(path: path, facts: facts, fromS: from, toS: to, chunkSamples: 3)
                let w = window.recording
                let label = "\(path) [\(from), \(to))"
                #expect(w.sampleCount == slice.sampleCount, "\(label)")
                #expect(w.x.elementsEqual(slice.x) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(label)")
                #expect(w.z.elementsEqual(slice.z) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(label)")
                #expect(w.sampleTimesS == slice.sampleTimesS, "\(label)")
                #expect(w.start == slice.start, "\(label)")
                #expect(w.defects == slice.defects, "\(label)")
                let first = whole.firstSample(atOrAfter: from)
                let t0 = first < whole.sampleCount ? whole.timeS(ofSample: first) : max(0, from)
                #expect(window.firstSampleS == t0, "\(label)")
            }
        }
    }
}
