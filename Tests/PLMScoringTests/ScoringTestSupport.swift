import PLMCore

@testable import PLMScoring

/// A left-leg movement from onset to offset, s.
func L(_ onsetS: Double, _ offsetS: Double) -> LegMovement {
    LegMovement(side: .left, onsetS: onsetS, offsetS: offsetS)
}

/// A right-leg movement from onset to offset, s.
func R(_ onsetS: Double, _ offsetS: Double) -> LegMovement {
    LegMovement(side: .right, onsetS: onsetS, offsetS: offsetS)
}

/// Left-leg movements of 1 s at each onset.
func leftMovements(at onsets: [Double]) -> [LegMovement] {
    onsets.map { L($0, $0 + 1) }
}

/// Scores movements in a one-hour window [0, 3600) s with no other annotations.
func score(
    _ movements: [LegMovement], _ rules: RuleSet, windowS: Double = 3600, excluded: [TimeSpan] = [],
    respiratory: [TimeSpan] = [], arousals: [TimeSpan] = [], hypnogram: Hypnogram? = nil
) -> ScoringResult {
    PLMScorer.score(
        ScoringInput(
            movements: movements, window: TimeSpan(startS: 0, endS: windowS), excludedSpans: excluded,
            respiratoryEvents: respiratory, arousals: arousals, hypnogram: hypnogram),
        rules: rules)
}
