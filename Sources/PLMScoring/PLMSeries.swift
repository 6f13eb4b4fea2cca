/// One PLM series: consecutive CLMs whose IMIs all lie within the rule set's bounds.
public struct PLMSeries: Sendable, Hashable, Codable {
    /// 1-based number in time order.
    public var number: Int
    /// Onset of its first movement, s since the recording start.
    public var startS: Double
    /// Offset of its last movement, s.
    public var endS: Double
    /// Number of PLMs in it.
    public var count: Int
    /// Median of its IMIs, s.
    public var medianIMIS: Double
    /// Indices into ``ScoringResult/candidates`` of its members, in time order.
    public var candidateIndices: [Int]

    public init(number: Int, startS: Double, endS: Double, count: Int, medianIMIS: Double, candidateIndices: [Int]) {
        self.number = number
        self.startS = startS
        self.endS = endS
        self.count = count
        self.medianIMIS = medianIMIS
        self.candidateIndices = candidateIndices
    }
}
