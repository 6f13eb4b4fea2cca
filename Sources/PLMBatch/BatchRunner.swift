import Foundation
import PLMKit

/// How a batch runs.
public struct BatchOptions: Sendable {
    /// The batch folder: `ID/` per recording, `plm.sqlite`, `cohort.html`.
    public var outputRoot: String
    /// Recordings analysed at once.
    public var jobs: Int
    /// Try again recordings that failed before with the same inputs and settings.
    public var retryFailed: Bool
    /// Draw the progress line on stderr (the caller passes whether stderr is a terminal).
    public var showProgress: Bool

    public init(outputRoot: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, retryFailed: Bool = false, showProgress: Bool = false) {
        self.outputRoot = outputRoot
        self.jobs = max(1, jobs)
        self.retryFailed = retryFailed
        self.showProgress = showProgress
    }
}

/// What a batch did.
public struct BatchSummary: Sendable, Equatable {
    /// Recordings in the manifest (or the shard).
    public var total = 0
    /// Analysed in this run.
    public var analysed = 0
    /// Left alone: same inputs and settings as a finished earlier run.
    public var unchanged = 0
    /// Of the unchanged, those whose earlier result was not yet in the database and was loaded now.
    public var loaded = 0
    /// Recordings done and failed after this run.
    public var done = 0
    public var failed = 0
    /// The failed recordings, in manifest order: id and message.
    public var failures: [Failure] = []

    public struct Failure: Sendable, Equatable {
        public var id: String
        public var message: String
    }

    /// The line `plm batch` prints at the end.
    public var line: String {
        "\(total) recordings: \(done) done, \(failed) failed (\(analysed) analysed now, \(unchanged) unchanged since an earlier run"
            + (loaded > 0 ? ", \(loaded) of them loaded into the database now" : "") + ")"
    }
}

/// Runs the recordings of a manifest: each as `plm analyze` would (``RecordingJob``), several at
/// once, skipping those whose inputs and settings have not changed since a finished run.
///
/// The local batch stores each outcome in the results database as it finishes; a Slurm array task
/// (``runShard(_:shard:of:options:)``) writes only its recordings' folders and never the database.
public enum BatchRunner {
    /// The local batch: every recording, results into `DIR/plm.sqlite`, then `DIR/cohort.html`.
    /// - Throws: ``AnalysisError`` or ``FileWriteError`` when the batch folder or database cannot be written.
    public static func run(_ manifest: BatchManifest, options: BatchOptions) async throws -> BatchSummary {
        try RecordingJob.createFolder(options.outputRoot)
        // A killed earlier batch may have left the temporary file of cohort.html or manifest.csv.
        AtomicFileWriter.removeStaleTemporaryFiles(in: options.outputRoot)
        let database = try ResultsDatabase(path: (options.outputRoot as NSString).appendingPathComponent(ResultsDatabase.fileName))
        let stored = try database.runStamps()
        // Rows are committed in groups: the result files are the commit points, and a row lost to a
        // kill before its group's commit is loaded from its file by the next run.
        var unstored: [RecordingOutcome] = []
        var lastCommit = ContinuousClock.now
        let summary = try await process(manifest.recordings, options: options) { outcome, analysed in
            let needsStore = analysed || stored[outcome.id] != outcome.startedAt
            if needsStore { unstored.append(outcome) }
            if unstored.count >= storeGroupSize || (!unstored.isEmpty && ContinuousClock.now - lastCommit > storeGroupInterval) {
                try database.store(unstored)
                unstored.removeAll()
                lastCommit = ContinuousClock.now
            }
            return !analysed && needsStore
        }
        try database.store(unstored)
        try CohortPage.write(from: database, outputRoot: options.outputRoot)
        return summary
    }

    /// At most this many finished recordings wait for their database commit...
    static let storeGroupSize = 32
    /// ...and at most this long: each commit costs a few `fsync`s (about 7 ms each on this machine),
    /// several times the per-recording work of the batch itself for short nights.
    static let storeGroupInterval = Duration.seconds(2)

    /// One Slurm array task: the recordings of shard `shard` of `count`, outputs only.
    public static func runShard(_ manifest: BatchManifest, shard: Int, of count: Int, options: BatchOptions) async throws -> BatchSummary {
        guard count > 0, shard >= 0, shard < count else {
            throw AnalysisError("--shard \(shard) --of \(count): expected 0 <= shard < of", exitStatus: .usage)
        }
        try RecordingJob.createFolder(options.outputRoot)
        return try await process(manifest.shard(shard, of: count), options: options) { _, _ in false }
    }

    /// Runs or skips every recording with at most `options.jobs` at once; `record` is called on the
    /// caller's task for each outcome in completion order and says whether it loaded an earlier result.
    static func process(
        _ recordings: [BatchRecording], options: BatchOptions,
        record: (RecordingOutcome, _ analysed: Bool) throws -> Bool
    ) async throws -> BatchSummary {
        var summary = BatchSummary()
        summary.total = recordings.count
        let progress = BatchProgress(total: recordings.count, enabled: options.showProgress)
        var outcomes: [String: RecordingOutcome] = [:]
        try await withThrowingTaskGroup(of: (RecordingOutcome, Bool).self) { group in
            var next = 0
            func startNext() {
                guard next < recordings.count else { return }
                let job = RecordingJob(recording: recordings[next], outputRoot: options.outputRoot)
                let retryFailed = options.retryFailed
                group.addTask { try await runOrSkip(job, retryFailed: retryFailed) }
                next += 1
            }
            for _ in 0..<min(options.jobs, recordings.count) { startNext() }
            while let (outcome, analysed) = try await group.next() {
                if try record(outcome, analysed) { summary.loaded += 1 }
                if analysed { summary.analysed += 1 } else { summary.unchanged += 1 }
                outcomes[outcome.id] = outcome
                progress.finished(failed: outcome.status == .failed, analysed: analysed)
                startNext()
            }
        }
        progress.clear()
        for recording in recordings {
            guard let outcome = outcomes[recording.id] else { continue }
            if outcome.status == .done {
                summary.done += 1
            } else {
                summary.failed += 1
                summary.failures.append(.init(id: outcome.id, message: outcome.errorMessage ?? "failed"))
            }
        }
        return summary
    }

    /// The earlier outcome when the inputs and settings are unchanged (and it is done, or failed
    /// without `retryFailed`), else a new analysis.
    static func runOrSkip(_ job: RecordingJob, retryFailed: Bool) async throws -> (RecordingOutcome, Bool) {
        let clock = ContinuousClock()
        let start = clock.now
        let inputs = job.describeInputs()
        let settingsHash = try BatchSettings(job.recording).hash()
        let elapsed = clock.now - start
        let hashSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        if let earlier = RecordingOutcome.load(path: job.outcomePath), earlier.id == job.recording.id,
            earlier.hasSameFingerprint(as: inputs, settingsHash: settingsHash),
            earlier.status == .done || !retryFailed
        {
            // A run killed after this result was written (a retry of a failure) may have left temporary files.
            job.removeStaleTemporaryFiles()
            return (earlier, false)
        }
        return (try await job.run(inputs: inputs, hashSeconds: hashSeconds), true)
    }
}
