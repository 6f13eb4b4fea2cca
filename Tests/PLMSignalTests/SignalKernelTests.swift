import Foundation
import PLMReaders
import Testing
@testable import PLMSignal

/// The fast kernels of the detector (issue 15) against their definitions: each must give exactly
/// what the plain computation gives, so that the detector's output does not change.
@Suite struct SignalKernelTests {
    private func recording(times: [Double]) -> AccelerationRecording {
        let zeros = [Float](repeating: 0, count: times.count)
        return AccelerationRecording(
            path: "times", layout: .generic, start: nil, declaredRateHz: 100, sampleRateHz: 100,
            x: zeros, y: zeros, z: zeros, sampleTimesS: times, defects: [])
    }

    @Test func ascendingTimes() {
        #expect(ValidSegments.isAscending([]))
        #expect(ValidSegments.isAscending([3]))
        #expect(ValidSegments.isAscending([1, 2, 2, 3]))
        #expect(!ValidSegments.isAscending([1, 3, 2]))
        #expect(!ValidSegments.isAscending([1, .nan, 2]))
        // One step back far into the array (past the first block of the scan).
        var long = (0..<10_000).map { Double($0) * 0.01 }
        #expect(ValidSegments.isAscending(long))
        long[9_000] = long[8_998]
        #expect(!ValidSegments.isAscending(long))
    }

    /// The forward search from the previous result finds the first sample at or after each
    /// time, as a linear scan does, on jittered times with repeats and a gap.
    @Test func forwardSearchMatchesLinearScan() {
        var rng = SeededGenerator(seed: 11)
        var times: [Double] = []
        var t = 0.0
        for i in 0..<5_000 {
            if i == 2_500 { t += 7.3 }  // a gap of several trace bins
            if rng.next() % 10 != 0 { t += 0.01 + Double(rng.next() % 7) * 0.0001 }  // repeats
            times.append(t)
        }
        let r = recording(times: times)
        #expect(ValidSegments.isAscending(times))
        var previous = 0
        for bin in 0..<80 {
            let timeS = Double(bin) * 0.75
            let expected = times.firstIndex { $0 >= timeS } ?? times.count
            let found = ValidSegments.firstSample(
                atOrAfterS: timeS, in: r, searchingFrom: previous, timesAscending: true)
            #expect(found == expected, "bin \(bin)")
            // With the regular clock's guess (75 samples per 0.75 s), right or wrong.
            for step in [75, 74, 3] {
                let guessed = ValidSegments.firstSample(
                    atOrAfterS: timeS, in: r, searchingFrom: previous, timesAscending: true, expectedStep: step)
                #expect(guessed == expected, "bin \(bin) step \(step)")
            }
            previous = found
        }
    }

    /// Out-of-order times fall back to the search over the whole recording.
    @Test func unsortedTimesUseTheFullSearch() {
        let times: [Double] = [0, 0.01, 0.02, 0.015, 0.04, 0.05]
        let r = recording(times: times)
        for timeS in [0.0, 0.012, 0.03, 0.06] {
            #expect(
                ValidSegments.firstSample(atOrAfterS: timeS, in: r, searchingFrom: 3, timesAscending: false)
                    == ValidSegments.firstSample(atOrAfterS: timeS, in: r))
        }
    }

    /// Eight samples at a time give what the scalar formula gives, tail included.
    @Test func magnitudesMatchTheFormula() {
        var rng = SeededGenerator(seed: 5)
        let n = 37
        let x = (0..<n).map { _ in Float(Int(rng.next() % 2001) - 1000) / 250 }
        let y = (0..<n).map { _ in Float(Int(rng.next() % 2001) - 1000) / 250 }
        let z = (0..<n).map { _ in Float(Int(rng.next() % 2001) - 1000) / 250 }
        var out = [Float](repeating: -1, count: n)
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                z.withUnsafeBufferPointer { zs in
                    out.withUnsafeMutableBufferPointer { MovementSignal.magnitudes(x: xs, y: ys, z: zs, into: $0) }
                }
            }
        }
        for i in 0..<n { #expect(out[i] == (x[i] * x[i] + y[i] * y[i] + z[i] * z[i]).squareRoot()) }
        // 3-4-12: a whole-number magnitude.
        var m: [Float] = [0]
        [Float(3)].withUnsafeBufferPointer { a in
            [Float(4)].withUnsafeBufferPointer { b in
                [Float(12)].withUnsafeBufferPointer { c in
                    m.withUnsafeMutableBufferPointer { MovementSignal.magnitudes(x: a, y: b, z: c, into: $0) }
                }
            }
        }
        #expect(m == [13])
    }

    /// Four angles at a time are exactly the scalar ones (series and atan2 branches, a zero
    /// vector), and both are the angle between the vectors (atan2 of |u x v| and u . v).
    @Test func anglesMatchTheScalarAngle() {
        var rng = SeededGenerator(seed: 9)
        var gx: [Float] = [], gy: [Float] = [], gz: [Float] = []
        var vx: [Double] = [], vy: [Double] = [], vz: [Double] = []
        for k in 0..<203 {
            // Mostly small angles (the series), some large ones and opposite vectors (atan2).
            let spread = k % 7 == 0 ? 2.0 : 0.05
            let u = (
                Double(Int(rng.next() % 2001) - 1000) / 1000 * spread,
                Double(Int(rng.next() % 2001) - 1000) / 1000 * spread, k % 11 == 0 ? -1.0 : 1.0
            )
            gx.append(Float(u.0))
            gy.append(Float(u.1))
            gz.append(Float(u.2))
            let v = (0.02, -0.01, 1.0)
            let norm = (v.0 * v.0 + v.1 * v.1 + v.2 * v.2).squareRoot()
            vx.append(v.0 / norm)
            vy.append(v.1 / norm)
            vz.append(v.2 / norm)
        }
        gx[5] = 0
        gy[5] = 0
        gz[5] = 0
        let angles = MovementSignal.anglesDegrees(gx: gx, gy: gy, gz: gz, toUnit: vx, vy, vz)
        #expect(angles.count == gx.count)
        #expect(angles[5] == 0)
        for k in gx.indices {
            let ux = Double(gx[k]), uy = Double(gy[k]), uz = Double(gz[k])
            let scalar = Float(
                MovementSignal.angleRadians(ux, uy, uz, toUnit: vx[k], vy[k], vz[k]) * 180 / Double.pi)
            #expect(angles[k] == scalar, "bin \(k)")
            guard k != 5 else { continue }
            let cx = uy * vz[k] - uz * vy[k], cy = uz * vx[k] - ux * vz[k], cz = ux * vy[k] - uy * vx[k]
            let exact = atan2((cx * cx + cy * cy + cz * cz).squareRoot(), ux * vx[k] + uy * vy[k] + uz * vz[k])
            #expect(abs(Double(angles[k]) - exact * 180 / Double.pi) < 0.01, "bin \(k)")
        }
    }
}
