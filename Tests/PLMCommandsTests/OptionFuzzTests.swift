import Foundation
import Testing

@testable import PLMCommands
import PLMTestSupport

/// Issue 12: every subcommand, run in process with random and extreme values of every numeric
/// option (and the numbers inside string options: --units counts:N, times, offsets), ends with a
/// sysexits status (0, 64, 65, 66 or 74, all below 128) and, when it fails, a message. A trap
/// anywhere would crash this test process.
@Suite("Option fuzzing")
struct OptionFuzzTests {
    /// Values that broke or could break conversions: zeros, signs, subnormals, the ends of Double
    /// and Int, beyond Float, NaN and infinities in every spelling ArgumentParser accepts, and junk.
    static let extremes = [
        "0", "-0", "1", "-1", "0.5", "1e-300", "4.9e-324", "-4.9e-324", "1e300", "-1e300", "1.7976931348623157e308",
        "-1.7976931348623157e308", "1e23", "-1e23", "1e39", "1e19", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "18446744073709551615", "nan", "NaN", "-nan", "inf", "-inf", "infinity", "0x1p1023",
        "", "x", "1,5", "--", "2147483648", "-2147483649",
    ]

    /// `count` random numbers spread over the whole exponent range of Double (fixed seed: the run
    /// is reproducible), as decimal text.
    static func randomValues(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { k in
            let r = random.next()
            switch k % 4 {
            case 0: return String(Double(bitPattern: r))  // any bit pattern: NaNs, subnormals, huge
            case 1: return String(Int64(bitPattern: r))
            case 2: return String(Double(Int64(bitPattern: r) % 2000) / 10)  // -200...200, where ranges end
            default: return String(Double(r % 100_000) / 1000 - 50)
            }
        }
    }

    static func values(seed: UInt64) -> [String] { extremes + randomValues(count: 8, seed: seed) }

    /// A finished run's check: a sysexits status and a message for every failure.
    private func check(_ arguments: [String], _ outcome: CommandOutcome) {
        #expect([0, 64, 65, 66, 74].contains(outcome.exitCode), "\(arguments): exit \(outcome.exitCode)")
        #expect(outcome.exitCode < 128)
        if outcome.exitCode != 0 {
            #expect(!outcome.message.isEmpty, "\(arguments): exit \(outcome.exitCode) without a message")
        }
    }

    private func run(_ arguments: [String]) async {
        check(arguments, await runPLM(arguments))
    }

    /// Files shared by the runs: a 12-s generic CSV with time, one without, an events list.
    private struct Inputs {
        let folder: TemporaryFolder
        let timed: String, untimed: String, events: String, report: String

        init() async throws {
            folder = try TemporaryFolder()
            timed = folder.file("timed.csv")
            try GenericTestCSV(rows: 600, movementOnsetsS: [4]).write(to: timed)
            untimed = folder.file("untimed.csv")
            let rows = GenericTestCSV(rows: 600, movementOnsetsS: [4]).lines.dropFirst().map { line in
                line.split(separator: ",").dropFirst().joined(separator: ",")
            }
            try ("x,y,z\n" + rows.joined(separator: "\n") + "\n").write(toFile: untimed, atomically: true, encoding: .utf8)
            events = folder.file("events.csv")
            try "onset_s,offset_s,side\n10,11,L\n30,31,L\n50,51,R\n70,71,L\n".write(toFile: events, atomically: true, encoding: .utf8)
            report = folder.file("report.json")
            let made = await runPLM(["score", events, "--lights-on", "3600", "--json", report, "--quiet"])
            #expect(made.exitCode == 0, "\(made.message)")
        }
    }

