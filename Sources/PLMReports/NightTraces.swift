import PLMCore

/// What the HTML report draws behind the events: each leg's activity over the night, the time
/// that was excluded, and the lights window. Not part of the JSON report.
public struct NightTraces: Sendable, Equatable {
    /// One trace per leg, left first.
    public var legs: [LegTrace]
    /// Lights off to lights on, seconds since the recording start; nil when not given.
    public var lightsWindow: TimeSpan?
    /// The stretches scored as sleep by a hypnogram, seconds since the recording start; nil when
    /// sleep is unknown (then no sleep lane is drawn), empty when no sleep was scored.
    public var sleepSpans: [TimeSpan]?

    public init(legs: [LegTrace], lightsWindow: TimeSpan? = nil, sleepSpans: [TimeSpan]? = nil) {
        self.legs = legs
        self.lightsWindow = lightsWindow
        self.sleepSpans = sleepSpans
    }

    /// One leg's activity, binned.
    public struct LegTrace: Sendable, Equatable {
        /// The leg.
        public var side: LegSide
        /// Start of the first bin, seconds since the recording start.
        public var startS: Double
        /// Width of each bin, seconds (e.g. 10 s for a night).
        public var binWidthS: Double
        /// Activity per bin (e.g. the largest movement-signal value in the bin), in ``unit``;
        /// NaN where there is no signal.
        public var values: [Float]
        /// Unit of ``values`` for the axis label, e.g. `g`.
        public var unit: String
        /// Excluded stretches of this leg (gaps, fill, clipping), in time order.
        public var excluded: [ExcludedSpan]

        public init(
            side: LegSide, startS: Double, binWidthS: Double, values: [Float], unit: String = "g",
            excluded: [ExcludedSpan] = []
        ) {
            self.side = side
            self.startS = startS
            self.binWidthS = binWidthS
            self.values = values
            self.unit = unit
            self.excluded = excluded
        }
    }

    /// A stretch of one leg's recording left out of scoring.
    public struct ExcludedSpan: Sendable, Equatable {
        /// When, seconds since the recording start.
        public var span: TimeSpan
        /// Why: `gap`, `fill`, `clipping`, ...
        public var kind: String

        public init(span: TimeSpan, kind: String) {
            self.span = span
            self.kind = kind
        }
    }
}
