import Foundation
import PLMTestSupport
import Testing

@testable import PLMReaders

/// Axivity `.cwa`: files written by the test encoder (exact round trips, corruption), and the
/// corpus files against the CSV exports of the same recordings.
@Suite("Axivity .cwa reader")
struct CWAReaderTests {
    /// 2026-01-15 22:30:00 on the device clock.
    static let t0 = 1_768_516_200

    /// Sectors of 100 Hz samples whose time stamps put sample `g` (over the whole file) at exactly
    /// `t0 + g / 100` s, up to the 1/32768 s resolution of the fraction.
    static func sectors(_ encoder: CWATestEncoder, values: [[(Int, Int, Int)]], firstSequence: UInt32 = 0) -> [CWATestEncoder.Sector] {
        var out: [CWATestEncoder.Sector] = []
        var g = 0
        for (k, samples) in values.enumerated() {
            let offset = k % 7  // time stamp on a different sample each sector
            let instant = Double(t0) + Double(g + offset) / 100
            let whole = Int(instant.rounded(.down))
            let fraction = Int(((instant - Double(whole)) * 32768).rounded(.down))
            out.append(.init(samples: samples, timestampS: whole, fraction32768: fraction, timestampOffset: offset, sequence: firstSequence + UInt32(k)))
            g += samples.count
        }
        return out
    }

    static func randomValues(_ encoder: CWATestEncoder, sectors: Int, rng: inout SplitMix64) -> [[(Int, Int, Int)]] {
        (0..<sectors).map { _ in
            (0..<encoder.samplesPerSector).map { _ in
                func one() -> Int { Int.random(in: -32768...32767, using: &rng) }
                // Packed samples share one exponent: draw a mantissa triple and one exponent.
                if encoder.packing == .packed10Bit {
                    let e = Int.random(in: 0...3, using: &rng)
                    return (Int.random(in: -512...511, using: &rng) << e, Int.random(in: -512...511, using: &rng) << e, Int.random(in: -512...511, using: &rng) << e)
                }
                return (one(), one(), one())
            }
        }
    }

    @Test(arguments: [CWATestEncoder.Packing.packed10Bit, .axes3Int16, .ax6Int16], [0, 1, 2])
    func randomSectorsReadBackExactly(packing: CWATestEncoder.Packing, seed: UInt64) throws {
        var rng = SplitMix64(state: seed &+ 17)
        var encoder = CWATestEncoder()
        encoder.packing = packing
        encoder.scaleExponent = packing == .ax6Int16 ? 3 : 0  // AX6 at ±16 g writes 2048 per g
        let values = Self.randomValues(encoder, sectors: 12, rng: &rng)
        let path = try TestFiles.write(encoder.file(Self.sectors(encoder, values: values)), name: "random.cwa")
        let r = try RecordingReader.read(path: path)
        let flat = values.flatMap { $0 }
        #expect(r.layout == .cwa)
        #expect(r.sampleCount == flat.count)
        let perG = Double(encoder.perG)
        for (i, v) in flat.enumerated() {
            #expect(Double(r.x[i]) == Double(v.0) / perG && Double(r.y[i]) == Double(v.1) / perG && Double(r.z[i]) == Double(v.2) / perG)
        }
        let times = try #require(r.sampleTimesS)
        let start = try #require(r.start)
        for i in stride(from: 0, to: flat.count, by: 1) {
            let expected = Double(Self.t0) + Double(i) / 100
            #expect(abs(start.secondsSince1970 + times[i] - expected) < 1e-4)
        }
        #expect(abs(r.sampleRateHz - 100) < 0.01)
        #expect(r.defects.filter { $0.kind != .clipping }.isEmpty)
    }

