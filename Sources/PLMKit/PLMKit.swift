// PLMKit: the facade that composes the pipeline stages
//   read (PLMReaders) -> condition and detect (PLMSignal) -> score (PLMScoring) -> report (PLMReports)
// into whole jobs: analyse a night, score an event list, benchmark a folder of simulated nights.
//
// The stage modules are re-exported so that a client (the `plm` command, a notebook, another
// package) needs `import PLMKit` only.
@_exported import PLMCore
@_exported import PLMEvaluation
@_exported import PLMNights
@_exported import PLMReaders
@_exported import PLMReports
@_exported import PLMScoring
@_exported import PLMSignal
@_exported import PLMSimulator

/// The name and version written into every report.
public enum PLMKitVersion {
    /// Program name in reports.
    public static let toolName = "plm"
    /// Semantic version of this release.
    public static let version = "0.1.0"
    /// The report's `tool` block.
    public static var tool: PLMReport.Tool { PLMReport.Tool(name: toolName, version: version) }
}
