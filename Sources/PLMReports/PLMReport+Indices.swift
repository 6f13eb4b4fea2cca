extension PLMReport {
    /// What the per-hour indices are divided by.
    public enum HoursBasis: String, Sendable, Codable, Equatable, CaseIterable {
        /// Hours of the analysis window (sleep unknown): indices are per hour in bed.
        case timeInBed
        /// Hours of the analysis window minus excluded time on the legs (sleep unknown).
        case validTimeInBed
        /// Hours of sleep from a hypnogram.
        case totalSleepTime
    }

    /// Counts and per-hour indices of one night.
    ///
    /// An index is a count divided by ``hoursBasis`` hours (``validHours``); an index is nil
    /// (`null`) when there are no such hours.
    public struct Indices: Sendable, Codable, Equatable {
        /// Leg movements (both legs, every LM >= 0.5 s in the window).
        public var lmCount: Int
        /// Candidate LMs.
        public var clmCount: Int
        /// Periodic LMs (CLMs in series).
        public var plmCount: Int
        /// LMs per hour.
        public var lmIndex: Double?
        /// CLMs per hour.
        public var clmIndex: Double?
        /// PLMs per hour: the PLM index.
        public var plmIndex: Double?
        /// Ferri's periodicity index (Sleep 2006): the fraction of IMIs in runs of >= 3 consecutive
        /// IMIs within 10-90 s, 0-1; `null` when there are no IMIs. Not the PLM/CLM ratio.
        public var periodicityIndex: Double?
        /// Length of the analysis window, hours.
        public var timeInBedHours: Double
        /// PLMs in sleep per hour of sleep; `null` when sleep is unknown.
        public var plmsIndex: Double?
        /// PLMs in wake per hour of wake; `null` when sleep is unknown.
        public var plmwIndex: Double?
        /// PLM index after re-running series detection without respiratory CLMs; `null` when no
        /// respiratory events were given.
        public var nonRespiratoryPLMIndex: Double?
        /// CLMs per hour whose IMI to the previous CLM is < 10 s (WASM short-IMI CLM index).
        public var shortIMICLMIndex: Double?
        /// CLMs per hour that are neither in a series nor preceded by a short IMI (isolated CLMs).
        public var isolatedCLMIndex: Double?
        /// LMs on the left leg.
        public var leftLMCount: Int
        /// LMs on the right leg.
        public var rightLMCount: Int
        /// Monolateral CLMs on the left leg.
        public var leftCLMCount: Int
        /// Monolateral CLMs on the right leg.
        public var rightCLMCount: Int
        /// Bilateral CLMs.
        public var bilateralCLMCount: Int
        /// Number of PLM series.
        public var seriesCount: Int
        /// PLM count / CLM count ("PLM/CLM ratio", which some software calls periodicity);
        /// `null` when there are no CLMs.
        public var plmToClmRatio: Double?
        /// Left/right asymmetry of LM counts, (left - right) / (left + right), -1 to 1;
        /// `null` with one leg or no LMs.
        public var asymmetry: Double?
        /// The hours the indices are divided by.
        public var validHours: Double
        /// What ``validHours`` measures.
        public var hoursBasis: HoursBasis
        /// PLMs in sleep; `null` when sleep is unknown.
        public var plmsCount: Int?
        /// PLMs in wake; `null` when sleep is unknown.
        public var plmwCount: Int?
        /// Hours of sleep in the window; `null` when sleep is unknown.
        public var totalSleepHours: Double?
        /// Hours of wake in the window; `null` when sleep is unknown.
        public var wakeHours: Double?
        /// Mean number of PLMs per series; `null` without series.
        public var meanSeriesLength: Double?
        /// PLMs in the longest series; `null` without series.
        public var maxSeriesLength: Int?
        /// CLMs associated with a respiratory event; `null` when no respiratory events were given.
        public var respiratoryCLMCount: Int?
        /// PLMs associated with an arousal; `null` when no arousals were given.
        public var arousalPLMCount: Int?

        public init(
            lmCount: Int, clmCount: Int, plmCount: Int, lmIndex: Double?, clmIndex: Double?,
            plmIndex: Double?, periodicityIndex: Double?, timeInBedHours: Double,
            plmsIndex: Double? = nil, plmwIndex: Double? = nil, nonRespiratoryPLMIndex: Double? = nil,
            shortIMICLMIndex: Double?, isolatedCLMIndex: Double?,
            leftLMCount: Int, rightLMCount: Int, leftCLMCount: Int, rightCLMCount: Int,
            bilateralCLMCount: Int, seriesCount: Int, plmToClmRatio: Double?, asymmetry: Double?,
            validHours: Double, hoursBasis: HoursBasis, plmsCount: Int? = nil, plmwCount: Int? = nil,
            totalSleepHours: Double? = nil, wakeHours: Double? = nil, meanSeriesLength: Double? = nil,
            maxSeriesLength: Int? = nil, respiratoryCLMCount: Int? = nil, arousalPLMCount: Int? = nil
        ) {
            self.lmCount = lmCount
            self.clmCount = clmCount
            self.plmCount = plmCount
            self.lmIndex = lmIndex
            self.clmIndex = clmIndex
            self.plmIndex = plmIndex
            self.periodicityIndex = periodicityIndex
            self.timeInBedHours = timeInBedHours
            self.plmsIndex = plmsIndex
            self.plmwIndex = plmwIndex
            self.nonRespiratoryPLMIndex = nonRespiratoryPLMIndex
            self.shortIMICLMIndex = shortIMICLMIndex
            self.isolatedCLMIndex = isolatedCLMIndex
            self.leftLMCount = leftLMCount
            self.rightLMCount = rightLMCount
            self.leftCLMCount = leftCLMCount
            self.rightCLMCount = rightCLMCount
            self.bilateralCLMCount = bilateralCLMCount
            self.seriesCount = seriesCount
            self.plmToClmRatio = plmToClmRatio
            self.asymmetry = asymmetry
            self.validHours = validHours
            self.hoursBasis = hoursBasis
            self.plmsCount = plmsCount
            self.plmwCount = plmwCount
            self.totalSleepHours = totalSleepHours
            self.wakeHours = wakeHours
            self.meanSeriesLength = meanSeriesLength
            self.maxSeriesLength = maxSeriesLength
            self.respiratoryCLMCount = respiratoryCLMCount
            self.arousalPLMCount = arousalPLMCount
        }
    }

    /// The severity band of the PLM index.
    public struct Severity: Sendable, Codable, Equatable {
        /// The band the index falls in, one of ``bandNames``; `null` when the index is not known.
        public var band: String?
        /// Lower edges of the bands after the first, per hour, ascending: band `i` is
        /// `[edges[i-1], edges[i])`, the first band is below `edges[0]`, the last at or above the last edge.
        public var edges: [Double]
        /// Names of the bands, one more than ``edges``, e.g. `normal`, `mild`, `moderate`, `severe`.
        public var bandNames: [String]
        /// Where the bands come from, e.g. `ICSD-1 (AASM 1990)`.
        public var source: String
        /// Which index the band applies to and any caveat, in words.
        public var note: String

        public init(band: String?, edges: [Double], bandNames: [String], source: String, note: String) {
            self.band = band
            self.edges = edges
            self.bandNames = bandNames
            self.source = source
            self.note = note
        }
    }
}
