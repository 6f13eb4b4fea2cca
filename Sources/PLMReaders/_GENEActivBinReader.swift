/// Decodes GENEActiv `.bin` files natively.
///
/// The file is text (CRLF): a header of `Key:Value` lines in blocks (Device Identity, Device
/// Capabilities, Configuration Info, Trial Info, Subject Info, Calibration Data, Memory Status),
/// then pages, each a "Recorded Data" line, eight `Key:Value` lines (serial, Sequence Number,
/// Page Time `yyyy-MM-dd HH:mm:ss:SSS`, Unassigned, Temperature, Battery voltage, Device Status,
/// Measurement Frequency) and one line of 3600 hexadecimal digits: 300 samples of 48 bits, x, y
/// and z as 12-bit two's complement, then 10 bits of light, the button and a spare bit
/// (GENEAread, GENEAcore, pygeneactiv). Calibrated g = (raw × 100 − offset) / gain per axis,
/// with gain and offset from the header's Calibration Data.
///
/// Sample `i` of a page is at Page Time + i / (page rate). A page that does not parse, or a
/// file that ends before the number of pages its header announces, is a `.corruptBlock` defect;
/// pages out of order or apart in time show as backward steps or gaps.
enum _GENEActivBinReader {
    /// Samples per page (GENEActiv firmware: 300 per page).
    static let samplesPerPage = 300
    /// Hexadecimal digits per sample: 3 × 12 bits of acceleration + 12 bits of light and button.
    static let digitsPerSample = 12

    /// - Parameter pieces: for a streaming read, where the samples go page by page (nothing is
    ///   then reserved for the whole file).
    static func decode(file: _BinaryFile, pieces: _BinaryPieces? = nil) throws -> _BinaryDecoded {
        let stream = try _ByteStream(path: file.path)
        var cursor = _LineCursor(stream: stream)
        let header = try _GENEActivHeader.read(&cursor, path: file.path)
        var decoded = _BinaryDecoded(layout: .geneactivBin, reason: "GENEActiv .bin: \"Device Identity\" text header (\(header.deviceType))")
        decoded.declaredRateHz = header.rateHz
        decoded.utcOffsetS = header.utcOffsetS
        decoded.metadata = header.metadata
        // A sample takes 12 hex digits in the file: a header's page count cannot claim more.
        if pieces == nil { decoded.reserve(min(header.pageCount.map { $0 * samplesPerPage } ?? 0, file.size / digitsPerSample)) }
        var pages = _GENEActivPageDecoder(header: header)
        try pages.decodeAll(&cursor, into: &decoded, pieces: pieces)
        if let announced = header.pageCount, pages.pagesSeen < announced {
            // The header's count is only a claim: the missing time is bounded by the most
            // samples a recording may hold (``RecordingReader/maximumRows``).
            let missing = min(announced - pages.pagesSeen, RecordingReader.maximumRows / samplesPerPage)
            let rate = header.rateHz ?? 1
            let lastS = decoded.lastTimeS.map { $0 + 1 / rate }
            decoded.blockDefects.append(
                _BlockDefect(
                    kind: .corruptBlock, sampleIndex: decoded.sampleCount, startS: lastS,
                    endS: lastS.map { $0 + Double(missing * samplesPerPage) / rate }, missingSamples: missing * samplesPerPage,
                    byteOffset: file.size,
                    detail: "the file ends after \(pages.pagesSeen) of the \(announced) pages its header announces (truncated)"))
        }
        decoded.metadata.append(("pages", "\(pages.pagesSeen) read" + (header.pageCount.map { " of \($0) announced" } ?? "")))
        try pieces?.drainAll(&decoded)
        return decoded
    }
}

/// The pages of a GENEActiv .bin, decoded one after another.
struct _GENEActivPageDecoder {
    let header: _GENEActivHeader
    var pagesSeen = 0
    /// Fields of the page being read (key and value), and where it started.
    var pageStart = -1
    var pageTime: Double?
    var pageRateHz: Double?
    var originSet = false

    init(header: _GENEActivHeader) {
        self.header = header
        if let first = header.firstPageOffset {  // the header reader met the first page's "Recorded Data" line
            pageStart = first
            pagesSeen = 1
        }
    }

    /// Hex digit values (0xFF = not a digit).
    static let hexTable: [UInt8] = (0..<256).map { b in
        switch b {
        case 0x30...0x39: UInt8(b - 0x30)
        case 0x41...0x46: UInt8(b - 0x41 + 10)
        case 0x61...0x66: UInt8(b - 0x61 + 10)
        default: 0xFF
        }
    }

