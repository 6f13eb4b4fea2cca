/// Decodes the records of a `.gt3x` `log.bin`, fed in chunks as the zip entry inflates.
///
/// A record (pygt3x, ActiGraph's GT3X file format description): separator 0x1E, type, 4-byte
/// little-endian time stamp (seconds since 1970 on the device clock), 2-byte payload size, the
/// payload, and a checksum: the ones' complement of the XOR of every byte before it. Types
/// read here: ACTIVITY (0x00, 12-bit values packed big-endian, y x z order; a 1-byte payload is
/// a USB-connection marker, not data), ACTIVITY2 (0x1A, 16-bit little-endian x y z), ACTIVITY3
/// (0x1B, 12-bit packed x y z), and EVENT (0x03) with payload 0x08 / 0x09 = idle-sleep mode
/// entered / left. Each activity record holds one second: sample `i` is at time stamp + i / rate.
///
/// A record failing its checksum, or bytes where a record should start, are a `.corruptBlock`
/// defect (reading resumes at the next separator whose record checks out); idle-sleep periods
/// are `.idleSleep` defects. Nothing is filled.
struct _GT3XLogDecoder {
    static let separator: UInt8 = 0x1E
    static let headerBytes = 8

    enum RecordType: UInt8 {
        case activity = 0x00
        case event = 0x03
        case activity2 = 0x1A
        case activity3 = 0x1B
        case parameters = 0x15
    }

    let rateHz: Double
    /// 1 / counts per g.
    private(set) var scale: Float
    private(set) var countsPerG: Double
    /// Whether counts per g is a power of two (256): then `value × scale` is the exact quotient.
    private(set) var scaleIsExact: Bool
    /// Whether info.txt stated the scale (else the PARAMETERS record's ACCEL_SCALE may set it).
    var scaleStated = true
    /// ACCEL_SCALE of the PARAMETERS record, when log.bin has one.
    var parametersScale: Double?
    /// Unparsed bytes carried from one chunk to the next, and their offset in log.bin.
    var pending: [UInt8] = []
    var pendingOffset = 0
    var originSet = false
    /// Idle sleep entered: the log.bin offset of the event.
    var idleSince: Int?
    var idleCount = 0
    /// A run of bytes that do not form a valid record: where it starts, and how many records failed.
    var corruptStart: Int?
    var corruptReason = ""
    var recordsRead = 0
    /// Zero bytes met between records (see ``parse``).
    var zeroPaddingBytes = 0
    var lastTimestamp: UInt32?

    /// calibration.json's coefficients, when the samples are raw counts to calibrate
    /// (``_GT3XCalibration``); nil when they are calibrated on the device (counts / scale).
    var calibration: _GT3XCalibration?

    init(rateHz: Double, countsPerG: Double, calibration: _GT3XCalibration? = nil) {
        self.rateHz = rateHz
        self.calibration = calibration
        scale = Float(1 / countsPerG)
        self.countsPerG = countsPerG
        scaleIsExact = countsPerG.significandBitPattern == 0 && countsPerG.exponent < 100
    }

    /// The PARAMETERS record (GT3X File Format, LogRecords/Parameters.md): 8-byte items of
    /// address space (u16), identifier (u16) and value (u32); ACCEL_SCALE is space 0, id 55, a
    /// float as a 24-bit two's complement fraction (× 2^-23) and an 8-bit exponent. The format
    /// says to scale ACTIVITY2 by it when present: it sets the scale when info.txt states none
    /// and no sample was decoded yet (the record is written at initialisation, before the data).
    mutating func readParameters(_ payload: UnsafeRawBufferPointer, samplesSoFar: Int) {
        var k = 0
        while k + 8 <= payload.count {
            let space = UInt16(payload[k]) | UInt16(payload[k + 1]) << 8
            let id = UInt16(payload[k + 2]) | UInt16(payload[k + 3]) << 8
            let value = UInt32(payload[k + 4]) | UInt32(payload[k + 5]) << 8 | UInt32(payload[k + 6]) << 16 | UInt32(payload[k + 7]) << 24
            k += 8
            guard space == 0, id == 55 else { continue }
            let exponent = Int(Int8(bitPattern: UInt8(value >> 24)))
            let fraction = Int32(bitPattern: (value & 0x00FF_FFFF) << 8) >> 8
            let scale = Double(fraction) / 8_388_608 * Double(sign: .plus, exponent: exponent, significand: 1)
            guard scale.isFinite, scale > 0 else { continue }
            parametersScale = scale
            if !scaleStated && samplesSoFar == 0 { setCountsPerG(scale) }
        }
    }

    mutating func setCountsPerG(_ value: Double) {
        countsPerG = value
        scale = Float(1 / value)
        scaleIsExact = value.significandBitPattern == 0 && value.exponent < 100
    }

    /// The largest magnitude of three decoded values as a bit pattern (sign cleared): decoded
    /// values are never NaN, so bit patterns order as magnitudes do.
    @inline(__always)
    static func magnitudeBits(_ x: Float, _ y: Float, _ z: Float) -> UInt32 {
        max(x.bitPattern & 0x7FFF_FFFF, y.bitPattern & 0x7FFF_FFFF, z.bitPattern & 0x7FFF_FFFF)
    }

