import Foundation
import PLMCore
import Testing

@testable import PLMSimulator

/// The samples agree with the truth: the tilt of each movement is in the signal at the truth's
/// times, and quiet sleep carries only the configured noise.
@Suite struct SignalTruthTests {
    static let rateHz = 50.0

    static func night(noiseG: Double, seed: UInt64 = 11, profile: SimulationProfile = .moderate) throws -> SimulatedNight {
        try NightSimulator.simulate(
            SimulationSettings(profile: profile, durationH: 1, sampleRateHz: rateHz, noiseG: noiseG, seed: seed))
    }

    /// Mean acceleration vector of one leg over [startS, endS).
    static func mean(_ r: SimulatedLegRecording, _ startS: Double, _ endS: Double) -> (Double, Double, Double) {
        let a = Int((startS * rateHz).rounded(.up)), b = Int((endS * rateHz).rounded(.up))
        var sx = 0.0, sy = 0.0, sz = 0.0
        for i in a..<b {
            sx += Double(r.x[i])
            sy += Double(r.y[i])
            sz += Double(r.z[i])
        }
        let n = Double(b - a)
        return (sx / n, sy / n, sz / n)
    }

    static func angleDegrees(_ u: (Double, Double, Double), _ v: (Double, Double, Double)) -> Double {
        let dot = u.0 * v.0 + u.1 * v.1 + u.2 * v.2
        let nu = (u.0 * u.0 + u.1 * u.1 + u.2 * u.2).squareRoot(), nv = (v.0 * v.0 + v.1 * v.1 + v.2 * v.2).squareRoot()
        return acos(max(-1, min(1, dot / (nu * nv)))) * 180 / .pi
    }

    @Test func tiltOfEachMovementAppearsAtTheTruthTimes() throws {
        let night = try Self.night(noiseG: 0.003)
        var checked = 0
        for m in night.truth.movements where m.kind == .lm && m.durationS >= 2.5 && m.tiltChangeDegrees >= 5 {
            let others = night.truth.movements.filter { $0.side == m.side && $0.id != m.id }
            guard !others.contains(where: { $0.offsetS > m.onsetS - 2.5 && $0.onsetS < m.offsetS + 1.5 }) else { continue }
            let r = night.recording(m.side)
            let before = Self.mean(r, m.onsetS - 1.5, m.onsetS - 0.05)
            let earlier = Self.mean(r, m.onsetS - 2.4, m.onsetS - 1.6)
            let mid = (m.onsetS + m.offsetS) / 2
            // During the hold (the middle of a >= 2.5 s movement: 1 s of hold) the ankle is still: the sensor sees
            // only gravity, tilted by the truth's tilt change.
            let plateau = Self.mean(r, mid - 0.3, mid + 0.3)
            let after = Self.mean(r, m.offsetS + 0.1, m.offsetS + 1.0)
            #expect(abs(Self.angleDegrees(before, plateau) - m.tiltChangeDegrees) < 1.0, "movement \(m.id) at \(m.onsetS) s")
            // Still before the onset, back after the offset.
            #expect(Self.angleDegrees(earlier, before) < 0.5, "movement \(m.id) starts early")
            #expect(Self.angleDegrees(before, after) < 0.5, "movement \(m.id) does not end at its offset")
            checked += 1
        }
        #expect(checked >= 5)
    }