    @Test func headerFactsAreShown() throws {
        let encoder = CWATestEncoder()
        let values = [[(Int, Int, Int)]](repeating: [(0, 0, 256)] + [(Int, Int, Int)](repeating: (1, 2, 250), count: 119), count: 2)
        let path = try TestFiles.write(encoder.file(Self.sectors(encoder, values: values)), name: "h.cwa")
        let r = try RecordingReader.read(path: path)
        let facts = Dictionary(r.metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(facts["device"] == "Axivity AX3")
        #expect(facts["serial"] == String(0x0001_2345))
        #expect(facts["location"] == "left ankle")
        #expect(facts["range"] == "±8 g")
        #expect(facts["configuredRate"] == "100 Hz")
        #expect(facts["Subject Code"] == "7")
        #expect(r.declaredRateHz == 100)
        #expect(r.start?.utcOffsetS == nil)
    }

    @Test func aSectorFailingItsChecksumIsADefectAndReadingGoesOn() throws {
        let encoder = CWATestEncoder()
        var rng = SplitMix64(state: 5)
        let values = Self.randomValues(encoder, sectors: 6, rng: &rng)
        var data = encoder.file(Self.sectors(encoder, values: values))
        data[1024 + 2 * 512 + 100] ^= 0x10  // one bit in sector 2's samples
        let r = try RecordingReader.read(path: try TestFiles.write(data, name: "bad.cwa"))
        #expect(r.sampleCount == 5 * 120)
        let defect = try #require(r.defects.first { $0.kind == .corruptBlock })
        #expect(defect.byteOffset == 1024 + 2 * 512)
        #expect(defect.sampleRange == 240..<240)
        #expect(defect.sampleCount == 120)
        #expect(defect.detail.contains("sector 2") && defect.detail.contains("checksum"))
        // Its time is the hole between sector 1's last sample and sector 3's first: 2.39 s to 3.6 s.
        #expect(abs(defect.span.startS - 2.40) < 0.001 && abs(defect.span.endS - 3.60) < 0.001)
        // The hole is not reported a second time as a plain gap, and nothing was filled.
        #expect(!r.defects.contains { $0.kind == .gap })
        #expect(Double(r.x[240]) == Double(values[3][0].0) / 256)
    }

    @Test func aFileCutInsideASectorKeepsTheWholeSectors() throws {
        let encoder = CWATestEncoder()
        var rng = SplitMix64(state: 9)
        let data = encoder.file(Self.sectors(encoder, values: Self.randomValues(encoder, sectors: 3, rng: &rng)))
        let r = try RecordingReader.read(path: try TestFiles.write(data.prefix(1024 + 2 * 512 + 300), name: "cut.cwa"))
        #expect(r.sampleCount == 240)
        let defect = try #require(r.defects.first { $0.kind == .corruptBlock })
        #expect(defect.byteOffset == 1024 + 1024)
        #expect(defect.detail.contains("ends inside sector 2"))
    }

    @Test func headerOnlyOrCutHeaderIsAClearError() throws {
        let encoder = CWATestEncoder()
        let headerOnly = try #require(expectReadError(try TestFiles.write(Data(encoder.header()), name: "empty.cwa")))
        #expect(headerOnly.kind == .malformedData && headerOnly.found.contains("no readable samples"))
        let cut = try #require(expectReadError(try TestFiles.write(Data(encoder.header().prefix(300)), name: "cut.cwa")))
        #expect(cut.kind == .malformedData && cut.byteOffset == 300)
    }

    @Test func formatOptionMustMatchTheFile() throws {
        var options = ReadOptions()
        options.format = .cwa
        let error = try #require(expectReadError(try TestFiles.write("time,x,y,z\n"), options: options))
        #expect(error.kind == .unknownLayout && error.expected.contains("MD"))
    }

    /// Random corruption of random bytes: the reader never traps; it reads with defects or refuses.
    @Test(arguments: 0..<40)
    func randomCorruptionEndsInADefectOrAnError(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &* 7919)
        var encoder = CWATestEncoder()
        encoder.packing = [.packed10Bit, .axes3Int16, .ax6Int16][seed % 3]
        var data = encoder.file(Self.sectors(encoder, values: Self.randomValues(encoder, sectors: 5, rng: &rng)))
        let flips = Int.random(in: 1...6, using: &rng)
        for _ in 0..<flips { data[Int.random(in: 1024..<data.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng) }
        if seed % 4 == 0 { data = data.prefix(Int.random(in: 1024..<data.count, using: &rng)) }
        let path = try TestFiles.write(data, name: "fuzz.cwa")
        // Every sector present (whole or cut) is either read in full or reported with its samples.
        let sectorsPresent = (data.count - 1024 + 511) / 512
        do {
            let r = try RecordingReader.read(path: path)
            let lost = r.defects.filter { $0.kind == .corruptBlock }.reduce(0) { $0 + $1.sampleCount }
            #expect(r.sampleCount + lost == sectorsPresent * encoder.samplesPerSector)
            #expect(r.defects.contains { $0.kind == .corruptBlock })
        } catch let error as ReadError {
            #expect(error.kind == .malformedData && error.found.contains("no readable samples"))
        }
    }
}
