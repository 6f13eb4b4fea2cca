import Foundation
import Testing
@testable import PLMSignal

/// The scipy reference values written by `Fixtures/make_filter_fixtures.py`.
struct FilterReference: Decodable {
    struct Response: Decodable {
        var name: String
        var btype: String
        var edges: [Double]
        var order: Int
        var fs: Double
        var frequenciesHz: [Double]
        var squaredMagnitude: [Double]
    }
    struct Filtered: Decodable {
        var name: String
        var btype: String
        var edges: [Double]
        var order: Int
        var fs: Double
        var input: [Double]
        var output: [Double]
    }
    var response: [Response]
    var sosfiltfilt: [Filtered]

    static let shared: FilterReference? = {
        guard let url = Bundle.module.url(forResource: "filter_reference", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url)
        else { return nil }
        return try? JSONDecoder().decode(FilterReference.self, from: data)
    }()

    static func design(btype: String, edges: [Double], order: Int, fs: Double) -> ButterworthResponse {
        switch btype {
        case "band": return ButterworthResponse(band: .bandPass(lowHz: edges[0], highHz: edges[1]), order: order, sampleRateHz: fs)
        case "low": return ButterworthResponse(band: .lowPass(cutoffHz: edges[0]), order: order, sampleRateHz: fs)
        default: return ButterworthResponse(band: .highPass(cutoffHz: edges[0]), order: order, sampleRateHz: fs)
        }
    }
}

@Suite struct ZeroPhaseFilterTests {
    @Test func fixtureLoads() throws {
        let reference = try #require(FilterReference.shared)
        #expect(reference.response.count == 3)
        #expect(reference.sosfiltfilt.count == 3)
    }

    /// |H(f)|^2 of the analytic formula and of the cut FIR kernel against scipy's sosfreqz of
    /// the same butter design. Tolerance 1e-9 for the formula (floating point only) and 1e-6
    /// for the realised kernel (taps are cut below 1e-9 of the peak).
    @Test(arguments: [0, 1, 2]) func responseMatchesScipy(caseIndex: Int) throws {
        let reference = try #require(FilterReference.shared)
        let c = reference.response[caseIndex]
        let design = FilterReference.design(btype: c.btype, edges: c.edges, order: c.order, fs: c.fs)
        let filter = try #require(ZeroPhaseFilter(response: design))
        for (f, expected) in zip(c.frequenciesHz, c.squaredMagnitude) {
            #expect(abs(design.squaredMagnitude(atHz: f) - expected) < 1e-9, "\(c.name) at \(f) Hz")
            #expect(abs(filter.realisedGain(atHz: f) - expected) < 1e-6, "\(c.name) realised at \(f) Hz")
        }
    }

    /// Hand-checked corner values: at a corner the squared magnitude of any Butterworth is 1/2,
    /// at the band-pass centre sqrt(W1 W2) (pre-warped) it is 1, at DC a band-pass is 0.
    @Test func analyticCorners() {
        let band = ButterworthResponse(band: .bandPass(lowHz: 0.3, highHz: 10), order: 2, sampleRateHz: 100)
        #expect(abs(band.squaredMagnitude(atHz: 0.3) - 0.5) < 1e-12)
        #expect(abs(band.squaredMagnitude(atHz: 10) - 0.5) < 1e-12)
        let centre = atan((tan(Double.pi * 0.3 / 100) * tan(Double.pi * 10 / 100)).squareRoot()) * 100 / Double.pi
        #expect(abs(band.squaredMagnitude(atHz: centre) - 1) < 1e-12)
        #expect(band.squaredMagnitude(atHz: 0) == 0)
        let low = ButterworthResponse(band: .lowPass(cutoffHz: 1.5), order: 2, sampleRateHz: 10)
        #expect(abs(low.squaredMagnitude(atHz: 1.5) - 0.5) < 1e-12)
        #expect(low.squaredMagnitude(atHz: 0) == 1)
    }

    /// A steady sinusoid comes out scaled by |H(f)|^2 and not shifted (zero phase): checked on
    /// the middle of a 120 s signal against the analytic response, tolerance 1e-5 of amplitude.
    @Test(arguments: [0.1, 0.3, 1.0, 4.0, 10.0, 20.0]) func sinusoidGainAndZeroPhase(frequencyHz: Double) throws {
        let fs = 100.0
        let design = ButterworthResponse(band: .bandPass(lowHz: 0.3, highHz: 10), order: 2, sampleRateHz: fs)
        let filter = try #require(ZeroPhaseFilter(response: design))
        let n = 12_000
        let x = (0..<n).map { sin(2 * Double.pi * frequencyHz * Double($0) / fs + 0.4) }
        let y = filter.filtered(x)
        let gain = design.squaredMagnitude(atHz: frequencyHz)
        var worst = 0.0
        for i in 3_000..<9_000 { worst = max(worst, abs(y[i] - gain * x[i])) }
        #expect(worst < 1e-5, "worst deviation \(worst) at \(frequencyHz) Hz")
    }

