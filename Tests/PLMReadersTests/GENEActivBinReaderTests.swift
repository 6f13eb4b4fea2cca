import Foundation
import PLMCore
import Testing

@testable import PLMReaders
import PLMTestSupport

/// Writes GENEActiv `.bin` files for tests from the layout described in GENEAread/GENEAcore:
/// `Key:Value` header lines, then pages of nine lines and 300 samples of 12 hex digits.
struct GENEActivBinTestEncoder {
    var gain = (x: 25548.0, y: 25300.0, z: 25100.0)
    var offset = (x: -4.0, y: 130.0, z: -463.0)
    var rateHz = 20.0
    var location = "left ankle"
    var announcedPages: Int?

    func header(pages: Int) -> String {
        let lines = [
            "Device Identity", "Device Unique Serial Code:012345", "Device Type:GENEActiv", "Device Model:1.1",
            "Device Firmware Version:Ver06.17", "Calibration Date:2020-01-01 00:00:00:000", "",
            "Device Capabilities", "Accelerometer Range:-8 to 8", "", "Configuration Info",
            "Measurement Frequency:\(Int(rateHz)) Hz", "Start Time:2026-01-15 22:30:00:000", "Time Zone:GMT +01:00", "",
            "Subject Info", "Device Location Code:\(location)", "", "Calibration Data",
            "x gain:\(Int(gain.x))", "x offset:\(Int(offset.x))", "y gain:\(Int(gain.y))", "y offset:\(Int(offset.y))",
            "z gain:\(Int(gain.z))", "z offset:\(Int(offset.z))", "Volts:300", "Lux:800", "", "Memory Status",
            "Number of Pages:\(announcedPages ?? pages)", "",
        ]
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// 12-bit two's complement of x, y, z, then light 0x1F4 and no button.
    static func hex(_ v: (Int, Int, Int)) -> String {
        func three(_ value: Int) -> String {
            let bits = value & 0xFFF
            let text = String(bits, radix: 16, uppercase: true)
            return String(repeating: "0", count: 3 - text.count) + text
        }
        return three(v.0) + three(v.1) + three(v.2) + "7D0"
    }

    func page(_ index: Int, time: String, samples: [(Int, Int, Int)]) -> String {
        [
            "Recorded Data", "Device Unique Serial Code:012345", "Sequence Number:\(index)", "Page Time:\(time)",
            "Unassigned:", "Temperature:25.0", "Battery voltage:4.1", "Device Status:Recording",
            "Measurement Frequency:\(rateHz)", samples.map(Self.hex).joined(),
        ].joined(separator: "\r\n") + "\r\n"
    }

    /// Pages whose times follow each other (page k starts 300 / rate s after page k - 1).
    func file(_ pages: [[(Int, Int, Int)]], startMs: Int = 0) -> String {
        var text = header(pages: pages.count)
        for (k, samples) in pages.enumerated() {
            let ms = startMs + Int((Double(k * 300) / rateHz * 1000).rounded())
            let clock = RecordingClockTime(secondsSince1970: 1_768_516_200 + Double(ms) / 1000, utcOffsetS: nil).iso8601(addingSeconds: 0, dateTimeSeparator: UInt8(ascii: " "))
            text += page(k, time: clock.replacingOccurrences(of: ".", with: ":"), samples: samples)
        }
        return text
    }

    func g(_ raw: Int, axis: Int) -> Double {
        let (gn, off) = [(gain.x, offset.x), (gain.y, offset.y), (gain.z, offset.z)][axis]
        return (Double(raw) * 100 - off) / gn
    }
}

@Suite("GENEActiv .bin reader")
struct GENEActivBinReaderTests {
    static func randomPages(_ count: Int, rng: inout SplitMix64) -> [[(Int, Int, Int)]] {
        (0..<count).map { _ in
            (0..<300).map { _ in (Int.random(in: -2048...2047, using: &rng), Int.random(in: -2048...2047, using: &rng), Int.random(in: -2048...2047, using: &rng)) }
        }
    }

