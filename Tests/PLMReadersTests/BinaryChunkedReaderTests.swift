import Foundation
import PLMCore
import PLMTestSupport
import Testing

@testable import PLMReaders

/// The streaming (chunked) reads of the binary files against the whole-file reader (the
/// reference): the same facts, the same defects (corrupt sectors, truncation, idle sleep, gaps,
/// zero and idle fill, clipping) with the same words and byte offsets, the same samples and times,
/// the same windows, the same errors, whatever the chunk size (1 sample per chunk also decodes
/// one block at a time, crossing every boundary of the decoders' pieces).
@Suite("Chunked (streaming) reader on binary files")
struct BinaryChunkedReaderTests {
    static let chunkSizes = [1, 7, 65_536]

    /// Compares the survey, the chunks and a few windows with the whole-file read of `path`.
    static func expectStreamedAsWhole(_ path: String, chunkSamples: Int, windows: Bool = true) {
        let whole = Result { try RecordingReader.read(path: path) }
        let streamed = Result { try ChunkedRecordingReader.survey(path: path, chunkSamples: chunkSamples) }
        let label = "\(URL(fileURLWithPath: path).lastPathComponent) chunk \(chunkSamples)"
        switch (whole, streamed) {
        case (.success(let recording), .success(let facts)):
            ChunkedRecordingReaderTests.expectSameFacts(facts, RecordingFacts(recording), label)
            expectSameSamples(path, recording, chunkSamples: chunkSamples, label)
            if windows { expectSameWindows(path, recording, facts, label) }
        case (.failure(let a), .failure(let b)):
            #expect("\(a)" == "\(b)", "\(label)")
        default:
            Issue.record("\(label): whole \(whole) but streamed \(streamed)")
        }
    }

    static func expectSameSamples(_ path: String, _ whole: AccelerationRecording, chunkSamples: Int, _ label: String) {
        var x: [Float] = [], y: [Float] = [], z: [Float] = [], times: [Double] = []
        var largest = 0
        do {
            try ChunkedRecordingReader.forEachChunk(path: path, sampleRateHz: whole.sampleRateHz, chunkSamples: chunkSamples) { chunk in
                #expect(chunk.firstSample == x.count, "\(label)")
                largest = max(largest, chunk.count)
                x += Array(chunk.x)
                y += Array(chunk.y)
                z += Array(chunk.z)
                for k in 0..<chunk.count { times.append(chunk.timeS(at: k)) }
                return true
            }
        } catch {
            Issue.record("\(label): \(error)")
        }
        #expect(largest <= chunkSamples, "\(label)")
        #expect(x == whole.x && y == whole.y && z == whole.z, "\(label)")
        #expect(times == whole.sampleTimesS, "\(label)")
    }

    static func expectSameWindows(_ path: String, _ whole: AccelerationRecording, _ facts: RecordingFacts, _ label: String) {
        let d = whole.durationS
        for (from, to) in [(-5.0, d + 5), (0.2 * d, 0.6 * d), (d * 0.9, d * 2)] {
            guard let window = try? ChunkedRecordingReader.window(path: path, facts: facts, fromS: from, toS: to, chunkSamples: 5) else {
                Issue.record("\(label): the window [\(from), \(to)) failed")
                continue
            }
            let slice = whole.slice(fromS: from, toS: to)
            let w = window.recording
            #expect(w.x == slice.x && w.z == slice.z, "\(label) [\(from), \(to))")
            #expect(w.sampleTimesS == slice.sampleTimesS, "\(label) [\(from), \(to))")
            #expect(w.start == slice.start, "\(label) [\(from), \(to))")
            #expect(w.defects == slice.defects, "\(label) [\(from), \(to))")
        }
    }

    // MARK: - Generated files

