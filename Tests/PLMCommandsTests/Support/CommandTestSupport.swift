import ArgumentParser
import Foundation
import PLMCommands
import PLMTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of `plm ARGS` run in process: its exit code, and the error the parser or the
/// command threw (nil on success).
struct CommandOutcome {
    var exitCode: Int32
    var error: (any Error)?

    /// The message `plm` prints for the error (usage included), or "".
    var message: String { error.map { PLMCommand.message(for: $0) } ?? "" }
}

/// Parses `arguments` as `plm` does and runs the parsed subcommand.
func runPLM(_ arguments: [String]) async -> CommandOutcome {
    do {
        var command = try PLMCommand.parseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
        return CommandOutcome(exitCode: 0, error: nil)
    } catch {
        return CommandOutcome(exitCode: PLMCommand.exitStatus(for: error), error: error)
    }
}

/// Serialises the tests that redirect standard output (file descriptor 1 is process-wide).
///
/// An actor alone does not serialise them: actors are reentrant, so while one capture awaits its
/// body a second capture could enter, save the already redirected descriptor and, after the first
/// one restored descriptor 1, write its command's output to the real standard output (the test then
/// saw nothing; it happened under heavy load). `capture` therefore holds a lock across the await.
actor StandardOutputCapture {
    static let shared = StandardOutputCapture()

    private var isCapturing = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` with file descriptor 1 pointing at a temporary file and returns what was written.
    func capture(in folder: TemporaryFolder, _ body: () async -> CommandOutcome) async throws -> (CommandOutcome, Data) {
        await acquire()
        defer { release() }
        let path = folder.file("stdout-\(UUID().uuidString)")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        fflush(nil)  // every C stream, stdout included
        let saved = dup(1)
        dup2(fd, 1)
        close(fd)
        let outcome = await body()
        fflush(nil)  // every C stream, stdout included
        dup2(saved, 1)
        close(saved)
        let data = FileManager.default.contents(atPath: path) ?? Data()
        return (outcome, data)
    }

    private func acquire() async {
        guard isCapturing else {
            isCapturing = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the lock to the next waiting capture (it stays taken) or frees it.
    private func release() {
        if waiting.isEmpty {
            isCapturing = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}


/// A small generic `timestamp,x,y,z` CSV written for the command tests: 50 Hz from
/// 2026-03-01T23:00:00.000+01:00, gravity (1 g) on a tilted orientation with 0.003 g of white
/// noise (SplitMix64 + Box-Muller, fixed seed), and the ankle tilting by 20 degrees about a horizontal
/// axis for 2 s at each of `movementOnsetsS` (0.15-s raised-cosine rise and fall).
struct GenericTestCSV {
    var rows = 6000
    var sampleRateHz = 50.0
    var movementOnsetsS: [Double] = [30, 60, 90]
    var seed: UInt64 = 3

    var lines: [String] {
        var random = SplitMix64(seed: seed)
        func gaussian() -> Double { random.gaussian() }
        func angle(_ t: Double) -> Double {
            let peak = 20 * Double.pi / 180, ramp = 0.15, duration = 2.0
            for onset in movementOnsetsS {
                let u = t - onset
                guard u > 0, u < duration else { continue }
                if u < ramp { return peak * (1 - Foundation.cos(.pi * u / ramp)) / 2 }
                if u > duration - ramp { return peak * (1 + Foundation.cos(.pi * (u - duration + ramp) / ramp)) / 2 }
                return peak
            }
            return 0
        }
        // Rest: gravity at 20 degrees from z in the x-z plane; rotation about the y axis (horizontal).
        let rest = 20 * Double.pi / 180
        var out = ["timestamp,x,y,z"]
        for k in 0..<rows {
            let t = Double(k) / sampleRateHz
            let a = rest + angle(t)
            let x = Foundation.sin(a) + 0.003 * gaussian()
            let y = 0.003 * gaussian()
            let z = Foundation.cos(a) + 0.003 * gaussian()
            let ms = Int((t * 1000).rounded())
            let second = ms / 1000, milli = ms % 1000
            let time = "2026-03-01T23:\(two(second / 60)):\(two(second % 60)).\(three(milli))+01:00"
            out.append("\(time),\(fixed(x)),\(fixed(y)),\(fixed(z))")
        }
        return out
    }

    func write(to path: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    private func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    private func three(_ v: Int) -> String { v < 10 ? "00\(v)" : v < 100 ? "0\(v)" : "\(v)" }
    private func fixed(_ v: Double) -> String {
        let n = Int64((v * 100_000).rounded())
        var fraction = String(abs(n) % 100_000)
        while fraction.count < 5 { fraction = "0" + fraction }
        return (n < 0 ? "-" : "") + String(abs(n) / 100_000) + "." + fraction
    }
}
