/// Decodes the `activity.bin` of NHANES-era `.gt3x` files as the zip entry inflates: 36-bit
/// samples (12-bit y, x, z, two's complement, big-endian bit order) back to back, sample `s` at
/// Start Date + s / rate. Two samples fill 9 bytes exactly, so the bytes are taken 9 at a time
/// and at most 8 carried to the next piece; a trailing half group of at least 5 bytes (36 bits)
/// is one more sample. Memory is one piece, whatever the length of the entry.
struct _GT3XActivityBinDecoder {
    let rateHz: Double
    let countsPerG: Double
    let calibration: _GT3XCalibration?
    /// Time of sample 0 after the origin (the Start Date's fraction of a second).
    let baseS: Double
    /// Bytes of an unfinished 9-byte group carried from the last piece.
    private var carry: [UInt8] = []
    /// Samples decoded so far.
    private var samples = 0

    /// Sets `decoded.originS` to the whole second of `startS` (the Start Date, seconds since 1970).
    init(startS: Double, rateHz: Double, countsPerG: Double, calibration: _GT3XCalibration?, into decoded: inout _BinaryDecoded) {
        self.rateHz = rateHz
        self.countsPerG = countsPerG
        self.calibration = calibration
        decoded.originS = startS.rounded(.down)
        baseS = startS - decoded.originS
    }

    /// Decodes the whole 9-byte groups of the bytes so far.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, into decoded: inout _BinaryDecoded) {
        var from = 0
        if !carry.isEmpty {
            let take = min(9 - carry.count, bytes.count)
            carry.append(contentsOf: bytes[0..<take])
            from = take
            guard carry.count == 9 else { return }
            carry.withUnsafeBytes { decode($0, pairs: 1, into: &decoded) }
            carry.removeAll(keepingCapacity: true)
        }
        let pairs = (bytes.count - from) / 9
        decode(UnsafeRawBufferPointer(rebasing: bytes[from..<(from + 9 * pairs)]), pairs: pairs, into: &decoded)
        carry.append(contentsOf: bytes[(from + 9 * pairs)...])
    }

    /// The last sample of a half group (36 bits in 5 bytes or more).
    mutating func finish(into decoded: inout _BinaryDecoded) {
        guard carry.count >= 5 else { return }
        carry.withUnsafeBytes { p in append(sample(p, bit: 0), into: &decoded) }
    }

    private mutating func decode(_ p: UnsafeRawBufferPointer, pairs: Int, into decoded: inout _BinaryDecoded) {
        for k in 0..<pairs {
            append(sample(p, bit: 72 * k), into: &decoded)
            append(sample(p, bit: 72 * k + 36), into: &decoded)
        }
    }

    /// The (y, x, z) counts of the sample starting at `bit`.
    @inline(__always)
    private func sample(_ p: UnsafeRawBufferPointer, bit first: Int) -> (y: Float, x: Float, z: Float) {
        var bit = first
        @inline(__always) func next() -> Float {
            let byte = bit >> 3
            let value: Int32 = bit & 7 == 0
                ? Int32(p[byte]) << 4 | Int32(p[byte + 1]) >> 4
                : Int32(p[byte] & 0x0F) << 8 | Int32(p[byte + 1])
            bit += 12
            return Float((value << 20) >> 20)
        }
        let y = next(), x = next(), z = next()
        return (y, x, z)
    }

    @inline(__always)
    private mutating func append(_ counts: (y: Float, x: Float, z: Float), into decoded: inout _BinaryDecoded) {
        let (y, x, z) = counts
        if let calibration {
            let g = calibration.apply(x, y, z)
            decoded.x.append(g.x)
            decoded.y.append(g.y)
            decoded.z.append(g.z)
        } else {
            decoded.x.append(Float(Double(x) / countsPerG))
            decoded.y.append(Float(Double(y) / countsPerG))
            decoded.z.append(Float(Double(z) / countsPerG))
        }
        decoded.timesS.append(baseS + Double(samples) / rateHz)
        samples += 1
    }
}
