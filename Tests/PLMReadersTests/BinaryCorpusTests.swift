import Foundation
import Testing

@testable import PLMReaders

/// The binary files of `../shared/corpus` (skipped when it is absent), read natively and compared
/// with the CSV exports of the same recordings, read by the CSV reader: an independent decode
/// by the device makers' or GGIR's software.
@Suite("Binary corpus files against their CSV exports (../shared/corpus), skipped when absent")
struct BinaryCorpusTests {
    static func path(_ file: String) throws -> String {
        try #require(TestFiles.corpus).appendingPathComponent(file).path
    }

    /// AX6 exports (GGIRread, scikit-digital-health): one row per sample, 6 decimals of g.
    @Test(.enabled(if: TestFiles.corpus != nil), arguments: [
        ("ggirread/ax6_testfile.cwa", "ggir/ax6_testfile.csv", 11320),
        ("skdh/ax6_sample.cwa", "skdh/example_data_2min.csv", 10360),
    ])
    func ax6FilesMatchTheirExports(binary: String, export: String, rows: Int) throws {
        let b = try RecordingReader.read(path: Self.path(binary))
        let c = try RecordingReader.read(path: Self.path(export))
        #expect(b.layout == .cwa)
        #expect(b.sampleCount == rows && c.sampleCount == rows)
        let bt = try #require(b.sampleTimesS), ct = try #require(c.sampleTimesS)
        let bs = try #require(b.start), cs = try #require(c.start)
        var worstValue = 0.0, worstTime = 0.0
        for i in 0..<min(b.sampleCount, c.sampleCount) {
            worstValue = max(worstValue, abs(Double(b.x[i] - c.x[i])), abs(Double(b.y[i] - c.y[i])), abs(Double(b.z[i] - c.z[i])))
            worstTime = max(worstTime, abs(bs.secondsSince1970 + bt[i] - (cs.secondsSince1970 + ct[i])))
        }
        #expect(worstValue <= 5e-7 + 9.6e-7)  // the export's 6 decimals + Float32 spacing at 16 g (2^-20)
        // Both interpolate the sector time stamps; they differ by less than two samples (20 ms).
        #expect(worstTime < 0.02)
        #expect(!b.defects.contains { $0.kind == .corruptBlock || $0.kind == .gap })
    }

    /// GGIR's older export of the AX3 file has one row fewer and shifts rows by up to two
    /// samples (its reader's own resampling): every exported row is a sample of the binary
    /// within two places, and the times agree to four sample periods.
    @Test(.enabled(if: TestFiles.corpus != nil))
    func ax3FileMatchesItsExport() throws {
        let b = try RecordingReader.read(path: Self.path("ggir/ax3_testfile.cwa"))
        let c = try RecordingReader.read(path: Self.path("ggir/ax3_testfile.csv"))
        #expect(b.sampleCount == 17400 && c.sampleCount == 17399)
        let bt = try #require(b.sampleTimesS), ct = try #require(c.sampleTimesS)
        let bs = try #require(b.start), cs = try #require(c.start)
        var unmatched = 0, worstTime = 0.0
        for i in 0..<c.sampleCount {
            let found = (max(0, i - 2)...min(b.sampleCount - 1, i + 2)).contains { k in
                b.x[k] == c.x[i] && b.y[k] == c.y[i] && b.z[k] == c.z[i]
            }
            if !found { unmatched += 1 }
            worstTime = max(worstTime, abs(bs.secondsSince1970 + bt[i] - (cs.secondsSince1970 + ct[i])))
        }
        #expect(unmatched == 0)
        #expect(worstTime < 0.04)
    }

    /// Header facts against actfast 1.3.0's reading of the same files (device id, session,
    /// firmware, range, rate) and the corpus README (sample counts).
    @Test(.enabled(if: TestFiles.corpus != nil), arguments: [
        ("ggir/ax3_testfile.cwa", "Axivity AX3", "39434", "26", "44", "±8 g", "100 Hz", 17400),
        ("ggirread/ax6_testfile.cwa", "Axivity AX6", "6011834", "993", "54", "±16 g", "100 Hz", 11320),
        ("skdh/ax3_sample.cwa", "Axivity AX3", "51888", "1020030004", "45", "±8 g", "200 Hz", 58800),
    ])
    func cwaHeaders(file: String, device: String, serial: String, session: String, firmware: String, range: String, rate: String, samples: Int) throws {
        let r = try RecordingReader.read(path: Self.path(file))
        let facts = Dictionary(r.metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(facts["device"] == device && facts["serial"] == serial && facts["session"] == session)
        #expect(facts["firmware"] == firmware && facts["range"] == range && facts["configuredRate"] == rate)
        #expect(r.sampleCount == samples)
    }
}

/// GENEActiv `.bin` corpus files: no CSV export of the same recordings is public (corpus
/// README), so the expected values are actfast 1.3.0's reading of them (an independent Rust
/// decoder): sample count, first and last calibrated sample, first sample's time (unix ns, the
/// device clock read as UTC), and the corpus README's notes.
@Suite("GENEActiv .bin corpus files (../shared/corpus), skipped when absent")
struct GENEActivBinCorpusTests {
    struct Expected: Sendable, CustomStringConvertible {
        var file: String
        var samples: Int
        var first: (Float, Float, Float)
        var last: (Float, Float, Float)
        var firstNs: Int64
        var description: String { file }
    }

