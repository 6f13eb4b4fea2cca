import Foundation
import PLMCore
import PLMReaders

/// One movement found on the energy of the acceleration vector (``DetectionSettings/energyMeanWindowS``),
/// as samples of its valid run: `samples` its extent, `crossing` from the first to the last
/// sample at the level, `peakEnergyG2` the statistic's peak (g^2).
struct EnergyRun: Sendable, Equatable {
    var samples: Range<Int>
    var crossing: Range<Int>
    var peakEnergyG2: Double
}

extension LegMovementDetector {
    /// The energy runs of each of `scans` (a leg with the low-level search, every run closed; the
    /// sample-level movements in `bursts`, the tilt confirmations not yet made), in the scans'
    /// order; empty lists when the rule is off or too little still time was measured.
    /// docs/detection.md, "Investigated on branch weak8".
    func energyRuns(_ scans: [SegmentScan], recording: AccelerationRecording, search: LowLevelTiltSearch) -> [[EnergyRun]] {
        let none = [[EnergyRun]](repeating: [], count: scans.count)
        let rate = recording.sampleRateHz
        guard settings.energyMeanWindowS > 0, rate > 0 else { return none }
        let meanHalf = max(1, Int((settings.energyMeanWindowS * rate / 2).rounded()))
        let averageHalf = max(0, Int((settings.energyAverageS * rate / 2).rounded()))
        let clearance = Int((settings.energyClearanceS * rate).rounded())
        let minSamples = Int((PublishedRules.minimumLegMovementDurationS * rate).rounded())
        let maxSamples = Int((PublishedRules.maximumLegMovementDurationS * rate).rounded())
        let quietSamples = max(1, Int((settings.offsetQuietDurationS * rate).rounded()))
        let extension_ = Int((settings.maxEdgeExtensionS * rate).rounded())
        let offsetRatio = settings.onsetThresholdG > 0 ? min(1, settings.offsetThresholdG / settings.onsetThresholdG) : 1
        // The statistic of every run, and the still values.
        var energies: [[Float]] = []
        var still: [Float] = []
        for scan in scans {
            let energy = Self.vectorEnergy(recording, samples: scan.segment, meanHalf: meanHalf, averageHalf: averageHalf)
            var keep = [Bool](repeating: true, count: energy.count)
            for movement in scan.bursts where movement.burst.samples.count >= minSamples {
                let lower = max(0, movement.burst.samples.lowerBound - clearance)
                let upper = min(keep.count, movement.burst.samples.upperBound + clearance)
                if lower < upper { for i in lower..<upper { keep[i] = false } }
            }
            for (i, value) in energy.enumerated() where keep[i] { still.append(value) }
            energies.append(energy)
        }
        guard
            let level = MeasuredTailLevel.level(
                values: still, exceedanceProbability: search.tailProbability,
                minValues: LowLevelTiltSearch.minimumStillWindows * (2 * averageHalf + 1))
        else { return none }
        still = []
        let offsetLevel = Float(level * offsetRatio), onsetLevel = Float(level)
        // The scoring rule's hysteresis, written out rather than through HysteresisDetector: a run
        // starts at its first sample above the offset level after a quiet stretch, so dips below
        // the offset level on the way up to the onset level stay inside it (the 0.5-s average of a
        // small LM's energy on an 8-bit sensor dips there). HysteresisDetector starts after the
        // last dip: tried, it moved one LM of the hard 8-bit night 0.25 s later (3109.80 ->
        // 3110.05 s against a true onset of 3109.62 s) and changed nothing else on the 13 hard nights.
        return energies.map { energy in
            var runs: [EnergyRun] = []
            var start = -1, lastAboveOffset = -1, firstAbove = -1, lastAbove = -1
            var peak: Float = 0
            func close() {
                defer { start = -1; firstAbove = -1; lastAbove = -1; peak = 0 }
                guard start >= 0, firstAbove >= 0 else { return }
                let extent = max(start, firstAbove - extension_)..<min(lastAboveOffset + 1, lastAbove + 1 + extension_)
                guard extent.count >= minSamples, extent.count <= maxSamples else { return }
                runs.append(EnergyRun(samples: extent, crossing: firstAbove..<(lastAbove + 1), peakEnergyG2: Double(peak)))
            }
            for (i, e) in energy.enumerated() {
                if e >= offsetLevel {
                    if start < 0 { start = i }
                    lastAboveOffset = i
                    peak = max(peak, e)
                    if e >= onsetLevel {
                        if firstAbove < 0 { firstAbove = i }
                        lastAbove = i
                    }
                } else if start >= 0, i - lastAboveOffset >= quietSamples {
                    close()
                }
            }
            close()
            return runs
        }
    }

