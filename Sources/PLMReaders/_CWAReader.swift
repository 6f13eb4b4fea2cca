import PLMCore

/// Decodes Axivity AX3/AX6 `.cwa` files (OpenMovement format) natively.
///
/// After the 1024-byte header come 512-byte "AX" data sectors (OpenMovement `cwa.h`,
/// little-endian): @4 fractional time (top bit set: 15-bit fraction of a second), @10 sequence
/// id, @14 packed time, @18 light (top 3 bits: accelerometer scale `2^(8+n)` per g), @24 rate
/// code, @25 channels (high nibble) and packing (low nibble: 0 = three 10-bit values and a 2-bit
/// exponent in 32 bits, 2 = 16-bit values), @26 sample index the time stamp belongs to, @28
/// sample count, @30 480 bytes of samples (AX6: gyro x,y,z then accel x,y,z), @510 checksum
/// (the 256 little-endian 16-bit words sum to zero).
///
/// Sample times come from the sectors' time stamps, interpolated linearly between consecutive
/// sectors (as OpenMovement's own reader does), not from the nominal rate. A sector that fails
/// its checksum, does not parse, or is cut off by the end of the file becomes a `.corruptBlock`
/// defect; its samples are absent and reading goes on. The gyroscope of AX6 files is skipped.
enum _CWAReader {
    static let sectorBytes = 512
    /// Sectors read per `pread` (4 MiB).
    static let sectorsPerChunk = 8192

    static func decode(file: _BinaryFile) throws -> _BinaryDecoded {
        let header = try _CWAHeader(bytes: try file.prefix(1024), path: file.path)
        var decoded = _BinaryDecoded(layout: .cwa, reason: "Axivity .cwa: \"MD\" header packet (\(header.deviceName))")
        decoded.declaredRateHz = _CWAHeader.rateHz(code: header.rateCode)
        decoded.utcOffsetS = header.timeZoneMinutes.map { $0 * 60 }
        let dataBytes = max(0, file.size - header.dataOffset)
        let sectorCount = dataBytes / sectorBytes

        // Room for every sector's samples, sized by the first data sector's format.
        var first = [UInt8](repeating: 0, count: 32)
        let firstBytes = try first.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            return try file.read(into: base, count: 32, at: header.dataOffset)
        }
        if firstBytes == 32, let format = _CWASectorFormat(numAxesBPS: first[25], rateCode: first[24]) {
            decoded.reserve(sectorCount * format.samplesPerSector)
        }
        var state = _CWADecodeState(headerRateHz: _CWAHeader.rateHz(code: header.rateCode), dataOffset: header.dataOffset)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: sectorsPerChunk * sectorBytes, alignment: 16)
        defer { chunk.deallocate() }
        guard let chunkBase = chunk.baseAddress else { return decoded }
        var sector = 0
        while sector < sectorCount {
            let count = min(sectorsPerChunk, sectorCount - sector)
            let offset = header.dataOffset + sector * sectorBytes
            let got = try file.read(into: chunkBase, count: count * sectorBytes, at: offset)
            let whole = got / sectorBytes
            for k in 0..<whole {
                let bytes = UnsafeRawBufferPointer(rebasing: chunk[(k * sectorBytes)..<((k + 1) * sectorBytes)])
                state.consume(sector: bytes, byteOffset: offset + k * sectorBytes, into: &decoded)
            }
            if whole < count { break }
            sector += count
        }
        let tail = dataBytes - sectorCount * sectorBytes
        if tail > 0 {
            state.closeCorruptRun(into: &decoded)
            decoded.blockDefects.append(
                _BlockDefect(
                    kind: .corruptBlock, sampleIndex: decoded.x.count, startS: nil, endS: nil,
                    missingSamples: state.lastFormat?.samplesPerSector ?? 120, byteOffset: header.dataOffset + sectorCount * sectorBytes,
                    detail: "the file ends inside sector \(sectorCount) (\(tail) of 512 bytes)"))
        }
        state.closeCorruptRun(into: &decoded)
        state.resolvePendingCounts(into: &decoded)
        state.fillTimes(into: &decoded)
        decoded.metadata = header.metadata(firstSector: state.firstFormat)
        if let first = state.firstFormat, let rate = first.rateHz, rate != decoded.declaredRateHz {
            decoded.metadata.append(("sectorRate", "\(DecimalText.short(rate)) Hz (data sectors)"))
            decoded.declaredRateHz = rate
        }
        return decoded
    }
}

/// How a data sector packs its samples.
struct _CWASectorFormat: Equatable {
    /// Values per sample: 3 (accel), 6 (gyro + accel), 9 (gyro + accel + mag).
    var channels: Int
    /// 0 = packed 10-bit triplets with exponent in 32 bits; 2 = 16-bit values.
    var bytesPerValue: Int
    var rateCode: UInt8

    var bytesPerSample: Int { bytesPerValue == 0 ? 4 : bytesPerValue * channels }
    var samplesPerSector: Int { 480 / bytesPerSample }
    /// First accelerometer value within a sample (AX6/AX9 write the gyroscope first).
    var accelChannel: Int { channels >= 6 ? 3 : 0 }
    var rateHz: Double? { rateCode == 0 ? nil : _CWAHeader.rateHz(code: rateCode) }

    /// The format of a `numAxesBPS` byte, or nil when it is not one the devices write.
    init?(numAxesBPS: UInt8, rateCode: UInt8) {
        channels = Int(numAxesBPS >> 4)
        bytesPerValue = Int(numAxesBPS & 0x0F)
        self.rateCode = rateCode
        let valid = (channels == 3 && (bytesPerValue == 0 || bytesPerValue == 2)) || ((channels == 6 || channels == 9) && bytesPerValue == 2)
        guard valid else { return nil }
    }

    var description: String {
        let packing = bytesPerValue == 0 ? "packed 10-bit" : "16-bit"
        let sensors = channels == 3 ? "accelerometer" : channels == 6 ? "gyroscope + accelerometer" : "gyroscope + accelerometer + magnetometer"
        return "\(sensors), \(packing), \(samplesPerSector) samples per sector"
    }
}