    @Test(arguments: [1, 2, 3])
    func randomPagesReadBackExactly(seed: UInt64) throws {
        var rng = SplitMix64(state: seed)
        let encoder = GENEActivBinTestEncoder()
        let pages = Self.randomPages(3, rng: &rng)
        let r = try RecordingReader.read(path: try TestFiles.write(encoder.file(pages), name: "r.bin"))
        #expect(r.layout == .geneactivBin)
        let flat = pages.flatMap { $0 }
        #expect(r.sampleCount == 900)
        for (i, v) in flat.enumerated() {
            #expect(r.x[i] == Float(encoder.g(v.0, axis: 0)) && r.y[i] == Float(encoder.g(v.1, axis: 1)) && r.z[i] == Float(encoder.g(v.2, axis: 2)))
        }
        let times = try #require(r.sampleTimesS)
        #expect(times.enumerated().allSatisfy { abs($0.element - Double($0.offset) / 20) < 1e-9 })
        #expect(r.start?.iso8601 == "2026-01-15T22:30:00.000+01:00")
        #expect(r.metadata.contains { $0.key == "location" && $0.value == "left ankle" })
        #expect(!r.defects.contains { $0.kind == .corruptBlock || $0.kind == .gap })
    }

    @Test func aPageThatDoesNotParseIsADefectAndReadingGoesOn() throws {
        var rng = SplitMix64(state: 4)
        let encoder = GENEActivBinTestEncoder()
        var text = encoder.file(Self.randomPages(3, rng: &rng))
        // Damage one hex digit of page 1 (the second page).
        let second = try #require(text.range(of: "Sequence Number:1"))
        let dataLine = try #require(text.range(of: "Measurement Frequency:20.0\r\n", range: second.upperBound..<text.endIndex))
        text.replaceSubrange(dataLine.upperBound..<text.index(after: dataLine.upperBound), with: "G")
        let r = try RecordingReader.read(path: try TestFiles.write(text, name: "bad.bin"))
        #expect(r.sampleCount == 600)
        let defect = try #require(r.defects.first { $0.kind == .corruptBlock })
        #expect(defect.sampleRange == 300..<300 && defect.sampleCount == 300)
        #expect(abs(defect.span.startS - 15) < 1e-6 && abs(defect.span.endS - 30) < 1e-6)
        #expect(defect.detail.contains("page 2"))
        #expect(!r.defects.contains { $0.kind == .gap })
    }

    @Test func aTruncatedFileKeepsItsWholeSamplesAndReportsTheRest() throws {
        var rng = SplitMix64(state: 8)
        var encoder = GENEActivBinTestEncoder()
        encoder.announcedPages = 10
        let text = encoder.file(Self.randomPages(2, rng: &rng))
        // Cut inside sample 100 of the second page's data line.
        let cut = text.utf8.count - 2 - (300 - 100) * 12 + 5
        let r = try RecordingReader.read(path: try TestFiles.write(Data(text.utf8.prefix(cut)), name: "cut.bin"))
        #expect(r.sampleCount == 400)
        let blocks = r.defects.filter { $0.kind == .corruptBlock }
        #expect(blocks.count == 2)
        #expect(blocks.map(\.sampleCount).sorted() == [200, 8 * 300])
    }

    @Test func pagesApartInTimeAreAGap() throws {
        var rng = SplitMix64(state: 2)
        let encoder = GENEActivBinTestEncoder()
        let pages = Self.randomPages(2, rng: &rng)
        var text = encoder.header(pages: 2)
        text += encoder.page(0, time: "2026-01-15 22:30:00:000", samples: pages[0])
        text += encoder.page(1, time: "2026-01-15 23:30:00:000", samples: pages[1])
        let r = try RecordingReader.read(path: try TestFiles.write(text, name: "gap.bin"))
        let gap = try #require(r.defects.first { $0.kind == .gap })
        #expect(abs(gap.span.startS - 15) < 1e-6 && abs(gap.span.endS - 3600) < 1e-6)
    }

    /// Random damage anywhere after the header: never a trap; a defect or a clear error.
    @Test(arguments: 0..<30)
    func randomCorruptionEndsInADefectOrAnError(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &+ 1000)
        let encoder = GENEActivBinTestEncoder()
        var bytes = Array(encoder.file(Self.randomPages(3, rng: &rng)).utf8)
        let headerBytes = encoder.header(pages: 3).utf8.count
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            bytes[Int.random(in: headerBytes..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
        }
        if seed % 3 == 0 { bytes = Array(bytes.prefix(Int.random(in: headerBytes..<bytes.count, using: &rng))) }
        do {
            let r = try RecordingReader.read(path: try TestFiles.write(Data(bytes), name: "fuzz.bin"))
            #expect(r.sampleCount <= 900)
        } catch let error as ReadError {
            #expect(error.kind == .malformedData)
        }
    }
}
