import ArgumentParser
import PLMCore
import PLMEvaluation

/// `plm evaluate`: compares detected leg movements with a reference.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare the leg movements found in a report with reference events.",
        discussion: """
            The reference is a truth.json written by `plm simulate`, or your own events as CSV \
            with a header row onset_s,offset_s,side (seconds since the recording start; side L or \
            R), for example leg movements scored from the tibialis EMG of a polysomnography. \
            The report is the JSON report (plm-report/1) of `plm analyze` for the same recording.

            Events are matched one to one on each leg: a found movement matches a reference \
            movement when they overlap by at least half of the shorter one, or when their onsets \
            are at most 1 s apart. Only movements of 0.5-10 s (the leg movement duration of the \
            AASM and WASM rules) take part unless --all-durations is given. The output gives, \
            per night and leg, sensitivity (share of reference movements found), positive \
            predictive value (share of found movements that are real), F1, the onset and offset \
            error, and the PLM index error.

            Give several --truth/--report pairs (in the same order) to evaluate several nights: \
            the output then adds the Bland-Altman bias and 95 % limits of agreement of the PLM \
            index and the intraclass correlation ICC(A,1) (two-way random, absolute agreement).

            Example: plm evaluate --truth night1/truth.json --report out1/report.json --json eval.json
            """)

    @Option(name: .customLong("truth"), help: "Reference: a truth.json from plm simulate or an events CSV (onset_s,offset_s,side). Repeat for several nights.")
    var truths: [String] = []

    @Option(name: .customLong("report"), help: "The plm-report/1 JSON report of the same night. Repeat, in the same order as --truth.")
    var reports: [String] = []

    @Option(help: "Also write the evaluation as JSON (plm-evaluation/1) to this file.")
    var json: String?

    @Option(help: "Onsets at most this many seconds apart match.")
    var onsetTolerance: Double = 1.0

    @Option(help: "Events overlapping by at least this fraction of the shorter one match.")
    var overlap: Double = 0.5

    @Flag(help: "Match movements of every duration, not only 0.5-10 s.")
    var allDurations = false

    @Option(help: "Which PLM index of a truth.json to compare with: lights (lights off to on, the default) or recording (the whole recording, for a report scored without a lights window).")
    var truthIndex: String = "lights"

    func validate() throws {
        guard !truths.isEmpty else { throw ValidationError("give at least one --truth and one --report") }
        guard truths.count == reports.count else {
            throw ValidationError("give as many --report as --truth options (found \(truths.count) --truth and \(reports.count) --report)")
        }
        guard onsetTolerance.isFinite, onsetTolerance >= 0 else { throw ValidationError("--onset-tolerance must be a non-negative number of seconds") }
        guard overlap.isFinite, overlap > 0, overlap <= 1 else { throw ValidationError("--overlap must be a fraction in (0, 1]") }
        guard EventSetReader.TruthIndexWindow(rawValue: truthIndex) != nil else {
            throw ValidationError("--truth-index must be lights or recording (found \"\(truthIndex)\")")
        }
    }

    func run() async throws {
        try await reportingPipelineErrors {
            let options = EvaluationOptions(
                minimumOverlapFraction: overlap, onsetToleranceS: onsetTolerance,
                durationRangeS: allDurations ? nil : EvaluationOptions.legMovementDurationS)
            var nights: [NightEvaluation] = []
            for (truthPath, reportPath) in zip(truths, reports) {
                let window = EventSetReader.TruthIndexWindow(rawValue: truthIndex) ?? .lights
                let reference = try EventSetReader.loadReference(path: truthPath, truthIndexWindow: window)
                let detected = try EventSetReader.loadReport(path: reportPath)
                nights.append(Evaluator.evaluate(reference: reference, detected: detected, options: options))
            }
            let report = EvaluationReport(nights: nights, options: options)
            print(report.text(), terminator: "")
            if let json {
                try report.write(toPath: json)
            }
        }
    }
}

