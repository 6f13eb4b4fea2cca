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
    /// Most bytes read from info.txt or calibration.json (both are a few hundred bytes).
    static let maximumSmallEntryBytes = 1 << 20
    /// Most bytes of activity.bin held in memory: 4.5 bytes per sample, so 100 M samples
    /// (``RecordingReader/maximumRows``, 11.5 days at 100 Hz).
    static let maximumActivityBinBytes = 450_000_000

    /// - Parameters:
    ///   - pieces: for a streaming read, where the samples go after each inflated piece of
    ///     log.bin or activity.bin (nothing is then reserved for the whole file).
    ///   - pieceBytes: bytes inflated per piece (tests use small pieces to cross every boundary).
    static func decode(file: _BinaryFile, pieces: _BinaryPieces? = nil, pieceBytes: Int = chunkBytes) throws -> _BinaryDecoded {
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
        try extract(archive, infoEntry, path: path, limit: maximumSmallEntryBytes) { infoData.append(contentsOf: $0) }
        let info = _GT3XInfo(text: String(decoding: infoData, as: UTF8.self))
        guard let rateHz = info.rateHz else {
            throw ReadError(kind: .malformedData, path: path, found: "info.txt without a usable Sample Rate", expected: "Sample Rate: N (Hz)")
        }
        let legacy = archive["log.bin"] == nil
        var calibrationState: _GT3XCalibration.State?
        if let calibration = archive["calibration.json"] {
            var json = Data()
            try extract(archive, calibration, path: path, limit: maximumSmallEntryBytes) { json.append(contentsOf: $0) }
            calibrationState = _GT3XCalibration.state(json: json, rateHz: rateHz)
        }
        var coefficients: _GT3XCalibration?
        if case .apply(let calibration, _)? = calibrationState { coefficients = calibration }
        let (countsPerG, stated) = info.countsPerG(legacy: legacy)
        var decoded = _BinaryDecoded(layout: .gt3x, reason: "")
        decoded.declaredRateHz = rateHz
        decoded.utcOffsetS = info.utcOffsetS
        decoded.metadata = info.metadata
        let scale = _GT3XScale(countsPerG: countsPerG, stated: stated, calibration: coefficients, calibrationState: calibrationState)
        if let logEntry = archive["log.bin"] {
            try decodeLogBin(archive, logEntry, info: info, rateHz: rateHz, scale: scale, path: path, pieces: pieces, pieceBytes: pieceBytes, into: &decoded)
        } else if let activityEntry = archive["activity.bin"] {
            try decodeActivityBin(
                archive, activityEntry, info: info, rateHz: rateHz, scale: scale, path: path, pieces: pieces, pieceBytes: pieceBytes, into: &decoded)
        } else {
            throw ReadError(
                kind: .malformedData, path: path, found: "a .gt3x archive without log.bin or activity.bin",
                expected: "the raw acceleration entry log.bin (or activity.bin in older files)")
        }
        return decoded
    }

    /// How a file's counts become g: the scale, whether info.txt stated it, and calibration.json.
    struct _GT3XScale {
        var countsPerG: Double
        var stated: Bool
        var calibration: _GT3XCalibration?
        var calibrationState: _GT3XCalibration.State?

        /// The "scale" fact of the report: the counts per g and where they came from.
        static func fact(_ value: Double, source: String) -> (key: String, value: String) {
            ("scale", "\(DecimalText.short(value)) counts per g (\(source))")
        }
        static let familySource = "ActiGraph's for this device family; info.txt states none"
    }

    /// Decodes log.bin (GT3X+ from 2014 on, wGT3X-BT, GT9X) into `decoded`, with its facts.
    static func decodeLogBin(
        _ archive: Archive, _ logEntry: Entry, info: _GT3XInfo, rateHz: Double, scale: _GT3XScale, path: String,
        pieces: _BinaryPieces?, pieceBytes: Int, into decoded: inout _BinaryDecoded
    ) throws {
        let stated = scale.stated
        decoded.reason = "ActiGraph .gt3x: zip archive with info.txt and log.bin (\(info.deviceType))"
        // At least 4.5 bytes of log.bin per sample; the entry's size is only a claim (bounded
        // by what its compressed bytes could plausibly inflate to, and by `reserve`'s cap).
        let claimed = min(logEntry.uncompressedSize, logEntry.compressedSize.multipliedReportingOverflow(by: 20).partialValue)
        if pieces == nil { decoded.reserve(Int(clamping: claimed / 5)) }
        var decoder = _GT3XLogDecoder(rateHz: rateHz, countsPerG: scale.countsPerG, calibration: scale.calibration)
        decoder.scaleStated = stated
        try extract(archive, logEntry, path: path, skipCRC32: true, bufferSize: pieceBytes) { data in
            data.withUnsafeBytes { decoder.feed($0, into: &decoded) }
            try pieces?.drainIfFull(&decoded)
        }
        decoder.finish(into: &decoded)
        try pieces?.drainAll(&decoded)
        let fromParameters = !stated && decoder.parametersScale != nil && decoder.parametersScale == decoder.countsPerG
        decoded.metadata.append(
            _GT3XScale.fact(
                decoder.countsPerG,
                source: stated ? "info.txt Acceleration Scale" : fromParameters ? "log.bin PARAMETERS record, ACCEL_SCALE" : _GT3XScale.familySource))
        if let parameters = decoder.parametersScale, parameters != decoder.countsPerG {
            let why = stated ? "info.txt's Acceleration Scale used" : "met after the first samples: not used"
            decoded.metadata.append(("parametersScale", "\(DecimalText.short(parameters)) counts per g in log.bin's PARAMETERS record (\(why))"))
        }
        if let calibrationState = scale.calibrationState { decoded.metadata.append(("calibration", calibrationState.note)) }
        decoded.metadata.append(("records", "\(decoder.recordsRead) in log.bin"))
        if decoder.zeroPaddingBytes > 0 { decoded.metadata.append(("zeroPadding", "\(decoder.zeroPaddingBytes) zero byte(s) between records (skipped)")) }
        if decoder.idleCount > 0 { decoded.metadata.append(("idleSleep", "\(decoder.idleCount) period(s)")) }
    }

    /// Decodes activity.bin (NHANES-era GT3X+: 12-bit packed samples from info.txt's Start Date).
    static func decodeActivityBin(
        _ archive: Archive, _ activityEntry: Entry, info: _GT3XInfo, rateHz: Double, scale: _GT3XScale, path: String,
        pieces: _BinaryPieces?, pieceBytes: Int, into decoded: inout _BinaryDecoded
    ) throws {
        decoded.reason = "ActiGraph .gt3x: zip archive with info.txt and activity.bin (NHANES-era \(info.deviceType))"
        guard let startS = info.seconds("start date") else {
            throw ReadError(kind: .malformedData, path: path, found: "info.txt without a Start Date", expected: "Start Date in .NET ticks (activity.bin has no time stamps of its own)")
        }
        // The entry's size is a claim: reserve at most what its compressed bytes could plausibly hold.
        let claimed = min(activityEntry.uncompressedSize, activityEntry.compressedSize.multipliedReportingOverflow(by: 20).partialValue)
        if pieces == nil { decoded.reserve(Int(clamping: min(claimed, UInt64(maximumActivityBinBytes)) * 2 / 9)) }
        var decoder = _GT3XActivityBinDecoder(
            startS: startS, rateHz: rateHz, countsPerG: scale.countsPerG, calibration: scale.calibration, into: &decoded)
        try extract(archive, activityEntry, path: path, limit: maximumActivityBinBytes, bufferSize: pieceBytes) { data in
            data.withUnsafeBytes { decoder.feed($0, into: &decoded) }
            try pieces?.drainIfFull(&decoded)
        }
        decoder.finish(into: &decoded)
        try pieces?.drainAll(&decoded)
        decoded.metadata.append(_GT3XScale.fact(scale.countsPerG, source: scale.stated ? "info.txt Acceleration Scale" : _GT3XScale.familySource))
        if let calibrationState = scale.calibrationState { decoded.metadata.append(("calibration", calibrationState.note)) }
    }

    /// Streams an entry through `consumer`, turning archive errors into read errors.
    /// - Parameter skipCRC32: skip the zip's CRC-32 over the entry: for log.bin, whose every record
    ///   carries its own checksum (the CRC took a quarter of the read time of a day at 100 Hz).
    /// - Parameter limit: most bytes the entry may inflate to (a zip's sizes are only claims; a
    ///   small text entry that inflates without end is refused instead of filling memory).
    static func extract(
        _ archive: Archive, _ entry: Entry, path: String, skipCRC32: Bool = false, limit: Int = .max, bufferSize: Int = chunkBytes,
        consumer: (Data) throws -> Void
    ) throws {
        var inflated = 0
        do {
            _ = try archive.extract(entry, bufferSize: max(1, bufferSize), skipCRC32: skipCRC32) { data in
                inflated += data.count
                guard inflated <= limit else {
                    throw ReadError(
                        kind: .malformedData, path: path,
                        found: "\(entry.path) inflating to more than \(limit) bytes",
                        expected: "a small text entry (\(entry.path) of a .gt3x is a few hundred bytes)")
                }
                try consumer(data)
            }
        } catch let error as ReadError {
            throw error
        } catch let stop as _StopDecoding {
            throw stop
        } catch {
            throw ReadError(
                kind: .malformedData, path: path, found: "\(entry.path) cannot be extracted (\(error))",
                expected: "an intact zip entry")
        }
    }
}
