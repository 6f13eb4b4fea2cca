import Foundation
import PLMKit

/// What a recording's folder may hold besides its outcome file, and the clean-up that keeps it
/// holding only the latest run's outputs.
extension RecordingJob {
    /// Names of the outputs `plm analyze --out` writes into a folder: the one-night reports, the
    /// multi-night summary; `night-*` folders are matched by ``isNightFolder(_:)``.
    static var outputFileNames: Set<String> {
        let night = ReportDestinations.directoryFileNames
        let summary = RecordingDestinations.fileNames
        return [night.json, night.html, night.events, summary.json, summary.html]
    }

    /// Whether `name` is a night's folder of a multi-night analysis (`night-<date>`).
    static func isNightFolder(_ name: String) -> Bool { name.hasPrefix("night-") }

    /// Removes the outputs of an earlier run that this run did not write (the reports of a failed
    /// rerun, the one-night files after a switch to nights or back, a night no longer found), so
    /// that the folder never shows a report of other inputs or settings.
    func removeOutputs(except kept: Set<String>) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: outputFolder)) ?? []
        for name in entries where !kept.contains(name) && (Self.outputFileNames.contains(name) || Self.isNightFolder(name)) {
            _ = try? FileManager.default.removeItem(atPath: (outputFolder as NSString).appendingPathComponent(name))
        }
    }

    /// Removes the temporary files a killed earlier run left in the recording's folder and its
    /// night folders (``AtomicFileWriter/removeStaleTemporaryFiles(in:)``). Only this job writes
    /// there while it runs, so no live writer's file is touched.
    func removeStaleTemporaryFiles() {
        AtomicFileWriter.removeStaleTemporaryFiles(in: outputFolder)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: outputFolder)) ?? []
        for name in entries where Self.isNightFolder(name) {
            AtomicFileWriter.removeStaleTemporaryFiles(in: (outputFolder as NSString).appendingPathComponent(name))
        }
    }
}
