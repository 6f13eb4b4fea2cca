import ArgumentParser
import Foundation
import PLMBatch
import PLMKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `plm batch`: many recordings, a results database, and Slurm job arrays (docs/batch.md).
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Analyse a cohort of recordings into a results database (plm.sqlite), locally or on Slurm.",
        discussion: """
            plm batch MANIFEST.csv --out DIR analyses every recording of the manifest as plm analyze \
            would, several at once, into DIR/ID/ and the database DIR/plm.sqlite, and writes \
            DIR/cohort.html. A rerun skips recordings whose files and settings are unchanged. \
            See docs/batch.md.
            """,
        subcommands: [BatchStartCommand.self, BatchRunCommand.self, BatchCollectCommand.self, BatchExportCommand.self],
        defaultSubcommand: BatchStartCommand.self)
}

/// Exit status of a batch in which some recordings failed (EX_DATAERR).
let batchFailedExitStatus: Int32 = ExitStatus.dataError.rawValue

/// `plm batch MANIFEST --out DIR` (the default subcommand).
struct BatchStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Run a batch from a manifest (or a folder with --pattern), or write its Slurm job array.",
        discussion: """
            The manifest is CSV with a header: id,left,right (either leg may be empty) and optional \
            diary, lights_off, lights_on, rules, defect_exclusion, format, units columns; relative paths are relative \
            to the manifest. Exit status 0 when every recording is done, 65 when any failed (they \
            are listed, and kept in the database with their messages).

            Example: plm batch cohort.csv --out results
                     plm batch data --pattern '*/{leg}.csv.gz' --out results
                     plm batch cohort.csv --out /shared/results --slurm --array-size 50 --time 01:00:00
            """)

    @Argument(help: ArgumentHelp("The manifest CSV, or a folder of recordings with --pattern.", valueName: "manifest-or-folder"))
    var input: String

    @Option(help: ArgumentHelp("The batch folder: DIR/ID/ per recording, DIR/plm.sqlite, DIR/cohort.html.", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp(
        "Build the manifest from the folder: {leg} stands for left or right, * for the part naming the recording, e.g. '*/{leg}.csv.gz'. Writes DIR/manifest.csv.",
        valueName: "glob"))
    var pattern: String?

    @OptionGroup var running: BatchRunningOptions

    @Flag(help: "Write DIR/slurm/batch.sbatch (a job array) and print the sbatch command instead of running here.")
    var slurm = false

    @Option(help: ArgumentHelp("Slurm array tasks (default: one per recording, at most 1000).", valueName: "n"))
    var arraySize: Int?

    @Option(help: ArgumentHelp("Slurm partition.", valueName: "name"))
    var partition: String?

    @Option(help: ArgumentHelp("Slurm time limit per task, e.g. 01:00:00.", valueName: "time"))
    var time: String?

    func validate() throws {
        if let arraySize, arraySize < 1 { throw ValidationError("--array-size \(arraySize): expected 1 or more") }
        if !slurm, arraySize != nil || partition != nil || time != nil {
            throw ValidationError("--array-size, --partition and --time go with --slurm")
        }
    }

    func run() async throws {
        try await reportingPipelineErrors {
            let (manifest, manifestPath) = try loadManifest()
            if slurm {
                let script = SlurmScript(
                    executable: SlurmScript.currentExecutable(), manifestPath: manifestPath,
                    outputRoot: BatchManifest.absolute(out), arraySize: arraySize ?? max(1, min(manifest.recordings.count, 1000)),
                    partition: partition, timeLimit: time, cpusPerTask: 1)
                try script.write()
                print("wrote \(script.path) (\(script.arraySize) array tasks over \(manifest.recordings.count) recordings)")
                print("submit:  \(script.submitCommand)")
                print("collect: plm batch collect \(out)")
                return
            }
            let summary = try await BatchRunner.run(manifest, options: running.options(out: out))
            try running.report(summary, out: out)
        }
    }

    /// The manifest and its absolute path; with --pattern, built from the folder and written to DIR/manifest.csv.
    private func loadManifest() throws -> (BatchManifest, String) {
        guard let pattern else {
            return (try BatchManifest.read(path: input), BatchManifest.absolute(input))
        }
        let manifest = try ManifestPattern(pattern).manifest(folder: input)
        let path = try manifest.write(intoBatchFolder: out)
        print("wrote \(path) (\(manifest.recordings.count) recordings)")
        return (manifest, path)
    }
}

