enum _GENEActivBinReader {
    static func decode(file: _BinaryFile) throws -> _BinaryDecoded {
        throw ReadError(kind: .unknownLayout, path: file.path, found: "a GENEActiv .bin file", expected: "a supported layout (not yet)")
    }
}
