import Foundation

/// A unique temporary folder for one test, removed by ``remove()``.
public struct TemporaryFolder: Sendable {
    public let path: String

    /// Creates `<tmp>/<prefix>-<UUID>`.
    public init(prefix: String = "plmkit-tests") throws {
        path = (FileManager.default.temporaryDirectory.path as NSString).appendingPathComponent(prefix + "-" + UUID().uuidString)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
