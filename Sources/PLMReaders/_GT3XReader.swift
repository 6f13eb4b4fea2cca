import Foundation
import PLMCore
internal import ZIPFoundation

/// Decodes ActiGraph `.gt3x` files: a zip archive (read with ZIPFoundation) holding `info.txt`
/// and either `log.bin` (GT3X+ from 2014 on, wGT3X-BT, GT9X: see ``_GT3XLogDecoder``) or, in
/// NHANES-era GT3X+ files, `activity.bin`: one continuous stream of 12-bit packed samples
/// (y, x, z) from info.txt's Start Date at its Sample Rate, 341 counts per g.
enum _GT3XReader {
    /// Bytes inflated per call of the entry consumer.
    static let chunkBytes = 1 << 20

    static func decode(file: _BinaryFile) throws -> _BinaryDecoded {
        let path = file.path
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw ReadError(kind: .malformedData, path: path, byteOffset: 0, found: "a zip archive that cannot be opened (\(error))", expected: "a .gt3x zip archive")
        }
        guard let infoEntry = archive["info.txt"] else {
            throw ReadError(
                kind: .malformedData, path: path, found: "a zip archive without info.txt (entries: \(archive.map(\.path).prefix(8).joined(separator: ", ")))",
                expected: "an ActiGraph .gt3x archive with info.txt and log.bin or activity.bin")
        }
        var infoData = Data()
        try extract(archive, infoEntry, path: path) { infoData.append(contentsOf: $0) }
        let info = _GT3XInfo(text: String(decoding: infoData, as: UTF8.self))
        guard let rateHz = info.rateHz else {
            throw ReadError(kind: .malformedData, path: path, found: "info.txt without a usable Sample Rate", expected: "Sample Rate: N (Hz)")
        }
        let legacy = archive["log.bin"] == nil
        var calibrationNote: String?
        if let calibration = archive["calibration.json"] {
            var json = Data()
            try extract(archive, calibration, path: path) { json.append(contentsOf: $0) }
            calibrationNote = Self.calibrationNote(String(decoding: json, as: UTF8.self))
        }
        let (countsPerG, stated) = info.countsPerG(legacy: legacy)
        var decoded = _BinaryDecoded(layout: .gt3x, reason: "")
        decoded.declaredRateHz = rateHz
        decoded.utcOffsetS = info.utcOffsetS
        decoded.metadata = info.metadata
        decoded.metadata.append(("scale", "\(DecimalText.short(countsPerG)) counts per g" + (stated ? " (info.txt Acceleration Scale)" : " (ActiGraph's for this device family; info.txt states none)")))
        if let calibrationNote { decoded.metadata.append(("calibration", calibrationNote)) }
        if let logEntry = archive["log.bin"] {
            decoded.reason = "ActiGraph .gt3x: zip archive with info.txt and log.bin (\(info.deviceType))"
            decoded.reserve(Int(min(logEntry.uncompressedSize, 1 << 32) / 5))
            var decoder = _GT3XLogDecoder(rateHz: rateHz, countsPerG: countsPerG)
            try extract(archive, logEntry, path: path, skipCRC32: true) { data in
                data.withUnsafeBytes { decoder.feed($0, into: &decoded) }
            }
            decoder.finish(into: &decoded)
            decoded.metadata.append(("records", "\(decoder.recordsRead) in log.bin"))
            if decoder.idleCount > 0 { decoded.metadata.append(("idleSleep", "\(decoder.idleCount) period(s)")) }
        } else if let activityEntry = archive["activity.bin"] {
            decoded.reason = "ActiGraph .gt3x: zip archive with info.txt and activity.bin (NHANES-era \(info.deviceType))"
            guard let startS = info.seconds("start date") else {
                throw ReadError(kind: .malformedData, path: path, found: "info.txt without a Start Date", expected: "Start Date in .NET ticks (activity.bin has no time stamps of its own)")
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(min(activityEntry.uncompressedSize, 1 << 32)))
            try extract(archive, activityEntry, path: path) { bytes.append(contentsOf: $0) }
            decodeActivityBin(bytes, startS: startS, rateHz: rateHz, countsPerG: countsPerG, into: &decoded)
        } else {
            throw ReadError(
                kind: .malformedData, path: path, found: "a .gt3x archive without log.bin or activity.bin",
                expected: "the raw acceleration entry log.bin (or activity.bin in older files)")
        }
        return decoded
    }

    /// What `calibration.json` says, for `inspect`: most files are calibrated on the device
    /// (`"isCalibrated": true`); otherwise ActiGraph's per-device offsets and sensitivities would
    /// have to be applied, which this reader does not do, and says so.
    static func calibrationNote(_ json: String) -> String {
        let compact = json.filter { !$0.isWhitespace }.lowercased()
        if compact.contains("\"iscalibrated\":true") { return "calibrated on the device (calibration.json)" }
        if compact.contains("\"iscalibrated\":false") {
            return "NOT calibrated on the device: calibration.json's offsets and sensitivities are not applied; values are counts / Acceleration Scale"
        }
        return "calibration.json present, its state not recognised"
    }

    /// Streams an entry through `consumer`, turning archive errors into read errors.
    /// - Parameter skipCRC32: skip the zip's CRC-32 over the entry: for log.bin, whose every record
    ///   carries its own checksum (the CRC took a quarter of the read time of a day at 100 Hz).
    static func extract(_ archive: Archive, _ entry: Entry, path: String, skipCRC32: Bool = false, consumer: (Data) throws -> Void) throws {
        do {
            _ = try archive.extract(entry, bufferSize: chunkBytes, skipCRC32: skipCRC32, consumer: consumer)
        } catch let error as ReadError {
            throw error
        } catch {
            throw ReadError(
                kind: .malformedData, path: path, found: "\(entry.path) cannot be extracted (\(error))",
                expected: "an intact zip entry")
        }
    }

    /// `activity.bin`: 36-bit samples (12-bit y, x, z, big-endian bit order), back to back.
    static func decodeActivityBin(_ bytes: [UInt8], startS: Double, rateHz: Double, countsPerG: Double, into decoded: inout _BinaryDecoded) {
        let samples = bytes.count * 8 / 36
        decoded.reserve(samples)
        decoded.originS = startS.rounded(.down)
        let base = startS - decoded.originS
        bytes.withUnsafeBufferPointer { p in
            var bit = 0
            @inline(__always) func next() -> Float {
                let byte = bit >> 3
                let value: Int32 = bit & 7 == 0
                    ? Int32(p[byte]) << 4 | Int32(p[byte + 1]) >> 4
                    : Int32(p[byte] & 0x0F) << 8 | Int32(p[byte + 1])
                bit += 12
                return Float((value << 20) >> 20)
            }
            for s in 0..<samples {
                let y = next(), x = next(), z = next()
                decoded.x.append(Float(Double(x) / countsPerG))
                decoded.y.append(Float(Double(y) / countsPerG))
                decoded.z.append(Float(Double(z) / countsPerG))
                decoded.timesS.append(base + Double(s) / rateHz)
            }
        }
    }
}
