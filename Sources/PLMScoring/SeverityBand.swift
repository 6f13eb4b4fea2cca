/// A screening estimate of severity from the PLM index: a band with its edges and source.
/// Actigraphy does not replace PSG for a PLMD diagnosis (AASM), so this is never a diagnosis.
public struct SeverityBand: Sendable, Hashable, Codable {
    /// `normal`, `mild`, `moderate` or `severe`.
    public var name: String
    /// Lower edge, PLMs per hour (inclusive).
    public var lowerPerHour: Double
    /// Upper edge, PLMs per hour (exclusive); nil for the top band.
    public var upperPerHour: Double?
    /// Where the bands come from.
    public var source: String
    /// The index the band was chosen from.
    public var plmIndex: Double
    /// Whether the index exceeds the adult clinical threshold of 15/h (ICSD-3, with a sleep complaint).
    public var exceedsAdultThreshold: Bool
    /// Always "screening estimate".
    public var nature: String

    /// ICSD-1 bands: normal < 5, mild 5-24, moderate 25-49, severe >= 50 per hour, written here as
    /// half-open intervals [5, 25), [25, 50). Other papers use < 15, 15-29.9, 30-49.9, >= 50.
    public static let icsd1Edges: [(name: String, lower: Double, upper: Double?)] = [
        ("normal", 0, 5), ("mild", 5, 25), ("moderate", 25, 50), ("severe", 50, nil),
    ]
    /// Source of ``icsd1Edges``.
    public static let icsd1Source = "ICSD-1 (American Sleep Disorders Association, 1990) PLM index bands"
    /// Adult PLMS index threshold, per hour (strictly greater). Source: ICSD-3 (AASM 2014).
    public static let adultThresholdPerHour = 15.0

    /// The ICSD-1 band of a PLM index, or nil for an index that is not a finite number >= 0.
    public static func icsd1(plmIndex: Double) -> SeverityBand? {
        guard plmIndex.isFinite, plmIndex >= 0 else { return nil }
        for edge in icsd1Edges where plmIndex >= edge.lower && (edge.upper.map { plmIndex < $0 } ?? true) {
            return SeverityBand(
                name: edge.name, lowerPerHour: edge.lower, upperPerHour: edge.upper, source: icsd1Source,
                plmIndex: plmIndex, exceedsAdultThreshold: plmIndex > adultThresholdPerHour,
                nature: "screening estimate")
        }
        return nil
    }
}
