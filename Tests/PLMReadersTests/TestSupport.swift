import Foundation
import Testing

@testable import PLMReaders

/// Paths of the committed fixtures and of scratch files.
enum TestFiles {
    /// This test folder, with symlinks resolved (the tests may run from a package that links it).
    static let testsFolder: URL = {
        let path = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        return path.deletingLastPathComponent()
    }()

    static func fixture(_ name: String) -> String {
        testsFolder.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    /// `<repo>/../shared/corpus`, when it exists.
    static var corpus: URL? {
        let repo = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
        let corpus = repo.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent("corpus")
        return FileManager.default.fileExists(atPath: corpus.path) ? corpus : nil
    }

    /// Writes `text` to a fresh file in a per-process scratch folder.
    static func write(_ text: String, name: String = "scratch.csv") throws -> String {
        try write(Data(text.utf8), name: name)
    }

    /// This process's scratch folder, removed when the test process exits.
    static let scratchRoot: URL = {
        atexit {
            let root = FileManager.default.temporaryDirectory
                .appendingPathComponent("plmreaders-tests-\(ProcessInfo.processInfo.processIdentifier)")
            try? FileManager.default.removeItem(at: root)
        }
        return FileManager.default.temporaryDirectory
            .appendingPathComponent("plmreaders-tests-\(ProcessInfo.processInfo.processIdentifier)")
    }()

    static func write(_ data: Data, name: String = "scratch.csv") throws -> String {
        let folder = scratchRoot.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }
}

/// Reads and expects a `ReadError`, returning it.
func expectReadError(
    _ path: String, options: ReadOptions = ReadOptions(), sourceLocation: SourceLocation = #_sourceLocation
) -> ReadError? {
    do {
        let recording = try RecordingReader.read(path: path, options: options)
        Issue.record("expected a ReadError, read \(recording.sampleCount) samples", sourceLocation: sourceLocation)
        return nil
    } catch let error as ReadError {
        return error
    } catch {
        Issue.record("expected a ReadError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Whether two doubles agree to `tolerance`.
func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}
