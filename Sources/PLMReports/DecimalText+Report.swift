import PLMCore

/// The report's number convention on top of the one formatter, ``DecimalText``.
extension DecimalText {
    /// Decimal places of every non-integer number in the JSON report and the events CSV:
    /// milliseconds for times, 0.001/h for indices, 1 mg for accelerations.
    static let jsonDecimals = 3

    /// `value` rounded to ``jsonDecimals`` places, trailing zeros (and a bare point) removed:
    /// `34` , `0.5`, `-1.25`. Non-finite values give `null`.
    static func json(_ value: Double) -> String {
        trimmed(value, decimals: jsonDecimals) ?? "null"
    }
}
