import CSystemZlib
import Foundation
import PLMTestSupport
import Testing

@testable import PLMReaders

/// Gzip-compressed device files (`.cwa.gz`, GENEActiv `.bin.gz`): recognised by the signature of
/// the inflated bytes and read exactly as the plain file (samples, times, defects and their byte
/// offsets, which count uncompressed bytes).
@Suite("Gzip-compressed binary files")
struct BinaryGzipTests {
    /// `data` gzip-compressed into a scratch file named `name`.
    static func gzipped(_ data: Data, name: String) throws -> String {
        let path = try TestFiles.write(Data(), name: name)
        let file = try #require(gzopen(path, "wb6"))
        let written = data.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
        gzclose(file)
        #expect(Int(written) == data.count)
        return path
    }

    static func expectSameRecording(_ a: AccelerationRecording, _ b: AccelerationRecording) {
        #expect(a.layout == b.layout)
        #expect(a.x == b.x && a.y == b.y && a.z == b.z)
        #expect(a.sampleTimesS == b.sampleTimesS)
        #expect(a.start == b.start)
        #expect(a.defects.map(\.kind) == b.defects.map(\.kind))
        #expect(a.defects.map(\.byteOffset) == b.defects.map(\.byteOffset))
        #expect(a.defects.map(\.span) == b.defects.map(\.span))
    }

    @Test(arguments: [CWATestEncoder.Packing.packed10Bit, .ax6Int16])
    func cwaGzReadsAsThePlainFile(packing: CWATestEncoder.Packing) throws {
        var rng = SplitMix64(state: 23)
        var encoder = CWATestEncoder()
        encoder.packing = packing
        // Enough sectors to cross the reader's 4 MiB chunks (9000 sectors of 512 bytes), with a
        // corrupt sector after the first chunk and a file cut inside its last sector.
        let values = CWAReaderTests.randomValues(encoder, sectors: 9000, rng: &rng)
        var data = encoder.file(CWAReaderTests.sectors(encoder, values: values))
        data[1024 + 8500 * 512 + 77] ^= 0x21
        data = data.prefix(data.count - 100)
        let plain = try RecordingReader.read(path: try TestFiles.write(data, name: "day.cwa"))
        let compressed = try RecordingReader.read(path: try Self.gzipped(data, name: "day.cwa.gz"))
        #expect(plain.sampleCount == 8998 * encoder.samplesPerSector)
        #expect(plain.defects.contains { $0.kind == .corruptBlock && $0.byteOffset == 1024 + 8500 * 512 })
        Self.expectSameRecording(plain, compressed)
        #expect(compressed.metadata.contains { $0.key == "compression" })
        var options = ReadOptions()
        options.format = .cwa
        _ = try RecordingReader.read(path: try Self.gzipped(data, name: "named.gz"), options: options)
    }

    @Test func geneactivBinGzReadsAsThePlainFile() throws {
        var rng = SplitMix64(state: 4)
        let encoder = GENEActivBinTestEncoder()
        let text = encoder.file(GENEActivBinReaderTests.randomPages(5, rng: &rng))
        let plain = try RecordingReader.read(path: try TestFiles.write(text, name: "g.bin"))
        let compressed = try RecordingReader.read(path: try Self.gzipped(Data(text.utf8), name: "g.bin.gz"))
        #expect(plain.layout == .geneactivBin && plain.sampleCount == 5 * 300)
        Self.expectSameRecording(plain, compressed)
    }

    @Test func gzippedGT3XIsRefusedWithAHint() throws {
        let archive = try GT3XTestEncoder().archive(log: GT3XTestEncoder.activity2(1_616_169_420, [(1, 2, 250)]))
        let path = try Self.gzipped(try Data(contentsOf: URL(fileURLWithPath: archive)), name: "a.gt3x.gz")
        let error = try #require(expectReadError(path))
        #expect(error.kind == .unknownLayout && error.found.contains("gzip-compressed .gt3x"))
    }

    /// The GENEActiv PC software's CSV export has the .bin's header keys with commas (FORMATS.md)
    /// and may open with the same title line "Device Identity": plain or gzipped, it is the CSV
    /// export (6 rows in the fixture, first x -0.0547 g), not a .bin.
    @Test(arguments: ["Device Identity\r\n", "Device Identity,\r\n", "Device Identity\n"])
    func geneactivCSVExportWithTheTitleLineIsCSV(title: String) throws {
        let fixture = try String(contentsOfFile: TestFiles.fixture("geneactiv_export.csv"), encoding: .utf8)
        let text = title + fixture
        let plain = try RecordingReader.read(path: try TestFiles.write(text, name: "titled.csv"))
        let compressed = try RecordingReader.read(path: try Self.gzipped(Data(text.utf8), name: "titled.csv.gz"))
        #expect(plain.layout == .geneactiv && plain.sampleCount == 6 && plain.x.first == -0.0547)
        #expect(compressed.layout == .geneactiv && compressed.x == plain.x && compressed.sampleTimesS == plain.sampleTimesS)
    }

    /// The title line alone does not make a .bin: the next line's separator does (a colon in the
    /// .bin header, as in the corpus files and the test encoder's header).
    @Test func geneactivBinSignatureNeedsAColonLine() {
        let header = Array(GENEActivBinTestEncoder().header(pages: 1).utf8.prefix(64))
        #expect(_BinaryFormat.detect(header) == .geneactivBin)
        #expect(_BinaryFormat.detect(Array("Device Identity\nDevice Unique Serial Code:051386\n".utf8)) == .geneactivBin)
        #expect(_BinaryFormat.detect(Array("Device Identity\r\nDevice Type,GENEActiv\r\n".utf8)) == nil)
        #expect(_BinaryFormat.detect(Array("Device Identity".utf8)) == nil)
        #expect(_BinaryFormat.detect(Array("Device Identity\r\n".utf8)) == nil)
    }
}