    /// The energy statistic over `samples` (one valid run): each axis minus its centred mean over
    /// 2 `meanHalf` + 1 samples (cut at the run's ends), squared and summed over the axes, then
    /// averaged over 2 `averageHalf` + 1 samples (cut likewise), g^2.
    static func vectorEnergy(
        _ recording: AccelerationRecording, samples: Range<Int>, meanHalf: Int, averageHalf: Int
    ) -> [Float] {
        let n = samples.count
        guard n > 0 else { return [] }
        var squared = [Double](repeating: 0, count: n)
        for axis in [recording.x, recording.y, recording.z] {
            axis.withUnsafeBufferPointer { values in
                let mean = centredMeans(n) { Double(values[samples.lowerBound + $0]) }
                for i in 0..<n {
                    let d = Double(values[samples.lowerBound + i]) - mean(i, meanHalf)
                    squared[i] += d * d
                }
            }
        }
        let average = centredMeans(n) { squared[$0] }
        return (0..<n).map { Float(average($0, averageHalf)) }
    }

    /// Centred means of `value(0..<n)` through prefix sums: the returned function gives the mean
    /// over i - half ... i + half, cut to 0..<n.
    private static func centredMeans(_ n: Int, _ value: (Int) -> Double) -> (Int, Int) -> Double {
        var prefix = [Double](repeating: 0, count: n + 1)
        for i in 0..<n { prefix[i + 1] = prefix[i] + value(i) }
        return { i, half in
            let lower = max(0, i - half), upper = min(n, i + half + 1)
            return (prefix[upper] - prefix[lower]) / Double(upper - lower)
        }
    }

    /// `candidates` (one valid run's, in order, absolute samples) with the energy runs of `scan`
    /// added, each only where it lies at least ``DetectionSettings/energyAdjacencyS`` from every
    /// candidate of at least 0.5 s and every shorter one the dynamic channel saw; shorter ones the
    /// dynamic channel did not see that it overlaps are replaced.
    func withEnergyRuns(
        _ candidates: [Candidate], runs: [EnergyRun], scan: SegmentScan, rateHz: Double, dynamicOnsetG: Double,
        tiltBinSamples: Int
    ) -> [Candidate] {
        guard !runs.isEmpty else { return candidates }
        let clearance = Int((settings.energyAdjacencyS * rateHz).rounded())
        let minSamples = Int((PublishedRules.minimumLegMovementDurationS * rateHz).rounded())
        let base = scan.segment.lowerBound
        let binSamples = max(1, tiltBinSamples)
        var result = candidates
        var added = false
        for run in runs {
            let samples = (base + run.samples.lowerBound)..<(base + run.samples.upperBound)
            let blocked = result.contains { c in
                (c.samples.count >= minSamples || c.peakDynamicG >= dynamicOnsetG)
                    && c.samples.lowerBound < samples.upperBound + clearance
                    && c.samples.upperBound + clearance > samples.lowerBound
            }
            guard !blocked else { continue }
            result.removeAll { $0.samples.overlaps(samples) }
            var peakTilt = 0.0
            let fromBin = run.samples.lowerBound / binSamples
            let toBin = min(scan.lowAveragedDegrees.count, (run.samples.upperBound + binSamples - 1) / binSamples)
            if fromBin < toBin {
                for b in fromBin..<toBin where !scan.lowAveragedDegrees[b].isNaN {
                    peakTilt = max(peakTilt, Double(scan.lowAveragedDegrees[b]))
                }
            }
            result.append(
                Candidate(
                    samples: samples, crossing: (base + run.crossing.lowerBound)..<(base + run.crossing.upperBound),
                    segmentIndex: scan.segmentIndex, segmentRange: scan.segment, startsCut: false, endsCut: false,
                    peakDynamicG: run.peakEnergyG2.squareRoot(), peakTiltDegrees: peakTilt))
            added = true
        }
        if added { result.sort { $0.samples.lowerBound < $1.samples.lowerBound } }
        return result
    }
}
