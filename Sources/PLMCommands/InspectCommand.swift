import ArgumentParser
import Foundation
import PLMKit

/// `plm inspect`: what a file is, before analysing it.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what a sensor file is: layout, sample rate, start, samples, duration and defects.",
        discussion: """
            Reads the whole file the way `plm analyze` would and prints what it found: the \
            device layout and why it was recognised, the declared and measured sample rate, \
            the first and last time, the number of samples, the duration, and every defect \
            (gaps, repeated or backwards time stamps, stretches of filled or clipped samples, \
            missing values) with its time and line in the file (clipping of at most 10 s is marked \
            "kept in scoring": a movement's peak beyond the range). When a file cannot be read, \
            the message says which line and column, and which option would help.

            Example: plm inspect night/left.csv.gz --json
            """)

    @Argument(help: ArgumentHelp("The sensor file (.csv, .csv.gz, .cwa, GENEActiv .bin or .gt3x).", valueName: "file"))
    var file: String

    @OptionGroup(title: "Reading the file")
    var reading: FileReadingOptions

    @Flag(help: "Print the inspection as JSON instead of text.")
    var json = false

    func run() async throws {
        let options = try reading.readOptions()
        try await reportingPipelineErrors {
            let inspection = try RecordingReader.inspect(path: file, options: options)
            if json {
                try StandardOutput.write([UInt8](try DeterministicJSON.data(inspection)))
            } else {
                print(inspection.summaryText, terminator: "")
            }
        }
    }
}
