import Foundation
import PLMCore
import PLMTestSupport
import Testing

@testable import PLMReaders

/// The row parser summarises the defect scan's blocks as it reads (`_ScanBlockGatherer`), and the
/// whole-file scan reads those summaries instead of the arrays. Its defects must stay those of the
/// per-sample rules (`DefectScannerBlockTests.Reference`, written independently of the scanner).
@Suite("Defect scan from the parser's block summaries")
struct ScanBlockSummaryTests {
    typealias Found = DefectScannerBlockTests.Reference.Found

    static func summaries(x: [Float], y: [Float], z: [Float], t: [Double]?) -> _ScanBlockSummaries {
        var gatherer = _ScanBlockGatherer(withTimes: t != nil)
        for i in x.indices { gatherer.add(x: x[i], y: y[i], z: z[i], timeS: t?[i] ?? 0) }
        return gatherer.finish()
    }

    static func order(_ a: Found, _ b: Found) -> Bool {
        (a.kind.rawValue, a.range.lowerBound, a.range.upperBound) < (b.kind.rawValue, b.range.lowerBound, b.range.upperBound)
    }

    @Test(arguments: 0..<60)
    func summariesGiveThePerSampleDefects(seed: Int) throws {
        let n = 3000 + seed * 37
        let r = DefectScannerBlockTests.recording(seed: UInt64(seed) &* 7919 &+ 11, n: n)
        var rows = _ParsedRows()
        rows.x = r.x
        rows.y = r.y
        rows.z = r.z
        rows.timesS = r.t
        rows.maximumAbsoluteG = (r.x + r.y + r.z).map(abs).max() ?? 0
        rows.blockSummaries = Self.summaries(x: r.x, y: r.y, z: r.z, t: r.t)
        #expect(rows.blockSummaries?.flags.count == (n - 1 + _DefectScanner.scanBlock - 1) / _DefectScanner.scanBlock)
        let scanner = _DefectScanner(rows: rows, start: nil, periodS: 0.02)
        let timing = scanner.timingDefects()
        let rateHz = try #require(timing.measuredRateHz)
        let reference = DefectScannerBlockTests.Reference(x: r.x, y: r.y, z: r.z, t: r.t, periodS: 0.02, rateHz: rateHz)
        let expected = reference.timing()
        #expect(abs(rateHz - (expected.rateHz ?? 0)) <= 1e-9 * rateHz)
        let found = (timing.defects + scanner.valueDefects(rateHz: rateHz)).map {
            Found(kind: $0.kind, range: $0.sampleRange, count: $0.sampleCount)
        }
        #expect(found.sorted(by: Self.order) == (expected.found + reference.values()).sorted(by: Self.order))
    }

    @Test func aNaNStepMakesItsBlockIrregular() {
        var t = (0..<200).map { Double($0) * 0.01 }
        t[70] = .nan  // steps 70 and 71 (block 1) are NaN
        let x = (0..<200).map { Float($0 % 9) * 0.01 }  // never 0,0,0 (z), never a repeated row
        let s = Self.summaries(x: x, y: x, z: x.map { $0 - 1 }, t: t)
        #expect(s.flags.map { $0 & _ScanBlockSummaries.nanStepBit } == [0, 2, 0, 0])
        #expect(s.flags.map { $0 & _ScanBlockSummaries.valueBit } == [0, 0, 0, 0])
    }

    /// End to end: a CSV file read whole goes through the summaries (the reader gathers them),
    /// with defects at block edges; the reader's defects equal the per-sample rules applied to
    /// the samples and times it returns.
    @Test(arguments: 0..<6)
    func wholeFileReadFindsThePerSampleDefects(seed: Int) throws {
        let n = 5000 + seed * 101
        let r = DefectScannerBlockTests.recording(seed: UInt64(seed) &+ 424_242, n: n)
        var text = "time,x,y,z\n"
        for i in 0..<n {
            text += "\(DecimalText.fixed(1_700_000_000 + r.t[i], 4)),\(r.x[i]),\(r.y[i]),\(r.z[i])\n"
        }
        let path = try TestFiles.write(text)
        var options = ReadOptions()
        options.units = .g  // random values: their median magnitude need not be 1 g
        let recording = try RecordingReader.read(path: path, options: options)
        let times = try #require(recording.sampleTimesS)
        let periodS = try #require(_DefectScanner.medianStep(times))
        let reference = DefectScannerBlockTests.Reference(
            x: recording.x, y: recording.y, z: recording.z, t: times, periodS: periodS, rateHz: recording.sampleRateHz)
        let kinds: Set<RecordingDefect.Kind> = [.gap, .duplicateTime, .nonMonotonicTime, .zeroFill, .idleFill, .clipping]
        let found = recording.defects.filter { kinds.contains($0.kind) }.map {
            Found(kind: $0.kind, range: $0.sampleRange, count: $0.sampleCount)
        }
        #expect(found.sorted(by: Self.order) == (reference.timing().found + reference.values()).sorted(by: Self.order))
    }
}
