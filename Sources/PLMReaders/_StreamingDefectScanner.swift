import PLMCore

/// The defects of `_DefectScanner`, found chunk by chunk in one pass over a file that is never held
/// whole. Runs are carried across chunks; what depends on the whole file (the nominal period, the
/// clipping level) is known beforehand from earlier passes, and what depends on the rate measured in
/// this very pass (the idle-fill minimum, clipped runs merged within a second) is decided in
/// ``finish(rateHz:)`` from candidates kept with a length bound that the final rule can only be
/// above. Every detail text and the order of the defects before sorting are `_DefectScanner`'s, so
/// the result equals the whole-file reader's (a test compares them).
struct _StreamingDefectScanner {
    /// The rows' runs, line anchors and count (no samples).
    let meta: _ParsedRows
    let sampleCount: Int
    let periodS: Double
    let timed: Bool
    let clippingLevel: Float?
    /// Runs of identical rows shorter than this cannot be idle fill whatever the rate measured.
    let idleCandidateRows: Int
    let labels: _DefectScanner

    private var previousTime = 0.0
    private var firstTime = 0.0
    // Timing (as `_DefectScanner.timingDefects`).
    private let gapThresholdS: Double
    private(set) var timingDefects: [RecordingDefect] = []
    private var regularSum = 0.0
    private var regularCount = 0
    private var duplicateStart = -1, duplicateStartTime = 0.0
    private var backwardStart = -1, backwardStartTime = 0.0, backwardBeforeTime = 0.0
    // Values (as `_DefectScanner.valueDefects`).
    private enum ValueRun { case zero(Range<Int>, Double, Double), idle(Range<Int>, Double, Double) }
    private var valueRuns: [ValueRun] = []
    private var zeroStart = -1, zeroStartTime = 0.0
    private var sameStart = 0, sameStartTime = 0.0
    private var previousValue: (x: Float, y: Float, z: Float) = (0, 0, 0)
    /// Contiguous clipped rows: range, first and last time, and the longest stretch in which one
    /// axis stays at the level.
    private var clippedRuns: [(range: Range<Int>, startTime: Double, lastTime: Double, longestAxisRows: Int)] = []
    private var clippedStreak = AxisStreak()
    /// Rows whose time the missing and out-of-range runs need, ascending, and their times.
    private let wantedRows: [Int]
    private var wantedCursor = 0
    private var wantedTimes: [Int: Double] = [:]

    init(
        meta: _ParsedRows, sampleCount: Int, start: RecordingClockTime?, periodS: Double, timed: Bool,
        clippingLevel: Float?, idleCandidateRows: Int
    ) {
        self.meta = meta
        self.sampleCount = sampleCount
        self.periodS = periodS
        self.timed = timed
        self.clippingLevel = clippingLevel
        self.idleCandidateRows = idleCandidateRows
        labels = _DefectScanner(rows: _ParsedRows(), start: start, periodS: periodS)
        gapThresholdS = periodS + max(DefectThresholds.gapExcessPeriods * periodS, DefectThresholds.gapExcessMinimumS)
        let bounds = (meta.missingRuns + meta.outOfRangeRuns).flatMap { [$0.lowerBound, $0.upperBound - 1] }
        wantedRows = Array(Set(bounds)).sorted()
    }

    /// The time of row `row` as `_DefectScanner.time` gives it.
    @inline(__always)
    private func time(_ row: Int, _ chunk: SampleChunk) -> Double {
        timed ? chunk.timesS.map { $0[row - chunk.firstSample] } ?? 0 : Double(row) * periodS
    }

    private func defect(_ kind: RecordingDefect.Kind, _ range: Range<Int>, _ startS: Double, _ lastS: Double, _ detail: String) -> RecordingDefect {
        var endS = lastS + periodS
        if endS < startS { endS = startS + periodS }
        return RecordingDefect(
            kind: kind, span: TimeSpan(startS: startS, endS: endS), sampleRange: range, sampleCount: range.count,
            line: meta.line(ofRow: range.lowerBound), detail: detail)
    }

