// Small text helpers for header lines (the data rows are parsed as bytes, never as Strings).

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension _TimeSyntax {
    func parse(_ text: String, decimalMark: UInt8) -> _ParsedStamp? {
        _LayoutDetector.parse(pattern: self, text: text, decimalMark: decimalMark)
    }
}

extension StringProtocol {
    /// Drops the given characters from both ends (no Foundation).
    func _trimming(_ set: String) -> String {
        var s = self[...]
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }

    func _replacing(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }

    func _split(by separator: String) -> [String] {
        guard !separator.isEmpty else { return [String(self)] }
        var parts: [String] = []
        var rest = self[...]
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
