import ArgumentParser
import PLMCore
import PLMSimulator

/// `plm simulate`: writes a simulated night (both ankles) with its ground truth.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write a simulated night of both ankles with exact ground truth.",
        discussion: """
            Makes one night of raw ankle acceleration for each leg, as a sensor strapped above \
            the ankle would record it, together with truth.json: every movement (leg, onset, \
            offset, kind, whether it counts as a leg movement), lights off/on, sleep and wake, \
            recording defects, and the PLM indices the truth scores under the default WASM 2016 \
            rules. Use it to see how the analysis performs on a night whose answer is known, \
            then compare with `plm evaluate`.

            Profiles (PLMS index the night is built for): healthy (< 5/h), mild (15-25/h), \
            moderate (25-50/h), severe (> 50/h), noisy (a moderate night from a poor sensor: \
            more noise, spikes, gaps, clipping, timestamp jitter, clock drift), restless \
            (much wake and many posture shifts, 5-15/h).

            Conditions (--condition) add what makes detection hard to any profile, with a sensor \
            to match (explicit --rate, --noise, --range and --bits win): small-slow (half of the \
            LMs 1.5-5 degrees, a third rising over 0.5-2 s, lasting 1-3 degree changes; 25 Hz, \
            6 mg), trains (series with IMIs of 10.5-15 s, bilateral pairs, doublets, multi-burst \
            LMs, twitches next to LMs; 25 Hz, 4 mg), coarse-8bit (8-bit over +-4 g at 20 Hz, \
            8 mg), coarse-10bit-clipped (10-bit over +-2 g at 25 Hz, 7 mg, restless wake bursts \
            that clip), drift-slip (thermal drift of the offset 1-2 mg/C, the strap slipping \
            10-25 degrees over the night), hard (all of them, 10-bit +-2 g, 25 Hz, 8 mg), \
            hard-8bit (all of them, 8-bit +-4 g, 20 Hz, 9 mg) and two-devices (left 10-bit \
            +-2 g 8 mg, right 8-bit +-4 g 9 mg with a 20 min gap of its own). See docs/simulator.md.

            The same settings and seed always give the same files, byte for byte.

            Example: plm simulate --profile moderate --hours 8 --rate 50 --seed 1 --layout generic --gzip --out night1
            """)

    @Option(help: "Kind of night: healthy, mild, moderate, severe, noisy or restless.")
    var profile: String = "moderate"

    @Option(help: "Recording length in hours (0.25-48).")
    var hours: Double = 8

    @Option(help: "Sample rate in Hz (10-200; default 50, or the condition's).")
    var rate: Double?

    @Option(help: "Hard condition to add: small-slow, trains, coarse-8bit, coarse-10bit-clipped, drift-slip, hard, hard-8bit or two-devices.")
    var condition: String?

    @Option(help: "Seed of the random generator: the same seed gives the same night.")
    var seed: UInt64 = 1

    @Option(help: "File layout: actigraph (ActiLife raw CSV), geneactiv (GENEActiv CSV export), axivity (cwa-convert CSV, Unix time), generic (timestamp,x,y,z with ISO time).")
    var layout: String = "generic"

    @Option(help: "Unit of the acceleration values: g, mg or m/s2.")
    var units: String = "g"

    @Flag(help: "Compress the two leg files with gzip (.csv.gz).")
    var gzip = false

    @Option(help: "Sensor noise per axis in g RMS (default: the condition's, else the profile's: 0.003 g; noisy 0.010 g).")
    var noise: Double?

    @Option(help: "Measurement range in +-g (the file clips there; default 8, or the condition's).")
    var range: Double?

    @Option(help: "Converter resolution over the range in bits (8-16; default 12, or the condition's).")
    var bits: Int?

    @Option(help: "Add this many single-sample spikes per hour (default: the profile's).")
    var spikesPerHour: Double?

    @Option(help: "Add this many gaps (missing rows) per leg (default: the profile's).")
    var gaps: Int?

    @Option(help: "Sensor knocks that clip at the range, per hour of wake and leg (default: the profile's).")
    var clippingPerHour: Double?

    @Option(help: "Timestamp jitter in milliseconds (uniform +-; default: the profile's).")
    var jitterMs: Double?

    @Option(help: "Sensor clock drift in parts per million (default: the profile's).")
    var driftPpm: Double?

    @Option(help: "Local start time of the recording with its UTC offset, e.g. 2026-01-15T22:30:00+01:00 (the default).")
    var start: String?

    @Flag(help: "Write a 3-day recording instead of one night: days (walking, sitting, standing), a sofa evening, non-wear, a nap and three nights (moderate, healthy, mild; the second after midnight), with their truth. Uses --rate, --seed, --noise, --layout, --units, --gzip and --start (default 2026-01-13T09:00:00+01:00).")
    var threeDays = false

    @Option(help: "Write a recording of this many days instead of one night: the three days of --three-days repeated (each night, nap, sofa evening and non-wear with its truth); --days 7 is the benchmark week (7 nights, 166.5 h).")
    var days: Int?

    @Option(help: "With --three-days or --days: the share (0-1) of the wake spans of the PLM nights (all but the healthy one) followed by sleep that end in a series of periodic leg movements in quiet wake (PLMs at the transition to sleep; docs/simulator.md). Default 0.")
    var transitionPlmwShare: Double?

    @Option(help: "Folder to write left.csv[.gz], right.csv[.gz] and truth.json into.")
    var out: String

    func run() async throws {
        try await reportingPipelineErrors {
            guard let profile = SimulationProfile(rawValue: profile.lowercased()) else {
                throw ValidationError("unknown --profile \"\(self.profile)\": expected one of \(SimulationProfile.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let layout = SimulatedFileLayout(rawValue: layout.lowercased()) else {
                throw ValidationError("unknown --layout \"\(self.layout)\": expected one of \(SimulatedFileLayout.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let unitName = units.lowercased() == "mps2" || units.lowercased() == "m/s^2" ? "m/s2" : units.lowercased()
            guard let unit = SimulatedFileUnit(rawValue: unitName) else {
                throw ValidationError("unknown --units \"\(units)\": expected g, mg or m/s2")
            }
            if let days, !(1...31).contains(days) {
                throw ValidationError("--days \(days): expected 1 to 31 days")
            }
            if threeDays, let days, days != 3 {
                throw ValidationError("--three-days and --days \(days) disagree: give one of them")
            }
            let dayCount = days ?? (threeDays ? 3 : nil)
            var recordingStart = dayCount != nil ? MultiDaySettings.standardStart : RecordingStartTime.standard
            if let start {
                guard let parsed = RecordingStartTime(iso8601: start) else {
                    throw ValidationError("--start \"\(start)\": expected a local time with UTC offset such as 2026-01-15T22:30:00+01:00")
                }
                recordingStart = parsed
            }
            if let dayCount { return try writeDays(dayCount, start: recordingStart, layout: layout, unit: unit) }
            var condition: SimulationCondition?
            if let name = self.condition {
                guard let parsed = SimulationCondition(rawValue: name.lowercased()) else {
                    throw ValidationError("unknown --condition \"\(name)\": expected one of \(SimulationCondition.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                condition = parsed
            }
            var defects = profile.defaultDefects
            if let v = spikesPerHour { defects.spikesPerHour = v }
            if let v = gaps { defects.gapCount = v }
            if let v = clippingPerHour { defects.clippingEventsPerHour = v }
            if let v = jitterMs { defects.timestampJitterS = v / 1000 }
            if let v = driftPpm { defects.clockDriftPPM = v }
            var settings = SimulationSettings(profile: profile, durationH: hours, seed: seed)
            if let condition { settings = SimulationSettings(profile: profile, condition: condition, durationH: hours, seed: seed) }
            if let rate { settings.sampleRateHz = rate }
            if let noise { settings.noiseG = noise }
            if let range { settings.rangeG = range }
            if let bits { settings.resolutionBits = bits }
            settings.defects = defects
            settings.recordingStart = recordingStart
            let night = try NightSimulator.simulate(settings)
            let written = try NightWriter.write(night, toDirectory: out, layout: layout, units: unit, gzip: gzip)
            let truth = night.truth
            let lms = truth.movements.filter(\.countsAsLM).count
            var summary = "Wrote \(written.leftPath), \(written.rightPath) and \(written.truthPath)\n"
            summary += "\(profile.rawValue) night\(condition.map { " (\($0.rawValue))" } ?? ""), \(hours) h at \(settings.sampleRateHz) Hz, seed \(seed): \(truth.movements.count) movements, \(lms) leg movements"
            if let e = truth.expectedScoring {
                let plms = e.plmsIndex.map { DecimalText.fixed($0, 1) } ?? "-"
                let plm = e.plmIndex.map { DecimalText.fixed($0, 1) } ?? "-"
                summary += "; expected PLMS index \(plms)/h of sleep, PLM index \(plm)/h in bed (\(e.rules))"
            }
            print(summary)
        }
    }
}
