import Foundation
import PLMKit

/// Runs one recording of a batch exactly as `plm analyze` would with the same options, then
/// writes its ``RecordingOutcome``: with lights off/on, one night (`plm analyze --left L --right R
/// --lights-off ... --out DIR/ID`, ``NightAnalyzer``); without, the recording's nights
/// (`plm analyze --left L --right R [--diary D] --out DIR/ID`, ``RecordingAnalyzer``).
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
        removeStaleTemporaryFiles()
        do {
            let written = try await analyseAndWrite()
            outcome.nights = written.nights
            removeOutputs(except: written.outputs)
        } catch {
            removeOutputs(except: [])
            outcome.status = .failed
            let status = (error as? any PipelineError)?.exitStatus ?? .software
            outcome.errorMessage = failureMessage(error)
            outcome.exitCode = Int(status.rawValue)
            outcome.exitClass = Self.exitClass(status)
        }
        outcome.analysisSeconds = Date().timeIntervalSince(started)
        let normalized = try outcome.normalized()
        try AtomicFileWriter.write(try DeterministicJSON.data(normalized), to: outcomePath)
        return normalized
    }

    /// Runs what `plm analyze` runs for the recording's options and writes what its `--out` writes.
    /// - Returns: the nights, and the names of the entries written into the recording's folder.
    private func analyseAndWrite() async throws -> (nights: [BatchNight], outputs: Set<String>) {
        let request = try analysisRequest()
        switch recording.analysisChoice {
        case .oneNight:
            let analysis = try await NightAnalyzer.analyze(request)
            try ReportDestinations(outputDirectory: outputFolder).write(analysis)
            let names = ReportDestinations.directoryFileNames
            return ([BatchNight(lightsReport: analysis.report)], [names.json, names.html, names.events])
        case .nights:
            let analysis = try await RecordingAnalyzer.analyze(nightsRequest(request))
            try RecordingDestinations(outputDirectory: outputFolder).write(analysis)
            let names = RecordingDestinations.fileNames
            let nights = analysis.summary.nights.enumerated().map { BatchNight(summaryNight: $0.element, number: $0.offset + 1) }
            return (nights, Set([names.json, names.html] + analysis.nights.map(\.folderName)))
        }
    }

    /// The multi-night request `plm analyze` builds without lights: the diary, and the in-bed rules
    /// with the default night minimum (`--night-hours 3`).
    func nightsRequest(_ night: AnalysisRequest) -> RecordingAnalysisRequest {
        RecordingAnalysisRequest(night: night, diaryPath: recording.diary, inBedRules: .standard)
    }

    /// The message of a failure as `plm analyze` prints it; a problem with the diary also names
    /// the manifest line that gave the diary.
    func failureMessage(_ error: any Error) -> String {
        let message = (error as? any PipelineError)?.description ?? String(describing: error)
        let location = recording.manifestLocation ?? "manifest"
        guard let diary = recording.diary, message.contains(diary), !message.hasPrefix(location) else { return message }
        return "\(location): recording \(recording.id): diary: \(message)"
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
        if let diary = recording.diary, recording.analysisChoice == .oneNight {
            throw AnalysisError(
                "\(recording.manifestLocation ?? "manifest"): recording \(recording.id): diary \(diary) with lights_off/lights_on: "
                    + "the lights give one night and the diary would be ignored; leave lights_off and lights_on empty to have "
                    + "the diary's nights scored, or the diary empty for the lights window", exitStatus: .usage)
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
        if let name = recording.defectExclusion {
            guard let exclusion = DefectExclusion(rawValue: name) else {
                throw AnalysisError(
                    "recording \(recording.id): defect_exclusion \"\(name)\": expected one of "
                        + DefectExclusion.allCases.map(\.rawValue).joined(separator: ", "),
                    exitStatus: .usage)
            }
            rules.defectExclusion = exclusion
        }
        return AnalysisRequest(legs: legs, readOptions: options, lightsOff: recording.lightsOff, lightsOn: recording.lightsOn, rules: rules)
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
