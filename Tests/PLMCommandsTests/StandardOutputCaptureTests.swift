import Foundation
import Testing

import PLMTestSupport

/// The test helper that redirects standard output must serialise its users: two captures running
/// at once must each see only what was printed inside their own body.
@Suite("Test support: standard output capture")
struct StandardOutputCaptureTests {
    @Test("two concurrent captures each get their own output, none leaks to the other")
    func concurrentCapturesAreSerialised() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        async let first = StandardOutputCapture.shared.capture(in: folder) {
            print("first-before")
            try? await Task.sleep(nanoseconds: 50_000_000)
            print("first-after")
            return CommandOutcome(exitCode: 0, error: nil)
        }
        async let second = StandardOutputCapture.shared.capture(in: folder) {
            print("second-before")
            try? await Task.sleep(nanoseconds: 50_000_000)
            print("second-after")
            return CommandOutcome(exitCode: 0, error: nil)
        }
        let (one, two) = try await (first, second)
        let firstText = String(decoding: one.1, as: UTF8.self)
        let secondText = String(decoding: two.1, as: UTF8.self)
        // Other suites running at the same time may print into a capture (descriptor 1 is
        // process-wide); what must hold is that each capture has both of its own lines, in order,
        // and none of the other's.
        let firstLines = firstText.split(separator: "\n").map(String.init)
        let secondLines = secondText.split(separator: "\n").map(String.init)
        #expect(firstLines.filter { $0.hasPrefix("first-") } == ["first-before", "first-after"], "\(firstText)")
        #expect(!firstLines.contains { $0.hasPrefix("second-") }, "\(firstText)")
        #expect(secondLines.filter { $0.hasPrefix("second-") } == ["second-before", "second-after"], "\(secondText)")
        #expect(!secondLines.contains { $0.hasPrefix("first-") }, "\(secondText)")
    }
}