    static let files: [Expected] = [
        .init(file: "geneacore/20Hz_file.bin", samples: 2100, first: (-0.01949073, -1.008963, 0.04138068), last: (-0.01949073, -1.0011007, 0.02541899), firstNs: 1736594253000000000),
        .init(file: "geneacore/667Hz.bin", samples: 4200, first: (0.00408676, -1.0011007, 0.06532323), last: (0.01194593, -1.0011007, -0.07035115), firstNs: 1736589785500000000),
        .init(file: "geneacore/100650Hz_file.bin", samples: 46200, first: (0.62837535, 0.53192425, -0.538449), last: (-0.6913144, -0.70835495, 0.28691673), firstNs: 1686916930000000000),
        .init(file: "geneacore/One_page_bin_file.bin", samples: 300, first: (0.24723335, -0.00464931, -0.95671016), last: (0.25119987, 0.00329823, -0.98078233), firstNs: 1726654457000000000),
        .init(file: "geneacore/Not_contiguous.bin", samples: 2700, first: (0.1342676, -0.45200476, 0.8885973), last: (0.12643859, -0.43612546, 0.8925732), firstNs: 1619420400500000000),
        .init(file: "ggir/GENEActiv_testfile.bin", samples: 5031, first: (0.7405217, 0.01406699, -0.6439032), last: (-0.57735264, 0.30939612, -0.8553528), firstNs: 1369908774500000000),
        .init(file: "skdh/gnactv_sample.bin", samples: 900, first: (-0.88049525, 0.1975488, 0.04023521), last: (-0.5278583, -0.56059235, 0.80144185), firstNs: 1558455403500000000),
        .init(file: "geneactiv_reader/left_ankle_example.bin", samples: 3900, first: (-0.03183958, -0.03421364, -1.0046823), last: (-0.5381086, 0.45061097, -1.0006803), firstNs: 1580375831000000000),
    ]

    @Test(.enabled(if: TestFiles.corpus != nil), arguments: files)
    func matchesAnIndependentDecoder(_ e: Expected) throws {
        let r = try RecordingReader.read(path: try BinaryCorpusTests.path(e.file))
        #expect(r.layout == .geneactivBin)
        #expect(r.sampleCount == e.samples)
        let n = r.sampleCount - 1
        let tolerance: Float = 1e-6
        #expect(abs(r.x[0] - e.first.0) < tolerance && abs(r.y[0] - e.first.1) < tolerance && abs(r.z[0] - e.first.2) < tolerance)
        #expect(abs(r.x[n] - e.last.0) < tolerance && abs(r.y[n] - e.last.1) < tolerance && abs(r.z[n] - e.last.2) < tolerance)
        let start = try #require(r.start)
        #expect(abs(start.secondsSince1970 - Double(e.firstNs) / 1e9) < 1e-6)
    }

    @Test(.enabled(if: TestFiles.corpus != nil))
    func truncatedFileGivesTheReadablePartAndADefect() throws {
        let r = try RecordingReader.read(path: try BinaryCorpusTests.path("geneactiv_reader/left_ankle_example.bin"))
        #expect(r.metadata.contains { $0.key == "location" && $0.value == "left ankle" })
        let defect = try #require(r.defects.first { $0.kind == .corruptBlock })
        #expect(defect.sampleCount == (480 - 13) * 300)  // README: header says 480 pages, 13 present
        #expect(abs(defect.span.startS - 195) < 1e-6)
    }

    @Test(.enabled(if: TestFiles.corpus != nil))
    func tenHourGapIsAGap() throws {
        let r = try RecordingReader.read(path: try BinaryCorpusTests.path("geneacore/Not_contiguous.bin"))
        let gaps = r.defects.filter { $0.kind == .gap }
        #expect(gaps.count == 1)
        #expect(abs((gaps.first?.span.durationS ?? 0) - 36000) < 1)  // README: 10-hour gap between page 4 and 5
    }

