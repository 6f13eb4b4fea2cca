import PLMCore

/// The running state of a `.cwa` decode: the sectors read so far (for their time stamps), the
/// run of corrupt sectors being collected, and the format of the first good sector.
struct _CWADecodeState {
    /// What a good sector says about time: its first sample's index among all samples read, the
    /// (fractional) sample index its time stamp belongs to, the time stamp, and its sequence id.
    struct Anchor {
        var firstSample: Int
        var count: Int
        /// Global sample index of the time stamp (first sample + the sector's timestamp offset).
        var anchorIndex: Double
        /// Seconds since the decode's origin.
        var anchorS: Double
        var sequence: UInt32
        var rateHz: Double
    }

    let headerRateHz: Double
    /// Byte offset of the first data sector (to number sectors in messages).
    let dataOffset: Int
    var anchors: [Anchor] = []
    var firstFormat: _CWASectorFormat?
    var lastFormat: _CWASectorFormat?
    var originSeconds: Int?
    /// Corrupt sectors in a row: first byte offset, count, and what was wrong with the first.
    var corruptStart = -1
    var corruptCount = 0
    var corruptReason = ""
    /// Corrupt runs met before the first good sector: (defect index, sectors).
    var pendingCounts: [(defect: Int, sectors: Int)] = []
    /// Scratch for one sector's samples.
    var scratchX = [Float](repeating: 0, count: 120)
    var scratchY = [Float](repeating: 0, count: 120)
    var scratchZ = [Float](repeating: 0, count: 120)
    /// Cache of the packed date (upper 15 bits of the time stamp) to its day number.
    var cachedDateBits: UInt32 = .max
    var cachedDaySeconds = 0

    init(headerRateHz: Double, dataOffset: Int) {
        self.headerRateHz = headerRateHz
        self.dataOffset = dataOffset
    }

