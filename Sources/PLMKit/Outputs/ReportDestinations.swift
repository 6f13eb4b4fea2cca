import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the outputs of one analysis go. Each path is written atomically (a temporary file in the
/// same folder, then a rename), so a reader never sees half a report.
public struct ReportDestinations: Sendable, Hashable {
    /// The JSON report's path; `-` writes it to standard output instead.
    public var jsonPath: String?
    /// The HTML report's path.
    public var htmlPath: String?
    /// The events CSV's path.
    public var eventsPath: String?
    /// A folder to receive `report.json`, `report.html` and `events.csv` (created when missing).
    public var outputDirectory: String?

    /// The file names written into ``outputDirectory``.
    public static let directoryFileNames = (json: "report.json", html: "report.html", events: "events.csv")

    public init(jsonPath: String? = nil, htmlPath: String? = nil, eventsPath: String? = nil, outputDirectory: String? = nil) {
        self.jsonPath = jsonPath
        self.htmlPath = htmlPath
        self.eventsPath = eventsPath
        self.outputDirectory = outputDirectory
    }

    /// True when the JSON report goes to standard output (the terminal summary then stays off it).
    public var jsonToStandardOutput: Bool { jsonPath == "-" }

    /// Writes every requested output.
    /// - Returns: the files written, in a fixed order, for the summary.
    /// - Throws: ``FileWriteError`` or ``AnalysisError`` (exit 74) naming the path.
    @discardableResult
    public func write(_ analysis: NightAnalysis) throws -> [String] {
        try write(report: analysis.report, traces: analysis.traces)
    }

    /// Writes every requested output of a report (traces are optional: `plm score` has none).
    @discardableResult
    public func write(report: PLMReport, traces: NightTraces?) throws -> [String] {
        var written: [String] = []
        var jsonTargets: [String] = []
        var htmlTargets: [String] = []
        var eventTargets: [String] = []
        if let outputDirectory {
            try Self.createDirectory(outputDirectory)
            let names = Self.directoryFileNames
            jsonTargets.append((outputDirectory as NSString).appendingPathComponent(names.json))
            htmlTargets.append((outputDirectory as NSString).appendingPathComponent(names.html))
            eventTargets.append((outputDirectory as NSString).appendingPathComponent(names.events))
        }
        if let jsonPath, jsonPath != "-" { jsonTargets.append(jsonPath) }
        if let htmlPath { htmlTargets.append(htmlPath) }
        if let eventsPath { eventTargets.append(eventsPath) }

        if !jsonTargets.isEmpty || jsonToStandardOutput {
            let json = try report.jsonData()
            for path in jsonTargets {
                try AtomicFileWriter.write(json, to: path)
                written.append(path)
            }
            // A reader that has gone (`| head`) ends the output quietly; a full disk is exit 74.
            if jsonToStandardOutput { try StandardOutput.write([UInt8](json)) }
        }
        if !htmlTargets.isEmpty {
            let html = report.html(traces: traces)
            for path in htmlTargets {
                try AtomicFileWriter.write(html, to: path)
                written.append(path)
            }
        }
        if !eventTargets.isEmpty {
            let csv = report.eventsCSV()
            for path in eventTargets {
                try AtomicFileWriter.write(csv, to: path)
                written.append(path)
            }
        }
        return written
    }

    /// Writes the JSON report after creating the folder of ``jsonPath`` when it is missing.
    func writeCreatingFolder(report: PLMReport) throws {
        if let jsonPath, jsonPath != "-" {
            let folder = (jsonPath as NSString).deletingLastPathComponent
            if !folder.isEmpty { try Self.createDirectory(folder) }
        }
        try write(report: report, traces: nil)
    }

    /// Creates a folder and its missing parents, naming the part of the path that fails.
    static func createDirectory(_ path: String) throws(AnalysisError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw AnalysisError("\(path): cannot use it as the output folder: it is a file", exitStatus: .ioError)
            }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try createDirectory(parent) }
        if mkdir(path, 0o755) != 0, errno != EEXIST {
            throw AnalysisError(
                "\(path): cannot create the output folder: \(String(cString: strerror(errno)))", exitStatus: .ioError)
        }
    }

}
