extension NightTraces.LegTrace {
    /// The largest value of each `binWidthS`-second bin of a per-sample signal, for the activity
    /// trace of the night plot.
    ///
    /// Sample `i` is at `startS + i / sampleRateHz` and falls in bin `floor(i / samplesPerBin)`
    /// with `samplesPerBin = binWidthS * sampleRateHz` (not rounded, so bins stay aligned to the
    /// clock over a long night). NaN samples (no signal) are skipped; a bin with no finite
    /// sample is NaN, so gaps show as gaps.
    /// - Parameters:
    ///   - samples: The per-sample movement signal, e.g. dynamic acceleration in g.
    ///   - sampleRateHz: Samples per second (> 0).
    ///   - binWidthS: Bin width, seconds (> 0); 10 s draws an 8-h night in about 2900 bins.
    /// - Returns: One value per bin; empty for an empty signal, a non-positive or non-finite rate or
    ///   width, or bins narrower than one sample.
    /// - Complexity: O(samples), no allocation besides the result.
    public static func binnedMaximum(of samples: [Float], sampleRateHz: Double, binWidthS: Double = 10) -> [Float] {
        guard !samples.isEmpty, sampleRateHz > 0, binWidthS > 0, sampleRateHz.isFinite, binWidthS.isFinite else {
            return []
        }
        let samplesPerBin = binWidthS * sampleRateHz
        let bins = (Double(samples.count) / samplesPerBin).rounded(.up)
        // More bins than samples would only repeat samples; refuse such a width.
        guard samplesPerBin.isFinite, bins.isFinite, bins <= Double(samples.count) else { return [] }
        let binCount = Int(bins)
        var out = [Float](repeating: .nan, count: max(1, binCount))
        samples.withUnsafeBufferPointer { buffer in
            out.withUnsafeMutableBufferPointer { bins in
                var bin = 0
                var nextEdge = samplesPerBin
                for i in 0..<buffer.count {
                    while Double(i) >= nextEdge, bin + 1 < bins.count {
                        bin += 1
                        nextEdge = Double(bin + 1) * samplesPerBin
                    }
                    let v = buffer[i]
                    if v.isFinite, !(bins[bin] >= v) { bins[bin] = v }
                }
            }
        }
        return out
    }
}
