import PLMCore

/// Formats one leg's samples into the bytes of a CSV file of a given layout, chunk by chunk.
///
/// The encoder hands out the header first and then about `chunkRows` rows at a time, so that
/// writing (and compressing) streams through a fixed buffer.
struct RecordingEncoder {
    let recording: SimulatedLegRecording
    let layout: SimulatedFileLayout
    let units: SimulatedFileUnit
    let clock: CivilClock
    let sampleRateHz: Double
    let durationS: Double
    let rangeG: Double
    /// The night's hard conditions (the temperature column follows the thermal drift's warming).
    let conditions: SimulationConditions
    var buffer = ByteBuffer(capacity: 1 << 20)

    init(recording: SimulatedLegRecording, layout: SimulatedFileLayout, units: SimulatedFileUnit, settings: SimulationSettings, durationS: Double) {
        self.recording = recording
        self.layout = layout
        self.units = units
        self.clock = CivilClock(start: settings.recordingStart)
        self.sampleRateHz = settings.sampleRateHz
        self.durationS = durationS
        self.rangeG = settings.sensor(recording.side).rangeG
        self.conditions = settings.conditions
    }

    private var rateText: String {
        sampleRateHz == sampleRateHz.rounded() ? String(Int(sampleRateHz)) : String(sampleRateHz)
    }

    /// The header lines of the layout (possibly none).
    func header() -> [UInt8] {
        var b = ByteBuffer(capacity: 4096)
        let nl = layout.lineEnding
        let start = clock.local(atMilliseconds: 0)
        let end = clock.local(atMilliseconds: Int64((durationS * 1000).rounded()))
        func line(_ s: String) {
            b.append(s)
            b.bytes.append(contentsOf: nl)
        }
        func usDate(_ c: CivilDateTime) -> String {
            "\(c.month)/\(c.day)/\(c.year)"
        }
        func hms(_ c: CivilDateTime) -> String {
            var t = ByteBuffer(capacity: 8)
            t.appendDigits(c.hour, width: 2)
            t.append(UInt8(ascii: ":"))
            t.appendDigits(c.minute, width: 2)
            t.append(UInt8(ascii: ":"))
            t.appendDigits(c.second, width: 2)
            return String(decoding: t.bytes, as: UTF8.self)
        }
        let serial = recording.side == .left ? "SIM0000001L" : "SIM0000001R"
        switch layout {
        case .actigraph:
            line("------------ Data File Created By ActiGraph wGT3X-BT ActiLife v6.13.4 Firmware v1.9.2 date format M/d/yyyy at \(rateText) Hz  Filter Normal -----------")
            line("Serial Number: \(serial)")
            line("Start Time \(hms(start))")
            line("Start Date \(usDate(start))")
            line("Epoch Period (hh:mm:ss) 00:00:00")
            line("Download Time \(hms(end))")
            line("Download Date \(usDate(end))")
            line("Current Memory Address: 0")
            line("Current Battery Voltage: 4.20     Mode = 12")
            line("--------------------------------------------------")
            line("Timestamp,Accelerometer X,Accelerometer Y,Accelerometer Z")
        case .geneactiv:
            var startText = ByteBuffer(capacity: 24)
            startText.appendDate(start, separator: UInt8(ascii: "-"))
            startText.append(UInt8(ascii: " "))
            startText.appendTime(start, fractionSeparator: UInt8(ascii: ":"))
            let offset = clock.utcOffsetMinutes
            let zone = "GMT " + RecordingClockTime.offsetText(offset * 60, zeroAsZ: false)
            var lines = [
                "Device Type,GENEActiv",
                "Device Model,1.1",
                "Device Unique Serial Code,\(serial)",
                "Device Firmware Version,Ver06.17 15June2015",
                "Calibration Date,2025-06-01 09:00:00:000",
                "Application name & version,PLMKit plm simulate",
                "",
                "Measurement Range,-\(Int(rangeG)) to \(Int(rangeG))",
                "Measurement Units,\(units == .g ? "g" : units.rawValue)",
                "",
                "Measurement Frequency,\(rateText) Hz",
                "Start Time,\(String(decoding: startText.bytes, as: UTF8.self))",
                "Device Location Code,\(recording.side == .left ? "left ankle" : "right ankle")",
                "",
                "Time Zone,\(zone)",
                "",
                "Subject Code,SIMULATED",
                "Study Centre,PLMKit",
                "Study Code,simulated night",
                "Investigator ID,",
                "Exercise Type,sleep",
                "Config Operator ID,",
                "Config Time,",
                "Config Notes,simulated by PLMKit; see truth.json",
            ]
            while lines.count < 100 { lines.append("") }
            for l in lines { line(l) }
        case .axivity:
            break
        case .generic:
            // The unit is not in the header (as in real generic exports): readers are told it.
            line("timestamp,x,y,z")
        }
        return b.bytes
    }

