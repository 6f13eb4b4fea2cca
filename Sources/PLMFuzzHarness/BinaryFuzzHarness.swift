import Foundation
import PLMKit
import ZIPFoundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bodies of the binary readers' fuzz targets (`.cwa`, GENEActiv `.bin`, `.gt3x`).
///
/// Each reads the bytes as they are, and a second time with the format's checksums made right,
/// so that mutations get past the integrity checks into the decoding itself (a random sector or
/// record almost never has a valid checksum).
extension FuzzHarness {
    /// Bytes as an Axivity `.cwa` (auto-detected and with `--format cwa`), then with every
    /// "AX" sector's checksum repaired.
    public static func cwa(_ bytes: [UInt8]) {
        readFile(bytes, name: "recording.cwa", format: .cwa)
        var repaired = bytes
        var at = 1024
        while at + 512 <= repaired.count {
            if repaired[at] == 0x41 && repaired[at + 1] == 0x58 {
                var sum: UInt16 = 0
                for i in stride(from: at, to: at + 510, by: 2) { sum &+= UInt16(repaired[i]) | UInt16(repaired[i + 1]) << 8 }
                let check = 0 &- sum
                repaired[at + 510] = UInt8(check & 0xFF)
                repaired[at + 511] = UInt8(check >> 8)
            }
            at += 512
        }
        if repaired != bytes { readFile(repaired, name: "repaired.cwa", format: .cwa) }
    }

    /// Bytes as a GENEActiv `.bin` (a text format without checksums).
    public static func geneactivBin(_ bytes: [UInt8]) {
        readFile(bytes, name: "recording.bin", format: .geneactivBin)
    }

    /// Bytes as a whole `.gt3x`; as `log.bin` of an archive with a valid info.txt, as is and with
    /// every record's checksum repaired; and as the archive's `info.txt` and `calibration.json`.
    public static func gt3x(_ bytes: [UInt8]) {
        readFile(bytes, name: "whole.gt3x", format: .gt3x)
        let info = Array("Serial Number: MOS2E00000001\r\nDevice Type: wGT3XBT\r\nSample Rate: 30\r\nTimeZone: 02:00:00\r\nAcceleration Scale: 256.0\r\n".utf8)
        readArchive([("info.txt", info), ("log.bin", bytes)])
        let repaired = repairedLog(bytes)
        if repaired != bytes { readArchive([("info.txt", info), ("log.bin", repaired)]) }
        // One valid second of ACTIVITY2 at 30 Hz, for the info.txt and calibration.json variants.
        var record: [UInt8] = [0x1E, 0x1A, 0x00, 0x5E, 0x1B, 0x60, 180, 0]
        for k in 0..<90 { record += [UInt8(truncatingIfNeeded: k * 7), 0] }
        record.append(~record.reduce(0, ^))
        readArchive([("info.txt", bytes), ("log.bin", record)])
        readArchive([("info.txt", info), ("log.bin", record), ("calibration.json", bytes)])
    }

    /// `log` with the checksum of every record that starts at a separator and fits made right.
    static func repairedLog(_ log: [UInt8]) -> [UInt8] {
        var out = log
        var i = 0
        while i + 8 <= out.count {
            guard out[i] == 0x1E else {
                i += 1
                continue
            }
            let end = i + 8 + (Int(out[i + 6]) | Int(out[i + 7]) << 8)
            guard end < out.count else { break }
            out[end] = ~out[i..<end].reduce(0, ^)
            i = end + 1
        }
        return out
    }

    /// Writes the entries as a zip (stored) into a scratch `.gt3x` and reads it.
    static func readArchive(_ entries: [(name: String, bytes: [UInt8])]) {
        let path = scratchPath("archive.gt3x")
        unlink(path)
        defer { unlink(path) }
        do {
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
            for entry in entries {
                let data = Data(entry.bytes)
                try archive.addEntry(with: entry.name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
        } catch {
            return  // not an input problem: the scratch archive could not be written
        }
        expectPipelineError { _ = FileInspection(try RecordingReader.read(path: path)).summaryText }
        expectStreamedAsWhole(path)
    }

    /// A binary file the whole-file reader reads must give the same sample count, start and
    /// defects through the streaming survey (chunks of 7 samples, the decoders' pieces crossed).
    static func expectStreamedAsWhole(_ path: String) {
        guard let recording = try? RecordingReader.read(path: path),
            [RecordingLayout.cwa, .geneactivBin, .gt3x].contains(recording.layout)
        else { return }
        do {
            let facts = try ChunkedRecordingReader.survey(path: path, chunkSamples: 7)
            guard facts.sampleCount == recording.sampleCount, facts.defects == recording.defects, facts.start == recording.start else {
                fatalError("streamed survey differs from the whole-file read: \(facts.sampleCount) vs \(recording.sampleCount) samples")
            }
        } catch {
            fatalError("the whole-file read succeeds but the streamed survey fails: \(error)")
        }
    }

    /// Writes `bytes` to a scratch file and reads it with detection and with `format`.
    static func readFile(_ bytes: [UInt8], name: String, format: FormatChoice) {
        guard let path = writeScratch(bytes, name: name) else { return }
        defer { unlink(path) }
        expectPipelineError { _ = FileInspection(try RecordingReader.read(path: path)).summaryText }
        var options = ReadOptions()
        options.format = format
        expectPipelineError { _ = try RecordingReader.read(path: path, options: options) }
        expectStreamedAsWhole(path)
    }
}
