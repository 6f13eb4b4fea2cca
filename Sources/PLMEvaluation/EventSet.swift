import PLMCore

/// One night's movements from one source (a reference or a detector), with its PLM index.
public struct EventSet: Sendable, Hashable {
    /// Where the events came from (file path or description).
    public var source: String
    /// The movements, both legs.
    public var movements: [LegMovement]
    /// The PLM index the source gives, per hour; nil when it has none (a reference CSV).
    public var plmIndex: Double?
    /// The simulator profile, when the source is a simulator truth file.
    public var profile: String?
    /// Time per leg in which the source could not see movements (a report's excluded defects:
    /// gaps, fill, clipping). Reference movements missed there are data loss the report already
    /// declares, and are counted apart from detection misses.
    public var excludedSpans: [LegSide: [TimeSpan]]
    /// Per movement (same order as ``movements``), the peak change of the acceleration vector
    /// from rest, milli-g, where the source gives it (a simulator truth's `peakDeviationMg`, a
    /// reference CSV's `peak_deviation_mg`); nil when the source gives none at all.
    public var peakDeviationsMg: [Double?]?

    public init(
        source: String, movements: [LegMovement], plmIndex: Double? = nil, profile: String? = nil,
        excludedSpans: [LegSide: [TimeSpan]] = [:], peakDeviationsMg: [Double?]? = nil
    ) {
        self.source = source
        self.movements = movements
        self.plmIndex = plmIndex
        self.profile = profile
        self.excludedSpans = excludedSpans
        self.peakDeviationsMg = peakDeviationsMg
    }
}