    /// Against scipy.signal.sosfiltfilt on the fixture signal (noise, sinusoids, a step, a ramp),
    /// away from the edges (the middle third: scipy's and our edge handling differ). Tolerance
    /// 1e-6 absolute on a signal of amplitude ~0.1.
    @Test(arguments: [0, 1, 2]) func matchesSosfiltfilt(caseIndex: Int) throws {
        let reference = try #require(FilterReference.shared)
        let c = reference.sosfiltfilt[caseIndex]
        let design = FilterReference.design(btype: c.btype, edges: c.edges, order: c.order, fs: c.fs)
        let filter = try #require(ZeroPhaseFilter(response: design))
        let y = filter.filtered(c.input)
        let n = c.input.count
        var worst = 0.0
        for i in (n / 3)..<(2 * n / 3) { worst = max(worst, abs(y[i] - c.output[i])) }
        #expect(worst < 1e-6, "\(c.name): worst deviation \(worst)")
    }

    /// A constant passes a band-pass as (nearly) zero right up to the edges (odd extension: no
    /// edge ringing; the residue is the cut kernel's DC error), and so does a linear ramp.
    /// 50,000 samples span many blocks, so block seams would show too.
    @Test func constantAndRampHaveNoEdgeRinging() throws {
        let design = ButterworthResponse(band: .bandPass(lowHz: 0.3, highHz: 10), order: 2, sampleRateHz: 100)
        let filter = try #require(ZeroPhaseFilter(response: design))
        let y = filter.filtered([Double](repeating: 1.0, count: 50_000))
        let worstConstant = y.reduce(0) { max($0, abs($1)) }
        #expect(worstConstant < 1e-7, "worst \(worstConstant)")
        let ramp = filter.filtered((0..<50_000).map { 0.001 * Double($0) })
        let worstRamp = ramp.reduce(0) { max($0, abs($1)) }
        #expect(worstRamp < 1e-5, "worst \(worstRamp)")
    }

    /// Segments shorter than the kernel are filtered without crashing (mirrored extension).
    @Test(arguments: [1, 2, 3, 17]) func veryShortInput(count: Int) throws {
        let design = ButterworthResponse(band: .bandPass(lowHz: 0.3, highHz: 10), order: 2, sampleRateHz: 100)
        let filter = try #require(ZeroPhaseFilter(response: design))
        let y = filter.filtered((0..<count).map { Double($0 % 2) })
        #expect(y.count == count)
        #expect(y.allSatisfy { $0.isFinite })
    }

    /// A design at or beyond Nyquist is refused rather than trapped.
    /// The step's undershoot against `scipy.signal.filtfilt(*butter(2, fc / (fs / 2)), x)` of a
    /// unit step at sample 10000 of 20000 (scipy 1.17): the deepest output before the step, the
    /// sum of the outputs below zero there (samples) and the farthest sample before the step of
    /// the run of negative outputs around the deepest. Computed with `y = filtfilt(b, a, x);
    /// pre = y[:10000][::-1]` (`pre[m - 1]` is m samples before): `-pre.min()`,
    /// `np.maximum(0, -pre).sum()`, and from `d = pre.argmin()` the last index of the negative run.
    @Test(arguments: [
        (20.0, 2.0, 0.03651, 0.12870, 10), (25.0, 2.0, 0.03591, 0.15921, 13), (20.0, 8.0, 0.08277, 0.11704, 2),
    ])
    func stepUndershootMatchesFiltfilt(
        rateHz: Double, cornerHz: Double, deepest: Double, areaSamples: Double, reachSamples: Int
    ) throws {
        let filter = try #require(
            ZeroPhaseFilter(response: ButterworthResponse(band: .lowPass(cutoffHz: cornerHz), order: 2, sampleRateHz: rateHz)))
        let undershoot = filter.stepUndershoot
        #expect(abs(undershoot.deepest - deepest) < 2e-4, "deepest \(undershoot.deepest)")
        #expect(abs(undershoot.areaSamples - areaSamples) < 5e-4, "area \(undershoot.areaSamples)")
        #expect(undershoot.reachSamples == reachSamples)
    }

    @Test func unrealisableDesignIsNil() {
        #expect(ZeroPhaseFilter(response: ButterworthResponse(band: .lowPass(cutoffHz: 6), order: 2, sampleRateHz: 10)) == nil)
        #expect(ZeroPhaseFilter(response: ButterworthResponse(band: .bandPass(lowHz: 2, highHz: 1), order: 2, sampleRateHz: 10)) == nil)
    }
}
