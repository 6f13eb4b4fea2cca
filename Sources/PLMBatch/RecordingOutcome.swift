import Foundation
import PLMKit

/// What the batch knows about one recording after trying it: its inputs and settings (the
/// fingerprint that decides whether a rerun may skip it), done or failed, and its nights.
///
/// Written as `DIR/ID/batch-result.json` (``fileName``) after the reports, atomically: the file is
/// the recording's commit point. The results database is loaded from these files, by the local
/// batch as each recording finishes and by `plm batch collect` after a Slurm array.
public struct RecordingOutcome: Sendable, Codable, Equatable {
    /// The contract identifier written as `schema`.
    public static let schemaIdentifier = "plm-batch-result/2"
    /// The file name inside the recording's output folder.
    public static let fileName = "batch-result.json"

    public enum Status: String, Sendable, Codable, Equatable {
        case done
        case failed
    }

    public var schema: String = Self.schemaIdentifier
    public var id: String
    public var inputs: [BatchInput]
    public var settings: BatchSettings
    /// XXH64 of the settings' deterministic JSON.
    public var settingsHash: String
    public var status: Status
    /// The failure's message as `plm analyze` prints it; nil when done.
    public var errorMessage: String?
    /// The `sysexits` family of the failure (`usage`, `data`, `no-input`, `io`, `software`); nil when done.
    public var exitClass: String?
    /// The exit status `plm analyze` would have ended with; nil when done.
    public var exitCode: Int?
    /// The PLMKit version that produced it.
    public var toolVersion: String
    /// When the analysis started, UTC, ISO 8601.
    public var startedAt: String
    /// Seconds spent hashing the inputs.
    public var hashSeconds: Double
    /// Seconds spent analysing and writing the reports.
    public var analysisSeconds: Double
    /// One entry per scored night: the lights window's night, or every night found in the recording.
    public var nights: [BatchNight]

    /// Whether this outcome was made from these inputs and settings.
    public func hasSameFingerprint(as inputs: [BatchInput], settingsHash: String) -> Bool {
        self.inputs == inputs && self.settingsHash == settingsHash
    }

    /// Reads `DIR/ID/batch-result.json`; nil when it is missing or not a complete result.
    public static func load(path: String) -> RecordingOutcome? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let outcome = try? JSONDecoder().decode(RecordingOutcome.self, from: data),
            outcome.schema == schemaIdentifier
        else { return nil }
        return outcome
    }

    /// The outcome as the result file holds it (numbers rounded as the reports round them), so that
    /// a database loaded as recordings finish equals one loaded later from the files.
    public func normalized() throws -> RecordingOutcome {
        try JSONDecoder().decode(RecordingOutcome.self, from: DeterministicJSON.data(self))
    }
}

/// One input file of a recording as it was when analysed.
public struct BatchInput: Sendable, Codable, Equatable {
    /// `left`, `right` or `diary`.
    public var role: String
    /// Absolute path.
    public var path: String
    /// Size in bytes; nil when the file could not be read.
    public var bytes: Int?
    /// XXH64 of the content, 16 hex digits; nil when the file could not be read.
    public var xxh64: String?

    /// Describes the file at `path` now.
    public static func describe(role: String, path: String) -> BatchInput {
        let hashed = XXH64.file(at: path)
        return BatchInput(role: role, path: path, bytes: hashed?.bytes, xxh64: hashed?.hex)
    }
}

/// Everything besides the input files that changes a recording's result.
public struct BatchSettings: Sendable, Codable, Equatable {
    public var lightsOff: String?
    public var lightsOn: String?
    public var rules: String?
    /// The rule for one leg's defects (`defect_exclusion`, else the default), always named: results
    /// hashed before the rule existed were scored under `anyLegDefective` and must not count as done.
    public var defectExclusion: String
    public var format: String?
    public var units: String?
    /// The shortest in-bed period scored as a night, hours, when the nights are found (no lights
    /// given; `plm analyze --night-hours`'s default); nil for one night over the lights window.
    public var nightMinimumHours: Double?
    /// The report contract and the tool version: a new version may score differently.
    public var reportSchema: String
    public var toolVersion: String

    public init(_ recording: BatchRecording) {
        lightsOff = recording.lightsOff
        lightsOn = recording.lightsOn
        rules = recording.rules
        defectExclusion = recording.defectExclusion ?? RuleSet.wasm2016.defectExclusion.rawValue
        format = recording.format
        units = recording.units
        nightMinimumHours = recording.analysisChoice == .nights ? InBedRules.standard.nightMinimumHours : nil
        reportSchema = PLMReport.schemaIdentifier
        toolVersion = PLMKitVersion.version
    }

    /// XXH64 of the deterministic JSON of the settings.
    public func hash() throws -> String { XXH64.hex(of: try DeterministicJSON.data(self)) }
}
