/// Recognises the devices' binary files by their first bytes (magic numbers), so that a binary
/// file is never handed to the CSV parser and `--left week.cwa --right week.gt3x` just works.
enum _BinaryFormat {
    /// The binary layout whose signature `bytes` (the file's first bytes) carry, or nil for text.
    ///
    /// - `.cwa`: "MD" and a header length of at least 508 (OpenMovement `cwa.h`: the 1024-byte
    ///   metadata packet `0x444D`);
    /// - `.geneactivBin`: the text line "Device Identity" that opens a GENEActiv .bin header,
    ///   followed by a `Key:Value` line (`isGENEActivBinHeader`);
    /// - `.gt3x`: a zip local-file header "PK\u{3}\u{4}" (a .gt3x is a zip archive).
    static func detect(_ bytes: [UInt8]) -> RecordingLayout? {
        if bytes.count >= 4, bytes[0] == 0x4D, bytes[1] == 0x44, Int(bytes[2]) | Int(bytes[3]) << 8 >= 508 {
            return .cwa
        }
        if isGENEActivBinHeader(bytes) { return .geneactivBin }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .gt3x }
        return nil
    }

    /// Whether `bytes` open a GENEActiv .bin header: the title line "Device Identity", then a line
    /// whose key ends at a colon. The PC software's CSV export has the same keys with comma
    /// separators (FORMATS.md) and may open with the same title line ("Device Identity" or
    /// "Device Identity,"), so the title alone does not tell the two apart; the separator does.
    static func isGENEActivBinHeader(_ bytes: [UInt8]) -> Bool {
        let title = Array("Device Identity".utf8)
        guard bytes.starts(with: title) else { return false }
        guard let titleEnd = bytes[title.count...].firstIndex(of: UInt8(ascii: "\n")) else { return false }
        for byte in bytes[(titleEnd + 1)...] {
            switch byte {
            case UInt8(ascii: ":"): return true
            case UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"): return false
            default: continue
            }
        }
        return false
    }

    /// Refuses binary files of devices PLMKit does not decode, by their signature, with a message
    /// that says so (rather than the CSV reader's "unknown layout"): the original GENEA (2010),
    /// whose .bin starts with the line `GENEA/1.00`.
    static func refuseUnsupported(_ bytes: [UInt8], path: String) throws {
        if bytes.starts(with: Array("GENEA/".utf8)) {
            throw ReadError(
                kind: .unknownLayout, path: path, line: 1, byteOffset: 0,
                found: "an original GENEA (2010) .bin file (first line \"GENEA/...\"), which PLMKit does not decode",
                expected: "a GENEActiv .bin (first line \"Device Identity\"), an Axivity .cwa, an ActiGraph .gt3x or a raw CSV",
                hint: "export the recording to CSV with the GENEA software and read that.")
        }
    }

    /// Reads a binary file of a known layout.
    static func read(path: String, layout: RecordingLayout, file: _BinaryFile) throws -> AccelerationRecording {
        try _BinaryAssembler.recording(from: decode(path: path, layout: layout, file: file), path: path)
    }

    /// Decodes a binary file of a known layout: whole, or with `pieces` streamed (see ``_BinaryPieces``).
    /// - Parameter pieceBytes: bytes of a .gt3x entry inflated per piece.
    static func decode(
        path: String, layout: RecordingLayout, file: _BinaryFile, pieces: _BinaryPieces? = nil,
        pieceBytes: Int = _GT3XReader.chunkBytes
    ) throws -> _BinaryDecoded {
        switch layout {
        case .cwa: try _CWAReader.decode(path: path, pieces: pieces)
        case .geneactivBin: try _GENEActivBinReader.decode(file: file, pieces: pieces)
        case .gt3x: try _GT3XReader.decode(file: file, pieces: pieces, pieceBytes: pieceBytes)
        case .actigraph, .geneactiv, .axivity, .generic:
            throw ReadError(kind: .unknownLayout, path: path, found: "a text layout", expected: "a binary layout")
        }
    }
}
