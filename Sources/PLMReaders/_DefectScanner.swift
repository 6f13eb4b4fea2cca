import PLMCore

/// Finds defects in parsed samples: timing (gaps, duplicates, backwards steps, rate
/// mismatch) and values (missing, zero fill, idle fill, clipping).
struct _DefectScanner {
    let rows: _ParsedRows
    let start: RecordingClockTime?
    /// Nominal period, seconds.
    let periodS: Double

    /// Time of a row, seconds since the first sample.
    @inline(__always)
    func time(_ row: Int) -> Double {
        if let t = rows.timesS { return t[row] }
        return Double(row) * periodS
    }

    /// A wall-clock label for messages, or seconds from the start when the clock is unknown.
    func clock(_ seconds: Double) -> String {
        if let start, let fields = start.civilFields(addingSeconds: seconds) {
            var text: [UInt8] = []
            fields.appendTime(fractionSeparator: UInt8(ascii: "."), to: &text)
            return String(decoding: text, as: UTF8.self)
        }
        return DecimalText.fixed3(seconds) + " s"
    }

    func span(rows range: Range<Int>) -> TimeSpan {
        let startS = time(range.lowerBound)
        var endS = time(range.upperBound - 1) + periodS
        if endS < startS { endS = startS + periodS }
        return TimeSpan(startS: startS, endS: endS)
    }

    func defect(_ kind: RecordingDefect.Kind, _ range: Range<Int>, _ detail: String) -> RecordingDefect {
        RecordingDefect(
            kind: kind, span: span(rows: range), sampleRange: range, sampleCount: range.count,
            line: rows.line(ofRow: range.lowerBound), detail: detail)
    }

    // MARK: Timing

    /// Median of the positive time steps (of at most ~20 000 evenly spread ones: plenty for a median).
    static func medianStep(_ times: [Double]) -> Double? {
        guard times.count >= 2 else { return nil }
        let stride = max(1, (times.count - 1) / 20_000)
        var steps: [Double] = []
        steps.reserveCapacity((times.count - 1) / stride + 1)
        var i = 1
        while i < times.count {
            let d = times[i] - times[i - 1]
            if d > 0 { steps.append(d) }
            i += stride
        }
        guard !steps.isEmpty else { return nil }
        steps.sort()
        return steps[steps.count / 2]
    }

    /// Gaps, duplicate and backward timestamps; returns them with the rate measured from the
    /// regular steps (mean step over gap-free forward steps).
    func timingDefects() -> (defects: [RecordingDefect], measuredRateHz: Double?) {
        guard let times = rows.timesS, times.count >= 2 else { return ([], nil) }
        let threshold = periodS + max(DefectThresholds.gapExcessPeriods * periodS, DefectThresholds.gapExcessMinimumS)
        var defects: [RecordingDefect] = []
        var regularSum = 0.0
        var regularCount = 0
        var duplicateStart = -1
        var backwardStart = -1
        func closeRuns(at i: Int) {
            if duplicateStart >= 0 {
                let range = duplicateStart..<i
                defects.append(defect(.duplicateTime, range, "\(range.count) sample(s) repeat the timestamp of the sample before them at \(clock(time(duplicateStart)))"))
                duplicateStart = -1
            }
            if backwardStart >= 0 {
                let range = backwardStart..<i
                defects.append(defect(.nonMonotonicTime, range, "time goes backwards at \(clock(time(backwardStart - 1))) (\(range.count) sample(s) earlier than the one before)"))
                backwardStart = -1
            }
        }
        for i in 1..<times.count {
            let d = times[i] - times[i - 1]
            if d == 0 {
                if backwardStart >= 0 { closeRuns(at: i) }
                if duplicateStart < 0 { duplicateStart = i }
                continue
            }
            if d < 0 {
                if duplicateStart >= 0 { closeRuns(at: i) }
                if backwardStart < 0 { backwardStart = i }
                continue
            }
            if duplicateStart >= 0 || backwardStart >= 0 { closeRuns(at: i) }
            if d > threshold {
                let missing = max(1, Int(min(d / periodS, 1e15).rounded()) - 1)
                let startS = times[i - 1] + periodS
                let gap = RecordingDefect(
                    kind: .gap, span: TimeSpan(startS: startS, endS: times[i]), sampleRange: i..<i, sampleCount: missing,
                    line: rows.line(ofRow: i),
                    detail: "\(DecimalText.fixed3(d - periodS)) s without samples between \(clock(times[i - 1])) and \(clock(times[i])) (about \(missing) missing)")
                defects.append(gap)
            } else {
                regularSum += d
                regularCount += 1
            }
        }
        closeRuns(at: times.count)
        let measured = regularCount > 0 && regularSum > 0 ? Double(regularCount) / regularSum : nil
        return (defects, measured)
    }

