import Foundation
import PLMFuzzHarness
import Testing

/// Replays every input kept in `FuzzRegressions/<target>/` (each crashed that fuzz target once,
/// or is a row of issue 12's table) through the target's body: none may trap again.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let folder = Bundle.module.resourceURL?.appendingPathComponent("FuzzRegressions")

    static var cases: [String] {
        guard let folder else { return [] }
        return FuzzHarness.targets.flatMap { target -> [String] in
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(target.name).path)) ?? []
            return files.filter { $0 != "README.md" }.sorted().map { "\(target.name)/\($0)" }
        }
    }

    @Test("Every kept input is replayed without a trap", arguments: cases)
    func replay(_ entry: String) throws {
        let folder = try #require(Self.folder)
        let name = String(entry.prefix { $0 != "/" })
        let body = try #require(FuzzHarness.targets.first { $0.name == name }?.body)
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(entry)))
        body(bytes)
    }

    @Test("Each fuzz target has a regression folder, and at least the issue 12 inputs are kept")
    func foldersExist() throws {
        let folder = try #require(Self.folder)
        for target in FuzzHarness.targets {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(target.name).path), "\(target.name)")
        }
        #expect(Self.cases.count >= 4)
    }
}
