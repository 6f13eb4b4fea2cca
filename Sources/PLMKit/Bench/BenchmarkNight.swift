import Foundation

/// One simulated night in a benchmark folder: its files and its ground truth.
public struct BenchmarkNight: Sendable {
    /// Folder name, used as the night's label.
    public var name: String
    public var directory: String
    public var truthPath: String
    public var truth: SimulationTruth

    /// The nights under `directory`: every sub-folder (or the folder itself) holding a
    /// `truth.json`, sorted by name so that runs list them in the same order.
    /// - Throws: ``AnalysisError`` when the folder is missing (66) or holds no night (65), and when
    ///   a truth file cannot be decoded (65, naming the file).
    public static func discover(in directory: String) throws -> [BenchmarkNight] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AnalysisError("\(directory): no such folder", exitStatus: .noInput)
        }
        var folders: [String] = []
        if FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("truth.json")) {
            folders = [directory]
        } else {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            folders = names.sorted().map { (directory as NSString).appendingPathComponent($0) }.filter {
                FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("truth.json"))
            }
        }
        guard !folders.isEmpty else {
            throw AnalysisError(
                "\(directory): found no night to benchmark; expected folders holding truth.json, left and right files "
                    + "(as written by plm simulate)", exitStatus: .dataError)
        }
        return try folders.map(load)
    }

    static func load(_ folder: String) throws -> BenchmarkNight {
        let truthPath = (folder as NSString).appendingPathComponent("truth.json")
        guard let data = FileManager.default.contents(atPath: truthPath) else {
            throw AnalysisError("\(truthPath): cannot read the file", exitStatus: .ioError)
        }
        let truth: SimulationTruth
        do {
            truth = try JSONDecoder().decode(SimulationTruth.self, from: data)
        } catch {
            throw AnalysisError(
                "\(truthPath): not a plm-truth/1 file written by plm simulate (\(Self.describe(error)))",
                exitStatus: .dataError)
        }
        guard truth.output != nil else {
            throw AnalysisError("\(truthPath): the truth names no leg files (key 'output')", exitStatus: .dataError)
        }
        return BenchmarkNight(
            name: (folder as NSString).lastPathComponent, directory: folder, truthPath: truthPath, truth: truth)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "key '\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            "at '\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
        default: "\(error)"
        }
    }

    /// The analysis the benchmark runs: both legs, the units the files were written in, and the
    /// truth's lights window, so that the PLM index is comparable with the truth's.
    public func analysisRequest(rules: RuleSet = .wasm2016) throws -> AnalysisRequest {
        guard let output = truth.output else {
            throw AnalysisError("\(truthPath): the truth names no leg files", exitStatus: .dataError)
        }
        var options = ReadOptions()
        if let unit = AccelerationUnit(argument: output.units), output.units != "g" { options.units = unit }
        guard let start = RecordingClockTime(iso8601: truth.recordingStart) else {
            throw AnalysisError(
                "\(truthPath): recordingStart '\(truth.recordingStart)' is not an ISO 8601 time", exitStatus: .dataError)
        }
        return AnalysisRequest(
            legs: [
                .init(side: .left, path: (directory as NSString).appendingPathComponent(output.leftFile)),
                .init(side: .right, path: (directory as NSString).appendingPathComponent(output.rightFile)),
            ],
            readOptions: options,
            lightsOff: start.adding(seconds: truth.lights.startS).iso8601,
            lightsOn: start.adding(seconds: truth.lights.endS).iso8601,
            rules: rules)
    }
}
