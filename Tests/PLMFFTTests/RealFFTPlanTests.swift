import Foundation
import Testing
@testable import PLMFFT

@Suite struct RealFFTPlanTests {
    @Test(arguments: [8, 30, 1000, 4096])
    func forwardOfCosineHasOneBinAndInverseRoundTrips(length: Int) {
        // x[n] = cos(2 pi k n / N) has spectrum N/2 at bin k (analytic DFT), zero elsewhere.
        let k = 3
        let plan = FFTPlanner.shared.realPlan(length: length)
        let ws = FFTWorkspace(length: length)
        for n in 0..<length { ws.real.baseAddress[n] = cos(2 * Double.pi * Double(k * n) / Double(length)) }
        plan.forward(ws)
        for bin in 0..<plan.binCount {
            let re = ws.spectrum.baseAddress[2 * bin], im = ws.spectrum.baseAddress[2 * bin + 1]
            let expected = bin == k ? Double(length) / 2 : 0
            #expect(abs(re - expected) < 1e-9 * Double(length))
            #expect(abs(im) < 1e-9 * Double(length))
        }
        plan.inverse(ws)
        for n in 0..<length {
            let x = cos(2 * Double.pi * Double(k * n) / Double(length))
            #expect(abs(ws.real.baseAddress[n] / Double(length) - x) < 1e-12)
        }
    }

    @Test func plansAreMadeOncePerLength() {
        let a = FFTPlanner.shared.realPlan(length: 512)
        let b = FFTPlanner.shared.realPlan(length: 512)
        #expect(a === b)
    }

    @Test func concurrentPlanningAndExecutionIsSafe() async {
        // Many tasks plan (serialised by the planner lock) and execute (thread-safe) at once.
        await withTaskGroup(of: Bool.self) { group in
            for i in 0..<16 {
                group.addTask {
                    let length = 64 * (1 + i % 4)
                    let plan = FFTPlanner.shared.realPlan(length: length)
                    let ws = FFTWorkspace(length: length)
                    for n in 0..<length { ws.real.baseAddress[n] = 1 }
                    plan.forward(ws)
                    return abs(ws.spectrum.baseAddress[0] - Double(length)) < 1e-9
                }
            }
            for await ok in group { #expect(ok) }
        }
    }

    @Test(arguments: [(1, 2), (7, 8), (11, 12), (13, 14), (2_879_999, 2_880_000), (17, 18), (19, 20), (23, 24)])
    func nextFastLengthIsTheSmallestEvenSmoothLength(n: Int, expected: Int) {
        // 2,880,000 = 2^9 3^2 5^4; 14 = 2*7; 18 = 2*3^2; 20 = 2^2*5; 24 = 2^3*3.
        #expect(FFTSize.nextFastLength(atLeast: n) == expected)
    }

    @Test func smoothness() {
        #expect(FFTSize.isSmooth(2_880_000))
        #expect(!FFTSize.isSmooth(2_880_001))  // 19 x 151,579
        #expect(!FFTSize.isSmooth(22))
    }
}