    mutating func decodeAll(_ cursor: inout _LineCursor, into decoded: inout _BinaryDecoded, pieces: _BinaryPieces? = nil) throws {
        while let line = try cursor.next() {
            let bytes = line.bytes
            if bytes.starts(with: "Recorded Data".utf8) {
                if pageStart >= 0 { fail("page ends without its data line", into: &decoded) }
                pageStart = line.byteOffset
                pageTime = nil
                pageRateHz = nil
                pagesSeen += 1
                continue
            }
            guard pageStart >= 0 else { continue }  // blank lines between pages
            if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
                readField(key: bytes[..<colon], value: bytes[(colon + 1)...])
                continue
            }
            if bytes.isEmpty { continue }
            decodePage(hex: bytes, into: &decoded)
            pageStart = -1
            try pieces?.drainIfFull(&decoded)
        }
        if pageStart >= 0 { fail("the file ends inside the page", into: &decoded) }
    }

    mutating func readField(key: UnsafeBufferPointer<UInt8>.SubSequence, value: UnsafeBufferPointer<UInt8>.SubSequence) {
        let name = String(decoding: key, as: UTF8.self)
        let text = String(decoding: value, as: UTF8.self)._trimming(" ")
        if name == "Page Time" {
            pageTime = _LayoutDetector.parse(pattern: .pattern(.geneactiv), text: text, decimalMark: 0x2E).map { _seconds(fromNanoseconds: $0.localNs) }
        } else if name == "Measurement Frequency" {
            pageRateHz = _LayoutDetector.leadingNumber(text)
        }
    }

    /// Records the page being read as a defect (it has no usable samples).
    mutating func fail(_ reason: String, into decoded: inout _BinaryDecoded) {
        decoded.blockDefects.append(
            _BlockDefect(
                kind: .corruptBlock, sampleIndex: decoded.sampleCount, startS: nil, endS: nil,
                missingSamples: _GENEActivBinReader.samplesPerPage, byteOffset: pageStart,
                detail: "page \(pagesSeen) unreadable (\(reason))"))
        pageStart = -1
    }

    mutating func decodePage(hex: UnsafeBufferPointer<UInt8>, into decoded: inout _BinaryDecoded) {
        let perPage = _GENEActivBinReader.samplesPerPage, digits = _GENEActivBinReader.digitsPerSample
        guard hex.count <= perPage * digits else {
            return fail("\(hex.count) hexadecimal digits where \(perPage * digits) belong", into: &decoded)
        }
        // A data line cut short (the file ends inside it): its whole samples are read, the rest is a defect.
        let samples = hex.count / digits
        guard let time = pageTime else { return fail("no readable Page Time", into: &decoded) }
        guard let rate = pageRateHz ?? header.rateHz, rate > 0, rate <= _LayoutDetector.maximumRateHz else {
            return fail("no usable Measurement Frequency", into: &decoded)
        }
        if !originSet {
            decoded.originS = time.rounded(.down)
            originSet = true
        }
        var raw = [Int32](repeating: 0, count: 3 * samples)
        let valid = Self.hexTable.withUnsafeBufferPointer { table -> Bool in
            var bad: UInt8 = 0
            for s in 0..<samples {
                for axis in 0..<3 {
                    let at = s * digits + axis * 3
                    let a = table[Int(hex[at])], b = table[Int(hex[at + 1])], c = table[Int(hex[at + 2])]
                    bad |= a | b | c
                    let value = Int32(a) << 8 | Int32(b) << 4 | Int32(c)
                    raw[3 * s + axis] = (value << 20) >> 20  // 12-bit two's complement
                }
                bad |= table[Int(hex[s * digits + 9])] | table[Int(hex[s * digits + 10])] | table[Int(hex[s * digits + 11])]
            }
            return bad & 0xF0 == 0
        }
        guard valid else { return fail("a character that is not a hexadecimal digit", into: &decoded) }
        let (gx, gy, gz) = (header.gain.x, header.gain.y, header.gain.z)
        let (ox, oy, oz) = (header.offset.x, header.offset.y, header.offset.z)
        let base = time - decoded.originS
        for s in 0..<samples {
            decoded.x.append(Float((Double(raw[3 * s]) * 100 - ox) / gx))
            decoded.y.append(Float((Double(raw[3 * s + 1]) * 100 - oy) / gy))
            decoded.z.append(Float((Double(raw[3 * s + 2]) * 100 - oz) / gz))
            decoded.timesS.append(base + Double(s) / rate)
        }
        if samples < perPage {
            let endS = base + Double(perPage) / rate
            decoded.blockDefects.append(
                _BlockDefect(
                    kind: .corruptBlock, sampleIndex: decoded.sampleCount, startS: base + Double(samples) / rate, endS: endS,
                    missingSamples: perPage - samples, byteOffset: pageStart,
                    detail: "page \(pagesSeen) cut short: \(samples) of its \(perPage) samples present (\(hex.count) hexadecimal digits)"))
        }
    }
}
