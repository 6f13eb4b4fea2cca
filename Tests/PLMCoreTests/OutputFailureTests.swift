import Foundation
import Testing

@testable import PLMCore
import PLMTestSupport

/// Issue 12: a closed pipe ends quietly; a full disk is exit 74 naming the destination.
@Suite("Output failures")
struct OutputFailureTests {
    @Test("Writing into a pipe whose reader has gone is a quiet end, not a signal or a trap")
    func closedPipe() throws {
        signal(SIGPIPE, SIG_IGN)  // as plm's main does
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        let outcome = try StandardOutput.write(Array(repeating: 65, count: 100_000), toDescriptor: ends[1], name: "standard output")
        #expect(outcome == .readerClosed)
    }

    @Test("A full device is an I/O error (74) naming the destination and the system's reason")
    func fullDevice() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0, "/dev/full is missing on this system")
        defer { close(fd) }
        do {
            try StandardOutput.write(Array("{}".utf8), toDescriptor: fd, name: "standard output")
            Issue.record("expected an error")
        } catch {
            #expect(error.exitStatus.rawValue == 74)
            #expect(error.description == "standard output: cannot write the file: No space left on device")
        }
    }

    @Test("A streaming writer dropped without commit leaves neither file nor temporary")
    func droppedWriterCleansUp() throws {
        let folder = try TemporaryFolder(prefix: "plmcore-writer")
        defer { folder.remove() }
        let dir = folder.path
        do {
            let writer = try AtomicFileWriter(path: dir + "/left.csv")
            try writer.write(Array("a,b\n".utf8))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        let writer = try AtomicFileWriter(path: dir + "/left.csv")
        try writer.write(Array("a,b\n".utf8))
        try writer.write(Array("1,2\n".utf8))
        try writer.commit()
        #expect(try String(contentsOfFile: dir + "/left.csv", encoding: .utf8) == "a,b\n1,2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["left.csv"])
    }
}