    @inline(__always)
    static func u16(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt16 { UInt16(p[at]) | UInt16(p[at + 1]) << 8 }
    @inline(__always)
    static func u32(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt32 { UInt32(u16(p, at)) | UInt32(u16(p, at + 2)) << 16 }

    /// Whether the 256 little-endian words of a sector sum to zero (mod 2^16).
    @inline(__always)
    static func checksumIsValid(_ p: UnsafeRawBufferPointer) -> Bool {
        var sum: UInt32 = 0
        for i in 0..<256 {
            sum &+= UInt32(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
        }
        return sum & 0xFFFF == 0
    }

    /// Decodes one 512-byte sector, or records it as corrupt.
    mutating func consume(sector p: UnsafeRawBufferPointer, byteOffset: Int, into decoded: inout _BinaryDecoded) {
        guard p[0] == 0x41, p[1] == 0x58, Self.u16(p, 2) == 508 else {
            let allSame = p.allSatisfy { $0 == p[0] }
            markCorrupt(byteOffset, allSame ? "unwritten sector (all bytes 0x\(String(p[0], radix: 16)))" : "no \"AX\" data-sector header", into: &decoded)
            return
        }
        guard Self.checksumIsValid(p) else {
            markCorrupt(byteOffset, "checksum mismatch", into: &decoded)
            return
        }
        guard let format = _CWASectorFormat(numAxesBPS: p[25], rateCode: p[24]) else {
            markCorrupt(byteOffset, "unknown sample format 0x\(String(p[25], radix: 16))", into: &decoded)
            return
        }
        let count = Int(Self.u16(p, 28))
        guard count <= format.samplesPerSector else {
            markCorrupt(byteOffset, "\(count) samples declared where \(format.samplesPerSector) fit", into: &decoded)
            return
        }
        let packedTime = Self.u32(p, 14)
        guard let seconds = wholeSeconds(packedTime) else {
            markCorrupt(byteOffset, "impossible time stamp 0x\(String(packedTime, radix: 16))", into: &decoded)
            return
        }
        closeCorruptRun(into: &decoded)
        if firstFormat == nil { firstFormat = format }
        lastFormat = format
        if originSeconds == nil {
            originSeconds = seconds
            decoded.originS = Double(seconds)
        }
        let rateHz = format.rateHz ?? headerRateHz
        // Time stamp: whole seconds, plus the fraction when the top bit of @4 says there is one;
        // the timestamp offset was then shifted by the fraction's whole samples (cwa.h), undone here.
        var offset = Double(Int16(bitPattern: Self.u16(p, 26)))
        var timeS = Double(seconds - (originSeconds ?? seconds))
        let fractional = Self.u16(p, 4)
        if fractional & 0x8000 != 0 {
            let fraction = Int(fractional & 0x7FFF) << 1
            offset += Double((fraction * Int(rateHz)) >> 16)
            timeS += Double(fraction) / 65536
        }
        let first = decoded.sampleCount
        anchors.append(
            Anchor(
                firstSample: first, count: count, anchorIndex: Double(first) + offset, anchorS: timeS,
                sequence: Self.u32(p, 10), rateHz: rateHz))
        let light = Self.u16(p, 18)
        let perG = Float(1 << (8 + Int((light >> 13) & 0x07)))
        decodeSamples(p, format: format, count: count, scale: 1 / perG, into: &decoded)
    }

    /// Seconds since 1970 of a packed time stamp, with the date part cached (it changes once a day).
    @inline(__always)
    mutating func wholeSeconds(_ packed: UInt32) -> Int? {
        let dateBits = packed >> 17
        if dateBits != cachedDateBits {
            guard let midnight = _CWAHeader.seconds(packed: packed & ~0x1FFFF) else { return nil }
            cachedDateBits = dateBits
            cachedDaySeconds = midnight
        }
        let hour = Int((packed >> 12) & 0x1F), minute = Int((packed >> 6) & 0x3F), second = Int(packed & 0x3F)
        guard hour < 24, minute < 60, second < 60 else { return nil }
        return cachedDaySeconds + hour * 3600 + minute * 60 + second
    }

    mutating func decodeSamples(_ p: UnsafeRawBufferPointer, format: _CWASectorFormat, count: Int, scale: Float, into decoded: inout _BinaryDecoded) {
        scratchX.withUnsafeMutableBufferPointer { xs in
            scratchY.withUnsafeMutableBufferPointer { ys in
                scratchZ.withUnsafeMutableBufferPointer { zs in
                    if format.bytesPerValue == 0 {
                        for j in 0..<count {
                            let w = p.loadUnaligned(fromByteOffset: 30 + 4 * j, as: UInt32.self).littleEndian
                            let e = w >> 30
                            let rx = (Int32(bitPattern: w << 22) >> 22) << e
                            let ry = (Int32(bitPattern: w << 12) >> 22) << e
                            let rz = (Int32(bitPattern: w << 2) >> 22) << e
                            xs[j] = Float(rx) * scale
                            ys[j] = Float(ry) * scale
                            zs[j] = Float(rz) * scale
                        }
                    } else {
                        let stride = 2 * format.channels
                        let base = 30 + 2 * format.accelChannel
                        for j in 0..<count {
                            let at = base + stride * j
                            xs[j] = Float(Int16(littleEndian: p.loadUnaligned(fromByteOffset: at, as: Int16.self))) * scale
                            ys[j] = Float(Int16(littleEndian: p.loadUnaligned(fromByteOffset: at + 2, as: Int16.self))) * scale
                            zs[j] = Float(Int16(littleEndian: p.loadUnaligned(fromByteOffset: at + 4, as: Int16.self))) * scale
                        }
                    }
                    // The largest magnitude so far (decoded values are never NaN: the bit
                    // patterns with the sign cleared order as the magnitudes do).
                    var bits = decoded.maximumAbsoluteBits ?? 0
                    for j in 0..<count {
                        bits = max(bits, xs[j].bitPattern & 0x7FFF_FFFF, ys[j].bitPattern & 0x7FFF_FFFF, zs[j].bitPattern & 0x7FFF_FFFF)
                    }
                    decoded.maximumAbsoluteBits = bits
                    decoded.x.append(contentsOf: UnsafeBufferPointer(rebasing: xs[0..<count]))
                    decoded.y.append(contentsOf: UnsafeBufferPointer(rebasing: ys[0..<count]))
                    decoded.z.append(contentsOf: UnsafeBufferPointer(rebasing: zs[0..<count]))
                }
            }
        }
    }

    mutating func markCorrupt(_ byteOffset: Int, _ reason: String, into decoded: inout _BinaryDecoded) {
        if corruptStart < 0 {
            corruptStart = byteOffset
            corruptReason = reason
        }
        corruptCount += 1
    }

    /// Counts the samples lost in corrupt runs before the first good sector, with its format.
    func resolvePendingCounts(into decoded: inout _BinaryDecoded) {
        let perSector = firstFormat?.samplesPerSector ?? 120
        for (index, sectors) in pendingCounts { decoded.blockDefects[index].missingSamples = sectors * perSector }
    }

    /// Ends a run of corrupt sectors: one defect for the run, placed between the good sectors
    /// around it (its own time stamps cannot be trusted).
    mutating func closeCorruptRun(into decoded: inout _BinaryDecoded) {
        guard corruptStart >= 0 else { return }
        let sector = (corruptStart - dataOffset) / 512
        let what = corruptCount == 1 ? "sector \(sector)" : "sectors \(sector)-\(sector + corruptCount - 1)"
        // Before any good sector the format is not known yet: resolved by `resolvePendingCounts`.
        if lastFormat == nil { pendingCounts.append((decoded.blockDefects.count, corruptCount)) }
        let missing = corruptCount * (lastFormat?.samplesPerSector ?? 0)
        decoded.blockDefects.append(
            _BlockDefect(
                kind: .corruptBlock, sampleIndex: decoded.sampleCount, startS: nil, endS: nil, missingSamples: missing,
                byteOffset: corruptStart, detail: "\(what) unreadable (\(corruptReason))"))
        corruptStart = -1
        corruptCount = 0
    }

    /// Fills every sample's time by piecewise-linear interpolation between the sectors' time
    /// stamps (continuous and increasing), within each run of sectors that follow each other in
    /// sequence; a run's first and last samples are extrapolated with its nearest step, and a
    /// lone sector steps at its nominal rate.
    ///
    /// The times are written relative to the first sample (which is at 0), and ``_BinaryDecoded/originS``
    /// moved to that sample, so that the assembler need not shift them in a second pass.
    func fillTimes(into decoded: inout _BinaryDecoded) {
        let n = decoded.x.count
        guard n > 0, !anchors.isEmpty else { return }
        let shift = firstSampleTime()
        decoded.originS += shift
        decoded.timesS = []  // the reservation: the times are written into a buffer of their own
        decoded.timesS = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            var runStart = 0
            while runStart < anchors.count {
                var runEnd = runStart + 1
                while runEnd < anchors.count, Self.period(anchors[runEnd - 1], anchors[runEnd], nominal: 1 / anchors[runEnd - 1].rateHz) != nil {
                    runEnd += 1
                }
                fillRun(runStart..<runEnd, shift: shift, into: buffer)
                runStart = runEnd
            }
            initialized = n
        }
    }

    /// The end of the first run of sectors in sequence (see ``fillTimes(into:)``).
    private func firstRunEnd() -> Int {
        var runEnd = 1
        while runEnd < anchors.count, Self.period(anchors[runEnd - 1], anchors[runEnd], nominal: 1 / anchors[runEnd - 1].rateHz) != nil {
            runEnd += 1
        }
        return runEnd
    }

    /// The time of sample 0 (the first sample of the first anchor) as ``fillRun`` computes it,
    /// term for term, so that shifting by it puts sample 0 at exactly 0.
    private func firstSampleTime() -> Double {
        let run = 0..<firstRunEnd()
        let first = anchors[0]
        let index = Double(first.firstSample)
        guard run.count > 1 else { return first.anchorS + (index - first.anchorIndex) * (1 / first.rateHz) }
        var k = 0
        var slope = (anchors[k + 1].anchorS - anchors[k].anchorS) / (anchors[k + 1].anchorIndex - anchors[k].anchorIndex)
        while k + 2 < run.upperBound, index >= anchors[k + 1].anchorIndex {
            k += 1
            slope = (anchors[k + 1].anchorS - anchors[k].anchorS) / (anchors[k + 1].anchorIndex - anchors[k].anchorIndex)
        }
        return anchors[k].anchorS + (index - anchors[k].anchorIndex) * slope
    }

    /// Times of the samples of the sectors `run` (consecutive, in sequence), minus `shift`.
    private func fillRun(_ run: Range<Int>, shift: Double, into buffer: UnsafeMutableBufferPointer<Double>) {
        let first = anchors[run.lowerBound]
        let last = anchors[run.upperBound - 1]
        guard run.count > 1 else {
            let period = 1 / first.rateHz
            for i in first.firstSample..<(first.firstSample + first.count) {
                buffer[i] = (first.anchorS + (Double(i) - first.anchorIndex) * period) - shift
            }
            return
        }
        var k = run.lowerBound  // segment anchors[k] ... anchors[k + 1]
        var slope = (anchors[k + 1].anchorS - anchors[k].anchorS) / (anchors[k + 1].anchorIndex - anchors[k].anchorIndex)
        var i = first.firstSample
        let end = last.firstSample + last.count
        while i < end {
            // The samples up to the next anchor use this segment: a tight loop without the search.
            let index = Double(i)
            while k + 2 < run.upperBound, index >= anchors[k + 1].anchorIndex {
                k += 1
                slope = (anchors[k + 1].anchorS - anchors[k].anchorS) / (anchors[k + 1].anchorIndex - anchors[k].anchorIndex)
            }
            let a = anchors[k]
            var segmentEnd = end
            if k + 2 < run.upperBound {
                // First sample whose index reaches the next anchor (which moves the segment on).
                let next = anchors[k + 1].anchorIndex.rounded(.up)
                segmentEnd = min(end, max(i + 1, Int(clamping: next, to: 0...end)))
            }
            for j in i..<segmentEnd {
                buffer[j] = (a.anchorS + (Double(j) - a.anchorIndex) * slope) - shift
            }
            i = segmentEnd
        }
    }

    /// Seconds per sample between two sectors' time stamps, when they follow each other in
    /// sequence and the step is within a factor of two of the nominal period.
    static func period(_ a: Anchor, _ b: Anchor, nominal: Double) -> Double? {
        guard b.sequence == a.sequence &+ 1, b.firstSample == a.firstSample + a.count, b.anchorIndex > a.anchorIndex else { return nil }
        let p = (b.anchorS - a.anchorS) / (b.anchorIndex - a.anchorIndex)
        return p > nominal / 2 && p < nominal * 2 ? p : nil
    }
}
