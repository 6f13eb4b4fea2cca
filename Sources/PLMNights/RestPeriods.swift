import PLMCore

/// What the in-bed detection found in a recording, on the analysis time line (seconds since the
/// earliest first sample).
public struct RestPeriods: Sendable, Hashable {
    /// One in-bed period: lying with sustained rest.
    public struct Period: Sendable, Hashable {
        public var span: TimeSpan
        /// Minutes of rest (quiet runs) inside the period.
        public var restMinutes: Int
        public init(span: TimeSpan, restMinutes: Int) {
            self.span = span
            self.restMinutes = restMinutes
        }
    }

    /// In-bed periods at least ``InBedRules/nightMinimumHours`` long, in time order.
    public var nights: [Period]
    /// Shorter in-bed periods: naps, reported and never scored as nights.
    public var naps: [Period]
    /// Lying without sustained rest (legs up on a sofa, reading in bed without sleeping).
    public var lyingAwake: [TimeSpan]
    /// A sensor not worn (on any leg), merged: what the summary reports.
    public var nonWear: [TimeSpan]
    /// No leg worn, merged: never part of a period, excluded from scoring for every leg.
    public var noLegWorn: [TimeSpan]
    /// Per leg (in the order the legs were given), that leg not worn, merged: inside a period,
    /// that leg's defect time (scored from the other leg under the default
    /// `RuleSet.defectExclusion`).
    public var nonWearByLeg: [[TimeSpan]]
    /// Whether an upright direction was found for at least one leg (from walking); posture is read
    /// from the legs that have one. Without it, posture cannot separate bed from day and every worn
    /// minute counts as lying (a one-night file).
    public var uprightFound: Bool

    public init(
        nights: [Period], naps: [Period], lyingAwake: [TimeSpan], nonWear: [TimeSpan], noLegWorn: [TimeSpan],
        nonWearByLeg: [[TimeSpan]], uprightFound: Bool
    ) {
        self.nights = nights
        self.naps = naps
        self.lyingAwake = lyingAwake
        self.nonWear = nonWear
        self.noLegWorn = noLegWorn
        self.nonWearByLeg = nonWearByLeg
        self.uprightFound = uprightFound
    }
}