    /// Counts to g: the correctly rounded quotient.
    @inline(__always)
    func g(_ counts: Float) -> Float { scaleIsExact ? counts * scale : Float(Double(counts) / countsPerG) }

    /// Decodes the whole records in `chunk` (after what was left from the last chunk).
    mutating func feed(_ chunk: UnsafeRawBufferPointer, into decoded: inout _BinaryDecoded) {
        pending.append(contentsOf: chunk)
        let used = pending.withUnsafeBytes { parse($0, final: false, into: &decoded) }
        pending.removeFirst(used)
        pendingOffset += used
    }

    /// Ends the log: a record cut off by the end of log.bin is a defect, an idle-sleep period still
    /// open ends at the last time stamp.
    mutating func finish(into decoded: inout _BinaryDecoded) {
        let used = pending.withUnsafeBytes { parse($0, final: true, into: &decoded) }
        if used < pending.count {
            beginCorrupt(at: pendingOffset + used, "the log ends inside a record (\(pending.count - used) bytes)", into: &decoded)
        }
        closeCorrupt(into: &decoded)
        if idleSince != nil { closeIdle(into: &decoded, endS: lastTimestamp.map { Double($0) - decoded.originS }) }
    }

    /// XOR of the bytes `range` of `p`, eight at a time.
    @inline(__always)
    static func xor(_ p: UnsafeRawBufferPointer, _ range: Range<Int>) -> UInt8 {
        var wide: UInt64 = 0
        var k = range.lowerBound
        while k + 8 <= range.upperBound {
            wide ^= p.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            k += 8
        }
        var x = UInt8(truncatingIfNeeded: wide ^ wide >> 32 ^ wide >> 16 ^ wide >> 8 ^ wide >> 24 ^ wide >> 40 ^ wide >> 48 ^ wide >> 56)
        while k < range.upperBound {
            x ^= p[k]
            k += 1
        }
        return x
    }

    /// Parses records from the start of `p`; returns the bytes consumed.
    private mutating func parse(_ p: UnsafeRawBufferPointer, final: Bool, into decoded: inout _BinaryDecoded) -> Int {
        var i = 0
        while i + Self.headerBytes <= p.count {
            if p[i] == 0 && corruptStart == nil {
                // GT3X File Format: "a few extra bytes with 0's can be present between valid
                // records ... this does not mean that the data is corrupted". Skipped and
                // counted; time they stand for, if any, shows as a gap between the records.
                zeroPaddingBytes += 1
                i += 1
                continue
            }
            guard p[i] == Self.separator else {
                beginCorrupt(at: pendingOffset + i, "no record separator 0x1E", into: &decoded)
                i += 1
                continue
            }
            let size = Int(p[i + 6]) | Int(p[i + 7]) << 8
            let end = i + Self.headerBytes + size  // checksum byte position
            guard end < p.count else {
                if final { break }
                return i
            }
            guard ~Self.xor(p, i..<end) == p[end] else {
                beginCorrupt(at: pendingOffset + i, "record checksum mismatch", into: &decoded)
                i += 1
                continue
            }
            closeCorrupt(into: &decoded)
            let timestamp = UInt32(p[i + 2]) | UInt32(p[i + 3]) << 8 | UInt32(p[i + 4]) << 16 | UInt32(p[i + 5]) << 24
            record(type: p[i + 1], timestamp: timestamp, payload: UnsafeRawBufferPointer(rebasing: p[(i + 8)..<end]), offset: pendingOffset + i, into: &decoded)
            i = end + 1
        }
        return i
    }

    private mutating func record(type: UInt8, timestamp: UInt32, payload: UnsafeRawBufferPointer, offset: Int, into decoded: inout _BinaryDecoded) {
        recordsRead += 1
        lastTimestamp = timestamp
        guard let kind = RecordType(rawValue: type) else { return }
        switch kind {
        case .event:
            guard payload.count == 1 else { return }
            if payload[0] == 0x08, idleSince == nil { idleSince = offset }
            if payload[0] == 0x09, idleSince != nil { closeIdle(into: &decoded, endS: nil) }
        case .activity, .activity3:
            guard payload.count > 1 else { return }  // USB-connection marker
            appendPacked(payload, timestamp: timestamp, yxz: kind == .activity, into: &decoded)
        case .parameters:
            readParameters(payload, samplesSoFar: decoded.sampleCount)
        case .activity2:
            appendInt16(payload, timestamp: timestamp, into: &decoded)
        }
    }

    private mutating func startTimes(_ timestamp: UInt32, into decoded: inout _BinaryDecoded) -> Double {
        if !originSet {
            decoded.originS = Double(timestamp)
            originSet = true
        }
        if idleSince != nil { closeIdle(into: &decoded, endS: nil) }  // samples again: the device woke up
        return Double(timestamp) - decoded.originS
    }