    /// A .cwa with every defect a sector stream can carry: a checksum failure, an unwritten
    /// (all 0xFF) sector, a time gap of 40 s with the sequence broken, zero fill, identical rows
    /// (idle fill), values at the range limit (clipping), and a file cut inside its last sector.
    static func defectiveCWA(_ packing: CWATestEncoder.Packing) -> Data {
        var rng = SplitMix64(state: 99)
        var encoder = CWATestEncoder()
        encoder.packing = packing
        let n = encoder.samplesPerSector
        // Values within ±8 g (256 per g); packed samples share one exponent per sample.
        var values: [[(Int, Int, Int)]] = (0..<60).map { _ in
            (0..<n).map { _ in
                func r() -> Int { Int.random(in: -500...500, using: &rng) }
                if packing == .packed10Bit {
                    let e = Int.random(in: 0...2, using: &rng)
                    return ((r() / 2) << e, (r() / 2) << e, (r() / 2) << e)
                }
                return (r(), r(), r())
            }
        }
        values[10] = Array(repeating: (0, 0, 0), count: n)  // zero fill
        for k in 20..<29 { values[k] = Array(repeating: (96, -200, 304), count: n) }  // identical rows (idle fill when >= 10 s)
        for k in 0..<(n / 2) { values[30][k] = (2048, 0, 256) }  // at +8 g: clipping
        var sectors = CWAReaderTests.sectors(encoder, values: values)
        for k in 40..<60 {
            sectors[k].timestampS += 40  // a gap of 40 s
            sectors[k].sequence += 5  // sequence broken (sectors lost)
        }
        var data = encoder.file(sectors)
        data[1024 + 15 * 512 + 200] ^= 0x10  // checksum failure
        for b in (1024 + 35 * 512)..<(1024 + 36 * 512) { data[b] = 0xFF }  // unwritten sector
        return data.prefix(data.count - 200)  // cut inside the last sector
    }

    @Test(arguments: chunkSizes)
    func cwaDefectsStreamAsWhole(chunkSamples: Int) throws {
        for packing in [CWATestEncoder.Packing.packed10Bit, .axes3Int16, .ax6Int16] {
            let path = try TestFiles.write(Self.defectiveCWA(packing), name: "defects-\(packing)-\(chunkSamples).cwa")
            let whole = try RecordingReader.read(path: path)
            // Independent of the reader: 60 sectors, 2 unreadable and 1 cut: 57 sectors read.
            #expect(whole.sampleCount == 57 * CWATestEncoder(packing: packing).samplesPerSector)
            let kinds = Set(whole.defects.map(\.kind))
            #expect(kinds.isSuperset(of: [.corruptBlock, .gap, .zeroFill, .clipping]), "\(packing): \(kinds)")
            Self.expectStreamedAsWhole(path, chunkSamples: chunkSamples)
        }
    }

    /// Time stamps far from the sector's samples (offsets up to ±300 samples) and sectors whose
    /// rate wanders: the interpolation segments reach across several sectors, the case where a
    /// streaming read must hold samples back longest.
    @Test(arguments: chunkSizes)
    func cwaDistantTimestampsStreamAsWhole(chunkSamples: Int) throws {
        var rng = SplitMix64(state: 5)
        let encoder = CWATestEncoder()
        let values = CWAReaderTests.randomValues(encoder, sectors: 40, rng: &rng)
        var sectors = CWAReaderTests.sectors(encoder, values: values)
        for k in sectors.indices {
            let offset = [0, 250, -130, 119, 300, 1][k % 6]
            let instant = Double(CWAReaderTests.t0) + Double(k * 120 + offset) / 100.3
            sectors[k].timestampS = Int(instant.rounded(.down))
            sectors[k].fraction32768 = Int(((instant - instant.rounded(.down)) * 32768).rounded(.down))
            sectors[k].timestampOffset = offset
        }
        sectors[17].sequence = 1000  // a run of one sector
        let path = try TestFiles.write(encoder.file(sectors), name: "distant-\(chunkSamples).cwa")
        Self.expectStreamedAsWhole(path, chunkSamples: chunkSamples)
    }

    @Test func unreadableCWAFailsAsWhole() throws {
        var data = Self.defectiveCWA(.packed10Bit).prefix(1024 + 3 * 512)
        for b in 1024..<data.count { data[b] = 0 }
        let path = try TestFiles.write(Data(data), name: "unreadable.cwa")
        #expect(throws: ReadError.self) { try ChunkedRecordingReader.survey(path: path) }
        Self.expectStreamedAsWhole(path, chunkSamples: 7)
    }

