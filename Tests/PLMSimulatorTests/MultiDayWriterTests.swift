import Foundation
import PLMCore
import Testing

@testable import PLMSimulator

/// The multi-day writer that simulates and writes segment by segment against the recording
/// simulated whole and written (the reference).
@Suite("Multi-day writer")
struct MultiDayWriterTests {
    @Test("Written segment by segment = simulated whole, then written: the same bytes (plain and gzip), the same truth", arguments: [false, true])
    func segmentedWriteEqualsWhole(gzip: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plm-multiday-\(gzip)-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let whole = try MultiDayWriter.write(
            try MultiDaySimulator.simulate(MultiDayTests.settings), toDirectory: folder + "/whole", layout: .actigraph, gzip: gzip)
        let (streamed, truth) = try MultiDayWriter.simulateAndWrite(
            MultiDayTests.settings, toDirectory: folder + "/streamed", layout: .actigraph, gzip: gzip)
        let wholeTruth: MultiDayTruth = try MultiDaySimulator.simulate(MultiDayTests.settings).truth
        #expect(truth == wholeTruth)
        for (a, b) in [(whole.leftPath, streamed.leftPath), (whole.rightPath, streamed.rightPath), (whole.truthPath, streamed.truthPath)] {
            let bytesA = try #require(FileManager.default.contents(atPath: a))
            let bytesB = try #require(FileManager.default.contents(atPath: b))
            #expect(bytesA.count > 1000)
            #expect(bytesA == bytesB, "\(a) vs \(b)")
        }
    }
}
