/// The benchmark as an aligned text table (terminal) and as a Markdown table (docs).
extension DetectionBenchmark.Result {
    /// Column headings and one row of cells per night, then the pooled row.
    private var rows: (header: [String], body: [[String]], footer: [String]) {
        let bins = PeakDeviationBin.standard
        let header =
            ["night", "profile", "h", "Hz", "noise mg", "bits", "range g", "sens", "PPV", "F1", "onset err s", "PLMI truth", "PLMI found"]
            + bins.map { "sens " + $0.label } + ["seconds", "samples/s"]
        let body = nights.map { n in
            [
                n.night, n.profile, Self.fixed(n.hours, 1), Self.fixed(n.sampleRateHz, 0),
                Self.perLeg(Self.fixed(n.noiseMg, 1), n.rightLegNoiseMg.map { Self.fixed($0, 1) }),
                Self.perLeg("\(n.resolutionBits)", n.rightLegResolutionBits.map { "\($0)" }),
                Self.perLeg(Self.fixed(n.rangeG, 0), n.rightLegRangeG.map { Self.fixed($0, 0) }),
                Self.fixed(n.sensitivity, 3), Self.fixed(n.positivePredictiveValue, 3), Self.fixed(n.f1, 3),
                Self.fixed(n.onsetErrorMedianS, 2), Self.fixed(n.truthPLMIndex, 1), Self.fixed(n.foundPLMIndex, 1),
            ] + Self.binCells(n.sensitivityByPeakDeviation, count: bins.count) + [Self.fixed(n.seconds, 2), Self.grouped(n.samplesPerSecond)]
        }
        let samples = nights.reduce(0) { $0 + $1.samples }
        let footer =
            [
                "all (pooled)", "", Self.fixed(nights.reduce(0) { $0 + $1.hours }, 1), "", "", "", "",
                Self.fixed(pooled.sensitivity, 3), Self.fixed(pooled.positivePredictiveValue, 3), Self.fixed(pooled.f1, 3),
                "", "", "",
            ] + Self.binCells(pooledByPeakDeviation, count: bins.count)
            + [Self.fixed(totalSeconds, 2), Self.grouped(totalSeconds > 0 ? Double(samples) / totalSeconds : 0)]
        return (header, body, footer)
    }

    /// `8.0` for one sensor on both legs, `8.0/9.0` (left/right) for two devices.
    private static func perLeg(_ left: String, _ right: String?) -> String {
        guard let right, right != left else { return left }
        return left + "/" + right
    }

    /// `0.857 (14)`: sensitivity and reference count per bin; `-` for an empty or missing bin.
    private static func binCells(_ bins: [PeakDeviationBin]?, count: Int) -> [String] {
        guard let bins, bins.count == count else { return Array(repeating: "-", count: count) }
        return bins.map { $0.referenceCount > 0 ? "\(fixed($0.sensitivity, 3)) (\($0.referenceCount))" : "-" }
    }

    /// An aligned table for the terminal (text columns left, numbers right), then the PLM index agreement.
    public func text() -> String {
        let (header, body, footer) = rows
        let all = [header] + body + [footer]
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column < 2 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var text = line(header) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in body { text += line(row) + "\n" }
        text += line(footer) + "\n"
        text += agreementText() + "\n"
        text += durationText()
        return text
    }

    /// A Markdown table (GitHub style) with the same cells.
    public func markdown() -> String {
        let (header, body, footer) = rows
        var text = "| " + header.joined(separator: " | ") + " |\n"
        text += "|" + header.indices.map { $0 < 2 ? "---|" : "---:|" }.joined() + "\n"
        for row in body + [footer] { text += "| " + row.joined(separator: " | ") + " |\n" }
        text += "\n" + agreementText() + "\n"
        let durations = durationText()
        if !durations.isEmpty { text += "\n" + durations }
        text += sensorCurveMarkdown()
        return text
    }

