import PLMCore

/// A simulated multi-day recording: both legs' samples on one uniform time line and the truth.
public struct SimulatedMultiDay: Sendable {
    public var settings: MultiDaySettings
    public var truth: MultiDayTruth
    public var left: SimulatedLegRecording
    public var right: SimulatedLegRecording

    public func recording(_ side: LegSide) -> SimulatedLegRecording { side == .left ? left : right }
}

/// What a multi-day recording holds, in seconds since its first sample.
public struct MultiDayTruth: Sendable, Hashable, Codable {
    /// One night: where its segment lies and the night simulator's truth, moved onto the recording's time line.
    public struct Night: Sendable, Hashable, Codable {
        public var profile: SimulationProfile
        /// The night segment (the sensor lies from its start: getting into bed).
        public var segment: TimeSpan
        /// Lights off to lights on.
        public var lights: TimeSpan
        public var sleepSpans: [TimeSpan]
        public var totalSleepHours: Double
        /// The expected scoring of the night over its lights window (from the night's truth).
        public var expected: ExpectedScoring?
        /// The leg movements that count as LMs, on the recording's time line.
        public var legMovements: [LegMovement]
    }

    public var format = "plm-days-truth/1"
    /// ISO 8601 time of the first sample.
    public var recordingStart: String
    public var durationS: Double
    public var nights: [Night]
    public var naps: [TimeSpan]
    public var sofaEvenings: [TimeSpan]
    public var nonWear: [TimeSpan]
    public var days: [TimeSpan]
}

/// Makes multi-day recordings by composing the night simulator: each night segment is a
/// simulated night (rotated into the recording's one sensor mounting), the segments between are
/// synthesised by ``DaySynthesizer``. The same settings give the same recording, bit for bit.
public enum MultiDaySimulator {
    /// Stream of the multi-day random numbers (distinct from the night simulator's streams).
    static let stream: UInt64 = 0x4D55_4C54

    /// Simulates the recording, held whole in memory (tests; ``MultiDayWriter/simulateAndWrite(_:toDirectory:layout:units:gzip:)``
    /// writes a long one without holding it).
    /// - Throws: ``SimulationError/invalidSetting(name:found:expected:)`` for settings out of range.
    public static func simulate(_ settings: MultiDaySettings) throws(SimulationError) -> SimulatedMultiDay {
        var legs = LegSide.allCases.map { SimulatedLegRecording(side: $0, timesS: [], x: [], y: [], z: []) }
        let truth = try simulateSegments(settings) { (segment: [SimulatedLegRecording]) throws(SimulationError) in
            for side in LegSide.allCases {
                legs[side.index].timesS += segment[side.index].timesS
                legs[side.index].x += segment[side.index].x
                legs[side.index].y += segment[side.index].y
                legs[side.index].z += segment[side.index].z
            }
        }
        return SimulatedMultiDay(settings: settings, truth: truth, left: legs[0], right: legs[1])
    }

    /// Samples in the recording: each segment's duration at the rate, rounded down.
    static func sampleCount(_ settings: MultiDaySettings) -> Int {
        settings.segments.reduce(0) { $0 + Int(($1.durationS * settings.sampleRateHz).rounded(.down)) }
    }