    // MARK: Values

    func valueDefects(rateHz: Double) -> [RecordingDefect] {
        var defects: [RecordingDefect] = []
        let n = rows.x.count
        for run in rows.missingRuns {
            defects.append(defect(.missingValue, run, "\(run.count) row(s) with an empty or NaN acceleration value from \(clock(time(run.lowerBound))); kept as NaN, not filled"))
        }
        for run in rows.outOfRangeRuns {
            defects.append(defect(.outOfRangeValue, run, "\(run.count) row(s) with an acceleration beyond ±\(DecimalText.short(DefectThresholds.largestValueG)) g (no sensor measures that; a damaged or mis-scaled value) from \(clock(time(run.lowerBound))); kept as NaN, excluded"))
        }
        // Zero fill and idle fill in one pass.
        let idleMinimumRows = max(2, Int((DefectThresholds.idleFillMinimumS * rateHz).rounded(.up)))
        var zeroStart = -1
        var sameStart = 0
        rows.x.withUnsafeBufferPointer { xs in
            rows.y.withUnsafeBufferPointer { ys in
                rows.z.withUnsafeBufferPointer { zs in
                    func closeZero(_ i: Int) {
                        if zeroStart >= 0 && i - zeroStart >= DefectThresholds.zeroFillMinimumRows {
                            let range = zeroStart..<i
                            defects.append(defect(.zeroFill, range, "\(range.count) rows of 0,0,0 (\(DecimalText.fixed3(Double(range.count) / rateHz)) s) from \(clock(time(zeroStart))): missing data, not a reading (a worn sensor measures 1 g)"))
                        }
                        zeroStart = -1
                    }
                    func closeSame(_ i: Int) {
                        if i - sameStart >= idleMinimumRows {
                            let range = sameStart..<i
                            defects.append(defect(.idleFill, range, "\(range.count) identical rows (\(DecimalText.fixed3(Double(range.count) / rateHz)) s) from \(clock(time(sameStart))): idle-sleep fill, not signal"))
                        }
                    }
                    for i in 0..<n {
                        let x = xs[i], y = ys[i], z = zs[i]
                        let isZero = x == 0 && y == 0 && z == 0
                        if isZero {
                            if zeroStart < 0 { zeroStart = i }
                        } else if zeroStart >= 0 {
                            closeZero(i)
                        }
                        if i > 0 {
                            let same = !isZero && x == xs[i - 1] && y == ys[i - 1] && z == zs[i - 1]
                            if !same {
                                closeSame(i)
                                sameStart = i
                            }
                        }
                    }
                    closeZero(n)
                    closeSame(n)
                }
            }
        }
        defects += clippingDefects(rateHz: rateHz)
        return defects
    }

    /// The clipping level: the largest |value| when it sits at a standard sensor range and is
    /// reached by several samples.
    func clippingLevel() -> Float? {
        let maximum = rows.maximumAbsoluteG
        let m = Double(maximum)
        guard DefectThresholds.standardRangesG.contains(where: { abs(m - $0) <= $0 * DefectThresholds.clippingRangeTolerance }) else {
            return nil
        }
        var count = 0
        for axis in [rows.x, rows.y, rows.z] {
            for v in axis where abs(v) >= maximum { count += 1 }
        }
        return count >= DefectThresholds.clippingMinimumSamples ? maximum : nil
    }

    func clippingDefects(rateHz: Double) -> [RecordingDefect] {
        guard let level = clippingLevel() else { return [] }
        let mergeRows = max(1, Int(DefectThresholds.clippingMergeS * rateHz))
        var runs: [Range<Int>] = []
        var runStart = -1
        var lastClipped = -1
        for i in 0..<rows.x.count {
            let clipped = abs(rows.x[i]) >= level || abs(rows.y[i]) >= level || abs(rows.z[i]) >= level
            guard clipped else { continue }
            if runStart >= 0 && i - lastClipped <= mergeRows {
                lastClipped = i
            } else {
                if runStart >= 0 { runs.append(runStart..<(lastClipped + 1)) }
                runStart = i
                lastClipped = i
            }
        }
        if runStart >= 0 { runs.append(runStart..<(lastClipped + 1)) }
        return runs.map { range in
            var d = defect(.clipping, range, "values at the sensor's range (±\(DecimalText.short(Double(level))) g) between \(clock(time(range.lowerBound))) and \(clock(time(range.upperBound - 1)))")
            var count = 0
            for i in range where abs(rows.x[i]) >= level || abs(rows.y[i]) >= level || abs(rows.z[i]) >= level { count += 1 }
            d.sampleCount = count
            return d
        }
    }
}
