import ArgumentParser

/// `plm score` (being written).
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score", abstract: "Not yet available.")
    func run() async throws {
        throw ValidationError("plm score is not available yet")
    }
}
