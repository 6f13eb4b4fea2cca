extension Int {
    /// `value` rounded toward zero and clamped to `bounds`; NaN gives `bounds.lowerBound`.
    ///
    /// The one conversion for numbers that come from outside (options, files, arithmetic on them)
    /// and are used to size, count or index: `Int(_:)` traps on NaN, infinity and magnitudes
    /// beyond 2^63, this never does.
    @inlinable
    public init(clamping value: Double, to bounds: ClosedRange<Int>) {
        if value.isNaN {
            self = bounds.lowerBound
        } else if value <= Double(bounds.lowerBound) {
            self = bounds.lowerBound
        } else if value >= Double(bounds.upperBound) {
            self = bounds.upperBound
        } else {
            self = Int(value)
        }
    }
}
