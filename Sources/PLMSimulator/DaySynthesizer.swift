import Foundation
import PLMCore

/// Samples of the waking parts of a multi-day recording (day, sofa, nap, non-wear) for one leg,
/// in the same sensor mounting as the nights.
///
/// Leg frame as in the night simulator: x medio-lateral, y along the shank (up when standing),
/// z anterior. Walking swings the shank +-25 degrees at 0.9 Hz with 0.35-0.5 g of linear
/// acceleration (ankle accelerations while walking are 0.5-3 g); sitting keeps the shank 15
/// degrees from vertical with a small fidget every ~90 s; a sofa evening lies like bed (shank 10
/// degrees above horizontal) with a fidget every ~20 s; a nap lies on the side with a movement
/// every ~10 min; non-wear is the sensor on a table (noise only, no mounting).
struct DaySynthesizer {
    let rateHz: Double
    let noiseG: Double
    let mounting: Rotation3
    let side: LegSide
    static let quantumG = 16.0 / 4096  // 12 bits over +-8 g, as the night simulator's default
    static let rangeG = 8.0

    /// Appends the samples of `segment` (not a night) starting at global sample `first`.
    func append(
        _ segment: DaySegment, firstSample first: Int, count: Int, rng: inout SimulationRandom,
        to out: inout SimulatedLegRecording
    ) {
        let schedule = Self.schedule(segment, rng: &rng)
        var blockIndex = 0
        var blockEndS = schedule.first?.durationS ?? .infinity
        var fidgets = FidgetStream(rng: SimulationRandom(seed: rng.next(), stream: 0x4649_4447))
        fidgets.reset(meanGapS: schedule.first?.fidgetGapS ?? 0, atS: 0)
        let phase = side == .left ? 0.0 : Double.pi
        for i in 0..<count {
            let t = Double(i) / rateHz
            while t >= blockEndS, blockIndex + 1 < schedule.count {
                blockIndex += 1
                fidgets.reset(meanGapS: schedule[blockIndex].fidgetGapS, atS: blockEndS)
                blockEndS += schedule[blockIndex].durationS
            }
            let block = schedule[blockIndex]
            var leg: Vector3
            switch block.kind {
            case .walking:
                let w = 2 * Double.pi * 0.9 * t + phase
                let theta = 0.45 * sin(w)
                leg = Vector3(0, cos(theta), sin(theta)) + Vector3(0, 0.35 * sin(2 * w), 0.5 * sin(w + 0.5))
            case .standing:
                leg = Vector3(0.03 * sin(0.6 * t), 1, 0.05 * sin(0.8 * t + phase))
            case .sitting, .lying:
                leg = block.posture.inFrameRotatedAboutX(by: fidgets.angle(at: t))
            case .table:
                leg = Vector3(0.02, -0.01, 0.9997)
            }
            let sensor = block.kind == .table ? leg : mounting.transposeApplied(to: leg)
            out.x.append(Self.quantise(sensor.x + noiseG * rng.normal()))
            out.y.append(Self.quantise(sensor.y + noiseG * rng.normal()))
            out.z.append(Self.quantise(sensor.z + noiseG * rng.normal()))
            out.timesS.append(Double(first + i) / rateHz)
        }
    }

    static func quantise(_ v: Double) -> Float {
        Float(min(rangeG, max(-rangeG, (v / quantumG).rounded() * quantumG)))
    }

    /// One activity block of a segment.
    struct Block {
        enum Kind { case walking, standing, sitting, lying, table }
        var kind: Kind
        var durationS: Double
        /// Gravity direction in the leg frame when still (sitting and lying).
        var posture = Vector3(0, 1, 0)
        /// Mean gap between fidgets, s (0 for none).
        var fidgetGapS = 0.0
    }

    /// The blocks of a segment: a day alternates walking, sitting and standing.
    static func schedule(_ segment: DaySegment, rng: inout SimulationRandom) -> [Block] {
        let total = segment.durationS
        func lying(rollDegrees: Double, pitchDegrees: Double) -> Vector3 {
            let r = rollDegrees * .pi / 180, p = pitchDegrees * .pi / 180
            return Vector3(sin(r) * cos(p), sin(p), cos(r) * cos(p))
        }
        switch segment {
        case .sofa:
            return [Block(kind: .lying, durationS: total, posture: lying(rollDegrees: rng.uniform(-20, 20), pitchDegrees: 10), fidgetGapS: 20)]
        case .nap:
            return [Block(kind: .lying, durationS: total, posture: lying(rollDegrees: rng.uniform(55, 70), pitchDegrees: 5), fidgetGapS: 600)]
        case .nonWear:
            return [Block(kind: .table, durationS: total)]
        case .night:
            return []
        case .day:
            var blocks: [Block] = []
            var used = 0.0
            var k = 0
            while used < total {
                var block: Block
                switch k % 4 {
                case 0, 2: block = Block(kind: .walking, durationS: rng.uniform(180, 720))
                case 1:
                    let tilt = rng.uniform(10, 25) * .pi / 180
                    block = Block(kind: .sitting, durationS: rng.uniform(1200, 3600), posture: Vector3(0, cos(tilt), sin(tilt)), fidgetGapS: 90)
                default: block = Block(kind: .standing, durationS: rng.uniform(120, 480))
                }
                block.durationS = min(block.durationS.rounded(), total - used)
                used += block.durationS
                blocks.append(block)
                k += 1
            }
            return blocks
        }
    }
}

/// Small movements at random times: a 1-5 s bump of 5-25 degrees about the leg's x axis.
struct FidgetStream {
    var meanGapS = 0.0
    var rng: SimulationRandom
    var nextOnsetS = Double.infinity
    var current: (onsetS: Double, durationS: Double, amplitudeRad: Double)?

    init(rng: SimulationRandom) {
        self.rng = rng
    }

    /// A new block from `startS` with fidgets every `gap` seconds on average (0: none).
    mutating func reset(meanGapS gap: Double, atS startS: Double) {
        meanGapS = gap
        current = nil
        nextOnsetS = gap > 0 ? startS + rng.exponential(mean: gap) : .infinity
    }

    /// The fidget angle at time `t` (non-decreasing calls), radians.
    mutating func angle(at t: Double) -> Double {
        if let c = current, t >= c.onsetS + c.durationS { current = nil }
        if current == nil, t >= nextOnsetS {
            let duration = rng.uniform(1, 5)
            let sign = rng.chance(0.5) ? 1.0 : -1.0
            current = (t, duration, sign * rng.uniform(5, 25) * .pi / 180)
            nextOnsetS = t + duration + max(2, rng.exponential(mean: meanGapS))
        }
        guard let c = current else { return 0 }
        let u = (t - c.onsetS) / c.durationS
        let s = sin(Double.pi * u)
        return c.amplitudeRad * s * s
    }
}
