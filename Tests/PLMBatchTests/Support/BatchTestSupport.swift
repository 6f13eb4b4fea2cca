import Foundation
@testable import PLMBatch
import PLMTestSupport

/// The batch tests' folders are the suites' one ``TemporaryFolder`` (PLMTestSupport).
typealias BatchTestFolder = TemporaryFolder

extension TemporaryFolder {
    /// Writes `text` to `name` inside the folder (creating subfolders) and returns its path.
    func write(_ text: String, to name: String) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }
}

/// A short generic CSV ankle recording (`timestamp,x,y,z`, 25 Hz, g): gravity on z with a little
/// deterministic noise and, when `periodS` is given, a 2-s movement every `periodS` seconds.
func shortRecordingCSV(minutes: Int = 6, periodS: Int? = 25, noiseSeed: UInt64 = 7) -> String {
    let rateHz = 25
    var state = noiseSeed
    func noise() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53) * 0.004 - 0.002
    }
    var text = "timestamp,x,y,z\n"
    let count = minutes * 60 * rateHz
    text.reserveCapacity(count * 40)
    for k in 0..<count {
        let ms = k * 1000 / rateHz
        let totalS = ms / 1000
        let stamp = "2026-01-15T23:\(pad(totalS / 60)):\(pad(totalS % 60)).\(pad3(ms % 1000))+01:00"
        var x = noise()
        if let periodS, totalS >= 10, (totalS - 10) % periodS < 2 { x += 0.35 * sin(Double(k % 50) / 50 * 2 * .pi) + 0.2 }
        text += "\(stamp),\(fmt(x)),\(fmt(noise())),\(fmt(1 + noise()))\n"
    }
    return text
}

private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
private func pad3(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }
private func fmt(_ v: Double) -> String { String(format: "%.5f", v) }

/// The rows of a SQLite query through the `sqlite3` shell when it is installed (an independent reader
/// of the database file); nil when it is not.
func sqliteShell(_ database: String, _ sql: String) -> String? {
    let candidates = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"]
    guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = ["-csv", database, sql]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
