import PLMCore
extension RuleSet {
    /// One named setting of a rule set, for the report's settings block.
    public struct Setting: Sendable, Hashable, Codable {
        /// The field's name, as in ``RuleSet``.
        public var name: String
        /// Its value, written for a person (numbers in seconds without a unit suffix).
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Every setting as (name, value) pairs, in a fixed order.
    public var settings: [Setting] {
        func s(_ n: String, _ v: String) -> Setting { Setting(name: n, value: v) }
        func d(_ x: Double) -> String { _formatSeconds(x) }
        return [
            s("name", name),
            s("minimumMovementDurationS", d(minimumMovementDurationS)),
            s("maximumMonolateralCandidateDurationS", d(maximumMonolateralCandidateDurationS)),
            s("durationMaximaInclusive", String(durationMaximaInclusive)),
            s("durationCounting", durationCounting.rawValue),
            s("longMovementHandling", longMovementHandling.rawValue),
            s("sameLegJoining", sameLegJoining.rawValue),
            s("bilateralGrouping", bilateralGrouping.rawValue),
            s("bilateralWindowS", d(bilateralWindowS)),
            s("bilateralWindowInclusive", String(bilateralWindowInclusive)),
            s("maximumBilateralComponents", String(maximumBilateralComponents)),
            s("maximumBilateralCandidateDurationS", d(maximumBilateralCandidateDurationS)),
            s("imiMinimumS", d(imiMinimumS)),
            s("imiMaximumS", d(imiMaximumS)),
            s("imiMaximumInclusive", String(imiMaximumInclusive)),
            s("imiReference", imiReference.rawValue),
            s("shortIMICandidateMayStartSeries", String(shortIMICandidateMayStartSeries)),
            s("minimumSeriesLength", String(minimumSeriesLength)),
            s("lastMovementMayJoinSeries", String(lastMovementMayJoinSeries)),
            s("excludedTimeBreaksIMI", String(excludedTimeBreaksIMI)),
            s("defectExclusion", defectExclusion.rawValue),
            s("wakeMovementHandling", wakeMovementHandling.rawValue),
            s("respiratoryWindow", respiratoryWindow.rawValue),
            s("respiratoryHandling", respiratoryHandling.rawValue),
            s("arousalMaximumGapS", d(arousalMaximumGapS)),
            s("imiArithmetic", imiArithmetic.rawValue),
            s("bilateralArithmetic", bilateralArithmetic.rawValue),
        ]
    }

    /// The names of the settings in which this rule set differs from `other`.
    public func differences(from other: RuleSet) -> [String] {
        zip(settings, other.settings).filter { $0.0.name != "name" && $0.0.value != $0.1.value }.map(\.0.name)
    }
}

/// Writes seconds without a trailing `.0` for whole numbers (`10`, `10.25`), deterministically
/// (``DecimalText``, the one formatter; up to nine decimals, more than any rule number has).
func _formatSeconds(_ x: Double) -> String {
    DecimalText.trimmed(x, decimals: 9) ?? "\(x)"
}
