extension TimeArithmetic {
    /// `a - b` in seconds under this arithmetic.
    ///
    /// `.exactMicroseconds` rounds the difference to whole microseconds, so that times written with
    /// up to six decimals compare as their decimal values do; `.floatingPoint` is plain subtraction.
    @inline(__always)
    func difference(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .floatingPoint:
            return a - b
        case .exactMicroseconds:
            let d = (a - b) * 1e6
            return d.isFinite ? d.rounded() / 1e6 : a - b
        }
    }
}

extension RuleSet {
    /// Whether an IMI lies within the series bounds.
    @inline(__always)
    func imiWithinBounds(_ imi: Double) -> Bool {
        imi >= imiMinimumS && (imiMaximumInclusive ? imi <= imiMaximumS : imi < imiMaximumS)
    }

    /// Whether a duration exceeds a CLM limit (10 s, 15 s) under ``durationMaximaInclusive``.
    @inline(__always)
    func exceedsDurationLimit(_ durationS: Double, _ limitS: Double) -> Bool {
        durationMaximaInclusive ? durationS > limitS : durationS >= limitS
    }

    /// Whether a bilateral distance (gap or onset distance) combines.
    @inline(__always)
    func bilateralDistanceCombines(_ distance: Double) -> Bool {
        bilateralWindowInclusive ? distance <= bilateralWindowS : distance < bilateralWindowS
    }
}
