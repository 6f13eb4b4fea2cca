/// Which analysis `plm analyze` (and a `plm batch` row) runs for a set of options, in one place:
/// one night (``NightAnalyzer``) when lights off or on is given or the whole recording is asked
/// for; otherwise the recording's nights are found and scored one by one (``RecordingAnalyzer``).
public enum AnalysisChoice: Sendable, Equatable {
    /// One night over the lights window (or the whole recording).
    case oneNight
    /// The in-bed periods of a recording of any length, each night scored on its own.
    case nights

    public init(lightsOff: String?, lightsOn: String?, wholeRecording: Bool = false) {
        self = wholeRecording || lightsOff != nil || lightsOn != nil ? .oneNight : .nights
    }

    /// The label of the night whose window starts at `lightsOff` (on the recording's clock): the
    /// evening's date `YYYY-MM-DD`, taken 12 hours earlier so that a night starting after
    /// midnight belongs to the evening before. The folder `night-<label>` and `date` of
    /// plm-summary/1 use it.
    public static func eveningDate(of lightsOff: RecordingClockTime) -> String {
        let seconds = lightsOff.adding(seconds: -12 * 3600).secondsSince1970
        let days = Int((seconds / 86_400).rounded(.down))
        let date = CivilCalendar.date(daysSince1970: days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(date.year)-\(two(date.month))-\(two(date.day))"
    }
}