    /// Scans the next rows.
    mutating func add(_ chunk: SampleChunk) {
        for k in 0..<chunk.count {
            let i = chunk.firstSample + k
            let t = time(i, chunk)
            while wantedCursor < wantedRows.count, wantedRows[wantedCursor] <= i {
                if wantedRows[wantedCursor] == i { wantedTimes[i] = t }
                wantedCursor += 1
            }
            if i == 0 { firstTime = t }
            if timed && i > 0 { timingStep(i, t) }
            valueStep(i, t, chunk.x[k], chunk.y[k], chunk.z[k])
            previousTime = t
        }
    }

    private mutating func closeTimingRuns(at i: Int) {
        if duplicateStart >= 0 {
            let range = duplicateStart..<i
            timingDefects.append(defect(.duplicateTime, range, duplicateStartTime, previousTime, "\(range.count) sample(s) repeat the timestamp of the sample before them at \(labels.clock(duplicateStartTime))"))
            duplicateStart = -1
        }
        if backwardStart >= 0 {
            let range = backwardStart..<i
            timingDefects.append(defect(.nonMonotonicTime, range, backwardStartTime, previousTime, "time goes backwards at \(labels.clock(backwardBeforeTime)) (\(range.count) sample(s) earlier than the one before)"))
            backwardStart = -1
        }
    }

    private mutating func timingStep(_ i: Int, _ t: Double) {
        let d = t - previousTime
        if d == 0 {
            if backwardStart >= 0 { closeTimingRuns(at: i) }
            if duplicateStart < 0 { (duplicateStart, duplicateStartTime) = (i, t) }
            return
        }
        if d < 0 {
            if duplicateStart >= 0 { closeTimingRuns(at: i) }
            if backwardStart < 0 { (backwardStart, backwardStartTime, backwardBeforeTime) = (i, t, previousTime) }
            return
        }
        if duplicateStart >= 0 || backwardStart >= 0 { closeTimingRuns(at: i) }
        if d > gapThresholdS {
            let missing = max(1, Int(min(d / periodS, 1e15).rounded()) - 1)
            let startS = previousTime + periodS
            timingDefects.append(
                RecordingDefect(
                    kind: .gap, span: TimeSpan(startS: startS, endS: t), sampleRange: i..<i, sampleCount: missing,
                    line: meta.line(ofRow: i),
                    detail: "\(DecimalText.fixed3(d - periodS)) s without samples between \(labels.clock(previousTime)) and \(labels.clock(t)) (about \(missing) missing)"))
        } else {
            regularSum += d
            regularCount += 1
        }
    }

    private mutating func valueStep(_ i: Int, _ t: Double, _ x: Float, _ y: Float, _ z: Float) {
        let isZero = x == 0 && y == 0 && z == 0
        if isZero {
            if zeroStart < 0 { (zeroStart, zeroStartTime) = (i, t) }
        } else if zeroStart >= 0 {
            closeZero(i)
        }
        if i > 0 {
            let p = previousValue
            let same = !isZero && x == p.x && y == p.y && z == p.z
            if !same {
                closeSame(i)
                (sameStart, sameStartTime) = (i, t)
            }
        } else {
            sameStartTime = t
        }
        previousValue = (x, y, z)
        if let level = clippingLevel, abs(x) >= level || abs(y) >= level || abs(z) >= level {
            let continuing = clippedRuns.last.map { $0.range.upperBound == i } ?? false
            let longestHere = clippedStreak.advance(abs(x) >= level, abs(y) >= level, abs(z) >= level, continuing: continuing)
            if continuing, let last = clippedRuns.last {
                clippedRuns[clippedRuns.count - 1] = (
                    last.range.lowerBound..<(i + 1), last.startTime, t, max(last.longestAxisRows, longestHere)
                )
            } else {
                clippedRuns.append((i..<(i + 1), t, t, longestHere))
            }
        }
    }

    private mutating func closeZero(_ i: Int) {
        if zeroStart >= 0 && i - zeroStart >= DefectThresholds.zeroFillMinimumRows {
            valueRuns.append(.zero(zeroStart..<i, zeroStartTime, previousTime))
        }
        zeroStart = -1
    }

    private mutating func closeSame(_ i: Int) {
        if i - sameStart >= idleCandidateRows { valueRuns.append(.idle(sameStart..<i, sameStartTime, previousTime)) }
    }