    /// Simulates the recording segment by segment: each segment's samples of both legs (left
    /// first, times on the recording's time line) are handed to `body` and dropped, so that at most
    /// one segment is held. The same settings give the same samples, bit for bit, as ``simulate(_:)``.
    /// - Returns: the truth.
    /// - Throws: ``SimulationError/invalidSetting(name:found:expected:)``, or what `body` throws.
    static func simulateSegments(
        _ settings: MultiDaySettings, body: ([SimulatedLegRecording]) throws(SimulationError) -> Void
    ) throws(SimulationError) -> MultiDayTruth {
        try settings.validate()
        let rate = settings.sampleRateHz
        var rng = SimulationRandom(seed: settings.seed, stream: stream)
        let mountings = [Rotation3.random(using: &rng), Rotation3.random(using: &rng)]
        var truth = MultiDayTruth(
            recordingStart: CivilClock(start: settings.recordingStart).isoString(atMilliseconds: 0), durationS: 0,
            nights: [], naps: [], sofaEvenings: [], nonWear: [], days: [])
        var sample = 0
        for (k, segment) in settings.segments.enumerated() {
            let startS = Double(sample) / rate
            let count = Int((segment.durationS * rate).rounded(.down))
            let span = TimeSpan(startS: startS, endS: startS + segment.durationS)
            var legs = LegSide.allCases.map { SimulatedLegRecording(side: $0, timesS: [], x: [], y: [], z: []) }
            switch segment {
            case .night(let hours, let profile):
                let nightSettings = SimulationSettings(
                    profile: profile, durationH: hours, sampleRateHz: rate, noiseG: settings.noiseG,
                    seed: settings.seed &* 1000 &+ UInt64(k), defects: DefectSettings.none,
                    conditions: profile == .healthy ? .none : settings.plmNightConditions ?? .none)
                let night = try NightSimulator.simulate(nightSettings)
                let nightMountings = NightSimulator.calibratedPlan(nightSettings).plan.mountings
                for side in LegSide.allCases {
                    appendNight(
                        night.recording(side), count: count, firstSample: sample, rate: rate,
                        rotation: (from: nightMountings[side.index], to: mountings[side.index]), to: &legs[side.index])
                }
                truth.nights.append(nightTruth(night.truth, profile: profile, segment: span))
            default:
                for side in LegSide.allCases {
                    let synthesizer = DaySynthesizer(rateHz: rate, noiseG: settings.noiseG, mounting: mountings[side.index], side: side)
                    var legRNG = SimulationRandom(seed: settings.seed &+ UInt64(k), stream: stream &+ 1 &+ UInt64(side.index))
                    synthesizer.append(segment, firstSample: sample, count: count, rng: &legRNG, to: &legs[side.index])
                }
                switch segment {
                case .day: truth.days.append(span)
                case .sofa: truth.sofaEvenings.append(span)
                case .nap: truth.naps.append(span)
                case .nonWear: truth.nonWear.append(span)
                case .night: break
                }
            }
            try body(legs)
            sample += count
        }
        truth.durationS = Double(sample) / rate
        return truth
    }

    /// Appends a night's samples, turned from the night's mounting into the recording's:
    /// sensor' = M^T M_n sensor (the night synthesiser wrote sensor = M_n^T leg).
    static func appendNight(
        _ night: SimulatedLegRecording, count: Int, firstSample: Int, rate: Double,
        rotation: (from: Rotation3, to: Rotation3), to out: inout SimulatedLegRecording
    ) {
        let n = min(count, night.sampleCount)
        let m = rotation.from
        for i in 0..<n {
            let s = Vector3(Double(night.x[i]), Double(night.y[i]), Double(night.z[i]))
            let leg = Vector3(m.r0.dot(s), m.r1.dot(s), m.r2.dot(s))
            let sensor = rotation.to.transposeApplied(to: leg)
            out.x.append(Float(sensor.x))
            out.y.append(Float(sensor.y))
            out.z.append(Float(sensor.z))
            out.timesS.append(Double(firstSample + i) / rate)
        }
        // A night shorter than its segment (rounding) is padded by nothing: the next segment
        // starts at the next sample index, so the time line stays uniform.
    }

    /// The night's truth moved by the segment's start.
    static func nightTruth(_ truth: SimulationTruth, profile: SimulationProfile, segment: TimeSpan) -> MultiDayTruth.Night {
        let shift = segment.startS
        func moved(_ s: TimeSpan) -> TimeSpan { TimeSpan(startS: s.startS + shift, endS: s.endS + shift) }
        return MultiDayTruth.Night(
            profile: profile, segment: segment, lights: moved(truth.lights), sleepSpans: truth.sleepSpans.map(moved),
            totalSleepHours: truth.totalSleepTimeS / 3600, expected: truth.expectedScoring,
            legMovements: truth.legMovements.map { m in
                var moved = m
                moved.onsetS += shift
                moved.offsetS += shift
                return moved
            })
    }
}