    /// A GENEActiv .bin: a page with a non-hexadecimal digit, a page 30 s late (a gap), a page
    /// cut short, and fewer pages than the header announces (truncated).
    static func defectiveGENEActiv() -> String {
        var rng = SplitMix64(state: 3)
        var encoder = GENEActivBinTestEncoder()
        encoder.announcedPages = 12
        let pages = GENEActivBinReaderTests.randomPages(8, rng: &rng)
        var text = encoder.header(pages: 12)
        for (k, samples) in pages.enumerated() {
            let ms = Int((Double(k * 300) / encoder.rateHz * 1000).rounded()) + (k >= 5 ? 30_000 : 0)
            let clock = RecordingClockTime(secondsSince1970: 1_768_516_200 + Double(ms) / 1000, utcOffsetS: nil)
                .iso8601(addingSeconds: 0, dateTimeSeparator: UInt8(ascii: " ")).replacingOccurrences(of: ".", with: ":")
            var page = encoder.page(k, time: clock, samples: samples)
            if k == 2 { page = page.replacingOccurrences(of: "Page Time:", with: "Page Time:x") }
            if k == 3, let range = page.range(of: "7D0", options: .backwards) { page.replaceSubrange(range, with: "7G0") }
            if k == 7 { page = String(page.prefix(page.count - 1200)) }
            text += page
        }
        return text
    }

    @Test(arguments: chunkSizes)
    func geneactivDefectsStreamAsWhole(chunkSamples: Int) throws {
        let path = try TestFiles.write(Self.defectiveGENEActiv(), name: "defects-\(chunkSamples).bin")
        let whole = try RecordingReader.read(path: path)
        #expect(whole.defects.filter { $0.kind == .corruptBlock }.count >= 3)
        #expect(whole.defects.contains { $0.kind == .gap })
        Self.expectStreamedAsWhole(path, chunkSamples: chunkSamples)
    }

    /// A log.bin with ACTIVITY2 and ACTIVITY records, an idle-sleep period, a record with a bad
    /// checksum, zero padding between records and a record cut by the end of the log.
    static func defectiveLog() -> [UInt8] {
        var rng = SplitMix64(state: 8)
        func second() -> [(Int, Int, Int)] {
            (0..<30).map { _ in (Int.random(in: -2000...2000, using: &rng), Int.random(in: -2000...2000, using: &rng), 256) }
        }
        let t0: UInt32 = 1_616_169_420
        var log: [UInt8] = []
        for s in 0..<20 { log += GT3XTestEncoder.activity2(t0 + UInt32(s), second()) }
        log += GT3XTestEncoder.idleSleep(t0 + 20, enter: true)
        log += GT3XTestEncoder.idleSleep(t0 + 45, enter: false)
        for s in 45..<60 { log += GT3XTestEncoder.activity(t0 + UInt32(s), second()) }
        // The bad record's bytes hold no 0x1E, so that the decoder, resynchronising byte by byte,
        // meets no false separator inside it.
        var bad = GT3XTestEncoder.activity2(t0 + 60, Array(repeating: (100, 100, 256), count: 30))
        bad[20] ^= 0x40
        log += bad + [0, 0, 0]
        for s in 61..<80 { log += GT3XTestEncoder.activity2(t0 + UInt32(s), second()) }
        log += GT3XTestEncoder.activity2(t0 + 80, second()).prefix(50)
        return log
    }

    @Test(arguments: chunkSizes)
    func gt3xLogDefectsStreamAsWhole(chunkSamples: Int) throws {
        let path = try GT3XTestEncoder().archive(log: Self.defectiveLog())
        let whole = try RecordingReader.read(path: path)
        let kinds = Set(whole.defects.map(\.kind))
        #expect(kinds.isSuperset(of: [.idleSleep, .corruptBlock]), "\(kinds)")
        // 20 + 15 + 19 whole seconds of 30 samples (the bad and the cut record are lost).
        #expect(whole.sampleCount == 54 * 30)
        Self.expectStreamedAsWhole(path, chunkSamples: chunkSamples)
    }

