import Foundation
import PLMTestSupport
import Testing

@testable import PLMReaders

/// The defect scan passes over blocks of regular samples in one check (`_DefectScanner.scanBlock`).
/// These tests compare it with a plain per-sample implementation of the documented rules
/// (docs/readers.md, "Defects"), written here independently, on random recordings whose defects
/// are placed on and around block boundaries: every defect of the per-sample rules must come out
/// the same (kind, samples, count, span), and the measured rate must agree.
@Suite("Defect scan: block-wise equals per-sample")
struct DefectScannerBlockTests {
    /// The rules of docs/readers.md, one sample at a time (no blocks, no shortcuts).
    struct Reference {
        let x: [Float], y: [Float], z: [Float], t: [Double]
        let periodS: Double, rateHz: Double

        struct Found: Equatable, CustomStringConvertible {
            var kind: RecordingDefect.Kind
            var range: Range<Int>
            var count: Int
            var description: String { "\(kind) \(range) \(count)" }
        }

        func timing() -> (found: [Found], rateHz: Double?) {
            let threshold = periodS + max(1.5 * periodS, 0.05)
            var found: [Found] = []
            var sum = 0.0, count = 0
            var duplicate = -1, backward = -1
            func close(_ i: Int) {
                if duplicate >= 0 { found.append(Found(kind: .duplicateTime, range: duplicate..<i, count: i - duplicate)); duplicate = -1 }
                if backward >= 0 { found.append(Found(kind: .nonMonotonicTime, range: backward..<i, count: i - backward)); backward = -1 }
            }
            for i in 1..<t.count {
                let d = t[i] - t[i - 1]
                if d == 0 {
                    if backward >= 0 { close(i) }
                    if duplicate < 0 { duplicate = i }
                } else if d < 0 {
                    if duplicate >= 0 { close(i) }
                    if backward < 0 { backward = i }
                } else {
                    close(i)
                    if d > threshold {
                        found.append(Found(kind: .gap, range: i..<i, count: max(1, Int((d / periodS).rounded()) - 1)))
                    } else {
                        sum += d
                        count += 1
                    }
                }
            }
            close(t.count)
            return (found, count > 0 ? Double(count) / sum : nil)
        }

        func values() -> [Found] {
            var found: [Found] = []
            let idleRows = max(2, Int((10 * rateHz).rounded(.up)))
            var i = 0
            while i < x.count {  // zero fill: runs of 0,0,0
                guard x[i] == 0 && y[i] == 0 && z[i] == 0 else { i += 1; continue }
                var j = i
                while j < x.count && x[j] == 0 && y[j] == 0 && z[j] == 0 { j += 1 }
                found.append(Found(kind: .zeroFill, range: i..<j, count: j - i))
                i = j
            }
            i = 0
            while i < x.count {  // idle fill: a non-zero row and the identical rows after it
                var j = i + 1
                while j < x.count && !(x[j] == 0 && y[j] == 0 && z[j] == 0) && x[j] == x[j - 1] && y[j] == y[j - 1] && z[j] == z[j - 1] { j += 1 }
                if j - i >= idleRows { found.append(Found(kind: .idleFill, range: i..<j, count: j - i)) }
                i = j
            }
            // Clipping: the largest |value| at a standard range (within 2 %), reached at least twice.
            let level = (x + y + z).map(abs).max() ?? 0
            let atRange = [2.0, 3, 4, 6, 8, 12, 16].contains { abs(Double(level) - $0) <= $0 * 0.02 }
            let clipped = (0..<x.count).filter { abs(x[$0]) >= level || abs(y[$0]) >= level || abs(z[$0]) >= level }
            let reached = (x + y + z).filter { abs($0) >= level }.count
            if atRange && reached >= 2 {
                let merge = max(1, Int(1.0 * rateHz))
                var start = clipped[0], last = clipped[0], n = 1
                for k in clipped.dropFirst() {
                    if k - last <= merge { last = k; n += 1 } else {
                        found.append(Found(kind: .clipping, range: start..<(last + 1), count: n))
                        start = k; last = k; n = 1
                    }
                }
                found.append(Found(kind: .clipping, range: start..<(last + 1), count: n))
            }
            return found
        }
    }

