import Foundation
import PLMTestSupport
import Testing

@testable import PLMKit

/// The multi-night analysis of a device's binary file (.cwa), streamed (decoded piece by piece,
/// never held whole) against the same file read whole (the reference), and the proof that the
/// samples held at once stay bounded by the nights, as for CSV (`StreamingAnalysisTests`).
@Suite("Recording analyzer, streamed binary files")
struct StreamingBinaryAnalysisTests {
    /// 2026-01-15 18:00:00 on the device clock.
    static let startS = 1_768_500_000
    static let rateHz = 25.0

    /// A leg's samples as a .cwa at 25 Hz (rate code 0x48: 3200 / 2^7), 16-bit values at 256 per
    /// g, 80 samples per sector, each sector's time stamp on the sample that falls on a whole second.
    static func cwa(_ leg: SimulatedLegRecording) -> Data {
        var encoder = CWATestEncoder(packing: .axes3Int16)
        encoder.rateCode = 0x48
        let perSector = encoder.samplesPerSector
        let ticksPerSecond = Int(rateHz)
        var sectors: [CWATestEncoder.Sector] = []
        for k in 0..<(leg.sampleCount / perSector) {
            let first = k * perSector
            let samples = (first..<(first + perSector)).map { i in
                (Int((leg.x[i] * 256).rounded()), Int((leg.y[i] * 256).rounded()), Int((leg.z[i] * 256).rounded()))
            }
            let offset = (ticksPerSecond - first % ticksPerSecond) % ticksPerSecond
            sectors.append(
                .init(
                    samples: samples, timestampS: startS + (first + offset) / ticksPerSecond, fraction32768: nil,
                    timestampOffset: offset, sequence: UInt32(k)))
        }
        return encoder.file(sectors)
    }

    @Test("A two-night .cwa per leg, streamed = read whole (summary and night reports byte for byte); samples held at once bounded")
    func streamedCWAEqualsWholeAndIsBounded() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let settings = MultiDaySettings(
            segments: [
                .day(hours: 0.75), .night(hours: 3.25, profile: .moderate), .day(hours: 1),
                .night(hours: 3.25, profile: .mild), .day(hours: 0.5),
            ], sampleRateHz: Self.rateHz, seed: 8)
        let sim = try MultiDaySimulator.simulate(settings)
        let left = folder.file("left.cwa"), right = folder.file("right.cwa")
        try Self.cwa(sim.left).write(to: URL(fileURLWithPath: left))
        try Self.cwa(sim.right).write(to: URL(fileURLWithPath: right))
        let request = RecordingAnalysisRequest(
            night: AnalysisRequest(legs: [.init(side: .left, path: left), .init(side: .right, path: right)]))

        #expect(try ChunkedRecordingReader.isStreamable(path: left))
        let probe = SampleHoldingProbe()
        let streamed = try StreamedVersusWhole.expectStreamedEqualsWhole(request, probe: probe)
        // The simulator's two nights, found in the binary files.
        #expect(streamed.summary.nights.count == 2)
        StreamedVersusWhole.expectHeldSamplesBounded(streamed, probe: probe, sampleRateHz: Self.rateHz)
    }
}
