import Foundation
import Testing

@testable import PLMSignal

/// The parts of the low-level search on noisy legs (``LegMovementDetector/lowLevelTiltSearch``,
/// ``AdjacentRestReference/averagedTiltDegrees(gx:gy:gz:averageBins:referenceX:_:_:)``,
/// ``LegMovementDetector/withLowLevelBursts(_:low:minSamples:dynamicOnsetG:)``) on hand-made
/// values whose answers follow from their construction.
@Suite struct LowLevelTiltSearchTests {
    /// A gravity series at 2 degrees about x with +-0.01 g alternating on y (a noise of mean zero
    /// over any even number of bins), read against the resting direction 0 degrees over 5 bins:
    /// at bin k the window k-2...k+2 holds three values of one sign and two of the other, so its
    /// mean is sin(2 deg) +- 0.002 on y: atan2 gives the angle exactly. Away from the series' ends
    /// the angle depends only on the five values, not on where the series starts.
    @Test func averagedTiltIsTheAngleOfTheMeanVector() {
        let n = 40
        let a = 2 * Double.pi / 180
        let gy = (0..<n).map { Float(sin(a) + ($0 % 2 == 0 ? 0.01 : -0.01)) }
        let gz = [Float](repeating: Float(cos(a)), count: n)
        let gx = [Float](repeating: 0, count: n)
        let rx = [Double](repeating: 0, count: n), ry = rx, rz = [Double](repeating: 1, count: n)
        let averaged = AdjacentRestReference.averagedTiltDegrees(
            gx: gx, gy: gy, gz: gz, averageBins: 5, referenceX: rx, ry, rz)
        for k in 2..<(n - 2) {
            // Bins k-2, k, k+2 share k's sign.
            let y = Double(Float(sin(a))) + (k % 2 == 0 ? 0.002 : -0.002)
            let expected = atan2(y, Double(Float(cos(a)))) * 180 / Double.pi
            #expect(abs(Double(averaged[k]) - expected) < 1e-4, "bin \(k): \(averaged[k]) against \(expected)")
        }
        // The same values in a series that starts 7 bins later give the same angles.
        let later = AdjacentRestReference.averagedTiltDegrees(
            gx: Array(gx[7...]), gy: Array(gy[7...]), gz: Array(gz[7...]), averageBins: 5,
            referenceX: Array(rx[7...]), Array(ry[7...]), Array(rz[7...]))
        for k in 9..<(n - 2) { #expect(later[k - 7] == averaged[k]) }
    }

    /// The confirmation level from the noise: an effective noise of 13.4 mg, 20 Hz (bins of one
    /// sample), a 1-s window (21 bins): 5 x 0.0134 / sqrt(21) rad = 0.8377 degree; the floor
    /// levels 1 and 0.75 degree; 10 bins of quiet; 10 samples for 0.5 s (with the option on). A
    /// leg whose noise keeps the tilt onset level at the floor (1 degree) gets no search.
    @Test func levelsFollowFromTheNoise() {
        var settings = DetectionSettings.default
        settings.tiltConfirmationWindowS = 1
        let detector = LegMovementDetector(settings: settings)
        let search = detector.lowLevelTiltSearch(
            effectiveNoiseRMSG: 0.0134, tiltNoiseLevelDegrees: 1.57, tiltRateHz: 20, tiltBinSamples: 1,
            dynamicNoiseLevelG: 0.048)
        #expect(search?.averageBins == 21)
        #expect(abs((search?.confirmationDegrees ?? 0) - 5 * 0.0134 / 21.0.squareRoot() * 180 / Double.pi) < 1e-9)
        #expect(abs((search?.confirmationDegrees ?? 0) - 0.8377) < 0.0005)
        #expect(search?.onsetDegrees == 1 && search?.offsetDegrees == 0.75)
        #expect(search?.quietBins == 10 && search?.minSamples == 10)
        #expect(search?.dynamicOnsetG == 0.048)
        let quiet = detector.lowLevelTiltSearch(
            effectiveNoiseRMSG: 0.003, tiltNoiseLevelDegrees: 0.4, tiltRateHz: 25, tiltBinSamples: 4,
            dynamicNoiseLevelG: 0.01)
        #expect(quiet == nil)
    }

    static func burst(_ samples: Range<Int>, peakDynamicG: Double = 0.01) -> ScanBurst {
        (HysteresisDetector.Burst(samples: samples, startsAtSegmentStart: false, endsAtSegmentEnd: false),
         samples, peakDynamicG, 1)
    }

    /// Sample-level movements 100-300 (a long one), 500-505 (a blip the tilt made) and 800-804 (a
    /// blip with a dynamic peak at the onset level: a twitch); low-level ones 250-400 (overlaps the
    /// long one: dropped), 480-540 (replaces the tilt blip), 600-650 (alone: added) and 790-830
    /// (overlaps the twitch: dropped). Minimum 10 samples, dynamic onset 0.05 g.
    @Test func lowLevelMovementsAreAddedOnlyWhereNothingLongerOrDynamicIs() {
        let bursts = [Self.burst(100..<300), Self.burst(500..<505), Self.burst(800..<804, peakDynamicG: 0.05)]
        let low = [Self.burst(250..<400), Self.burst(480..<540), Self.burst(600..<650), Self.burst(790..<830)]
        let merged = LegMovementDetector.withLowLevelBursts(bursts, low: low, minSamples: 10, dynamicOnsetG: 0.05)
        #expect(merged.map(\.burst.samples) == [100..<300, 480..<540, 600..<650, 800..<804])
    }
}