    /// 12-bit values, big-endian bit order: bytes `ab cd ef` hold `abc` and `def`.
    private mutating func appendPacked(_ payload: UnsafeRawBufferPointer, timestamp: UInt32, yxz: Bool, into decoded: inout _BinaryDecoded) {
        let base = startTimes(timestamp, into: &decoded)
        let samples = payload.count * 8 / 36
        let period = 1 / rateHz
        var bit = 0
        @inline(__always) func next() -> Float {
            let byte = bit >> 3
            let value: Int32
            if bit & 7 == 0 {
                value = Int32(payload[byte]) << 4 | Int32(payload[byte + 1]) >> 4
            } else {
                value = Int32(payload[byte] & 0x0F) << 8 | Int32(payload[byte + 1])
            }
            bit += 12
            return Float((value << 20) >> 20)
        }
        var bits = decoded.maximumAbsoluteBits ?? 0
        for s in 0..<samples {
            let a = next(), b = next(), c = next()
            let (x, y, z) = yxz ? (b, a, c) : (a, b, c)
            let v: (x: Float, y: Float, z: Float) = calibration.map { $0.apply(x, y, z) } ?? (g(x), g(y), g(z))
            decoded.x.append(v.x)
            decoded.y.append(v.y)
            decoded.z.append(v.z)
            decoded.timesS.append(base + Double(s) * period)
            bits = max(bits, Self.magnitudeBits(v.x, v.y, v.z))
        }
        decoded.maximumAbsoluteBits = bits
    }

    private mutating func appendInt16(_ payload: UnsafeRawBufferPointer, timestamp: UInt32, into decoded: inout _BinaryDecoded) {
        let base = startTimes(timestamp, into: &decoded)
        let samples = payload.count / 6
        let period = 1 / rateHz
        let first = decoded.x.count
        // Grow the buffers once per record, then fill them in place.
        decoded.x.append(contentsOf: repeatElement(0, count: samples))
        decoded.y.append(contentsOf: repeatElement(0, count: samples))
        decoded.z.append(contentsOf: repeatElement(0, count: samples))
        decoded.timesS.append(contentsOf: repeatElement(0, count: samples))
        decoded.x.withUnsafeMutableBufferPointer { xs in
            decoded.y.withUnsafeMutableBufferPointer { ys in
                decoded.z.withUnsafeMutableBufferPointer { zs in
                    decoded.timesS.withUnsafeMutableBufferPointer { ts in
                        var bits = decoded.maximumAbsoluteBits ?? 0
                        defer { decoded.maximumAbsoluteBits = bits }
                        if let calibration {
                            for s in 0..<samples {
                                let at = 6 * s
                                let g = calibration.apply(
                                    Float(Int16(littleEndian: payload.loadUnaligned(fromByteOffset: at, as: Int16.self))),
                                    Float(Int16(littleEndian: payload.loadUnaligned(fromByteOffset: at + 2, as: Int16.self))),
                                    Float(Int16(littleEndian: payload.loadUnaligned(fromByteOffset: at + 4, as: Int16.self))))
                                xs[first + s] = g.x
                                ys[first + s] = g.y
                                zs[first + s] = g.z
                                ts[first + s] = base + Double(s) * period
                                bits = max(bits, Self.magnitudeBits(g.x, g.y, g.z))
                            }
                            return
                        }
                        for s in 0..<samples {
                            let at = 6 * s
                            let x = g(Float(Int16(littleEndian: payload.loadUnaligned(fromByteOffset: at, as: Int16.self))))
                            let y = g(Float(Int16(littleEndian: payload.loadUnaligned(fromByteOffset: at + 2, as: Int16.self))))
                            let z = g(Float(Int16(littleEndian: payload.loadUnaligned(fromByteOffset: at + 4, as: Int16.self))))
                            xs[first + s] = x
                            ys[first + s] = y
                            zs[first + s] = z
                            ts[first + s] = base + Double(s) * period
                            bits = max(bits, Self.magnitudeBits(x, y, z))
                        }
                    }
                }
            }
        }
    }

    private mutating func closeIdle(into decoded: inout _BinaryDecoded, endS: Double?) {
        guard let since = idleSince else { return }
        idleSince = nil
        idleCount += 1
        let lastS = decoded.lastTimeS.map { $0 + 1 / rateHz }
        decoded.blockDefects.append(
            _BlockDefect(
                kind: .idleSleep, sampleIndex: decoded.sampleCount, startS: endS == nil ? nil : lastS, endS: endS,
                missingSamples: 0, byteOffset: since, detail: "idle-sleep mode (the device paused sampling while still)"))
    }

    private mutating func beginCorrupt(at offset: Int, _ reason: String, into decoded: inout _BinaryDecoded) {
        if corruptStart == nil {
            corruptStart = offset
            corruptReason = reason
        }
    }

    private mutating func closeCorrupt(into decoded: inout _BinaryDecoded) {
        guard let start = corruptStart else { return }
        corruptStart = nil
        decoded.blockDefects.append(
            _BlockDefect(
                kind: .corruptBlock, sampleIndex: decoded.sampleCount, startS: nil, endS: nil, missingSamples: Int(rateHz),
                byteOffset: start, detail: "log.bin unreadable from byte \(start) (\(corruptReason))"))
    }
}
