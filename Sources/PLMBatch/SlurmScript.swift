import Foundation
import PLMKit

/// The Slurm job array of a batch: `DIR/slurm/batch.sbatch`.
///
/// Task K of N runs `plm batch run MANIFEST --out DIR --shard K --of N`: it analyses every N-th
/// recording of the manifest starting at K and writes only those recordings' folders (atomic
/// renames, safe on a shared file system); it never opens the database. `plm batch collect DIR`
/// loads the results afterwards (or while tasks still run).
public struct SlurmScript: Sendable, Equatable {
    /// Absolute path of the `plm` executable the tasks run.
    public var executable: String
    /// Absolute path of the manifest.
    public var manifestPath: String
    /// Absolute path of the batch folder.
    public var outputRoot: String
    /// Number of array tasks.
    public var arraySize: Int
    public var partition: String?
    /// Slurm time limit per task, e.g. `02:00:00`.
    public var timeLimit: String?
    /// CPUs per task; each task analyses this many recordings at once.
    public var cpusPerTask: Int

    public init(executable: String, manifestPath: String, outputRoot: String, arraySize: Int, partition: String? = nil, timeLimit: String? = nil, cpusPerTask: Int = 1) {
        self.executable = executable
        self.manifestPath = manifestPath
        self.outputRoot = outputRoot
        self.arraySize = arraySize
        self.partition = partition
        self.timeLimit = timeLimit
        self.cpusPerTask = cpusPerTask
    }

    /// The script's folder, `DIR/slurm`.
    public var folder: String { (outputRoot as NSString).appendingPathComponent("slurm") }
    /// The script's path.
    public var path: String { (folder as NSString).appendingPathComponent("batch.sbatch") }

    /// The command that submits the array.
    public var submitCommand: String { "sbatch \(Self.shellQuoted(path))" }

    /// The script text.
    public var text: String {
        var lines = [
            "#!/bin/bash",
            "# PLMKit batch: one Slurm array task per shard of the manifest. Written by plm batch --slurm.",
            "# Submit with: \(submitCommand)",
            "# Then load the results: \(Self.shellQuoted(executable)) batch collect \(Self.shellQuoted(outputRoot))",
            "#SBATCH --job-name=plm-batch",
            "#SBATCH --array=0-\(arraySize - 1)",
            "#SBATCH --cpus-per-task=\(cpusPerTask)",
            "#SBATCH --output=\(Self.sbatchQuoted(Self.slurmPatternEscaped(folder) + "/task-%A_%a.log"))",
        ]
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let timeLimit { lines.append("#SBATCH --time=\(timeLimit)") }
        lines += [
            "set -euo pipefail",
            "exec \(Self.shellQuoted(executable)) batch run \(Self.shellQuoted(manifestPath)) --out \(Self.shellQuoted(outputRoot)) "
                + "--shard \"$SLURM_ARRAY_TASK_ID\" --of \(arraySize) --jobs \"${SLURM_CPUS_PER_TASK:-\(cpusPerTask)}\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the script (mode 0644; `sbatch` does not need it executable).
    public func write() throws {
        for (name, value) in [("--partition", partition), ("--time", timeLimit)] {
            if let value, value.isEmpty || value.contains(where: { $0.isWhitespace || $0 == "'" || $0 == "\"" }) {
                throw AnalysisError("\(name) \"\(value)\": expected a Slurm value without spaces or quotes", exitStatus: .usage)
            }
        }
        guard arraySize > 0 else { throw AnalysisError("--array-size \(arraySize): expected 1 or more", exitStatus: .usage) }
        try RecordingJob.createFolder(folder)
        try AtomicFileWriter.write(text, to: path)
    }

    /// `'text'` with embedded single quotes escaped for a POSIX shell.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `"text"` for an `#SBATCH` line: sbatch groups quoted characters (spaces included) into one
    /// argument and takes a backslash as escaping the next character, so `\` and `"` are escaped.
    static func sbatchQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `text` with `%` doubled: Slurm reads `%` in `--output` as a file name pattern (`%A`, `%a`)
    /// and `%%` as a literal `%`.
    static func slurmPatternEscaped(_ text: String) -> String { text.replacingOccurrences(of: "%", with: "%%") }

    /// The running executable's absolute path (`/proc/self/exe` on Linux, else argv[0] made absolute).
    public static func currentExecutable() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return BatchManifest.resolve(CommandLine.arguments.first ?? "plm", in: "")
    }
}
