/// The tilt low-pass's undershoot before and after a movement, which the walk to a movement's
/// feet must not take for the movement (``DetectionSettings/footAboveFilterRinging``).
///
/// The tilt is an angle, so the undershoot shows as a bump beside each edge. Only the tilt within
/// the undershoot's reach of an edge rings into it. If that tilt rises to `P` degrees, at most `k`
/// degrees per bin, the bump is at most `P` times the step's undershoot (a jump) and at most `k`
/// times the undershoot's area in bins (a ramp: the filtered ramp before its start is the
/// ramp's slope convolved with the step response), so a slow ramp rings far less than a jump.
struct TiltRinging: Sendable {
    /// The step's deepest undershoot, a share of the step.
    var share: Float
    /// The area of the step's undershoot, tilt bins.
    var areaBins: Float
    /// How far from the step the undershoot's lobe reaches, tilt bins.
    var reachBins: Int

    /// No ringing (a leg whose feet are walked to the noise alone).
    static let none = TiltRinging(share: 0, areaBins: 0, reachBins: 0)

    /// The largest bump the undershoot can make beside the edge at bin `edge` of `tilts`, whose
    /// movement lies after it (`inward` +1, an onset) or before it (-1, an offset), degrees: from
    /// the highest tilt and the steepest bin-to-bin change within ``reachBins`` inside the edge.
    func bumpDegrees(_ tilts: UnsafeBufferPointer<Float>, edge: Int, inward: Int) -> Float {
        guard share > 0, !tilts.isEmpty else { return 0 }
        let far = min(tilts.count - 1, max(0, edge + inward * reachBins))
        let lower = max(0, min(edge, far)), upper = min(tilts.count - 1, max(edge, far))
        var highest: Float = 0, steepest: Float = 0
        var b = lower
        while b <= upper {
            highest = max(highest, tilts[b])
            if b < upper { steepest = max(steepest, abs(tilts[b + 1] - tilts[b])) }
            b += 1
        }
        return min(share * highest, areaBins * steepest)
    }
}
