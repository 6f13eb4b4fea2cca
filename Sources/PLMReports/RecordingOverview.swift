/// Minute by minute over a whole multi-day recording: what the summary page's overview
/// (actogram) plots. Minute `k` covers `[60 k, 60 (k + 1))` seconds since the recording's start.
/// Non-wear is drawn from the summary's `nonWear` pieces, which say which legs were off.
public struct RecordingOverview: Sendable, Equatable {
    /// Moving seconds of the most active leg, per minute (0-60).
    public var movingSeconds: [Int]
    /// Estimated (or scored) asleep, within scored nights.
    public var asleep: [Bool]
    /// Inside a scored night's window.
    public var inBed: [Bool]
    /// Onsets of PLMs over all nights, seconds since the recording's start.
    public var plmOnsetsS: [Double]

    public init(movingSeconds: [Int], asleep: [Bool], inBed: [Bool], plmOnsetsS: [Double]) {
        self.movingSeconds = movingSeconds
        self.asleep = asleep
        self.inBed = inBed
        self.plmOnsetsS = plmOnsetsS
    }
}