    @Test(arguments: chunkSizes)
    func gt3xActivityBinStreamsAsWhole(chunkSamples: Int) throws {
        var rng = SplitMix64(state: 12)
        // 1001 samples of 36 bits: 500 whole 9-byte pairs and a half pair (5 bytes).
        var bytes = (0..<(500 * 9 + 5)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes[9 * 100..<(9 * 160)].withUnsafeMutableBufferPointer { $0.update(repeating: 0) }  // zero fill
        let path = try GT3XTestEncoder().archive(log: bytes, entry: "activity.bin")
        let whole = try RecordingReader.read(path: path)
        #expect(whole.sampleCount == 1001)
        Self.expectStreamedAsWhole(path, chunkSamples: chunkSamples)
    }

    /// A .cwa.gz whose gzip stream is cut part-way: the sectors inflated before the cut are read,
    /// with a defect where the stream ends, by both readers alike (it used to be an error).
    @Test func cutCWAGzipGivesTheReadablePart() throws {
        var rng = SplitMix64(state: 31)
        let encoder = CWATestEncoder()
        let values = CWAReaderTests.randomValues(encoder, sectors: 400, rng: &rng)
        let data = encoder.file(CWAReaderTests.sectors(encoder, values: values))
        let full = try BinaryGzipTests.gzipped(data, name: "full.cwa.gz")
        let compressed = try Data(contentsOf: URL(fileURLWithPath: full))
        let path = try TestFiles.write(compressed.prefix(compressed.count / 2), name: "cut.cwa.gz")
        let whole = try RecordingReader.read(path: path)
        #expect(whole.sampleCount > 0 && whole.sampleCount < 400 * 120)
        // The samples read are the file's first ones, exactly.
        let flat = values.flatMap { $0 }
        #expect((0..<whole.sampleCount).allSatisfy { Double(whole.x[$0]) == Double(flat[$0].0) / 256 })
        let cut = try #require(whole.defects.last { $0.kind == .corruptBlock })
        #expect(cut.detail.contains("gzip stream ends early or is damaged"))
        #expect(cut.span.startS >= whole.timeS(ofSample: whole.sampleCount - 1))
        for chunk in Self.chunkSizes { Self.expectStreamedAsWhole(path, chunkSamples: chunk) }
    }

    @Test func stoppingEarlyReadsNoFurther() throws {
        let path = try TestFiles.write(Self.defectiveCWA(.packed10Bit), name: "stop.cwa")
        var seen = 0
        try ChunkedRecordingReader.forEachChunk(path: path, sampleRateHz: 100, chunkSamples: 100) { chunk in
            seen += chunk.count
            return seen < 1000
        }
        #expect(seen >= 1000 && seen < 1100)  // the chunk that reached 1000, no further
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try ChunkedRecordingReader.forEachChunk(path: path, sampleRateHz: 100, chunkSamples: 100) { _ in throw Refused() }
        }
    }

    // MARK: - Corpus

    /// Every binary file of the corpus; chunks of 1 on the small ones only (time).
    static let corpusFiles = [
        "ggir/ax3_testfile.cwa", "ggirread/ax6_testfile.cwa", "skdh/ax3_sample.cwa", "skdh/ax6_sample.cwa",
        "ggir/GENEActiv_testfile.bin", "ggir/genea_testfile.bin", "skdh/gnactv_sample.bin", "geneactiv_reader/left_ankle_example.bin",
        "geneacore/20Hz_file.bin", "geneacore/667Hz.bin", "geneacore/100650Hz_file.bin", "geneacore/Incomplete_bin_file.bin",
        "geneacore/Not_a_GENEActiv_bin_file.bin", "geneacore/Not_contiguous.bin", "geneacore/One_page_bin_file.bin",
        "geneacore/Short_header.bin", "geneacore/Zero_data_pages.bin", "agcounts/example.gt3x", "ggir/actigraph_testfile.gt3x",
        "pygt3x/ISM_Disabled.gt3x", "pygt3x/ISM_Enabled.gt3x", "pygt3x/neo.gt3x",
    ]

    @Test(.enabled(if: TestFiles.corpus != nil, "../shared/corpus is absent: the corpus comparison is skipped"), arguments: [7, 65_536])
    func corpusFilesStreamAsWhole(chunkSamples: Int) throws {
        let corpus = try #require(TestFiles.corpus)
        for file in Self.corpusFiles {
            let path = corpus.appendingPathComponent(file).path
            guard FileManager.default.fileExists(atPath: path) else {
                Issue.record("corpus file \(file) is missing")
                continue
            }
            Self.expectStreamedAsWhole(path, chunkSamples: chunkSamples, windows: chunkSamples > 7)
        }
    }
}
