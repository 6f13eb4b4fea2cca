import Foundation
import Testing

@testable import PLMNights

@Suite("Per-minute epochs")
struct EpochAccumulatorTests {
    /// Two minutes at 20 Hz lying still (gravity along z), then a 0.1 g step of the mean at 30 s.
    @Test("Sums, extremes, and one moving second for a step in the gravity direction")
    func stepIsOneMovingSecond() {
        var accumulator = EpochAccumulator()
        for i in 0..<2400 {
            let t = Double(i) / 20
            let x = t >= 30 ? 0.1 : 0.0
            accumulator.add(timeS: t, x: x, y: 0, z: 1)
        }
        accumulator.finish()
        let epochs = accumulator.epochs
        #expect(epochs.count == 2)
        #expect(epochs[0].sampleCount == 1200 && epochs[1].sampleCount == 1200)
        // Minute 0: x is 0 for 600 samples, 0.1 for 600: mean 0.05, SD 0.05, range 0.1.
        #expect(abs((epochs[0].mean?.x ?? 0) - 0.05) < 1e-12)
        #expect(abs(epochs[0].standardDeviation.x - 0.05) < 1e-9)
        #expect(abs(epochs[0].range.x - 0.1) < 1e-12)
        #expect(epochs[0].movingSeconds == 1)
        #expect(epochs[1].movingSeconds == 0)
        #expect(epochs[0].walkingSeconds == 0)
    }

    /// Walking-like: 0.5 g sine at 2 Hz on the magnitude; its SD within a second is 0.35 g.
    @Test("A 0.5 g, 2 Hz oscillation makes every second moving and walking-like")
    func oscillationIsWalking() {
        var accumulator = EpochAccumulator()
        for i in 0..<1200 {
            let t = Double(i) / 20
            accumulator.add(timeS: t, x: 0, y: 0, z: 1 + 0.5 * sin(2 * .pi * 2 * t))
        }
        accumulator.finish()
        #expect(accumulator.epochs.count == 1)
        #expect(accumulator.epochs[0].movingSeconds == 60)
        #expect(accumulator.epochs[0].walkingSeconds == 60)
    }

    @Test("Non-finite samples and times going back are skipped, not counted")
    func badSamplesSkipped() {
        var accumulator = EpochAccumulator()
        accumulator.add(timeS: 5, x: 0, y: 0, z: 1)
        accumulator.add(timeS: 5.1, x: .nan, y: 0, z: 1)
        accumulator.add(timeS: 2, x: 0, y: 0, z: 1)
        accumulator.add(timeS: .infinity, x: 0, y: 0, z: 1)
        accumulator.finish()
        #expect(accumulator.epochs.map(\.sampleCount) == [1])
    }
}
