import Foundation
import PLMCore
import Testing

@testable import PLMReaders

/// Several windows read in one forward pass against the whole file's slices (the reference), and
/// the bound on the samples one window may hold.
@Suite("Chunked reader, windows in one pass")
struct ChunkedWindowsTests {
    @Test("Windows in one pass = the whole file's slices, in order, overlapping and nested ones too", arguments: [3, 65_536])
    func windowsMatchSlices(chunkSamples: Int) throws {
        let defectPath = try TestFiles.write(defectFile(), name: "windows-\(chunkSamples).csv")
        let files = ChunkedRecordingReaderTests.files
        // With times (the defect file: backwards and repeated times; jitter and a gap), without times
        // (files[1]), a sample night.
        for path in [defectPath, files[1], files[2], files.last ?? ""] {
            let whole = try RecordingReader.read(path: path)
            let facts = try ChunkedRecordingReader.survey(path: path)
            let d = whole.durationS
            // Disjoint, touching, overlapping, nested (a long window holding the next two), empty,
            // past the end; not sorted by start.
            let spans: [(fromS: Double, toS: Double)] = [
                (0.05 * d, 0.2 * d), (0.2 * d, 0.3 * d), (0.25 * d, 0.5 * d), (0.4 * d, 0.9 * d), (0.45 * d, 0.5 * d),
                (0.6 * d, 0.6 * d), (0.1 * d, 0.15 * d), (0.95 * d, d + 5), (d + 1, d + 2),
            ]
            var handed: [Int] = []
            try ChunkedRecordingReader.windows(path: path, facts: facts, spans: spans, chunkSamples: chunkSamples) {
                k, w, firstSampleS in
                handed.append(k)
                let (from, to) = spans[k]
                let slice = whole.slice(fromS: from, toS: to)
                let label = "\(path) [\(from), \(to)) chunk \(chunkSamples)"
                #expect(w.sampleCount == slice.sampleCount, "\(label)")
                #expect(w.x.elementsEqual(slice.x) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(label)")
                #expect(w.y.elementsEqual(slice.y) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(label)")
                #expect(w.sampleTimesS == slice.sampleTimesS, "\(label)")
                #expect(w.start == slice.start, "\(label)")
                #expect(w.defects == slice.defects, "\(label)")
                let first = whole.firstSample(atOrAfter: from)
                let t0 = first < whole.sampleCount ? whole.timeS(ofSample: first) : max(0, from)
                #expect(firstSampleS == t0, "\(label)")
                return true
            }
            #expect(handed == Array(spans.indices), "\(path)")
        }
    }

    @Test("Windows: the pass stops when asked; no window after it is handed")
    func windowsStopWhenAsked() throws {
        let path = ChunkedRecordingReaderTests.files[2]
        let facts = try ChunkedRecordingReader.survey(path: path)
        let d = facts.durationS
        var handed: [Int] = []
        try ChunkedRecordingReader.windows(path: path, facts: facts, spans: [(0, 0.1 * d), (0.2 * d, 0.3 * d), (0.4 * d, d)]) {
            k, _, _ in
            handed.append(k)
            return k < 1
        }
        #expect(handed == [0, 1])
    }

    @Test("A window larger than the sample limit is refused with the file and the limit; the file itself is not limited")
    func windowSampleLimit() throws {
        let path = ChunkedRecordingReaderTests.files[2]
        let facts = try ChunkedRecordingReader.survey(path: path)
        let whole = try RecordingReader.read(path: path)
        let half = whole.slice(fromS: 0, toS: 0.5 * whole.durationS).sampleCount
        // The limit at the half window's samples: that window passes, the whole one does not.
        let ok = try ChunkedRecordingReader.window(
            path: path, facts: facts, fromS: 0, toS: 0.5 * whole.durationS, chunkSamples: 5, windowSampleLimit: half)
        #expect(ok.recording.sampleCount == half)
        do {
            _ = try ChunkedRecordingReader.window(
                path: path, facts: facts, fromS: 0, toS: whole.durationS + 1, chunkSamples: 5, windowSampleLimit: half)
            Issue.record("a window of \(whole.sampleCount) samples passed a limit of \(half)")
        } catch let error as ReadError {
            #expect(error.path == path)
            #expect(error.kind == .malformedData)
            #expect(error.found.contains("more than \(half) samples"))
        }
    }

    @Test("The whole-file reader's row limit: a file over it is refused at its first row past the limit; streamed, the same file is surveyed whole and read window by window")
    func rowLimitIsTheWholeFileReaders() throws {
        let path = ChunkedRecordingReaderTests.files.last ?? ""
        let facts = try ChunkedRecordingReader.survey(path: path)
        let limit = facts.sampleCount / 3
        do {
            _ = try RecordingReader.readReportingCompression(path: path, options: ReadOptions(), progress: nil, maximumRows: limit)
            Issue.record("\(facts.sampleCount) rows passed a limit of \(limit)")
        } catch let error as ReadError {
            #expect(error.path == path)
            #expect(error.found == "more than \(limit) rows")
            #expect(error.line != nil)
        }
        // Streamed: windows of under `limit` samples each cover the file.
        let d = facts.durationS
        var samples = 0
        try ChunkedRecordingReader.windows(
            path: path, facts: facts, spans: (0..<5).map { (Double($0) * d / 5, $0 == 4 ? d + 1 : Double($0 + 1) * d / 5) },
            windowSampleLimit: limit
        ) { _, window, _ in
            samples += window.sampleCount
            return true
        }
        #expect(samples == facts.sampleCount)
    }
}