    /// Sensitivity by peak deviation pooled over the nights of each simulated sensor (noise,
    /// bits, range): the detection-limit curve by noise level and bit depth, as a second Markdown
    /// table; empty when no night has peak deviations.
    private func sensorCurveMarkdown() -> String {
        // A night with two devices (`two-devices`) pools both legs: its own row (left/right values).
        struct Sensor: Hashable {
            var noiseMg: Double, bits: Int, rangeG: Double
            var rightNoiseMg: Double?, rightBits: Int?, rightRangeG: Double?
        }
        var groups: [Sensor: [DetectionBenchmark.NightResult]] = [:]
        for n in nights where n.sensitivityByPeakDeviation != nil {
            let sensor = Sensor(
                noiseMg: n.noiseMg, bits: n.resolutionBits, rangeG: n.rangeG, rightNoiseMg: n.rightLegNoiseMg,
                rightBits: n.rightLegResolutionBits, rightRangeG: n.rightLegRangeG)
            groups[sensor, default: []].append(n)
        }
        guard !groups.isEmpty else { return "" }
        let bins = PeakDeviationBin.standard
        let sensors = groups.keys.sorted {
            ($0.bits, $0.rangeG, $0.noiseMg, $0.rightBits ?? 0, $0.rightRangeG ?? 0, $0.rightNoiseMg ?? 0)
                < ($1.bits, $1.rangeG, $1.noiseMg, $1.rightBits ?? 0, $1.rightRangeG ?? 0, $1.rightNoiseMg ?? 0)
        }
        var text = "\nSensitivity by peak deviation per simulated sensor (pooled over its nights):\n\n"
        text += "| noise mg | bits | range g | nights | " + bins.map { "sens " + $0.label }.joined(separator: " | ") + " |\n"
        text += "|---:|---:|---:|---:|" + bins.map { _ in "---:|" }.joined() + "\n"
        for sensor in sensors {
            let members = groups[sensor] ?? []
            let pooled = PeakDeviationBin.sum(members.compactMap(\.sensitivityByPeakDeviation))
            let cells = [
                Self.perLeg(Self.fixed(sensor.noiseMg, 1), sensor.rightNoiseMg.map { Self.fixed($0, 1) }),
                Self.perLeg("\(sensor.bits)", sensor.rightBits.map { "\($0)" }),
                Self.perLeg(Self.fixed(sensor.rangeG, 0), sensor.rightRangeG.map { Self.fixed($0, 0) }), "\(members.count)",
            ]
                + Self.binCells(pooled, count: bins.count)
            text += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return text
    }

    /// Whether durations follow the movement, by its size: the share of matched LMs whose found
    /// duration lies within ``PeakDeviationBin/durationToleranceS`` of the truth's, per bin of
    /// peak deviation, pooled over the nights (matched count in brackets); empty without bins.
    private func durationText() -> String {
        guard let bins = pooledByPeakDeviation, bins.contains(where: { $0.truePositives > 0 }) else { return "" }
        let cells = bins.map { bin in
            "\(bin.label) \(bin.truePositives > 0 ? Self.fixed(bin.durationShareWithinTolerance, 2) : "-") (\(bin.truePositives))"
        }
        return "Durations within \(Self.fixed(PeakDeviationBin.durationToleranceS, 1)) s of the truth (matched LMs, pooled): "
            + cells.joined(separator: ", ") + ".\n"
    }

    private func agreementText() -> String {
        guard let a = plmIndexAgreement else { return "PLM index agreement: needs at least 2 nights." }
        return "PLM index agreement over \(a.nightCount) nights (found - truth): bias \(Self.fixed(a.bias, 2))/h, "
            + "95 % limits of agreement \(Self.fixed(a.lowerLimitOfAgreement, 2)) to \(Self.fixed(a.upperLimitOfAgreement, 2))/h, "
            + "ICC(A,1) \(Self.fixed(a.iccAbsoluteAgreement, 3))."
    }

    /// Fixed decimals (``DecimalText``, the one formatter); `-` for nil or non-finite.
    static func fixed(_ value: Double?, _ decimals: Int) -> String {
        value.map { DecimalText.fixed($0, decimals) } ?? "-"
    }

    /// An integer with thin grouping: `1 234 567`.
    static func grouped(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 9e15 else { return "-" }
        var digits = String(Int64(value.rounded()))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return groups.joined(separator: " ")
    }
}
