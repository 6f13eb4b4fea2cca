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

    /// Decodes the file at `path`, plain or gzip-compressed (`.cwa.gz`): the sectors are read in
    /// order through ``_ByteStream`` (zlib's `gzread`, which passes plain files through), 4 MiB at
    /// a time. Byte offsets in defects and errors count the uncompressed bytes.
    ///
    /// With `pieces` (a streaming read) the samples are handed on as their times settle
    /// (``_CWAStreamingTimes``) and the buffers reused; nothing is reserved for the whole file.
    ///
    /// A gzip stream that is cut or damaged part-way gives the sectors inflated before the damage
    /// and a `.corruptBlock` defect at that point (the rest of the file cannot be reached), not an error.
    static func decode(path: String, pieces: _BinaryPieces? = nil) throws -> _BinaryDecoded {
        let stream = try _ByteStream(path: path)
        var cut: ReadError?  // a gzip stream that failed part-way
        try refill(stream, cut: &cut)
        let header = try _CWAHeader(bytes: Array(UnsafeBufferPointer(start: stream.buffer, count: min(stream.end, 1024))), path: path)
        var decoded = _BinaryDecoded(layout: .cwa, reason: "Axivity .cwa: \"MD\" header packet (\(header.deviceName))")
        decoded.declaredRateHz = _CWAHeader.rateHz(code: header.rateCode)
        decoded.utcOffsetS = header.timeZoneMinutes.map { $0 * 60 }
        try skip(header.dataOffset, of: stream, cut: &cut)

        // Room for every sector's samples, sized by the first data sector's format and the
        // (uncompressed) size of the file.
        if pieces == nil, stream.end - stream.start >= 32,
            let format = _CWASectorFormat(numAxesBPS: stream.buffer[stream.start + 25], rateCode: stream.buffer[stream.start + 24])
        {
            let sectors = max(0, uncompressedBytes(path: path, stream: stream) - header.dataOffset) / sectorBytes
            decoded.reserve(sectors * format.samplesPerSector)
        }
        var state = _CWADecodeState(headerRateHz: _CWAHeader.rateHz(code: header.rateCode), dataOffset: header.dataOffset)
        var streamingTimes = _CWAStreamingTimes()
        var offset = header.dataOffset  // of the next sector, in the uncompressed bytes
        var tail = 0
        while true {
            if stream.end - stream.start < sectorBytes && !stream.atEndOfFile && cut == nil {
                try refill(stream, cut: &cut)  // reads until the buffer is full or the file ends
                continue
            }
            let available = stream.end - stream.start
            guard available >= sectorBytes else {
                tail = available
                break
            }
            let whole = available / sectorBytes
            let chunk = UnsafeRawBufferPointer(start: stream.buffer + stream.start, count: whole * sectorBytes)
            for k in 0..<whole {
                let bytes = UnsafeRawBufferPointer(rebasing: chunk[(k * sectorBytes)..<((k + 1) * sectorBytes)])
                state.consume(sector: bytes, byteOffset: offset + k * sectorBytes, into: &decoded)
                if let pieces {
                    streamingTimes.update(&state, &decoded)
                    try pieces.drainIfFull(&decoded)
                }
            }
            stream.start += whole * sectorBytes
            offset += whole * sectorBytes
        }
        if tail > 0 {
            state.closeCorruptRun(into: &decoded)
            let sector = (offset - header.dataOffset) / sectorBytes
            decoded.blockDefects.append(
                _BlockDefect(
                    kind: .corruptBlock, sampleIndex: decoded.sampleCount, startS: nil, endS: nil,
                    missingSamples: state.lastFormat?.samplesPerSector ?? 120, byteOffset: offset,
                    detail: "the file ends inside sector \(sector) (\(tail) of 512 bytes)"))
        }
        if let cut { appendCut(cut, at: offset + tail, state: &state, into: &decoded) }
        state.closeCorruptRun(into: &decoded)
        state.resolvePendingCounts(into: &decoded)
        if let pieces {
            streamingTimes.finish(&decoded)
            decoded.originS += streamingTimes.firstSampleShiftS ?? 0
            try pieces.drainAll(&decoded)
        } else {
            state.fillTimes(into: &decoded)
        }
        decoded.metadata = header.metadata(firstSector: state.firstFormat)
        if stream.isCompressed { decoded.metadata.append(("compression", "gzip (read as it inflates)")) }
        if let first = state.firstFormat, let rate = first.rateHz, rate != decoded.declaredRateHz {
            decoded.metadata.append(("sectorRate", "\(DecimalText.short(rate)) Hz (data sectors)"))
            decoded.declaredRateHz = rate
        }
        return decoded
    }

    /// The defect of a gzip stream cut or damaged after `offset` uncompressed bytes: the sectors
    /// after it are out of reach (how many is unknown: a cut stream has no trailer).
    static func appendCut(_ error: ReadError, at offset: Int, state: inout _CWADecodeState, into decoded: inout _BinaryDecoded) {
        state.closeCorruptRun(into: &decoded)
        let at = error.byteOffset.map { ", compressed byte \($0)" } ?? ""
        decoded.blockDefects.append(
            _BlockDefect(
                kind: .corruptBlock, sampleIndex: decoded.sampleCount, startS: nil, endS: nil, missingSamples: 0,
                byteOffset: offset,
                detail: "the gzip stream ends early or is damaged after \(offset) bytes of uncompressed data\(at); the rest of the file cannot be read"))
    }

    /// Reads more of the stream; a gzip stream that is cut or damaged ends there, its error kept
    /// in `cut` (the bytes inflated before it stay readable). Other errors are thrown.
    static func refill(_ stream: _ByteStream, cut: inout ReadError?) throws {
        guard cut == nil else { return }
        do {
            try stream.refill()
        } catch let error as ReadError where stream.isCompressed && error.kind == .malformedData {
            cut = error
        }
    }

    /// Passes over the first `count` bytes of the stream (the header packet).
    static func skip(_ count: Int, of stream: _ByteStream, cut: inout ReadError?) throws {
        var remaining = count
        while remaining > 0 {
            if stream.start == stream.end {
                guard cut == nil, !stream.atEndOfFile else { return }
                try refill(stream, cut: &cut)
                continue
            }
            let step = min(remaining, stream.end - stream.start)
            stream.start += step
            remaining -= step
        }
        if stream.end - stream.start < sectorBytes && !stream.atEndOfFile { try refill(stream, cut: &cut) }
    }

    /// The file's size in bytes once inflated: its size on disk, or for gzip the trailer's claim
    /// (at most 30 times the compressed size: only a claim, used to reserve buffers).
    static func uncompressedBytes(path: String, stream: _ByteStream) -> Int {
        guard stream.isCompressed else { return stream.fileBytes }
        guard let claimed = RecordingReader.gzipTrailerSize(path: path, fileSize: stream.fileBytes) else { return 0 }
        return min(Int(claimed), stream.fileBytes.multipliedReportingOverflow(by: 30).partialValue)
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
