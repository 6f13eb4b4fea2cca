import ArgumentParser

/// `plm analyze` (being written).
struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analyze", abstract: "Not yet available.")
    func run() async throws {
        throw ValidationError("plm analyze is not available yet")
    }
}
