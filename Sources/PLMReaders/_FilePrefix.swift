/// The first lines of a file, as text, for recognising its layout.
struct _FilePrefix {
    /// Lines with the line break (and a CR before it) removed; at most `maximumLines`.
    var lines: [String]
    /// The raw bytes of the same lines (for the byte-level parsers).
    var byteLines: [[UInt8]]

    static let maximumLines = 400

    init(bytes: UnsafeBufferPointer<UInt8>) {
        var lines: [String] = []
        var byteLines: [[UInt8]] = []
        var lineStart = 0
        var index = 0
        let count = bytes.count
        while index <= count && lines.count < Self.maximumLines {
            if index == count || bytes[index] == 0x0A {
                if index == count && lineStart == count { break }
                var lineEnd = index
                if lineEnd > lineStart && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let slice = Array(bytes[lineStart..<lineEnd])
                byteLines.append(slice)
                lines.append(String(decoding: slice, as: UTF8.self))
                lineStart = index + 1
            }
            index += 1
        }
        // Drop a byte-order mark.
        if let first = byteLines.first, first.starts(with: [0xEF, 0xBB, 0xBF]) {
            byteLines[0] = Array(first.dropFirst(3))
            lines[0] = String(decoding: byteLines[0], as: UTF8.self)
        }
        self.lines = lines
        self.byteLines = byteLines
    }

    /// A few first lines for an error message, numbered.
    func excerpt(from first: Int = 0, count: Int = 6) -> String {
        var text = "first lines of the file:"
        let first = min(max(first, 0), lines.count)
        for index in first..<min(lines.count, first + count) {
            var line = lines[index]
            if line.count > 110 { line = String(line.prefix(110)) + "..." }
            text += "\n  \(index + 1) | \(line)"
        }
        return text
    }
}
