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
