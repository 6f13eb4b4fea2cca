import PLMCore

/// What the night's defect time does to scoring under ``RuleSet/defectExclusion``: the time
/// excluded for every leg, the time each leg cannot contribute, and the time scored from one leg
/// alone.
public struct DefectTime: Sendable, Hashable, Codable {
    /// Sorted, merged spans inside the window excluded for every leg: ``ScoringInput/excludedSpans``
    /// and the part of the legs' defect time the rule takes out. Movements starting in it are not
    /// scored, it leaves every denominator, and an IMI across it is unmeasurable.
    public var excluded: [TimeSpan]
    /// Per recorded leg, sorted, merged spans inside the window in which that leg has no valid data;
    /// that leg's movements starting in them are not scored.
    public var legDefects: [LegSide: [TimeSpan]]
    /// Per recorded leg of a two-leg recording, seconds of the window scored from that leg alone:
    /// the other leg had no valid data there and the time was not excluded. Zero under
    /// ``DefectExclusion/anyLegDefective``; empty for a one-leg recording.
    public var scoredAloneS: [LegSide: Double]

    /// Applies the rules' ``RuleSet/defectExclusion`` to the input's defect time.
    public init(_ input: ScoringInput, rules: RuleSet) {
        let window = input.window
        func inWindow(_ spans: [TimeSpan]) -> [TimeSpan] { spans.compactMap { $0.clamped(to: window) }.mergedUnion() }
        let common = inWindow(input.excludedSpans)
        var legDefects: [LegSide: [TimeSpan]] = [:]
        for side in LegSide.allCases {
            if let spans = input.legDefectSpans[side] { legDefects[side] = inWindow(spans) }
        }
        let perLeg = LegSide.allCases.compactMap { legDefects[$0] }
        var fromLegs: [TimeSpan] = []
        switch rules.defectExclusion {
        case .anyLegDefective:
            fromLegs = perLeg.flatMap { $0 }
        case .noLegRecorded:
            // Time no recorded leg covers: the intersection over the recorded legs.
            if var shared = perLeg.first {
                for spans in perLeg.dropFirst() { shared = shared.intersection(with: spans) }
                fromLegs = shared
            }
        }
        excluded = (common + fromLegs).mergedUnion()
        self.legDefects = legDefects
        var alone: [LegSide: Double] = [:]
        if perLeg.count == 2 {
            for side in LegSide.allCases {
                // The other leg's defect time that is not excluded is scored from this leg alone.
                let other = legDefects[side.opposite] ?? []
                alone[side] = other.subtracting(excluded).reduce(0) { $0 + $1.durationS }
            }
        }
        scoredAloneS = alone
    }

    /// Whether a movement of `side` starting at `onsetS` may be scored: not in excluded time, nor in
    /// its own leg's defect time.
    func admits(side: LegSide, onsetS: Double) -> Bool {
        !PLMScorer._contains(excluded, onsetS) && !PLMScorer._contains(legDefects[side] ?? [], onsetS)
    }
}
