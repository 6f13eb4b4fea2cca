import Foundation
import Testing
import PLMTestSupport

/// Behaviour that only a real `plm` process shows (signals, exit statuses): runs the built
/// executable beside the test bundle (or in `.build/debug`), skipped (saying so) when there is none.
@Suite("plm as a process")
struct ProcessBehaviourTests {
    /// `.build/<configuration>/plm` of this package, when it has been built.
    static let executable: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let executable = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
        let folders = [executable, root.appendingPathComponent(".build/debug"), root.appendingPathComponent(".build/release")]
        for folder in folders.compactMap({ $0 }) {
            let candidate = folder.appendingPathComponent("plm").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    @Test("--json - into a pipe closed by its reader ends quietly with status 0", .enabled(if: executable != nil, "no built plm executable beside the tests"))
    func closedPipeEndsQuietly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let events = folder.file("events.csv")
        try "onset_s,offset_s,side\n10,11,L\n30,31,L\n50,51,L\n70,71,L\n".write(toFile: events, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.executable))
        process.arguments = ["score", events, "--lights-on", "3600", "--json", "-"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try output.fileHandleForReading.close()  // the reader is gone before plm writes
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit, "ended by signal \(process.terminationStatus)")
        #expect(process.terminationStatus == 0, "\(message)")
        #expect(message.isEmpty, "\(message)")
    }

    @Test("--json - redirected to a full device is exit 74 naming standard output", .enabled(if: executable != nil, "no built plm executable beside the tests"))
    func fullDeviceIs74() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let events = folder.file("events.csv")
        try "onset_s,offset_s,side\n10,11,L\n".write(toFile: events, atomically: true, encoding: .utf8)
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.executable))
        process.arguments = ["score", events, "--lights-on", "3600", "--json", "-"]
        let errors = Pipe()
        process.standardOutput = full
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 74, "\(message)")
        #expect(message.contains("standard output: cannot write the file: No space left on device"), "\(message)")
    }
}
