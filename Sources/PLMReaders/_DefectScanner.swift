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

    /// Steps checked together before the per-step logic runs: a block whose every step is
    /// regular (0 < step <= gap threshold, the rule for nearly every sample of a recording) is
    /// passed over in one branch-free, vectorisable loop. At most 64: the value scan keeps one
    /// bit per row of a block in a `UInt64`.
    static let scanBlock = 64

    /// Gaps, duplicate and backward timestamps; returns them with the rate measured from the
    /// regular steps (mean step over gap-free forward steps).
    ///
    /// Speed: the steps are checked a block (``scanBlock``) at a time; only a block holding an
    /// irregular step (a gap, a repeat, a backward or NaN step) or ending an open run goes through
    /// the per-step logic. The regular steps of a clean block sum to its last time minus the time
    /// before it (the sum telescopes), so the rate needs no per-step addition either.
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
        /// The per-step rule for step `i` (from sample i - 1 to sample i).
        func step(_ i: Int, _ d: Double) {
            if d == 0 {
                if backwardStart >= 0 { closeRuns(at: i) }
                if duplicateStart < 0 { duplicateStart = i }
                return
            }
            if d < 0 {
                if duplicateStart >= 0 { closeRuns(at: i) }
                if backwardStart < 0 { backwardStart = i }
                return
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
        times.withUnsafeBufferPointer { t in
            var i = 1
            while i < t.count {
                let blockEnd = min(t.count, i + Self.scanBlock)
                if duplicateStart < 0 && backwardStart < 0 {
                    var irregular: UInt8 = 0  // branch-free, so that the loop vectorises
                    for k in i..<blockEnd {
                        let d = t[k] - t[k - 1]
                        irregular |= (d > 0 ? 0 : 1) | (d <= threshold ? 0 : 1)  // NaN: both 1
                    }
                    if irregular == 0 {
                        regularSum += t[blockEnd - 1] - t[i - 1]
                        regularCount += blockEnd - i
                        i = blockEnd
                        continue
                    }
                }
                for k in i..<blockEnd { step(k, t[k] - t[k - 1]) }
                i = blockEnd
            }
        }
        closeRuns(at: times.count)
        let measured = regularCount > 0 && regularSum > 0 ? Double(regularCount) / regularSum : nil
        return (defects, measured)
    }

    // MARK: Values

    func valueDefects(rateHz: Double) -> [RecordingDefect] {
        var defects: [RecordingDefect] = []
        for run in rows.missingRuns {
            defects.append(defect(.missingValue, run, "\(run.count) row(s) with an empty or NaN acceleration value from \(clock(time(run.lowerBound))); kept as NaN, not filled"))
        }
        for run in rows.outOfRangeRuns {
            defects.append(defect(.outOfRangeValue, run, "\(run.count) row(s) with an acceleration beyond ±\(DecimalText.short(DefectThresholds.largestValueG)) g (no sensor measures that; a damaged or mis-scaled value) from \(clock(time(run.lowerBound))); kept as NaN, excluded"))
        }
        // Zero fill and idle fill in one pass.
        let idleMinimumRows = Int(clamping: (DefectThresholds.idleFillMinimumS * rateHz).rounded(.up), to: 2...Int(Int32.max))
        defects += rows.x.withUnsafeBufferPointer { xs in
            rows.y.withUnsafeBufferPointer { ys in
                rows.z.withUnsafeBufferPointer { zs in
                    var scan = _FillRunScan(scanner: self, xs: xs, ys: ys, zs: zs, rateHz: rateHz, idleMinimumRows: idleMinimumRows)
                    scan.run()
                    return scan.defects
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
            axis.withUnsafeBufferPointer { values in
                for v in values { count &+= abs(v) >= maximum ? 1 : 0 }
            }
        }
        return count >= DefectThresholds.clippingMinimumSamples ? maximum : nil
    }

    /// Runs of samples with any axis at `level` (runs closer than ``DefectThresholds/clippingMergeS``
    /// merged), each with the number of such samples in it and the longest stretch of consecutive
    /// samples in which one axis stays at the level. Blocks of samples all below the level are
    /// passed over after one branch-free check.
    func clippedRuns(level: Float, mergeRows: Int) -> [(range: Range<Int>, count: Int, longestAxisRows: Int)] {
        var runs: [(range: Range<Int>, count: Int, longestAxisRows: Int)] = []
        var runStart = -1
        var lastClipped = -1
        var clippedInRun = 0
        var streak = AxisStreak()
        var longestInRun = 0
        rows.x.withUnsafeBufferPointer { xs in
            rows.y.withUnsafeBufferPointer { ys in
                rows.z.withUnsafeBufferPointer { zs in
                    let n = xs.count
                    var i = 0
                    while i < n {
                        let blockEnd = min(n, i + Self.scanBlock)
                        var any: UInt8 = 0  // branch-free, so that the loop vectorises
                        for k in i..<blockEnd {
                            any |= (abs(xs[k]) >= level ? 1 : 0) | (abs(ys[k]) >= level ? 1 : 0) | (abs(zs[k]) >= level ? 1 : 0)
                        }
                        if any != 0 {
                            for k in i..<blockEnd where abs(xs[k]) >= level || abs(ys[k]) >= level || abs(zs[k]) >= level {
                                let longestHere = streak.advance(
                                    abs(xs[k]) >= level, abs(ys[k]) >= level, abs(zs[k]) >= level,
                                    continuing: k == lastClipped + 1)
                                if runStart >= 0 && k - lastClipped <= mergeRows {
                                    lastClipped = k
                                    clippedInRun += 1
                                    longestInRun = max(longestInRun, longestHere)
                                } else {
                                    if runStart >= 0 { runs.append((runStart..<(lastClipped + 1), clippedInRun, longestInRun)) }
                                    runStart = k
                                    lastClipped = k
                                    clippedInRun = 1
                                    longestInRun = longestHere
                                }
                            }
                        }
                        i = blockEnd
                    }
                }
            }
        }
        if runStart >= 0 { runs.append((runStart..<(lastClipped + 1), clippedInRun, longestInRun)) }
        return runs
    }

    func clippingDefects(rateHz: Double) -> [RecordingDefect] {
        guard let level = clippingLevel() else { return [] }
        let mergeRows = Int(clamping: DefectThresholds.clippingMergeS * rateHz, to: 1...Int(Int32.max))
        return clippedRuns(level: level, mergeRows: mergeRows).map { run in
            let kind = ClippingRun.kind(longestAxisRows: run.longestAxisRows, rateHz: rateHz)
            var d = defect(
                kind, run.range,
                ClippingRun.detail(
                    kind: kind, level: level, longestAxisRows: run.longestAxisRows, rateHz: rateHz,
                    from: clock(time(run.range.lowerBound)), to: clock(time(run.range.upperBound - 1))))
            d.sampleCount = run.count
            return d
        }
    }
}

/// The zero-fill and idle-fill scan of ``_DefectScanner/valueDefects(rateHz:)``: its open runs
/// and findings as the stored properties of one local value, changed by its own mutating methods
/// (as nested functions capturing variables they made Swift check exclusive access at run time
/// on every row that reached the per-row rule).
private struct _FillRunScan {
    let scanner: _DefectScanner
    let xs: UnsafeBufferPointer<Float>
    let ys: UnsafeBufferPointer<Float>
    let zs: UnsafeBufferPointer<Float>
    let rateHz: Double
    /// Identical rows from this many on are an idle fill.
    let idleMinimumRows: Int
    var defects: [RecordingDefect] = []
    /// First row of the open run of 0,0,0 rows; -1 when none is open.
    var zeroStart = -1
    /// First row of the open run of identical rows.
    var sameStart = 0

    init(
        scanner: _DefectScanner, xs: UnsafeBufferPointer<Float>, ys: UnsafeBufferPointer<Float>,
        zs: UnsafeBufferPointer<Float>, rateHz: Double, idleMinimumRows: Int
    ) {
        self.scanner = scanner
        self.xs = xs
        self.ys = ys
        self.zs = zs
        self.rateHz = rateHz
        self.idleMinimumRows = idleMinimumRows
    }

    mutating func closeZero(_ i: Int) {
        if zeroStart >= 0 && i - zeroStart >= DefectThresholds.zeroFillMinimumRows {
            let range = zeroStart..<i
            defects.append(scanner.defect(.zeroFill, range, "\(range.count) rows of 0,0,0 (\(DecimalText.fixed3(Double(range.count) / rateHz)) s) from \(scanner.clock(scanner.time(zeroStart))): missing data, not a reading (a worn sensor measures 1 g)"))
        }
        zeroStart = -1
    }

    mutating func closeSame(_ i: Int) {
        if i - sameStart >= idleMinimumRows {
            let range = sameStart..<i
            defects.append(scanner.defect(.idleFill, range, "\(range.count) identical rows (\(DecimalText.fixed3(Double(range.count) / rateHz)) s) from \(scanner.clock(scanner.time(sameStart))): idle-sleep fill, not signal"))
        }
    }

    /// The per-row rule for row `i`.
    mutating func row(_ i: Int) {
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

    /// Every row, then the runs still open at the end closed.
    mutating func run() {
        let n = xs.count
        if n > 0 { row(0) }
        // Blocks of rows none of which is 0,0,0 or equal to the row before it (nearly all of a
        // worn sensor's rows) are checked branch-free and passed over: the per-row rule would
        // close any open run at the block's first row and start a new one-row run of identical
        // rows at each row, ending at its last.
        var i = 1
        while i < n {
            let blockEnd = min(n, i + _DefectScanner.scanBlock)
            // Bit k - i set: row k is 0,0,0 or equal to the row before it (branch-free).
            var special: UInt64 = 0
            for k in i..<blockEnd {
                let x = xs[k], y = ys[k], z = zs[k]
                let isZero: UInt64 = (x == 0 ? 1 : 0) & (y == 0 ? 1 : 0) & (z == 0 ? 1 : 0)
                let same: UInt64 = (x == xs[k - 1] ? 1 : 0) & (y == ys[k - 1] ? 1 : 0) & (z == zs[k - 1] ? 1 : 0)
                special |= (isZero | same) &<< UInt64(k - i)
            }
            // Special rows take the per-row rule; each stretch of other rows a...b is passed over
            // at once: the rule would close an open zero run and the identical-row run at a, then
            // start one-row runs of identical rows at a + 1 ... b (too short to report), leaving
            // sameStart = b.
            var k = i
            while k < blockEnd {
                let rest = special &>> UInt64(k - i)  // k - i < scanBlock = 64
                if rest & 1 != 0 {
                    row(k)
                    k += 1
                    continue
                }
                let stretch = min(rest.trailingZeroBitCount, blockEnd - k)  // 64 when rest == 0
                if zeroStart >= 0 { closeZero(k) }
                closeSame(k)
                sameStart = k + stretch - 1
                k += stretch
            }
            i = blockEnd
        }
        closeZero(n)
        closeSame(n)
    }
}