    /// Closes the timing runs after the last row; returns the timing defects and the measured rate.
    mutating func finishTiming() -> (defects: [RecordingDefect], measuredRateHz: Double?) {
        guard timed, sampleCount >= 2 else { return ([], nil) }
        closeTimingRuns(at: sampleCount)
        let measured = regularCount > 0 && regularSum > 0 ? Double(regularCount) / regularSum : nil
        return (timingDefects, measured)
    }

    /// The value defects once the rate is known (as `_DefectScanner.valueDefects(rateHz:)`).
    mutating func finishValues(rateHz: Double) -> [RecordingDefect] {
        closeZero(sampleCount)
        closeSame(sampleCount)
        var defects: [RecordingDefect] = []
        func wanted(_ row: Int) -> Double { wantedTimes[row] ?? 0 }
        for run in meta.missingRuns {
            defects.append(defect(.missingValue, run, wanted(run.lowerBound), wanted(run.upperBound - 1), "\(run.count) row(s) with an empty or NaN acceleration value from \(labels.clock(wanted(run.lowerBound))); kept as NaN, not filled"))
        }
        for run in meta.outOfRangeRuns {
            defects.append(defect(.outOfRangeValue, run, wanted(run.lowerBound), wanted(run.upperBound - 1), "\(run.count) row(s) with an acceleration beyond ±\(DecimalText.short(DefectThresholds.largestValueG)) g (no sensor measures that; a damaged or mis-scaled value) from \(labels.clock(wanted(run.lowerBound))); kept as NaN, excluded"))
        }
        let idleMinimumRows = max(2, Int((DefectThresholds.idleFillMinimumS * rateHz).rounded(.up)))
        for run in valueRuns {
            switch run {
            case .zero(let range, let startS, let lastS):
                defects.append(defect(.zeroFill, range, startS, lastS, "\(range.count) rows of 0,0,0 (\(DecimalText.fixed3(Double(range.count) / rateHz)) s) from \(labels.clock(startS)): missing data, not a reading (a worn sensor measures 1 g)"))
            case .idle(let range, let startS, let lastS):
                guard range.count >= idleMinimumRows else { continue }
                defects.append(defect(.idleFill, range, startS, lastS, "\(range.count) identical rows (\(DecimalText.fixed3(Double(range.count) / rateHz)) s) from \(labels.clock(startS)): idle-sleep fill, not signal"))
            }
        }
        defects += clippingDefects(rateHz: rateHz)
        return defects
    }

    /// Clipped rows closer than a second merged into runs, as `_DefectScanner.clippingDefects`.
    private func clippingDefects(rateHz: Double) -> [RecordingDefect] {
        guard let level = clippingLevel, let first = clippedRuns.first else { return [] }
        let mergeRows = max(1, Int(DefectThresholds.clippingMergeS * rateHz))
        var merged: [(range: Range<Int>, startTime: Double, lastTime: Double, count: Int, longestAxisRows: Int)] = [
            (first.range, first.startTime, first.lastTime, first.range.count, first.longestAxisRows)
        ]
        for run in clippedRuns.dropFirst() {
            let last = merged[merged.count - 1]
            if run.range.lowerBound - (last.range.upperBound - 1) <= mergeRows {
                merged[merged.count - 1] = (
                    last.range.lowerBound..<run.range.upperBound, last.startTime, run.lastTime, last.count + run.range.count,
                    max(last.longestAxisRows, run.longestAxisRows)
                )
            } else {
                merged.append((run.range, run.startTime, run.lastTime, run.range.count, run.longestAxisRows))
            }
        }
        return merged.map { run in
            let kind = ClippingRun.kind(longestAxisRows: run.longestAxisRows, rateHz: rateHz)
            var d = defect(
                kind, run.range, run.startTime, run.lastTime,
                ClippingRun.detail(
                    kind: kind, level: level, longestAxisRows: run.longestAxisRows, rateHz: rateHz,
                    from: labels.clock(run.startTime), to: labels.clock(run.lastTime)))
            d.sampleCount = run.count
            return d
        }
    }

    /// Time of the first row.
    var firstSampleTimeS: Double { firstTime }
    /// Time of the last row seen.
    var lastSampleTimeS: Double { previousTime }
}
