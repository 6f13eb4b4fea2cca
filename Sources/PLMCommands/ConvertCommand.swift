import ArgumentParser
import PLMKit

/// `plm convert`: any readable recording (CSV or binary) as a generic `timestamp,x,y,z` CSV.
struct ConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Write a recording (CSV, .cwa, GENEActiv .bin, .gt3x) as a generic timestamp,x,y,z CSV.",
        discussion: """
            Reads the file as `plm analyze` would and writes every sample exactly as read: ISO 8601 \
            times with milliseconds (and the file's UTC offset when known), x, y, z in g with 6 \
            decimals. Defects are not filled: rows inside a corrupt block or an idle-sleep period \
            are absent, and a missing value stays an empty field. The defects found are printed. \
            The output is written atomically, gzip-compressed when its name ends in .gz.

            Example: plm convert week.cwa --out week.csv.gz
            """)

    @Argument(help: ArgumentHelp("The sensor file to convert.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The CSV to write (.csv or .csv.gz).", valueName: "path"))
    var out: String

    @OptionGroup(title: "Reading the file")
    var reading: FileReadingOptions

    func run() async throws {
        let options = try reading.readOptions()
        try await reportingPipelineErrors {
            let summary = try RecordingConversion.convert(inputPath: file, options: options, outputPath: out)
            print("Wrote \(summary.rowsWritten) rows (\(summary.inspection.layout.rawValue)) to \(summary.outputPath)")
            print(summary.inspection.defectsText, terminator: "")
        }
    }
}