    /// `,lux,button,temperature` of every GENEActiv row (a constant 30.0 °C without thermal drift).
    static let geneactivTrailer: [UInt8] = Array(",0,0,30.0".utf8)
    /// `,lux,button,` before a row's own temperature (with thermal drift).
    static let geneactivTrailerWithoutTemperature: [UInt8] = Array(",0,0,".utf8)
    /// The temperature the GENEActiv column starts at, °C (the constant of ``geneactivTrailer``).
    static let geneactivStartTemperatureC = 30.0

    /// Formats rows `range` into the internal buffer and returns its bytes.
    mutating func rows(_ range: Range<Int>) -> [UInt8] {
        buffer.removeAll()
        let scale = units.scaleFromG
        let decimals = units.decimals(layout: layout)
        let nl = layout.lineEnding
        let comma = UInt8(ascii: ",")
        for i in range {
            let t = recording.timesS[i]
            switch layout {
            case .axivity:
                // Unix seconds with 4 decimals.
                let ticks = Int64((t * 10_000).rounded()) + clock.unixMilliseconds(atMilliseconds: 0) * 10
                buffer.appendDigits(Int(ticks / 10_000), width: 1)
                buffer.append(UInt8(ascii: "."))
                buffer.appendDigits(Int(ticks % 10_000), width: 4)
            case .actigraph:
                let c = clock.local(atMilliseconds: Int64((t * 1000).rounded()))
                buffer.appendDigits(c.month, width: 1)
                buffer.append(UInt8(ascii: "/"))
                buffer.appendDigits(c.day, width: 1)
                buffer.append(UInt8(ascii: "/"))
                buffer.appendDigits(c.year, width: 4)
                buffer.append(UInt8(ascii: " "))
                buffer.appendTime(c, fractionSeparator: UInt8(ascii: "."))
            case .geneactiv:
                let c = clock.local(atMilliseconds: Int64((t * 1000).rounded()))
                buffer.appendDate(c, separator: UInt8(ascii: "-"))
                buffer.append(UInt8(ascii: " "))
                buffer.appendTime(c, fractionSeparator: UInt8(ascii: ":"))
            case .generic:
                buffer.appendISO(clock.local(atMilliseconds: Int64((t * 1000).rounded())), utcOffsetMinutes: clock.utcOffsetMinutes)
            }
            buffer.append(comma)
            buffer.appendFixed(Double(recording.x[i]) * scale, decimals: decimals)
            buffer.append(comma)
            buffer.appendFixed(Double(recording.y[i]) * scale, decimals: decimals)
            buffer.append(comma)
            buffer.appendFixed(Double(recording.z[i]) * scale, decimals: decimals)
            if layout == .geneactiv {
                // Light (lux), button and temperature (deg C) columns of the export.
                if conditions.hasThermalDrift {
                    // With thermal drift the column carries the sensor's temperature, as a real one
                    // does (from the written time: clock drift moves it by far less than 0.1 °C).
                    buffer.bytes.append(contentsOf: Self.geneactivTrailerWithoutTemperature)
                    buffer.appendFixed(Self.geneactivStartTemperatureC + conditions.temperatureChangeC(at: t), decimals: 1)
                } else {
                    buffer.bytes.append(contentsOf: Self.geneactivTrailer)
                }
            }
            buffer.bytes.append(contentsOf: nl)
        }
        return buffer.bytes
    }
}
