/// The result of analysing one night: the report (plm-report/1) and the per-leg activity traces
/// the HTML report plots.
public struct NightAnalysis: Sendable {
    /// The report in the plm-report/1 contract.
    public var report: PLMReport
    /// Activity traces and the lights window for the HTML night plot.
    public var traces: NightTraces
    /// The scorer's full result (candidates, series, indices), for callers that need more than the report.
    public var scoring: ScoringResult
}
