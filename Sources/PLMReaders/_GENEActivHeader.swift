/// The text header of a GENEActiv `.bin` file: `Key:Value` lines up to the first page's
/// "Recorded Data" line. Holds the calibration (gain and offset per axis), the rate, the clock's
/// time zone, the announced number of pages, and the facts `plm inspect` shows.
struct _GENEActivHeader {
    var deviceType: String
    var rateHz: Double?
    var utcOffsetS: Int?
    var gain: (x: Double, y: Double, z: Double)
    var offset: (x: Double, y: Double, z: Double)
    /// "Number of Pages" from Memory Status.
    var pageCount: Int?
    /// Byte offset of the first page's "Recorded Data" line, when the file has one.
    var firstPageOffset: Int?
    var metadata: [(key: String, value: String)] = []

    /// Header lines read at most before the first page (the header has about 60).
    static let maximumHeaderLines = 400

    static func read(_ cursor: inout _LineCursor, path: String) throws -> _GENEActivHeader {
        var values: [String: String] = [:]
        var order: [String] = []
        var firstPage: Int?
        var endOffset = 0
        while cursor.lineNumber < maximumHeaderLines, let line = try cursor.next() {
            endOffset = line.byteOffset + line.bytes.count
            if line.bytes.starts(with: "Recorded Data".utf8) {
                firstPage = line.byteOffset
                break
            }
            guard let colon = line.bytes.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let key = String(decoding: line.bytes[..<colon], as: UTF8.self)._trimming(" ").lowercased()
            let value = String(decoding: line.bytes[(colon + 1)...], as: UTF8.self)._trimming(" \t\u{0}")
            if values[key] == nil {
                values[key] = value
                order.append(key)
            }
        }
        let deviceType = values["device type"] ?? ""
        guard deviceType.lowercased().contains("geneactiv") else {
            throw ReadError(
                kind: .unknownLayout, path: path, byteOffset: 0,
                found: deviceType.isEmpty ? "a \"Device Identity\" header without a Device Type" : "a \(deviceType) file (Device Type: \(deviceType))",
                expected: "a GENEActiv .bin file (Device Type: GENEActiv)",
                hint: "only GENEActiv .bin files are read natively; export other devices' data to CSV.")
        }
        func number(_ key: String) -> Double? { values[key].flatMap(signedNumber) }
        guard let gx = number("x gain"), let gy = number("y gain"), let gz = number("z gain"), gx != 0, gy != 0, gz != 0,
            let ox = number("x offset"), let oy = number("y offset"), let oz = number("z offset")
        else {
            throw ReadError(
                kind: .malformedData, path: path, byteOffset: endOffset,
                found: "a header without complete Calibration Data (x/y/z gain and offset)",
                expected: "the GENEActiv header's Calibration Data block",
                hint: "the header is cut short or damaged; the device software can export the recording again.")
        }
        var header = _GENEActivHeader(
            deviceType: deviceType, gain: (gx, gy, gz), offset: (ox, oy, oz))
        header.firstPageOffset = firstPage
        header.rateHz = number("measurement frequency").flatMap { $0 > 0 && $0 <= _LayoutDetector.maximumRateHz ? $0 : nil }
        header.utcOffsetS = values["time zone"].flatMap { _LayoutDetector.parseZone($0) }
        header.pageCount = number("number of pages").flatMap { $0 >= 0 && $0 < 1e9 ? Int($0) : nil }
        guard firstPage != nil else {
            let announced = header.pageCount.map { "the header announces \($0) page(s) but " } ?? ""
            throw ReadError(
                kind: .malformedData, path: path, byteOffset: endOffset,
                found: "\(announced)the file holds no data page (no \"Recorded Data\" line)",
                expected: "at least one page of samples after the header")
        }
        header.metadata = metadata(values)
        return header
    }

    /// The number a value starts with, sign included ("-134", "20 Hz" -> 20).
    static func signedNumber(_ text: String) -> Double? {
        let trimmed = text._trimming(" ")
        var head = Substring(trimmed)
        var sign = 1.0
        if let first = head.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            head = head.dropFirst()
        }
        return _LayoutDetector.leadingNumber(String(head)).map { sign * $0 }
    }

    static func metadata(_ values: [String: String]) -> [(key: String, value: String)] {
        var items: [(key: String, value: String)] = []
        for (key, name) in [
            ("device type", "device"), ("device model", "model"), ("device unique serial code", "serial"),
            ("device firmware version", "firmware"), ("accelerometer range", "range"), ("measurement frequency", "configuredRate"),
            ("device location code", "location"), ("start time", "headerStart"), ("time zone", "timeZone"),
            ("subject code", "subjectCode"), ("study centre", "studyCentre"),
        ] {
            if let value = values[key], !value.isEmpty {
                items.append((name, key == "accelerometer range" ? "\(value) g" : value))
            }
        }
        items.append(("calibration", ["x", "y", "z"].map { "\($0) gain \(values["\($0) gain"] ?? "?") offset \(values["\($0) offset"] ?? "?")" }.joined(separator: ", ")))
        return items
    }
}
