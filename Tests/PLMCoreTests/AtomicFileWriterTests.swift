import Foundation

import Testing

@testable import PLMCore
import PLMTestSupport

@Suite("Atomic file writer")
struct AtomicFileWriterTests {
    func temporaryDirectory() throws -> String { try TemporaryFolder(prefix: "plmcore-writer").path }

    @Test("Writes, replaces, and leaves no temporary file behind")
    func writeAndReplace() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/report.json"
        try AtomicFileWriter.write("first", to: path)
        try AtomicFileWriter.write(Array("second".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["report.json"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o600 == 0o600 } == true)
    }

    @Test("A killed writer's temporary file is recognised and removed; other files stay")
    func staleTemporaryFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A writer never committed nor abandoned, as a process killed mid-write leaves it (the
        // descriptor is closed here by hand, as the kernel closes a killed process's files).
        let writer = try AtomicFileWriter(path: dir + "/report.json")
        try writer.write(Array("half".utf8))
        let stale = writer.temporaryPath
        #expect(FileManager.default.fileExists(atPath: stale))
        #expect(AtomicFileWriter.isTemporaryFileName((stale as NSString).lastPathComponent))
        for name in ["report.json", ".report.json", "report.json.tmp-abcdef", ".x.tmp-abc", ".x.tmp-abcde!", ".tmp-abcdef"] {
            #expect(!AtomicFileWriter.isTemporaryFileName(name), "\(name)")
        }
        try AtomicFileWriter.write("kept", to: dir + "/summary.json")
        try "kept".write(toFile: dir + "/.hidden", atomically: false, encoding: .utf8)
        let removed = AtomicFileWriter.removeStaleTemporaryFiles(in: dir)
        #expect(removed == [stale])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [".hidden", "summary.json"])
        writer.abandon()
    }

    @Test("A missing directory is an I/O error (74) naming the path")
    func missingDirectory() throws {
        let path = "/nonexistent-plm-dir/sub/report.html"
        do {
            try AtomicFileWriter.write("x", to: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.exitStatus == .ioError)
            #expect(error.exitStatus.rawValue == 74)
            #expect(error.description.hasPrefix(path + ": cannot create a temporary file for the file"))
            #expect(error.description.contains("No such file or directory"))
        }
    }
}

@Suite("Atomic file writer: directories")
struct AtomicFileWriterDirectoryTests {
    @Test("A path naming a directory is refused", arguments: ["out/", ".", ".."])
    func directoryPath(path: String) {
        #expect(throws: FileWriteError.self) { try AtomicFileWriter.write("x", to: path) }
    }
}

@Suite("Atomic file writer: path split")
struct AtomicFileWriterPathTests {
    @Test("Directory and name of a path", arguments: [
        ("report.html", "", "report.html"), ("out/report.html", "out", "report.html"), ("/report.html", "/", "report.html"),
        ("/a/b/c.json", "/a/b", "c.json"), ("out/", "out", ""), (".", "", "."),
    ])
    func split(path: String, directory: String, name: String) {
        let parts = AtomicFileWriter.splitPath(path)
        #expect(parts.directory == directory)
        #expect(parts.name == name)
    }
}
