import ArgumentParser
import Foundation
import PLMKit

/// `plm bench`: detection accuracy and speed over a folder of simulated nights.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure detection accuracy and speed on simulated nights with known truth.",
        discussion: """
            Analyses every night in DIR (each a folder written by `plm simulate`: left and right \
            files plus truth.json; default SampleData) with the truth's lights window, matches \
            the leg movements found with the true ones on each leg, and prints one line per night: \
            profile, hours, sample rate, sensitivity (share of true leg movements found), PPV \
            (share of found movements that are true), F1, median onset error, PLM index of the \
            truth and as found, seconds of analysis and samples per second (both legs). Below the \
            table: the pooled counts and the Bland-Altman bias, limits of agreement and ICC of the \
            PLM index. The table is also written as JSON (plm-bench/1) and Markdown.

            Build in release mode for meaningful speed figures (make build).

            Example: plm bench SampleData --out out/bench
            """)

    @Argument(help: ArgumentHelp("Folder of simulated nights.", valueName: "dir"))
    var directory: String = "SampleData"

    @OptionGroup(title: "Scoring")
    var rules: RuleOption

    @Option(help: ArgumentHelp("Folder for bench.json, bench.md and each night's report.", valueName: "dir"))
    var out: String = "out/bench"

    func run() async throws {
        let rules = try rules.ruleSet()
        try await reportingPipelineErrors {
            let reports = (out as NSString).appendingPathComponent("reports")
            let result = try await DetectionBenchmark.run(directory: directory, rules: rules, reportsDirectory: reports) {
                writeToStandardError("  \($0.progressLine)\n")
            }
            print(result.text(), terminator: "")
            let json = (out as NSString).appendingPathComponent("bench.json")
            let markdown = (out as NSString).appendingPathComponent("bench.md")
            try AtomicFileWriter.write(try DeterministicJSON.data(result), to: json)
            try AtomicFileWriter.write(result.markdown(), to: markdown)
            print("wrote \(json)\nwrote \(markdown)")
        }
    }
}
