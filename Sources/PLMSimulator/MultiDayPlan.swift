import PLMCore

/// One stretch of a simulated multi-day recording.
public enum DaySegment: Sendable, Hashable, Codable {
    /// A waking day: walking, sitting on a chair and standing in turns (shank upright).
    case day(hours: Double)
    /// An evening on a sofa with the legs up: shank horizontal as in bed, awake and fidgeting.
    case sofa(hours: Double)
    /// A daytime nap: lying, mostly still.
    case nap(hours: Double)
    /// Both sensors taken off and left on a table: noise only, constant orientation.
    case nonWear(hours: Double)
    /// A night from the night simulator (its own lights, sleep, wake and movements).
    case night(hours: Double, profile: SimulationProfile)

    /// Length, seconds (whole seconds, so that every segment holds a whole number of samples at
    /// integer rates).
    public var durationS: Double {
        switch self {
        case .day(let h), .sofa(let h), .nap(let h), .nonWear(let h), .night(let h, _): (h * 3600).rounded()
        }
    }
}

/// What to simulate: the segments in order from the recording's start, the sensor and the seed.
public struct MultiDaySettings: Sendable, Hashable, Codable {
    public var segments: [DaySegment]
    public var sampleRateHz: Double
    public var seed: UInt64
    public var recordingStart: RecordingStartTime
    /// White noise per axis, g RMS.
    public var noiseG: Double
    /// Conditions of the nights with a PLM profile (every profile but healthy), for example PLMs
    /// in quiet wake at the transition to sleep (``SimulationConditions/sleepTransitionPLMWShare``);
    /// nil: none (the nights as the night simulator makes them).
    public var plmNightConditions: SimulationConditions?

    public init(
        segments: [DaySegment], sampleRateHz: Double = 50, seed: UInt64 = 1,
        recordingStart: RecordingStartTime = MultiDaySettings.standardStart, noiseG: Double = 0.003
    ) {
        self.segments = segments
        self.sampleRateHz = sampleRateHz
        self.seed = seed
        self.recordingStart = recordingStart
        self.noiseG = noiseG
    }

    /// 2026-01-13 09:00 at UTC+01:00.
    public static let standardStart = RecordingStartTime(
        year: 2026, month: 1, day: 13, hour: 9, minute: 0, second: 0, utcOffsetMinutes: 60)

    /// Three days and nights from 09:00 (every confounder once):
    /// day 1 with a sofa evening, night 1 from 22:30 (moderate PLMs);
    /// day 2 with non-wear 10:00-11:30 and a nap 14:00-15:00, night 2 from 00:30 (after midnight, healthy);
    /// day 3, night 3 from 23:00 (mild); one hour of day 4.
    public static func threeDays(sampleRateHz: Double = 50, seed: UInt64 = 1) -> MultiDaySettings {
        MultiDaySettings(
            segments: [
                .day(hours: 11), .sofa(hours: 2.25), .day(hours: 0.25),  // 09:00-20:00-22:15-22:30
                .night(hours: 8, profile: .moderate),  // 22:30-06:30
                .day(hours: 3.5), .nonWear(hours: 1.5), .day(hours: 2.5),  // 06:30-10:00-11:30-14:00
                .nap(hours: 1), .day(hours: 9.5),  // 14:00-15:00-00:30
                .night(hours: 7.5, profile: .healthy),  // 00:30-08:00
                .day(hours: 15),  // 08:00-23:00
                .night(hours: 8, profile: .mild),  // 23:00-07:00
                .day(hours: 1),
            ],
            sampleRateHz: sampleRateHz, seed: seed)
    }

    /// `days` days and nights from 09:00, the three days of ``threeDays(sampleRateHz:seed:)`` repeated
    /// (sofa evening and moderate night; non-wear, nap and healthy night after midnight; mild
    /// night), each repetition starting at 09:00 again, and one hour of the last morning. `days: 3`
    /// is ``threeDays(sampleRateHz:seed:)``; `days: 7` (seven nights, 166.5 h) is the benchmark week.
    public static func days(_ days: Int, sampleRateHz: Double = 50, seed: UInt64 = 1) -> MultiDaySettings {
        var segments: [DaySegment] = []
        for day in 0..<max(1, days) {
            switch day % 3 {
            case 0:
                // 09:00 (the first day) or 07:00 (after a mild night) to 20:00, the sofa, night from 22:30.
                segments += [
                    .day(hours: day == 0 ? 11 : 13), .sofa(hours: 2.25), .day(hours: 0.25), .night(hours: 8, profile: .moderate),
                ]
            case 1:
                segments += [
                    .day(hours: 3.5), .nonWear(hours: 1.5), .day(hours: 2.5), .nap(hours: 1), .day(hours: 9.5),
                    .night(hours: 7.5, profile: .healthy),
                ]
            default:
                segments += [.day(hours: 15), .night(hours: 8, profile: .mild)]
            }
        }
        return MultiDaySettings(segments: segments + [.day(hours: 1)], sampleRateHz: sampleRateHz, seed: seed)
    }

    /// Checks the settings (rates and lengths the synthesisers accept), naming the bad one.
    public func validate() throws(SimulationError) {
        guard sampleRateHz.isFinite, sampleRateHz >= 10, sampleRateHz <= 200 else {
            throw .invalidSetting(name: "rate", found: "\(sampleRateHz)", expected: "a sample rate between 10 and 200 Hz")
        }
        guard !segments.isEmpty else {
            throw .invalidSetting(name: "segments", found: "none", expected: "at least one segment")
        }
        for segment in segments {
            guard segment.durationS >= 60, segment.durationS <= 48 * 3600 else {
                throw .invalidSetting(name: "segment", found: "\(segment)", expected: "segments of 1 minute to 48 hours")
            }
        }
        guard noiseG.isFinite, noiseG >= 0, noiseG <= 0.5 else {
            throw .invalidSetting(name: "noise", found: "\(noiseG)", expected: "a noise level between 0 and 0.5 g RMS")
        }
    }
}
