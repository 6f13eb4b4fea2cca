import ArgumentParser
import PLMKit

/// `plm analyze`: one night from the raw files of one or both ankles to a PLM report.
struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Score the nights of a recording: find the leg movements in each ankle's recording and compute the PLM index.",
        discussion: """
            Give the raw acceleration file of each leg as exported by the device software \
            (ActiGraph ActiLife raw CSV, GENEActiv CSV, Axivity cwa-convert CSV, or any CSV with a \
            time column and x, y, z; .csv.gz is read directly) or the device's own file (Axivity \
            .cwa, GENEActiv .bin, ActiGraph .gt3x; .cwa.gz and .bin.gz too). The layout, units and sample rate \
            are recognised from the file; run `plm inspect FILE` to see what was recognised and \
            which options a file needs.

            Scoring covers lights off to lights on when you give them (as date and time on the \
            recording's clock, e.g. 2026-01-15T23:10:00 or 2026-01-15T23:10:00+01:00), or the \
            whole recording with --whole-recording. Without either, the recording may span days: \
            every in-bed period is found from the shank's orientation and movement (naps, non-wear \
            and legs-up evenings are reported, not scored), each night of at least --night-hours \
            is scored on its own with a sleep/wake estimate, and --out DIR writes summary.json, \
            summary.html and night-YYYY-MM-DD/ folders. --diary FILE (CSV night,lights_off,lights_on) \
            overrides the detected nights it lists. Stretches with defects (gaps, filled samples, \
            clipping longer than 10 s or with one axis held at the range over 1 s) are left out of \
            scoring and of the hours the indices are divided by; the report lists them. Shorter \
            clipping is a movement's peak beyond the sensor's range: listed, and kept.

            With polysomnography annotations the scoring follows the rules fully: respiratory \
            events (--respiratory) exclude the leg movements linked to them, arousals (--arousals) \
            mark PLMs with arousal, and a hypnogram (--hypnogram) gives the PLMS index per hour of \
            sleep. Without a hypnogram the PLM index is per hour in bed: wake movements count too, \
            so it reads higher than a PSG PLMS index.

            The summary goes to the terminal; --json, --html and --events write the full report, \
            and --out DIR writes all three (report.json, report.html, events.csv). The figures are \
            a screening estimate from ankle accelerometers, not a polysomnographic diagnosis.

            Example: plm analyze --left night/left.csv.gz --right night/right.csv.gz \
            --lights-off 2026-01-15T23:10 --lights-on 2026-01-16T06:40 --out report
            """)

    @Option(help: ArgumentHelp("Raw acceleration file of the left ankle's sensor.", valueName: "file"))
    var left: String?

    @Option(help: ArgumentHelp("Raw acceleration file of the right ankle's sensor.", valueName: "file"))
    var right: String?

    @OptionGroup(title: "Reading the files")
    var reading: FileReadingOptions

    @Option(help: ArgumentHelp("Lights off, on the recording's clock (ISO 8601). Default: the first sample.", valueName: "time"))
    var lightsOff: String?

    @Option(help: ArgumentHelp("Lights on, on the recording's clock (ISO 8601). Default: the last sample.", valueName: "time"))
    var lightsOn: String?

    @Flag(help: "Score the whole recording as one night (no night detection).")
    var wholeRecording = false

    @Option(help: ArgumentHelp("Sleep diary CSV (night,lights_off,lights_on) overriding the detected nights.", valueName: "file"))
    var diary: String?

    @Option(help: ArgumentHelp("Shortest in-bed period scored as a night, hours; shorter ones are naps.", valueName: "hours"))
    var nightHours: Double = 3

    @OptionGroup(title: "Scoring")
    var rules: RuleOption

    @OptionGroup(title: "Polysomnography annotations (optional)")
    var annotations: AnnotationOptions

    @OptionGroup(title: "Reports")
    var output: ReportOutputOptions

    @Option(help: ArgumentHelp("Write report.json, report.html and events.csv into this folder.", valueName: "dir"))
    var out: String?

    func validate() throws {
        guard left != nil || right != nil else {
            throw ValidationError("give the recording of at least one leg: --left FILE and/or --right FILE")
        }
        // A diary chooses the nights of a recording; lights (or --whole-recording) choose one window.
        // Both at once would leave one of them unused, so it is refused rather than ignored.
        if diary != nil, AnalysisChoice(lightsOff: lightsOff, lightsOn: lightsOn, wholeRecording: wholeRecording) == .oneNight {
            throw ValidationError("--diary sets the nights of a recording; it cannot be combined with --lights-off, --lights-on or --whole-recording")
        }
    }

    func run() async throws {
        if AnalysisChoice(lightsOff: lightsOff, lightsOn: lightsOn, wholeRecording: wholeRecording) == .nights {
            return try await runNights()
        }
        let request = try analysisRequest()
        let destinations = output.destinations(outputDirectory: out)
        try await reportingPipelineErrors {
            let analysis = try await NightAnalyzer.analyze(request, progress: output.quiet ? nil : ProgressReporter())
            output.printSummary(of: analysis.report, written: try destinations.write(analysis))
        }
    }

    func analysisRequest() throws -> AnalysisRequest {
        var legs: [AnalysisRequest.LegInput] = []
        if let left { legs.append(.init(side: .left, path: left)) }
        if let right { legs.append(.init(side: .right, path: right)) }
        return AnalysisRequest(
            legs: legs, readOptions: try reading.readOptions(), lightsOff: lightsOff, lightsOn: lightsOn,
            rules: try rules.ruleSet(), respiratoryEventsPath: annotations.respiratory, arousalsPath: annotations.arousals,
            hypnogramPath: annotations.hypnogram)
    }
}
