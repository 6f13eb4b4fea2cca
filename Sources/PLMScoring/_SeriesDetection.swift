import PLMCore

/// One movement in the ordered list that series detection walks.
struct _SeriesItem {
    /// Index into the scorer's movement list.
    var movement: Int
    var onsetS: Double
    var isCandidate: Bool
}

/// What series detection decided.
struct _SeriesOutcome {
    /// Runs of item positions (indices into the item list) that form series, in time order.
    var runs: [[Int]] = []
    /// IMI of each item to the movement it is measured from (nil when unmeasurable or not a CLM).
    var imis: [Double?] = []
}

enum _SeriesDetector {
    /// Finds PLM series in `items` (time order) under the rule set.
    ///
    /// A CLM continues the open run when its IMI is measurable and within bounds; otherwise the run
    /// closes (kept when long enough) and the CLM starts a new one, unless it follows a short IMI and
    /// the rules forbid that. A non-CLM closes the run (Luna `detect_sequences`, SOMAS loop). Under
    /// ``RuleSet/lastMovementMayJoinSeries`` false the last item closes the run without joining it
    /// (SOMAS's loop bound); its IMI is still measured.
    ///
    /// - Parameters:
    ///   - items: movements in time order.
    ///   - rules: the rule set.
    ///   - excluded: sorted, merged defect spans; an IMI across one is unmeasurable when the rules say so.
    /// - Complexity: O(n + e), e the number of excluded spans.
    static func detect(_ items: [_SeriesItem], rules: RuleSet, excluded: [TimeSpan]) -> _SeriesOutcome {
        var outcome = _SeriesOutcome()
        outcome.imis = [Double?](repeating: nil, count: items.count)
        var run: [Int] = []
        func close() {
            if run.count >= rules.minimumSeriesLength { outcome.runs.append(run) }
            run.removeAll(keepingCapacity: true)
        }
        var excludedCursor = 0
        for k in items.indices {
            let item = items[k]
            var imi: Double?
            if k > 0 {
                let previous = items[k - 1]
                let referenceOK = rules.imiReference == .previousMovement || previous.isCandidate
                let acrossDefect =
                    rules.excludedTimeBreaksIMI
                    && _defectBetween(previous.onsetS, item.onsetS, excluded, cursor: &excludedCursor)
                if referenceOK && !acrossDefect {
                    imi = rules.imiArithmetic.difference(item.onsetS, previous.onsetS)
                }
            }
            guard item.isCandidate else {
                close()
                continue
            }
            outcome.imis[k] = imi
            if k == items.count - 1 && !rules.lastMovementMayJoinSeries { break }
            if let imi, !run.isEmpty, rules.imiWithinBounds(imi) {
                run.append(k)
            } else {
                close()
                let afterShortIMI = imi.map { $0 < rules.imiMinimumS } ?? false
                if rules.shortIMICandidateMayStartSeries || !afterShortIMI { run.append(k) }
            }
        }
        close()
        return outcome
    }

    /// Whether a defect span overlaps the open interval (a, b); `cursor` advances monotonically
    /// because queries come in time order.
    private static func _defectBetween(
        _ a: Double, _ b: Double, _ spans: [TimeSpan], cursor: inout Int
    ) -> Bool {
        while cursor < spans.count && spans[cursor].endS <= a { cursor += 1 }
        var i = cursor
        while i < spans.count && spans[i].startS < b {
            if spans[i].endS > a { return true }
            i += 1
        }
        return false
    }
}
