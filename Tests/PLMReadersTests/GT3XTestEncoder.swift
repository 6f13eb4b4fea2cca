import Foundation
import ZIPFoundation

/// Writes `.gt3x` archives for tests: `info.txt` and a `log.bin` of records laid out as pygt3x
/// reads them (separator 0x1E, type, u32 time, u16 size, payload, ~XOR checksum), zipped by
/// ZIPFoundation.
struct GT3XTestEncoder {
    var rateHz = 30
    var countsPerG = 256.0
    var timeZone = "-05:00:00"
    /// More archive entries (e.g. `calibration.json`), written after info.txt and the log.
    var extraEntries: [(name: String, data: Data)] = []

    var serial = "TAS1E00000001"
    /// Whether info.txt states its Acceleration Scale (older firmware does not).
    var statesScale = true

    func info() -> String {
        [
            "Serial Number: \(serial)", "Device Type: Link", "Firmware: 1.7.2", "Battery Voltage: 4,09",
            "Sample Rate: \(rateHz)", "Start Date: 637517662200000000", "TimeZone: \(timeZone)",
        ].joined(separator: "\r\n") + "\r\n"
            + (statesScale ? "Acceleration Scale: \(countsPerG)\r\nAcceleration Min: -8.0\r\nAcceleration Max: 8.0\r\n" : "")
            + "Limb: Ankle\r\nSide: Left\r\n"
    }

    static func record(type: UInt8, timestamp: UInt32, payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0x1E, type]
        bytes += withUnsafeBytes(of: timestamp.littleEndian, Array.init)
        bytes += withUnsafeBytes(of: UInt16(payload.count).littleEndian, Array.init)
        bytes += payload
        bytes.append(~bytes.reduce(0, ^))
        return bytes
    }

    /// ACTIVITY2: 16-bit little-endian x, y, z.
    static func activity2(_ t: UInt32, _ samples: [(Int, Int, Int)]) -> [UInt8] {
        var payload: [UInt8] = []
        for v in samples {
            for value in [v.0, v.1, v.2] { payload += withUnsafeBytes(of: Int16(value).littleEndian, Array.init) }
        }
        return record(type: 0x1A, timestamp: t, payload: payload)
    }

    /// ACTIVITY: 12-bit values in y, x, z order, packed big-endian, padded to whole bytes.
    static func activity(_ t: UInt32, _ samples: [(Int, Int, Int)]) -> [UInt8] {
        var bits: [Bool] = []
        for v in samples {
            for value in [v.1, v.0, v.2] {
                let u = value & 0xFFF
                for k in (0..<12).reversed() { bits.append((u >> k) & 1 == 1) }
            }
        }
        while bits.count % 8 != 0 { bits.append(false) }
        let payload = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<(start + 8)].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        return record(type: 0x00, timestamp: t, payload: payload)
    }

    static func idleSleep(_ t: UInt32, enter: Bool) -> [UInt8] { record(type: 0x03, timestamp: t, payload: [enter ? 0x08 : 0x09]) }

    /// A zip with info.txt and `entry` (log.bin, or activity.bin for the old layout).
    func archive(log: [UInt8], entry: String = "log.bin", compressed: Bool = true) throws -> String {
        let folder = TestFiles.scratchRoot.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("test.gt3x")
        let archive = try Archive(url: url, accessMode: .create)
        for (name, data) in [("info.txt", Data(info().utf8)), (entry, Data(log))] + extraEntries.map({ ($0.name, $0.data) }) {
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: Date(timeIntervalSince1970: 1_600_000_000),
                compressionMethod: compressed ? .deflate : .none
            ) { position, size in data.subdata(in: Int(position)..<(Int(position) + size)) }
        }
        return url.path
    }
}
