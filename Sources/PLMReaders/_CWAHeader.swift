import PLMCore

/// The 1024-byte metadata packet ("MD") at the start of an Axivity `.cwa` file.
///
/// Layout (OpenMovement `cwa.h`; little-endian): @0 "MD", @2 packet length (1020), @4 hardware
/// type (0x00/0xFF/0x17 AX3, 0x64 AX6), @5 device id (lower 16 bits), @7 session id, @11 upper
/// device id (0xFFFF = none), @13/@17 logging start/end (packed time), @35 sensor config (gyro
/// range when not 0x00/0xFF), @36 rate code, @41 firmware revision, @42 time zone (minutes,
/// -1 = unknown), @64 448 bytes of URL-encoded annotation (`_p=right+wrist&_sc=26`).
struct _CWAHeader {
    /// Bytes before the first data sector (the packet length rounded up to whole sectors).
    var dataOffset: Int
    var hardwareType: UInt8
    var deviceID: UInt32
    var sessionID: UInt32
    var firmwareRevision: UInt8
    var rateCode: UInt8
    var sensorConfig: UInt8
    /// Offset of the device clock from UTC in minutes, when the header states it.
    var timeZoneMinutes: Int?
    var loggingStart: UInt32
    var loggingEnd: UInt32
    var annotation: [(key: String, value: String)]

    var deviceName: String {
        switch hardwareType {
        case 0x00, 0xFF, 0x17: "AX3"
        case 0x64: "AX6"
        default: "Axivity (hardware type 0x\(String(hardwareType, radix: 16)))"
        }
    }

    /// Nominal rate, Hz: `3200 / 2^(15 - (code & 15))` (cwa.h).
    static func rateHz(code: UInt8) -> Double { 3200 / Double(1 << (15 - Int(code & 0x0F))) }

    /// Accelerometer range, ±g: `16 >> (code >> 6)` (cwa.h).
    static func rangeG(code: UInt8) -> Int { 16 >> Int(code >> 6) }

    init(bytes: [UInt8], path: String) throws {
        guard bytes.count >= 512 else {
            throw ReadError(
                kind: .malformedData, path: path, byteOffset: bytes.count,
                found: "a .cwa header cut off after \(bytes.count) bytes", expected: "a 1024-byte \"MD\" header")
        }
        func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
        let packetLength = Int(u16(2))
        dataOffset = (packetLength + 4 + _CWAReader.sectorBytes - 1) / _CWAReader.sectorBytes * _CWAReader.sectorBytes
        hardwareType = bytes[4]
        deviceID = UInt32(u16(5))
        let upper = u16(11)
        if upper != 0xFFFF { deviceID |= UInt32(upper) << 16 }
        sessionID = u32(7)
        loggingStart = u32(13)
        loggingEnd = u32(17)
        sensorConfig = bytes[35]
        rateCode = bytes[36]
        firmwareRevision = bytes[41]
        let zone = Int16(bitPattern: u16(42))
        timeZoneMinutes = zone == -1 || abs(Int(zone)) > 16 * 60 ? nil : Int(zone)
        annotation = Self.parseAnnotation(Array(bytes[64..<512]))
    }

    /// The annotation's `name=value&...` pairs, URL-decoded, with OmGui's short names expanded.
    static func parseAnnotation(_ raw: [UInt8]) -> [(key: String, value: String)] {
        var end = raw.count
        while end > 0, raw[end - 1] == 0x20 || raw[end - 1] == 0x00 || raw[end - 1] == 0xFF { end -= 1 }
        let shorthand = [
            "_c": "Study Centre", "_s": "Study Code", "_i": "Investigator", "_x": "Exercise Code", "_v": "Volunteer Num",
            "_p": "Body Location", "_so": "Setup Operator", "_n": "Notes", "_b": "Start time", "_e": "End time",
            "_ro": "Recovery Operator", "_r": "Retrieval Time", "_co": "Comments", "_sc": "Subject Code", "_se": "Sex",
            "_h": "Height", "_w": "Weight", "_ha": "Handedness", "_sn": "Study Name",
        ]
        var pairs: [(key: String, value: String)] = []
        for item in raw[0..<end].split(separator: UInt8(ascii: "&")) {
            let parts = item.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = urlDecode(parts[0])
            guard !name.isEmpty else { continue }
            let value = parts.count > 1 ? urlDecode(parts[1]) : ""
            pairs.append((shorthand[name] ?? name, value))
        }
        return pairs
    }

    static func urlDecode(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "+") {
                out.append(0x20)
            } else if b == UInt8(ascii: "%"), i + 2 < bytes.endIndex,
                let h = hexValue(bytes[i + 1]), let l = hexValue(bytes[i + 2])
            {
                out.append(h << 4 | l)
                i += 2
            } else {
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }

    /// Seconds since 1970 of a packed time `YYYYYYMM MMDDDDDh hhhhmmmm mmssssss` (years since
    /// 2000), on the device's clock; nil for 0, 0xFFFFFFFF ("always") or an impossible date.
    static func seconds(packed t: UInt32) -> Int? {
        guard t != 0, t != 0xFFFF_FFFF else { return nil }
        let year = Int((t >> 26) & 0x3F) + 2000, month = Int((t >> 22) & 0x0F), day = Int((t >> 17) & 0x1F)
        let hour = Int((t >> 12) & 0x1F), minute = Int((t >> 6) & 0x3F), second = Int(t & 0x3F)
        guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: year),
            hour < 24, minute < 60, second < 60
        else { return nil }
        return CivilCalendar.daysSince1970(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// `plm inspect`'s facts: device, serial, session, firmware, range, rate, location, annotation.
    func metadata(firstSector: _CWASectorFormat?) -> [(key: String, value: String)] {
        var items: [(key: String, value: String)] = [
            ("device", "Axivity \(deviceName)"),
            ("serial", String(deviceID)),
            ("session", String(sessionID)),
            ("firmware", String(firmwareRevision)),
            ("range", "±\(Self.rangeG(code: rateCode)) g"),
            ("configuredRate", "\(DecimalText.short(Self.rateHz(code: rateCode))) Hz"),
        ]
        if let location = annotation.first(where: { $0.key == "Body Location" })?.value, !location.isEmpty {
            items.append(("location", location))
        }
        if let format = firstSector {
            items.append(("sampleFormat", format.description))
            if format.channels >= 6 { items.append(("gyroscope", "recorded, not read (acceleration only)")) }
        }
        for (key, value) in annotation where key != "Body Location" { items.append((key, value)) }
        if let start = Self.seconds(packed: loggingStart) {
            items.append(("loggingStart", RecordingClockTime(secondsSince1970: Double(start), utcOffsetS: nil).iso8601(addingSeconds: 0, dateTimeSeparator: UInt8(ascii: " "))))
        }
        if let end = Self.seconds(packed: loggingEnd) {
            items.append(("loggingEnd", RecordingClockTime(secondsSince1970: Double(end), utcOffsetS: nil).iso8601(addingSeconds: 0, dateTimeSeparator: UInt8(ascii: " "))))
        }
        items.append(("clock", timeZoneMinutes.map { "UTC offset \(RecordingClockTime.offsetText($0 * 60))" } ?? "device local time (UTC offset not recorded)"))
        return items
    }
}
