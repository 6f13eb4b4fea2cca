/// Puts the legs on one time line: seconds since the earliest first sample of the inputs
/// (`recording.start` of the report).
///
/// Two clocks are compared on the UTC time line when both state their UTC offset, and as wall
/// times otherwise (both files written by the same computer's clock, the usual case for a pair of
/// sensors initialised together). A leg without any clock (a headerless file read with `--rate`)
/// can only be combined with another leg without a clock; both then start at 0.
struct RecordingAlignment: Sendable {
    /// The earliest start, or nil when no leg has a clock.
    var start: RecordingClockTime?
    /// Seconds from ``start`` to each leg's first sample, by side.
    var offsetS: [LegSide: Double]

    init(legs: [LegAnalysis]) throws(AnalysisError) {
        try self.init(clocks: legs.map { ($0.side, $0.path, $0.start) })
    }

    /// The same from each leg's side, path and first-sample clock (before detection has run).
    init(clocks legs: [(side: LegSide, path: String, start: RecordingClockTime?)]) throws(AnalysisError) {
        let clocks = legs.compactMap(\.start)
        if clocks.isEmpty {
            start = nil
            offsetS = Dictionary(uniqueKeysWithValues: legs.map { ($0.side, 0.0) })
            return
        }
        if clocks.count != legs.count {
            let withClock = legs.filter { $0.start != nil }.map(\.path)
            let without = legs.filter { $0.start == nil }.map(\.path)
            throw AnalysisError(
                "cannot put the legs on one time line: \(withClock.joined(separator: ", ")) has time stamps "
                    + "but \(without.joined(separator: ", ")) has none; give both legs as files with time stamps, "
                    + "or both without", exitStatus: .dataError)
        }
        let useUTC = clocks.allSatisfy { $0.utcOffsetS != nil }
        func instant(_ clock: RecordingClockTime) -> Double {
            useUTC ? (clock.utcSecondsSince1970 ?? clock.secondsSince1970) : clock.secondsSince1970
        }
        // The earliest clock; ties go to the first leg (the left one: NightAnalyzer orders the legs left
        // first), so the result depends neither on the order of completion nor on the order given.
        var earliest = clocks[0]
        for clock in clocks.dropFirst() where instant(clock) < instant(earliest) { earliest = clock }
        start = earliest
        var offsets: [LegSide: Double] = [:]
        for leg in legs {
            if let clock = leg.start { offsets[leg.side] = instant(clock) - instant(earliest) }
        }
        offsetS = offsets
    }

    /// Seconds since ``start`` of a clock time typed by the user (lights off/on).
    /// - Throws: when the recording has no clock to place it on.
    func seconds(of clock: RecordingClockTime, option: String) throws(AnalysisError) -> Double {
        guard let start else {
            throw AnalysisError(
                "\(option) \(clock.iso8601): the recording has no time stamps to place it on; "
                    + "leave \(option) out to score the whole recording")
        }
        if let a = clock.utcSecondsSince1970, let b = start.utcSecondsSince1970 { return a - b }
        return clock.secondsSince1970 - start.secondsSince1970
    }
}
