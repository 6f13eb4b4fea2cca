enum _GT3XReader {
    static func decode(file: _BinaryFile) throws -> _BinaryDecoded {
        throw ReadError(kind: .unknownLayout, path: file.path, found: "a .gt3x file", expected: "a supported layout (not yet)")
    }
}
