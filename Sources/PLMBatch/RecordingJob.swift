import Foundation
import PLMKit

/// Runs one recording of a batch exactly as `plm analyze --left L --right R --lights-off ...
/// --rules ... --format ... --units ... --out DIR/ID` would, then writes its ``RecordingOutcome``.
///
/// Every failure (a missing leg, a bad file, an unknown rule name) becomes a `failed` outcome with
/// the message and exit status `plm analyze` would have given; nothing here throws past the job
/// except a failure to write the outcome itself.
struct RecordingJob: Sendable {
    let recording: BatchRecording
    /// The batch's output folder; the recording writes into `outputRoot/ID`.
    let outputRoot: String

    var outputFolder: String { (outputRoot as NSString).appendingPathComponent(recording.id) }
    var outcomePath: String { (outputFolder as NSString).appendingPathComponent(RecordingOutcome.fileName) }

    /// The inputs as they are now, left, right, diary, for the fingerprint.
    func describeInputs() -> [BatchInput] {
        var inputs: [BatchInput] = []
        if let left = recording.left { inputs.append(.describe(role: "left", path: left)) }
        if let right = recording.right { inputs.append(.describe(role: "right", path: right)) }
        if let diary = recording.diary { inputs.append(.describe(role: "diary", path: diary)) }
        return inputs
    }

    /// Analyses the recording, writes its reports and then its outcome file.
    /// - Returns: the outcome as written (see ``RecordingOutcome/normalized()``).
    /// - Throws: ``FileWriteError`` or ``AnalysisError`` when the outcome file cannot be written (exit 74).
    func run(inputs: [BatchInput], hashSeconds: Double) async throws -> RecordingOutcome {
        let settings = BatchSettings(recording)
        let started = Date()
        var outcome = RecordingOutcome(
            id: recording.id, inputs: inputs, settings: settings, settingsHash: try settings.hash(), status: .done,
            toolVersion: PLMKitVersion.version, startedAt: Self.utcTimestamp(started), hashSeconds: hashSeconds,
            analysisSeconds: 0, nights: [])
        try Self.createFolder(outputFolder)
        do {
            let request = try analysisRequest()
            let analysis = try await NightAnalyzer.analyze(request)
            try ReportDestinations(outputDirectory: outputFolder).write(analysis)
            let lightsGiven = recording.lightsOff != nil || recording.lightsOn != nil
            outcome.nights = [BatchNight(report: analysis.report, night: 1, lightsGiven: lightsGiven)]
        } catch {
            removeStaleReports()
            outcome.status = .failed
            let status = (error as? any PipelineError)?.exitStatus ?? .software
            outcome.errorMessage = (error as? any PipelineError)?.description ?? String(describing: error)
            outcome.exitCode = Int(status.rawValue)
            outcome.exitClass = Self.exitClass(status)
        }
        outcome.analysisSeconds = Date().timeIntervalSince(started)
        let normalized = try outcome.normalized()
        try AtomicFileWriter.write(try DeterministicJSON.data(normalized), to: outcomePath)
        return normalized
    }

    /// The request `plm analyze` would build from the same options.
    /// - Throws: ``AnalysisError`` (exit 64) for a value `plm analyze` would refuse as a usage error.
    func analysisRequest() throws -> AnalysisRequest {
        var legs: [AnalysisRequest.LegInput] = []
        if let left = recording.left { legs.append(.init(side: .left, path: left)) }
        if let right = recording.right { legs.append(.init(side: .right, path: right)) }
        guard !legs.isEmpty else {
            throw AnalysisError("recording \(recording.id): no leg: give a left and/or right file in the manifest", exitStatus: .usage)
        }
        if let diary = recording.diary {
            throw AnalysisError(
                "recording \(recording.id): diary \(diary): sleep diaries need multi-night analysis, which this version of plm does not have yet; "
                    + "give lights_off and lights_on instead", exitStatus: .usage)
        }
        var options = ReadOptions()
        if let format = recording.format {
            guard let choice = FormatChoice(rawValue: format.lowercased()) else {
                throw AnalysisError(
                    "recording \(recording.id): format \"\(format)\": expected one of \(FormatChoice.allCases.map(\.rawValue).joined(separator: ", "))",
                    exitStatus: .usage)
            }
            options.format = choice
        }
        if let units = recording.units {
            guard let unit = AccelerationUnit(argument: units) else {
                throw AnalysisError("recording \(recording.id): units \"\(units)\": expected g, mg, m/s2 or counts:PER_G:ZERO", exitStatus: .usage)
            }
            options.units = unit
        }
        var rules = RuleSet.wasm2016
        if let name = recording.rules {
            guard let profile = RuleSet.profile(named: name) else {
                throw AnalysisError(
                    "recording \(recording.id): rules \"\(name)\": expected one of \(RuleSet.allProfiles.map(\.name).joined(separator: ", "))",
                    exitStatus: .usage)
            }
            rules = profile
        }
        return AnalysisRequest(legs: legs, readOptions: options, lightsOff: recording.lightsOff, lightsOn: recording.lightsOn, rules: rules)
    }

    /// A failed rerun must not leave the reports of an earlier, different run beside its outcome.
    private func removeStaleReports() {
        let names = ReportDestinations.directoryFileNames
        for name in [names.json, names.html, names.events] {
            _ = try? FileManager.default.removeItem(atPath: (outputFolder as NSString).appendingPathComponent(name))
        }
    }

    /// The exit status's name in the database: `usage`, `data`, `no-input`, `software` or `io`.
    static func exitClass(_ status: ExitStatus) -> String {
        switch status {
        case .usage: return "usage"
        case .dataError: return "data"
        case .noInput: return "no-input"
        case .software: return "software"
        case .ioError: return "io"
        }
    }

    /// `2026-01-15T23:10:00.123Z`.
    static func utcTimestamp(_ date: Date) -> String {
        RecordingClockTime(secondsSince1970: date.timeIntervalSince1970, utcOffsetS: 0).iso8601
    }

    /// Creates `path` and its parents; a file in the way is an I/O error naming it.
    static func createFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw AnalysisError("\(path): cannot create the output folder: \(error.localizedDescription)", exitStatus: .ioError)
        }
    }
}
