import Foundation
import PLMCore
import Testing

@testable import PLMReports

@Suite("Progress reporter")
struct ProgressReporterTests {
    @Test("The bar line shows the fraction")
    func line() {
        let half = ProgressReporter.line(stage: "reading left.csv", fraction: 0.5)
        #expect(half == "reading left.csv             [###############---------------]  50%")
        let done = ProgressReporter.line(stage: String(repeating: "x", count: 40), fraction: 1)
        #expect(done == String(repeating: "x", count: 27) + "~ [" + String(repeating: "#", count: 30) + "] 100%")
    }

    @Test("A disabled reporter accepts every call")
    func disabled() {
        let reporter = ProgressReporter(enabled: false)
        reporter.start(stage: "scoring")
        reporter.update(0.3)
        reporter.update(.nan)
        reporter.finish()
        #expect(!reporter.isEnabled)
    }
}
