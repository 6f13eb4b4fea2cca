import ArgumentParser
import PLMKit

/// `plm score`: applies the scoring rules to a list of leg movements found elsewhere.
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a list of leg movements (from any source) into PLM series and indices.",
        discussion: """
            EVENTS.csv has a header row onset_s,offset_s,side and one leg movement per line: \
            onset and offset in seconds since the recording start, side L or R. Use it to score \
            leg movements marked on the tibialis EMG of a polysomnography, or found by another \
            program, with exactly the rules `plm analyze` uses, and to compare rule profiles.

            The indices are per hour of the window: give --lights-off and --lights-on in seconds \
            since the recording start. Without them the window runs from 0 to the end of the last \
            movement, which overstates the index when the night went on without movements.

            Rule profiles:
            \(RuleSet.profilesHelpText)

            Example: plm score psg-lms.csv --rules aasm --lights-off 0 --lights-on 28800 --json scored.json
            """)

    @Argument(help: ArgumentHelp("The leg movements: CSV with onset_s,offset_s,side.", valueName: "events.csv"))
    var eventsFile: String

    @OptionGroup(title: "Scoring")
    var rules: RuleOption

    @Option(help: ArgumentHelp("Start of the scored window, seconds since the recording start (default 0).", valueName: "s"))
    var lightsOff: Double?

    @Option(help: ArgumentHelp("End of the scored window, seconds since the recording start (default: the last movement's end).", valueName: "s"))
    var lightsOn: Double?

    @OptionGroup(title: "Polysomnography annotations (optional)")
    var annotations: AnnotationOptions

    @OptionGroup(title: "Reports (the HTML report has no night plot: there is no signal)")
    var output: ReportOutputOptions

    func validate() throws {
        for (name, value) in [("--lights-off", lightsOff), ("--lights-on", lightsOn)] {
            if let value, !TimeSpan.isAcceptableTime(value) {
                throw ValidationError(
                    "\(name) \(value): expected seconds since the recording start within ±\(DecimalText.short(TimeSpan.largestTimeMagnitudeS)) s")
            }
        }
        if let off = lightsOff, let on = lightsOn, on <= off {
            throw ValidationError("--lights-on (\(on) s) must be after --lights-off (\(off) s)")
        }
    }

    func run() async throws {
        let request = EventListScoringRequest(
            eventsPath: eventsFile, rules: try rules.ruleSet(), windowStartS: lightsOff, windowEndS: lightsOn,
            respiratoryEventsPath: annotations.respiratory, arousalsPath: annotations.arousals, hypnogramPath: annotations.hypnogram)
        let destinations = output.destinations()
        try await reportingPipelineErrors {
            let report = try EventListScorer.score(request)
            output.printSummary(of: report, written: try destinations.write(report: report, traces: nil))
        }
    }
}
