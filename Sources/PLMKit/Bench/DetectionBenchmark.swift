import Foundation

/// `plm bench`: analyses every simulated night of a folder, compares the leg movements found
/// with the truth, and tabulates accuracy and speed.
public enum DetectionBenchmark {
    /// The result for one night.
    public struct NightResult: Sendable, Codable, Hashable {
        public var night: String
        public var profile: String
        public var layout: String
        public var hours: Double
        public var sampleRateHz: Double
        /// The simulated sensor: white noise per axis (milli-g RMS), converter bits and range (±g).
        public var noiseMg: Double
        public var resolutionBits: Int
        public var rangeG: Double
        /// The right leg's sensor when it is another device (`two-devices`); nil when both legs
        /// carry the sensor above.
        public var rightLegNoiseMg: Double?
        public var rightLegResolutionBits: Int?
        public var rightLegRangeG: Double?
        /// The night's named hard condition (`plm simulate --condition`), if any.
        public var condition: String?
        /// Samples of both legs together.
        public var samples: Int
        public var sensitivity: Double?
        public var positivePredictiveValue: Double?
        public var f1: Double?
        public var onsetErrorMedianS: Double?
        public var offsetErrorMedianS: Double?
        /// PLM index of the truth's movements over the lights window (no sleep staging).
        public var truthPLMIndex: Double?
        /// PLM index the pipeline found over the same window.
        public var foundPLMIndex: Double?
        /// Wall-clock seconds of the analysis (read, detect, score, assemble; not writing).
        public var seconds: Double
        /// Samples of both legs per second of wall-clock time.
        public var samplesPerSecond: Double
        /// Sensitivity by the true movements' peak deviation (nil for a truth without them).
        public var sensitivityByPeakDeviation: [PeakDeviationBin]?

        /// `night: 1.23 s, F1 0.975` for progress output.
        public var progressLine: String {
            "\(night): \(Result.fixed(seconds, 2)) s, F1 \(Result.fixed(f1, 3))"
        }
    }

    /// The whole benchmark.
    public struct Result: Sendable, Codable, Equatable {
        public var format = "plm-bench/1"
        public var tool: PLMReport.Tool
        public var directory: String
        public var rules: String
        public var nights: [NightResult]
        /// Counts pooled over every night.
        public var pooled: DetectionCounts
        /// Bland-Altman and ICC of the PLM index over the nights (nil for fewer than 2 nights).
        public var plmIndexAgreement: AgreementStatistics?
        public var totalSeconds: Double
        /// Sensitivity by peak deviation pooled over the nights.
        public var pooledByPeakDeviation: [PeakDeviationBin]?
    }

    /// Runs every night of `directory` in name order, one night at a time (each night already
    /// uses one core per leg), and optionally writes each night's report into `reportsDirectory`.
    /// - Parameter onNight: called after each night, for progress.
    public static func run(
        directory: String, rules: RuleSet = .wasm2016, reportsDirectory: String? = nil,
        onNight: (NightResult) -> Void = { _ in }
    ) async throws -> Result {
        let nights = try BenchmarkNight.discover(in: directory)
        var results: [NightResult] = []
        var evaluations: [NightEvaluation] = []
        let clock = ContinuousClock()
        for night in nights {
            let request = try night.analysisRequest(rules: rules)
            let started = clock.now
            let analysis = try await NightAnalyzer.analyze(request)
            let elapsed = clock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let json = try analysis.report.jsonData()
            if let reportsDirectory {
                try ReportDestinations(
                    jsonPath: (reportsDirectory as NSString).appendingPathComponent("\(night.name).json"),
                    outputDirectory: nil
                ).writeCreatingFolder(report: analysis.report)
            }
            var reference = try EventSetReader.loadReference(path: night.truthPath)
            // The truth scored under the rules the detector is scored with (the file's
            // `expectedScoring` holds the default rules' figures, possibly from an older plm).
            reference.plmIndex = ExpectedScoringCalculator.score(night.truth, rules: rules).plmIndex
            let detected = try EventSetReader.decodeReport([UInt8](json), path: "\(night.name) report")
            let evaluation = Evaluator.evaluate(reference: reference, detected: detected)
            evaluations.append(evaluation)
            let samples = analysis.report.recording.legs.reduce(0) { $0 + $1.samples }
            let rightLeg = night.truth.settings.conditions?.rightLegSensor
            let result = NightResult(
                night: night.name, profile: night.truth.profile.rawValue, layout: night.truth.output?.layout ?? "",
                hours: night.truth.durationS / 3600, sampleRateHz: night.truth.settings.sampleRateHz,
                noiseMg: night.truth.settings.noiseG * 1000, resolutionBits: night.truth.settings.resolutionBits,
                rangeG: night.truth.settings.rangeG,
                rightLegNoiseMg: rightLeg.map { $0.noiseG * 1000 }, rightLegResolutionBits: rightLeg?.resolutionBits,
                rightLegRangeG: rightLeg?.rangeG, condition: night.truth.settings.condition, samples: samples,
                sensitivity: evaluation.total.sensitivity, positivePredictiveValue: evaluation.total.positivePredictiveValue,
                f1: evaluation.total.f1, onsetErrorMedianS: evaluation.onsetError?.medianS,
                offsetErrorMedianS: evaluation.offsetError?.medianS,
                truthPLMIndex: evaluation.referencePLMIndex, foundPLMIndex: evaluation.detectedPLMIndex,
                seconds: seconds, samplesPerSecond: seconds > 0 ? Double(samples) / seconds : 0,
                sensitivityByPeakDeviation: evaluation.sensitivityByPeakDeviation)
            results.append(result)
            onNight(result)
        }
        let evaluation = EvaluationReport(nights: evaluations)
        return Result(
            tool: PLMKitVersion.tool, directory: directory, rules: rules.name, nights: results,
            pooled: evaluation.pooled, plmIndexAgreement: evaluation.plmIndexAgreement,
            totalSeconds: results.reduce(0) { $0 + $1.seconds }, pooledByPeakDeviation: evaluation.pooledByPeakDeviation)
    }
}