    @Test("plm analyze and plm inspect: --rate, --skip-lines, --units counts:N[:Z], --utc-offset, lights times")
    func analyzeAndInspect() async throws {
        let inputs = try await Inputs()
        defer { inputs.folder.remove() }
        for (k, value) in Self.values(seed: 1).enumerated() {
            // A legal rate runs detection on the whole file: every other value is enough there.
            if k % 2 == 0 { await run(["analyze", "--left", inputs.untimed, "--rate", value, "--quiet"]) }
            await run(["inspect", inputs.untimed, "--rate", value])
            await run(["inspect", inputs.timed, "--skip-lines", value])
            await run(["inspect", inputs.timed, "--units", "counts:\(value)"])
            await run(["inspect", inputs.timed, "--units", "counts:1:\(value)"])
        }
        let times = [
            "2026-03-01T23:00:05", "9999-12-31T23:59:59", "0000-01-01T00:00:00", "-100000-01-01T00:00", "2026-02-30T00:00",
            "2026-03-01T23:00:05+99:99", "2026-03-01T24:00:00", "2026-03-01T23:00:05.999999999999999999", "1e300", "",
            "2026-03-01T23:00:05-14:00", "2262-04-12T00:00:00", "1677-09-21T00:00:00",
        ]
        for time in times {
            await run(["analyze", "--left", inputs.timed, "--lights-off", time, "--quiet"])
            await run(["analyze", "--left", inputs.timed, "--lights-on", time, "--quiet"])
        }
        for offset in ["+99:99", "-14:00", "+14:59", "+9223372036854775807", "Z", "+1", "+0100", "--"] {
            await run(["inspect", inputs.timed, "--utc-offset", offset])
        }
    }

    @Test("plm score: --lights-off and --lights-on")
    func score() async throws {
        let inputs = try await Inputs()
        defer { inputs.folder.remove() }
        for value in Self.values(seed: 2) {
            await run(["score", inputs.events, "--lights-off=\(value)", "--quiet"])
            await run(["score", inputs.events, "--lights-on=\(value)", "--quiet"])
            await run(["score", inputs.events, "--lights-off=-\(value)", "--lights-on=\(value)", "--quiet"])
        }
    }

    @Test("plm evaluate: --onset-tolerance and --overlap")
    func evaluate() async throws {
        let inputs = try await Inputs()
        defer { inputs.folder.remove() }
        for value in Self.values(seed: 3) {
            await run(["evaluate", "--truth", inputs.events, "--report", inputs.report, "--onset-tolerance=\(value)"])
            await run(["evaluate", "--truth", inputs.events, "--report", inputs.report, "--overlap=\(value)"])
        }
    }

    @Test("plm simulate: every numeric option (the others at their smallest night)")
    func simulate() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let small = ["--hours", "0.25", "--rate", "10"]
        let options = ["--hours", "--rate", "--seed", "--noise", "--range", "--spikes-per-hour", "--gaps", "--clipping-per-hour", "--jitter-ms", "--drift-ppm"]
        // Fewer values here: a legal value simulates a night, which takes a moment. Every other
        // extreme (they come in pairs of kin) and four random ones.
        let values = Self.extremes.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) + Self.randomValues(count: 4, seed: 4)
        for option in options {
            for value in values {
                var arguments = ["simulate", "--out", folder.file("night")]
                // Keep the night small unless that option is the one under test.
                if option != "--hours" { arguments += small.prefix(2) }
                if option != "--rate" { arguments += small.suffix(2) }
                arguments += ["\(option)=\(value)"]
                await run(arguments)
            }
        }
        for start in ["9999-12-31T23:59:59+14:00", "0000-01-01T00:00:00+00:00", "2026-13-01T00:00:00+01:00", "2026-01-15T22:30:00+99:00", "x"] {
            await run(["simulate", "--out", folder.file("night")] + small + ["--start", start])
        }
    }

    @Test("plm bench: an empty folder and a missing one")
    func bench() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        await run(["bench", folder.path, "--out", folder.file("bench")])
        await run(["bench", folder.file("absent"), "--out", folder.file("bench")])
    }
}
