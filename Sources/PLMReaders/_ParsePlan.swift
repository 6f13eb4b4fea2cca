import PLMCore

/// Everything the row parser needs to know about a file, worked out from its first lines
/// (and the options) by `_LayoutDetector`.
struct _ParsePlan {
    var layout: RecordingLayout
    /// Why this layout was chosen, for `plm inspect`.
    var reason: String
    /// 0-based index of the first line that can hold data; every line before it is header.
    var dataStartLine: Int
    var delimiter: UInt8 = UInt8(ascii: ",")
    var decimalMark: UInt8 = UInt8(ascii: ".")
    /// 0-based columns.
    var timeColumn: Int?
    var xColumn = 0
    var yColumn = 1
    var zColumn = 2
    var timeSyntax: _TimeSyntax?
    /// The clock's UTC offset stated by a header (GENEActiv `Time Zone`) or the options; applied
    /// to timestamps that carry none.
    var clockOffsetS: Int?
    var unit: AccelerationUnit = .g
    /// Where the unit came from, for messages.
    var unitSource: String = "the layout's unit (g)"
    /// Whether the user gave the unit (then an implausible value names the option).
    var unitGivenByUser = false
    var declaredRateHz: Double?
    /// Rate to use when there is no time column (user's `--rate`, or a header's rate).
    var fixedRateHz: Double?
    /// Start of the first sample per the header, for files without a time column.
    var headerStart: RecordingClockTime?
    var metadata: [(key: String, value: String)] = []

    /// Highest column index the parser has to reach.
    var lastNeededColumn: Int { max(xColumn, yColumn, zColumn, timeColumn ?? 0) }
}
