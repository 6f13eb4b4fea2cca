/// Everything the scorer found for one night under one rule set.
public struct ScoringResult: Sendable, Hashable, Codable {
    /// The rules used.
    public var rules: RuleSet
    /// Every scored movement in time order (including too-short and ignored ones, which have
    /// ``CandidateMovement/isLegMovement`` false).
    public var candidates: [CandidateMovement]
    /// PLM series in time order.
    public var series: [PLMSeries]
    /// Counts and indices.
    public var indices: PLMIndices
    /// Histograms and distributions.
    public var distributions: PLMDistributions
    /// ICSD-1 severity band of ``PLMIndices/plmIndex`` (nil when the index is unknown).
    public var severity: SeverityBand?
    /// Movements of one leg that touched or overlapped an earlier one of the same leg, and how many
    /// the rules joined (``RuleSet/sameLegJoining``).
    public var sameLegContacts: SameLegContacts
    /// The excluded time and the time scored from one leg alone (``RuleSet/defectExclusion``).
    public var defectTime: DefectTime
}
