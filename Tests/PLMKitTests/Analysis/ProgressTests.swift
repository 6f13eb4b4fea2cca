import Foundation
import PLMCore
import Testing

@testable import PLMKit
import PLMTestSupport

/// Issue 12: "plm analyze in a terminal: the progress bar stays at 0 % until the end".
@Suite("Progress of an analysis")
struct ProgressTests {
    /// Collects what the reporter would draw on the terminal.
    final class Drawing: Sendable {
        let lines = LockedValue<[String]>([])
        func append(_ text: String) { lines.withLock { $0.append(text) } }
    }

    @Test("The bar advances through reading and detection, names the stage, and ends cleared")
    func barAdvances() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        let drawing = Drawing()
        let reporter = ProgressReporter(enabled: true) { drawing.append($0) }
        _ = try await NightAnalyzer.analyze(
            AnalysisRequest(legs: [.init(side: .left, path: night.leftPath), .init(side: .right, path: night.rightPath)]),
            progress: reporter)
        let lines = drawing.lines.withLock { $0 }
        let percents = lines.compactMap { line -> Int? in
            guard line.hasSuffix("%") else { return nil }
            return Int(line.dropLast().split(separator: " ").last ?? "")
        }
        // Two legs, each half when read and whole when detected, 95 % before scoring: 23, 47, 71, 95.
        #expect(percents.contains { $0 > 0 && $0 < 100 }, "\(lines)")
        #expect(percents == percents.sorted(), "the bar never goes back: \(percents)")
        #expect(percents.contains(95) && percents.contains(47), "\(percents)")
        #expect(lines.contains { $0.contains("reading 2 legs") })
        #expect(lines.contains { $0.contains("detecting: 1 of 2 done") })
        #expect(lines.contains { $0.contains("detecting: 2 of 2 done") })
        #expect(lines.contains { $0.contains("scoring") })
        #expect(lines.last == "\r\u{1B}[2K")
    }

    @Test("Reading reports the share of bytes read, rising to 1")
    func bytesRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("long.csv")
        // About 6 MB: more than one 4 MiB chunk, so progress is reported in the middle.
        var text = "time,x,y,z\n"
        text.reserveCapacity(6_500_000)
        for k in 0..<120_000 {
            let s = k / 100, cs = k % 100
            text += "2026-01-01T\(s / 3600 < 10 ? "0" : "")\(s / 3600):\((s / 60) % 60 < 10 ? "0" : "")\((s / 60) % 60):\(s % 60 < 10 ? "0" : "")\(s % 60).\(cs < 10 ? "0" : "")\(cs)0,0.0100,0.0200,0.9900\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let fractions = LockedValue<[Double]>([])
        _ = try RecordingReader.read(path: path) { f in fractions.withLock { $0.append(f) } }
        let seen = fractions.withLock { $0 }
        #expect(seen.contains { $0 > 0.3 && $0 < 0.9 }, "\(seen)")
        #expect(seen == seen.sorted())
        #expect(seen.last == 1)
    }

    /// Eight legs read and detected at once, from as many threads: each leg's own progress only
    /// rises, so the combined bar must too. The bar once went 95 % then back to 71 % when a
    /// leg's detection was drawn after a later one's (the total computed under one lock, drawn
    /// after it was released).
    @Test("Legs reporting at once: the drawn bar never goes back")
    func concurrentLegsNeverGoBack() {
        let drawing = Drawing()
        // A terminal write takes a while, and not always the same while: the pause widens the
        // window in which a stale line could overtake a newer one (the order must not depend on it).
        let reporter = ProgressReporter(enabled: true) { text in
            usleep(UInt32.random(in: 0...300))
            drawing.append(text)
        }
        reporter.start(stage: "reading")
        let legs = 8
        let progress = _LegProgress(reporter: reporter, legCount: legs)
        DispatchQueue.concurrentPerform(iterations: legs) { leg in
            for step in 1...2_000 { progress.read(leg: leg, Double(step) / 2_000) }
            progress.detected(leg: leg)
        }
        let percents = drawing.lines.withLock { $0 }.compactMap { line -> Int? in
            guard line.hasSuffix("%") else { return nil }
            return Int(line.dropLast().split(separator: " ").last ?? "")
        }
        #expect(percents.count > 10)
        #expect(percents == percents.sorted(), "the bar went back: \(percents)")
        #expect(percents.last == 95)
    }

    @Test("A reporter that is not enabled draws nothing")
    func disabledDrawsNothing() {
        let drawing = Drawing()
        let reporter = ProgressReporter(enabled: false) { drawing.append($0) }
        reporter.start(stage: "reading")
        reporter.update(0.5, stage: "detecting")
        reporter.finish()
        #expect(drawing.lines.withLock { $0.isEmpty })
    }
}
