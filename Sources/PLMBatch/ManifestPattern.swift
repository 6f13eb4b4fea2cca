import Foundation
import PLMKit

/// Builds a manifest from a folder: `plm batch DIR --pattern GLOB`.
///
/// The pattern is matched against paths relative to the folder. `{leg}` stands for `left` or
/// `right` and tells which ankle a file is; `*` matches any run of characters except `/`, `?`
/// one such character. What the `*`s matched, joined by `-`, is the recording's id, so
/// `*/{leg}.csv.gz` pairs `p01/left.csv.gz` with `p01/right.csv.gz` as recording `p01`, and
/// `{leg}/*.csv` pairs `left/p01.csv` with `right/p01.csv`.
public struct ManifestPattern: Sendable {
    /// The placeholder for the leg.
    public static let legPlaceholder = "{leg}"

    public let pattern: String

    /// - Throws: ``AnalysisError`` (exit 64) when the pattern has no `{leg}` or no `*`.
    public init(_ pattern: String) throws {
        guard pattern.contains(Self.legPlaceholder) else {
            throw AnalysisError(
                "--pattern \"\(pattern)\": expected {leg} where the file names say left or right, e.g. '*/{leg}.csv.gz'",
                exitStatus: .usage)
        }
        guard pattern.contains("*") else {
            throw AnalysisError(
                "--pattern \"\(pattern)\": expected a * for the part that tells recordings apart, e.g. '*/{leg}.csv.gz'",
                exitStatus: .usage)
        }
        self.pattern = pattern
    }

    /// The recordings found under `folder`, sorted by id.
    /// - Throws: ``AnalysisError`` when the folder cannot be listed (66), nothing matches (66), or two
    ///   files give the same id and leg (65).
    public func manifest(folder: String) throws -> BatchManifest {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AnalysisError("\(folder): no such folder to build the manifest from", exitStatus: .noInput)
        }
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw AnalysisError("\(folder): cannot list the folder", exitStatus: .noInput)
        }
        var relativePaths: [String] = []
        while let next = enumerator.nextObject() as? String { relativePaths.append(next) }
        relativePaths.sort()
        let base = BatchManifest.resolve(".", in: folder)
        var legs: [String: (left: String?, right: String?)] = [:]
        for path in relativePaths {
            for side in ["left", "right"] {
                let concrete = pattern.replacingOccurrences(of: Self.legPlaceholder, with: side)
                guard let captures = Self.match(Array(concrete.utf8), Array(path.utf8)) else { continue }
                let id = Self.identifier(captures)
                let absolute = (base as NSString).appendingPathComponent(path)
                var entry = legs[id] ?? (nil, nil)
                let existing = side == "left" ? entry.left : entry.right
                if let existing {
                    throw AnalysisError("\(folder): '\(existing)' and '\(absolute)' both give recording '\(id)' a \(side) leg", exitStatus: .dataError)
                }
                if side == "left" { entry.left = absolute } else { entry.right = absolute }
                legs[id] = entry
            }
        }
        guard !legs.isEmpty else {
            throw AnalysisError("\(folder): no file matches --pattern \"\(pattern)\"", exitStatus: .noInput)
        }
        return BatchManifest(recordings: legs.keys.sorted().map { id in
            BatchRecording(id: id, left: legs[id]?.left, right: legs[id]?.right)
        })
    }

    /// The id from the `*` captures: joined by `-`, characters an id cannot hold replaced by `_`.
    static func identifier(_ captures: [String]) -> String {
        let joined = captures.filter { !$0.isEmpty }.joined(separator: "-")
        var id = String(String.UnicodeScalarView(joined.unicodeScalars.map { scalar -> Unicode.Scalar in
            let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "." || scalar == "_" || scalar == "-"
            return ok ? scalar : "_"
        }))
        while id.hasPrefix(".") { id = "_" + id.dropFirst() }
        if id.isEmpty || BatchManifest.reservedIDs.contains(id) { id = "recording-" + id }
        return id
    }

    /// Matches `text` against `pattern` (`*` and `?` do not cross `/`); returns what each `*`
    /// matched, or nil. Backtracks; patterns are short.
    static func match(_ pattern: [UInt8], _ text: [UInt8]) -> [String]? {
        var captures: [String] = []
        return matchFrom(pattern, 0, text, 0, &captures) ? captures : nil
    }

    private static func matchFrom(_ p: [UInt8], _ i: Int, _ t: [UInt8], _ j: Int, _ captures: inout [String]) -> Bool {
        guard i < p.count else { return j == t.count }
        let slash = UInt8(ascii: "/")
        switch p[i] {
        case UInt8(ascii: "*"):
            var end = j
            while true {
                captures.append(String(decoding: t[j..<end], as: UTF8.self))
                if matchFrom(p, i + 1, t, end, &captures) { return true }
                captures.removeLast()
                guard end < t.count, t[end] != slash else { return false }
                end += 1
            }
        case UInt8(ascii: "?"):
            guard j < t.count, t[j] != slash else { return false }
            return matchFrom(p, i + 1, t, j + 1, &captures)
        default:
            guard j < t.count, t[j] == p[i] else { return false }
            return matchFrom(p, i + 1, t, j + 1, &captures)
        }
    }
}
