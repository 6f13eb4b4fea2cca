import Foundation
import PLMCore

/// Writes a multi-night analysis into a folder: `summary.json` (plm-summary/1), `summary.html`,
/// and per night `night-<date>/` with `report.json`, `report.html` and `events.csv`. Every file
/// is written atomically.
public struct RecordingDestinations: Sendable, Hashable {
    /// The output folder (created when missing).
    public var outputDirectory: String?
    /// A separate path for the summary JSON; `-` writes it to standard output.
    public var summaryJSONPath: String?
    /// A separate path for the summary HTML.
    public var summaryHTMLPath: String?

    /// The file names written into ``outputDirectory``.
    public static let fileNames = (json: "summary.json", html: "summary.html")

    public init(outputDirectory: String? = nil, summaryJSONPath: String? = nil, summaryHTMLPath: String? = nil) {
        self.outputDirectory = outputDirectory
        self.summaryJSONPath = summaryJSONPath
        self.summaryHTMLPath = summaryHTMLPath
    }

    /// Writes every requested output.
    /// - Returns: the files written, in a fixed order.
    @discardableResult
    public func write(_ analysis: RecordingAnalysis) throws -> [String] {
        var written: [String] = []
        var jsonTargets: [String] = []
        var htmlTargets: [String] = []
        if let outputDirectory {
            try ReportDestinations.createDirectory(outputDirectory)
            for night in analysis.nights {
                let folder = (outputDirectory as NSString).appendingPathComponent(night.folderName)
                written += try ReportDestinations(outputDirectory: folder).write(night.analysis)
            }
            jsonTargets.append((outputDirectory as NSString).appendingPathComponent(Self.fileNames.json))
            htmlTargets.append((outputDirectory as NSString).appendingPathComponent(Self.fileNames.html))
        }
        if let summaryJSONPath, summaryJSONPath != "-" { jsonTargets.append(summaryJSONPath) }
        if let summaryHTMLPath { htmlTargets.append(summaryHTMLPath) }
        if !jsonTargets.isEmpty || summaryJSONPath == "-" {
            let json = try analysis.summary.jsonData()
            for path in jsonTargets {
                try AtomicFileWriter.write(json, to: path)
                written.append(path)
            }
            if summaryJSONPath == "-" { try StandardOutput.write([UInt8](json)) }
        }
        if !htmlTargets.isEmpty {
            let html = SummaryHTML.render(analysis.summary, overview: analysis.overview)
            for path in htmlTargets {
                try AtomicFileWriter.write(html, to: path)
                written.append(path)
            }
        }
        return written
    }
}
