import PLMCore

/// `info.txt` of a `.gt3x` archive: `Key: Value` lines (serial, device type, firmware, sample rate,
/// start/stop as .NET ticks, TimeZone, Acceleration Scale, limb, side, ...).
struct _GT3XInfo {
    var values: [String: String] = [:]
    var order: [String] = []

    /// .NET ticks (100 ns since 0001-01-01) at 1970-01-01.
    static let ticksAt1970: Int64 = 621_355_968_000_000_000

    /// ActiGraph's counts per g when `info.txt` gives no Acceleration Scale: 341 for the 12-bit
    /// ±6 g GT3X+ (NHANES-era `activity.bin`; pygt3x `NHANES_SCALE`), and for `log.bin` by the
    /// serial number (GT3X File Format, ACTIVITY2 "Scaling Activity Values": NEO and CLE devices
    /// 341 LSB/g at ±6 g, MOS devices 256 LSB/g at ±8 g); 256 for the others that write `log.bin`
    /// (the GT9X Link, TAS, whose info.txt states 256.0).
    static let legacyCountsPerG = 341.0
    static let logCountsPerG = 256.0
    /// Serial number prefixes of the ±6 g devices (341 counts per g) that write `log.bin`.
    static let sixGSerialPrefixes = ["NEO", "CLE"]

    init(text: String) {
        for raw in text.split(whereSeparator: \.isNewline) {
            guard let colon = raw.firstIndex(of: ":") else { continue }
            let key = raw[..<colon].trimmingSpaces().lowercased()
            let value = String(raw[raw.index(after: colon)...].trimmingSpaces())
            guard !key.isEmpty, values[key] == nil else { continue }
            values[key] = value
            order.append(key)
        }
    }

    var deviceType: String { values["device type"] ?? "ActiGraph" }

    /// Sample rate, Hz (whole numbers: 30-100).
    var rateHz: Double? {
        values["sample rate"].flatMap { Double($0) }.flatMap { $0 > 0 && $0 <= _LayoutDetector.maximumRateHz ? $0 : nil }
    }

    /// Counts per g: Acceleration Scale, else the device family's.
    func countsPerG(legacy: Bool) -> (value: Double, stated: Bool) {
        if let text = values["acceleration scale"], let scale = Double(text.replacingComma()), scale > 0, scale.isFinite {
            return (scale, true)
        }
        if legacy { return (Self.legacyCountsPerG, false) }
        let serial = (values["serial number"] ?? "").uppercased()
        return (Self.sixGSerialPrefixes.contains { serial.hasPrefix($0) } ? Self.legacyCountsPerG : Self.logCountsPerG, false)
    }

    /// `TimeZone: -05:00:00` or `02:00:00` as seconds east of UTC.
    var utcOffsetS: Int? {
        guard var text = values["timezone"], !text.isEmpty else { return nil }
        var sign = 1
        if text.hasPrefix("-") { sign = -1; text.removeFirst() } else if text.hasPrefix("+") { text.removeFirst() }
        let parts = text.split(separator: ":").map { Int($0) }
        guard parts.count >= 2, let h = parts[0], let m = parts[1], h <= 18, m < 60 else { return nil }
        return sign * (h * 3600 + m * 60)
    }

    /// Seconds since 1970 (device clock) of a ticks value such as Start Date.
    func seconds(_ key: String) -> Double? {
        guard let text = values[key], let ticks = Int64(text), ticks > Self.ticksAt1970 else { return nil }
        return Double(ticks - Self.ticksAt1970) / 1e7
    }

    var metadata: [(key: String, value: String)] {
        var items: [(key: String, value: String)] = []
        for (key, name) in [
            ("device type", "device"), ("serial number", "serial"), ("firmware", "firmware"), ("sample rate", "configuredRate"),
            ("acceleration max", "range"), ("limb", "limb"), ("side", "side"), ("timezone", "timeZone"),
            ("subject name", "subjectName"),
        ] {
            guard let value = values[key], !value.isEmpty else { continue }
            switch key {
            case "sample rate": items.append((name, "\(value) Hz"))
            case "acceleration max": items.append((name, "±\(value.replacingComma()) g"))
            default: items.append((name, value))
            }
        }
        let location = [values["side"], values["limb"]].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ").lowercased()
        if !location.isEmpty { items.append(("location", location)) }
        for key in ["start date", "stop date", "last sample time"] {
            if let s = seconds(key) {
                items.append((key.replacingSpaces(), RecordingClockTime(secondsSince1970: s, utcOffsetS: nil).iso8601(addingSeconds: 0, dateTimeSeparator: UInt8(ascii: " "))))
            }
        }
        return items
    }
}

extension String {
    func replacingComma() -> String { String(map { $0 == "," ? "." : $0 }) }
    /// `start date` -> `startDate`.
    func replacingSpaces() -> String {
        let words = split(separator: " ")
        return (words.first.map(String.init) ?? "") + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