    /// In quiet sleep the per-axis standard deviation (after removing a straight line, which takes
    /// out the posture's slow drift) is the configured white noise plus the quantisation noise of
    /// a uniform quantiser: sqrt(noise^2 + q^2/12), q = 16 g / 2^12 (Widrow & Kollar,
    /// "Quantization Noise", 2008, for noise SD above about q/2).
    @Test(arguments: [0.003, 0.006, 0.012])
    func quietSleepHasOnlyTheConfiguredNoise(noiseG: Double) throws {
        let night = try Self.night(noiseG: noiseG)
        let q = 16.0 / 4096.0
        let expected = (noiseG * noiseG + q * q / 12).squareRoot()
        var sumSquares = 0.0, dof = 0
        for side in LegSide.allCases {
            let r = night.recording(side)
            let movements = night.truth.movements.filter { $0.side == side }
            for sleep in night.truth.sleepSpans {
                var t = sleep.startS + 5
                while t + 20 < sleep.endS - 5 {
                    let window = TimeSpan(startS: t, endS: t + 20)
                    let padded = TimeSpan(startS: t - 3, endS: t + 23)
                    t += 20
                    guard !movements.contains(where: { TimeSpan(startS: $0.onsetS, endS: $0.offsetS).overlaps(padded) }) else { continue }
                    let a = Int((window.startS * Self.rateHz).rounded(.up)), b = Int((window.endS * Self.rateHz).rounded(.up))
                    for axis in [r.x, r.y, r.z] {
                        // Least-squares line through (k, v_k), residual sum of squares.
                        let n = Double(b - a)
                        var sk = 0.0, sv = 0.0, skk = 0.0, skv = 0.0
                        for i in a..<b {
                            let k = Double(i - a), v = Double(axis[i])
                            sk += k
                            sv += v
                            skk += k * k
                            skv += k * v
                        }
                        let slope = (n * skv - sk * sv) / (n * skk - sk * sk)
                        let intercept = (sv - slope * sk) / n
                        for i in a..<b {
                            let e = Double(axis[i]) - intercept - slope * Double(i - a)
                            sumSquares += e * e
                        }
                        dof += b - a - 2
                    }
                }
            }
        }
        #expect(dof > 30_000)
        let measured = (sumSquares / Double(dof)).squareRoot()
        #expect(abs(measured / expected - 1) < 0.03, "measured \(measured) g, expected \(expected) g")
    }

    @Test func gapsSpikesAndClippingAreWhereTheTruthSays() throws {
        let settings = SimulationSettings(profile: .noisy, durationH: 1, sampleRateHz: 25, seed: 3)
        let night = try NightSimulator.simulate(settings)
        let drift = 1 + settings.effectiveDefects.clockDriftPPM * 1e-6
        let jitter = settings.effectiveDefects.timestampJitterS
        let fullScale = Float(2047.0 / 256.0)
        let defects = night.truth.defects
        #expect(defects.contains { $0.kind == .gap } && defects.contains { $0.kind == .spike } && defects.contains { $0.kind == .clipping })
        for side in LegSide.allCases {
            let r = night.recording(side)
            let gaps = defects.filter { $0.side == side && $0.kind == .gap }
            // No sample inside a gap (times written on the drifting clock, with jitter).
            for g in gaps {
                #expect(!r.timesS.contains { $0 > g.startS * drift + jitter && $0 < g.endS * drift - jitter - 1 / 25 })
            }
            // Every other sample is there: 3600 s x 25 Hz minus the samples inside the gaps.
            let missing = gaps.reduce(0) { $0 + Int((($1.endS) * 25).rounded(.up)) - Int(($1.startS * 25).rounded(.up)) }
            #expect(r.sampleCount == 90_000 - missing)
            // A spike is a value of 2-8 g at its time.
            for s in defects where s.side == side && s.kind == .spike {
                guard let i = r.timesS.firstIndex(where: { abs($0 - s.startS * drift) <= jitter + 1e-9 }) else { continue }
                #expect(max(abs(r.x[i]), abs(r.y[i]), abs(r.z[i])) >= 1.99)
            }
            // A knock reaches the end of the range.
            for c in defects where c.side == side && c.kind == .clipping {
                let inside = r.timesS.indices.filter { r.timesS[$0] >= c.startS * drift && r.timesS[$0] <= c.endS * drift }
                #expect(inside.contains { r.x[$0] >= fullScale || r.y[$0] >= fullScale || r.z[$0] >= fullScale || r.x[$0] <= -8 || r.y[$0] <= -8 || r.z[$0] <= -8 })
            }
        }
    }
}