    @Test(.enabled(if: TestFiles.corpus != nil), arguments: [
        ("geneacore/Incomplete_bin_file.bin", nil),
        ("geneacore/Short_header.bin", "no data page"),
        ("geneacore/Zero_data_pages.bin", "no data page"),
        ("geneacore/Not_a_GENEActiv_bin_file.bin", "Activinsights Band"),
    ] as [(String, String?)])
    func corruptFilesGiveTheReadablePartOrAClearRefusal(file: String, refusal: String?) throws {
        let path = try BinaryCorpusTests.path(file)
        if let refusal {
            let error = try #require(expectReadError(path))
            #expect(error.found.contains(refusal))
            #expect(error.byteOffset != nil)
        } else {
            let r = try RecordingReader.read(path: path)
            #expect(r.sampleCount > 0)
            #expect(r.defects.contains { $0.kind == .corruptBlock })
        }
    }
}

/// ActiGraph `.gt3x` corpus files against pygt3x 0.7.1 (ActiGraph's own reader) with its
/// idle-sleep fill left out, actipy's count (README), and ActiLife's CSV export of neo.gt3x.
@Suite("ActiGraph .gt3x corpus files (../shared/corpus), skipped when absent")
struct GT3XCorpusTests {
    @Test(.enabled(if: TestFiles.corpus != nil), arguments: [
        // file, samples pygt3x read from records, first and last sample (g), unix time of the first, idle-sleep s
        ("pygt3x/ISM_Enabled.gt3x", 2190, (Float(0.01953125), Float(0.015625), Float(1.0351562)), (Float(0.05078125), Float(0.01953125), Float(1.0390625)), 1616169420.0, 227.0),
        ("pygt3x/ISM_Disabled.gt3x", 9000, (0.01953125, 0.01171875, 1.0429688), (0.046875, 0.00390625, 1.0351562), 1616169420.0, 0),
        ("agcounts/example.gt3x", 18000, (-0.01953125, 0.0078125, 1.03125), (0.88671875, 0.203125, 0.14453125), 1686645240.0, 0),
        ("ggir/actigraph_testfile.gt3x", 17640, (0.00390625, 0.0234375, -0.95703125), (-0.5, 0.01953125, -0.875), 1598436540.0, (53040 - 17640) / 30),
    ] as [(String, Int, (Float, Float, Float), (Float, Float, Float), Double, Double)])
    func logBinFilesMatchPygt3x(file: String, samples: Int, first: (Float, Float, Float), last: (Float, Float, Float), startS: Double, idleS: Double) throws {
        let r = try RecordingReader.read(path: try BinaryCorpusTests.path(file))
        #expect(r.layout == .gt3x)
        #expect(r.sampleCount == samples)
        let n = r.sampleCount - 1
        #expect(abs(r.x[0] - first.0) < 1e-6 && abs(r.y[0] - first.1) < 1e-6 && abs(r.z[0] - first.2) < 1e-6)
        #expect(abs(r.x[n] - last.0) < 1e-6 && abs(r.y[n] - last.1) < 1e-6 && abs(r.z[n] - last.2) < 1e-6)
        #expect(r.start?.secondsSince1970 == startS)
        // pygt3x fills idle sleep with repeated samples at the rate; those rows' time is what we report.
        let idle = r.defects.filter { $0.kind == .idleSleep }.reduce(0) { $0 + $1.span.durationS }
        #expect(abs(idle - idleS) < 1)
        #expect(!r.defects.contains { $0.kind == .corruptBlock })
    }

    @Test(.enabled(if: TestFiles.corpus != nil))
    func wgt3xIdleSleepPeriodsAreReported() throws {
        let r = try RecordingReader.read(path: try BinaryCorpusTests.path("ggir/actigraph_testfile.gt3x"))
        #expect(r.defects.filter { $0.kind == .idleSleep }.count == 23)  // README: actipy, 23 interrupts
        #expect(r.start?.utcOffsetS == 2 * 3600)
    }

    /// neo.gt3x (activity.bin) and ActiLife's "Raw to CSV" export of it: same rows, values within
    /// the export's 3 decimals.
    @Test(.enabled(if: TestFiles.corpus != nil))
    func activityBinMatchesTheActiLifeExport() throws {
        let b = try RecordingReader.read(path: try BinaryCorpusTests.path("pygt3x/neo.gt3x"))
        var options = ReadOptions()
        options.rateHz = 30
        let c = try RecordingReader.read(path: try BinaryCorpusTests.path("pygt3x/neo.csv"), options: options)
        #expect(b.sampleCount == 18004 && c.sampleCount == 18004)
        var worst: Float = 0
        for i in 0..<min(b.sampleCount, c.sampleCount) {
            worst = max(worst, abs(b.x[i] - c.x[i]), abs(b.y[i] - c.y[i]), abs(b.z[i] - c.z[i]))
        }
        #expect(worst <= 0.0005 + 1e-6)
        #expect(b.start?.iso8601 == "2021-12-20T11:55:00.000-06:00")
    }
}
