import ArgumentParser
import PLMKit

/// Where a scored report goes: shared by `plm analyze` and `plm score`.
struct ReportOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write the JSON report (plm-report/1) here; '-' writes it to standard output.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Write the HTML report (key figures, plots, tables) here.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write every leg movement and candidate movement as CSV here.", valueName: "file"))
    var events: String?

    @Flag(help: "Print nothing on the terminal (errors still go to stderr).")
    var quiet = false

    /// The files to write, plus an output folder when the command has one.
    func destinations(outputDirectory: String? = nil) -> ReportDestinations {
        ReportDestinations(jsonPath: json, htmlPath: html, eventsPath: events, outputDirectory: outputDirectory)
    }

    /// Prints the terminal summary and the files written, unless `--quiet` or `--json -`.
    func printSummary(of report: PLMReport, written: [String]) {
        guard !quiet, json != "-" else { return }
        print(report.terminalSummary(styled: TerminalSummary.standardOutputIsTerminal), terminator: "")
        for path in written { print("wrote \(path)") }
    }
}
