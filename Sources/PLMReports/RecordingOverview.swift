/// Minute by minute over a whole multi-day recording: what the summary page's overview
/// (actogram) plots. Minute `k` covers `[60 k, 60 (k + 1))` seconds since the recording's start.
public struct RecordingOverview: Sendable, Equatable {
    /// Moving seconds of the most active leg, per minute (0-60).
    public var movingSeconds: [Int]
    /// Sensor not worn.
    public var nonWear: [Bool]
    /// Estimated (or scored) asleep, within scored nights.
    public var asleep: [Bool]
    /// Inside a scored night's window.
    public var inBed: [Bool]
    /// Onsets of PLMs over all nights, seconds since the recording's start.
    public var plmOnsetsS: [Double]

    public init(movingSeconds: [Int], nonWear: [Bool], asleep: [Bool], inBed: [Bool], plmOnsetsS: [Double]) {
        self.movingSeconds = movingSeconds
        self.nonWear = nonWear
        self.asleep = asleep
        self.inBed = inBed
        self.plmOnsetsS = plmOnsetsS
    }
}