/// `plm batch run MANIFEST --out DIR --shard K --of N`: one Slurm array task.
struct BatchRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one shard of a batch (a Slurm array task): writes its recordings' folders, never the database.")

    @Argument(help: ArgumentHelp("The manifest CSV.", valueName: "manifest"))
    var manifest: String

    @Option(help: ArgumentHelp("The batch folder.", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("This task's shard, 0 to N-1.", valueName: "k"))
    var shard: Int = 0

    @Option(help: ArgumentHelp("Number of shards.", valueName: "n"))
    var of: Int = 1

    @OptionGroup var running: BatchRunningOptions

    func validate() throws {
        guard of >= 1, shard >= 0, shard < of else { throw ValidationError("--shard \(shard) --of \(of): expected 0 <= shard < of") }
    }

    func run() async throws {
        try await reportingPipelineErrors {
            let loaded = try BatchManifest.read(path: manifest)
            let summary = try await BatchRunner.runShard(loaded, shard: shard, of: of, options: running.options(out: out))
            try running.report(summary, out: nil)
        }
    }
}

/// `plm batch collect DIR`.
struct BatchCollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Load the finished recordings of a batch folder into DIR/plm.sqlite (idempotent; safe while tasks run).")

    @Argument(help: ArgumentHelp("The batch folder.", valueName: "dir"))
    var dir: String

    func run() async throws {
        try await reportingPipelineErrors {
            let summary = try BatchCollector.collect(outputRoot: dir)
            print("\(summary.found) results found, \(summary.stored) stored now; database: \(summary.done) done, \(summary.failed) failed")
            print("wrote \((dir as NSString).appendingPathComponent(CohortPage.fileName))")
            if summary.failed > 0 { throw ExitCode(batchFailedExitStatus) }
        }
    }
}

/// `plm batch export DIR --csv FILE`.
struct BatchExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the nights of a batch's database as CSV (one row per night, for R or pandas).")

    @Argument(help: ArgumentHelp("The batch folder.", valueName: "dir"))
    var dir: String

    @Option(help: ArgumentHelp("The CSV file to write.", valueName: "file"))
    var csv: String

    func run() async throws {
        try await reportingPipelineErrors {
            let database = try BatchExport.openDatabase(outputRoot: dir)
            try AtomicFileWriter.write(try BatchExport.nightsCSV(from: database), to: csv)
            print("wrote \(csv)")
        }
    }
}

/// Options shared by the local batch and a shard.
struct BatchRunningOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Recordings analysed at once (default: the number of cores).", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Try again the recordings that failed before with the same files and settings.")
    var retryFailed = false

    @Flag(help: "Print only failures (errors still go to stderr).")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs \(jobs): expected 1 or more") }
    }

    func options(out: String) -> BatchOptions {
        BatchOptions(outputRoot: out, jobs: jobs, retryFailed: retryFailed, showProgress: !quiet && isatty(2) == 1)
    }

    /// Prints the summary and the failures; exits 65 when any recording failed.
    func report(_ summary: BatchSummary, out: String?) throws {
        if !quiet {
            print(summary.line)
            if let out {
                print("wrote \((out as NSString).appendingPathComponent(ResultsDatabase.fileName)) and \((out as NSString).appendingPathComponent(CohortPage.fileName))")
            }
        }
        for failure in summary.failures { writeToStandardError("plm batch: \(failure.id): \(failure.message)\n") }
        if summary.failed > 0 { throw ExitCode(batchFailedExitStatus) }
    }
}
