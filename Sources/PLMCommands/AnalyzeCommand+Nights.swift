import ArgumentParser
import PLMKit

/// `plm analyze` without lights: the nights of a (multi-day) recording.
extension AnalyzeCommand {
    func runNights() async throws {
        if output.events != nil {
            throw ValidationError("--events writes one night's events: use --out DIR for a recording with several nights")
        }
        guard nightHours.isFinite, nightHours > 0, nightHours <= 24 else {
            throw ValidationError("--night-hours \(nightHours): expected hours between 0 and 24")
        }
        var rulesForNights = InBedRules()
        rulesForNights.nightMinimumHours = nightHours
        let request = RecordingAnalysisRequest(
            night: try analysisRequest(), diaryPath: diary, inBedRules: rulesForNights)
        let destinations = RecordingDestinations(outputDirectory: out, summaryJSONPath: output.json, summaryHTMLPath: output.html)
        try await reportingPipelineErrors {
            let analysis = try await RecordingAnalyzer.analyze(request, progress: output.quiet ? nil : ProgressReporter())
            let written = try destinations.write(analysis)
            guard !output.quiet, output.json != "-" else { return }
            print(analysis.summary.terminalSummary(), terminator: "")
            for path in written { print("wrote \(path)") }
        }
    }
}
