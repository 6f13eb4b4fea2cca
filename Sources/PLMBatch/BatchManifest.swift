import Foundation
import PLMKit

/// The recordings of a batch, one per manifest line, in manifest order.
///
/// A manifest is CSV with a header row: `id,left,right` (either leg may be empty) and the optional
/// columns `diary`, `lights_off`, `lights_on`, `rules`, `defect_exclusion`, `format`, `units`. Relative paths are
/// relative to the manifest's folder. Problems with the manifest itself (unknown column, bad or
/// repeated id) stop the batch before it starts; problems with one recording (a missing file, an
/// unknown rule name) are that recording's failure, recorded, and the batch goes on.
public struct BatchManifest: Sendable, Equatable {
    /// Every column a manifest may have, in the order ``write(to:)`` writes them.
    public static let columns = [
        "id", "left", "right", "diary", "lights_off", "lights_on", "rules", "defect_exclusion", "format", "units",
    ]

    /// Ids that would collide with the batch folder's own entries.
    static let reservedIDs: Set<String> = ["slurm", "plm.sqlite", "cohort.html", "manifest.csv"]

    /// The recordings.
    public var recordings: [BatchRecording]

    public init(recordings: [BatchRecording]) { self.recordings = recordings }

    /// Reads a manifest file.
    /// - Throws: ``AnnotationFileError`` for a missing or unreadable file, ``AnalysisError`` (exit 65)
    ///   naming the file, the line and what was expected.
    public static func read(path: String) throws -> BatchManifest {
        let rows = try PlainCSV.rows(path: path)
        guard let header = rows.first else {
            throw AnalysisError("\(path): the manifest is empty; expected a header row such as id,left,right", exitStatus: .dataError)
        }
        let names = header.fields.map { $0.lowercased() }
        for (k, name) in names.enumerated() where !columns.contains(name) {
            throw AnalysisError(
                "\(path):\(header.line):\(k + 1): unknown column '\(header.fields[k])'; expected some of \(columns.joined(separator: ", "))", exitStatus: .dataError)
        }
        if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw AnalysisError("\(path):\(header.line): the column '\(repeated)' appears twice", exitStatus: .dataError)
        }
        guard names.contains("id"), names.contains("left") || names.contains("right") else {
            throw AnalysisError("\(path):\(header.line): the header needs an 'id' column and a 'left' and/or 'right' column", exitStatus: .dataError)
        }
        let folder = (path as NSString).deletingLastPathComponent
        var recordings: [BatchRecording] = []
        var lineOfID: [String: Int] = [:]
        for row in rows.dropFirst() {
            guard row.fields.count <= names.count else {
                throw AnalysisError("\(path):\(row.line): \(row.fields.count) fields; expected at most \(names.count), one per header column", exitStatus: .dataError)
            }
            var value: [String: String] = [:]
            for (k, field) in row.fields.enumerated() where !field.isEmpty { value[names[k]] = field }
            let id = value["id"] ?? ""
            if let problem = idProblem(id) { throw AnalysisError("\(path):\(row.line):1: id '\(id)': \(problem)", exitStatus: .dataError) }
            if let first = lineOfID[id] {
                throw AnalysisError("\(path):\(row.line): id '\(id)' already used on line \(first); ids must be unique", exitStatus: .dataError)
            }
            lineOfID[id] = row.line
            recordings.append(
                BatchRecording(
                    id: id, left: value["left"].map { resolve($0, in: folder) },
                    right: value["right"].map { resolve($0, in: folder) }, diary: value["diary"].map { resolve($0, in: folder) },
                    lightsOff: value["lights_off"], lightsOn: value["lights_on"], rules: value["rules"],
                    defectExclusion: value["defect_exclusion"], format: value["format"], units: value["units"], manifestLocation: "\(path):\(row.line)"))
        }
        return BatchManifest(recordings: recordings)
    }

    /// Why `id` cannot name a recording's output folder, or nil when it can.
    static func idProblem(_ id: String) -> String? {
        if id.isEmpty { return "expected an id (letters, digits, '.', '_' or '-')" }
        if id.utf8.count > 128 { return "longer than 128 characters" }
        if id.hasPrefix(".") { return "must not start with '.'" }
        if reservedIDs.contains(id) { return "reserved for the batch folder's own files" }
        let allowed = id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        }
        return allowed ? nil : "only letters, digits, '.', '_' and '-' are allowed (it names the output folder)"
    }

    /// An absolute path, relative ones taken from `folder`.
    static func resolve(_ path: String, in folder: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = folder.isEmpty ? FileManager.default.currentDirectoryPath
            : folder.hasPrefix("/") ? folder : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(folder)
        return ((base as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }

    /// The manifest as CSV text (all columns, absolute paths).
    /// - Throws: ``AnalysisError`` when a value holds a comma or a line break, which the format cannot carry.
    public func csvText() throws -> String {
        var out = Self.columns.joined(separator: ",") + "\n"
        for r in recordings {
            let cells = [r.id, r.left, r.right, r.diary, r.lightsOff, r.lightsOn, r.rules, r.defectExclusion, r.format, r.units]
                .map { $0 ?? "" }
            if let bad = cells.first(where: { $0.contains(",") || $0.contains("\n") || $0.contains("\r") }) {
                throw AnalysisError("'\(bad)': a manifest value cannot hold a comma or a line break", exitStatus: .usage)
            }
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }

    /// The recordings task `shard` of `count` runs: every `count`-th recording in manifest order,
    /// starting at index `shard`, so that shards are disjoint and together cover the manifest.
    public func shard(_ shard: Int, of count: Int) -> [BatchRecording] {
        guard count > 0, shard >= 0, shard < count else { return [] }
        return recordings.enumerated().filter { $0.offset % count == shard }.map(\.element)
    }
}

/// One line of a manifest: a recording, its files (absolute paths) and its settings.
public struct BatchRecording: Sendable, Equatable, Codable {
    public var id: String
    public var left: String?
    public var right: String?
    /// A sleep diary (`night,lights_off,lights_on`, as `plm analyze --diary`): its rows replace the
    /// detected nights they overlap. Only without lights off/on.
    public var diary: String?
    public var lightsOff: String?
    public var lightsOn: String?
    /// Rule profile name; nil = `plm analyze`'s default.
    public var rules: String?
    /// `RuleSet.defectExclusion` by name (`noLegRecorded`, `anyLegDefective`), as
    /// `--defect-exclusion`; nil = the profile's default.
    public var defectExclusion: String?
    /// File layout (`auto`, `actigraph`, ...); nil = auto.
    public var format: String?
    /// Acceleration unit (`g`, `mg`, `m/s2`, `counts:PER_G:ZERO`); nil = from the file.
    public var units: String?
    /// `MANIFEST:LINE` of the line the recording was read from (nil for a manifest built in
    /// memory): messages about the line's own values name it.
    public var manifestLocation: String?

    public init(
        id: String, left: String? = nil, right: String? = nil, diary: String? = nil, lightsOff: String? = nil,
        lightsOn: String? = nil, rules: String? = nil, defectExclusion: String? = nil, format: String? = nil,
        units: String? = nil, manifestLocation: String? = nil
    ) {
        self.id = id
        self.left = left
        self.right = right
        self.diary = diary
        self.lightsOff = lightsOff
        self.lightsOn = lightsOn
        self.rules = rules
        self.defectExclusion = defectExclusion
        self.format = format
        self.units = units
        self.manifestLocation = manifestLocation
    }

    /// What `plm analyze` runs for these options: one night over the lights window when lights off
    /// or on is given, else the recording's nights.
    public var analysisChoice: AnalysisChoice { AnalysisChoice(lightsOff: lightsOff, lightsOn: lightsOn) }
}

extension BatchManifest {
    /// `path` made absolute against the current folder.
    public static func absolute(_ path: String) -> String { resolve(path, in: "") }

    /// Writes the manifest as `DIR/manifest.csv` (creating DIR) so that a folder-built batch can be rerun.
    /// - Returns: the file's absolute path.
    public func write(intoBatchFolder folder: String) throws -> String {
        try RecordingJob.createFolder(folder)
        let path = Self.absolute((folder as NSString).appendingPathComponent("manifest.csv"))
        try AtomicFileWriter.write(try csvText(), to: path)
        return path
    }
}
