/// The tilt low-pass's undershoot before and after a movement, which the walk to a movement's
/// feet must not take for the movement (``DetectionSettings/footAboveFilterRinging``).
///
/// The tilt is an angle, so the undershoot shows as a bump. For a movement of height `P` whose
/// tilt rises at most `k` degrees per bin, the bump is at most `P` times the step's undershoot
/// (a jump) and at most `k` times the undershoot's area in bins (a ramp: the filtered ramp
/// before its start is the ramp's slope convolved with the step response): a slow ramp rings
/// far less than a jump of the same height.
struct TiltRinging: Sendable {
    /// The step's deepest undershoot, a share of the step.
    var share: Float
    /// The area of the step's undershoot, tilt bins.
    var areaBins: Float

    /// No ringing (a leg whose feet are walked to the noise alone).
    static let none = TiltRinging(share: 0, areaBins: 0)

    /// The largest bump the undershoot can make beside a movement of peak `peakDegrees` whose tilt
    /// changes by at most `steepestDegreesPerBin` from one bin to the next, degrees.
    func bumpDegrees(peakDegrees: Float, steepestDegreesPerBin: Float) -> Float {
        min(share * peakDegrees, areaBins * steepestDegreesPerBin)
    }
}