    /// A 50 Hz recording of `n` samples with defects at random places, half of them at a block
    /// boundary (± 2 samples).
    static func recording(seed: UInt64, n: Int) -> (x: [Float], y: [Float], z: [Float], t: [Double]) {
        var rng = SplitMix64(state: seed)
        let block = _DefectScanner.scanBlock
        var x = (0..<n).map { _ in Float(Int.random(in: -500...500, using: &rng)) / 256 }
        var y = (0..<n).map { _ in Float(Int.random(in: -500...500, using: &rng)) / 256 }
        var z = (0..<n).map { _ in Float(Int.random(in: -500...500, using: &rng)) / 256 - 1 }
        var t = (0..<n).map { Double($0) * 0.02 + Double(Int.random(in: -2...2, using: &rng)) * 1e-4 }
        func place() -> Int {
            Bool.random(using: &rng)
                ? min(n - 1, max(1, block * Int.random(in: 1...max(1, n / block - 1), using: &rng) + Int.random(in: -2...2, using: &rng)))
                : Int.random(in: 1..<n, using: &rng)
        }
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let at = place()
            switch Int.random(in: 0..<7, using: &rng) {
            case 0:  // gap: everything after moves later
                let jump = Double(Int.random(in: 1...40, using: &rng)) * 0.02
                for k in at..<n { t[k] += jump }
            case 1:  // repeated times
                for k in at..<min(n, at + Int.random(in: 1...3, using: &rng)) { t[k] = t[at - 1] }
            case 2:  // a step back
                t[at] = t[at - 1] - 0.01
            case 3:  // zero fill
                for k in at..<min(n, at + Int.random(in: 1...150, using: &rng)) { x[k] = 0; y[k] = 0; z[k] = 0 }
            case 4:  // idle fill (10 s at 50 Hz = 500 rows) or a shorter run
                let length = Int.random(in: 2...700, using: &rng)
                for k in at..<min(n, at + length) { x[k] = x[at - 1]; y[k] = y[at - 1]; z[k] = z[at - 1] }
            case 5:  // clipping at ±8 g
                for k in at..<min(n, at + Int.random(in: 1...4, using: &rng)) { x[k] = Bool.random(using: &rng) ? 8 : -8 }
            default:  // a sign change to -0 of a zero row (0 == -0: still zero fill)
                x[at] = -0.0; y[at] = 0; z[at] = 0
            }
        }
        return (x, y, z, t)
    }

    @Test(arguments: 0..<60)
    func blockScanFindsWhatThePerSampleRulesFind(seed: Int) throws {
        let n = 3000 + seed * 37
        let r = Self.recording(seed: UInt64(seed) &* 6151 &+ 3, n: n)
        var rows = _ParsedRows()
        rows.x = r.x
        rows.y = r.y
        rows.z = r.z
        rows.timesS = r.t
        rows.maximumAbsoluteG = (r.x + r.y + r.z).map(abs).max() ?? 0
        let scanner = _DefectScanner(rows: rows, start: nil, periodS: 0.02)
        let timing = scanner.timingDefects()
        let rateHz = try #require(timing.measuredRateHz)
        let reference = Reference(x: r.x, y: r.y, z: r.z, t: r.t, periodS: 0.02, rateHz: rateHz)
        let expected = reference.timing()
        #expect(abs(rateHz - (expected.rateHz ?? 0)) <= 1e-9 * rateHz)
        let found = (timing.defects + scanner.valueDefects(rateHz: rateHz)).map { Reference.Found(kind: $0.kind, range: $0.sampleRange, count: $0.sampleCount) }
        let want = expected.found + reference.values()
        let order = { (a: Reference.Found, b: Reference.Found) in (a.kind.rawValue, a.range.lowerBound, a.range.upperBound) < (b.kind.rawValue, b.range.lowerBound, b.range.upperBound) }
        #expect(found.sorted(by: order) == want.sorted(by: order))
    }

    /// Regular blocks but for one repeated time at block edges (the last step of one block, the
    /// first step of another): each is found once, where it is.
    @Test func irregularitiesAtEveryBlockEdgeAreFound() {
        let block = _DefectScanner.scanBlock
        let n = block * 20
        var t = (0..<n).map { Double($0) * 0.01 }
        var duplicates: [Int] = []
        // Blocks of steps start at step 1: [1, 1 + block), [1 + block, 1 + 2 block), ...
        for k in stride(from: block, to: n - 2 * block, by: 2 * block) {
            t[k] = t[k - 1]  // the last step of a block repeats a time
            duplicates.append(k)
            t[k + block + 1] = t[k + block]  // and the first step of the block after next
            duplicates.append(k + block + 1)
        }
        var rows = _ParsedRows()
        rows.x = [Float](repeating: 0.1, count: n).enumerated().map { Float($0.offset % 7) * 0.01 + $0.element }
        rows.y = [Float](repeating: 0.2, count: n)
        rows.z = (0..<n).map { Float($0 % 5) * 0.01 - 1 }
        rows.timesS = t
        rows.maximumAbsoluteG = 1
        let timing = _DefectScanner(rows: rows, start: nil, periodS: 0.01).timingDefects()
        #expect(timing.defects.map(\.kind) == [RecordingDefect.Kind](repeating: .duplicateTime, count: duplicates.count))
        #expect(timing.defects.map(\.sampleRange.lowerBound) == duplicates)
    }
}
