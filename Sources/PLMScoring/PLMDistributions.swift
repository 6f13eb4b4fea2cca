/// Histograms and summaries of inter-movement intervals and of PLMs through the night.
public struct PLMDistributions: Sendable, Hashable, Codable {
    /// Bin width of ``imiHistogram``, s (SOMAS convention).
    public static let imiBinWidthS = 2.0
    /// Upper edge of ``imiHistogram``, s: IMIs below 90 s are binned.
    public static let imiHistogramMaximumS = 90.0
    /// Bin width of ``lnIMIHistogram`` (natural log of seconds; SOMAS convention).
    public static let lnIMIBinWidth = 0.1
    /// Upper edge of ``lnIMIHistogram``.
    public static let lnIMIHistogramMaximum = 4.5

    /// Counts of measurable CLM IMIs in 2-s bins over [0, 90) s: bin k holds [2k, 2k + 2).
    public var imiHistogram: [Int]
    /// Counts of ln(IMI) in 0.1 bins over [0, 4.5): bin k holds [0.1k, 0.1k + 0.1).
    public var lnIMIHistogram: [Int]
    /// Mean and sample SD of ln(IMI) over IMIs of 10-90 s (nil below 1 and 2 values).
    public var meanLnIMI: Double?
    public var sdLnIMI: Double?
    /// PLMs per hour of the analysis window: element k counts PLMs with onset in
    /// [window start + k h, window start + (k + 1) h) (at most 1008 hours).
    public var plmsPerHourOfNight: [Int]
}
