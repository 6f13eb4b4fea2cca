import ArgumentParser

/// `plm evaluate` (being written).
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "evaluate", abstract: "Not yet available.")
    func run() async throws {
        throw ValidationError("plm evaluate is not available yet")
    }
}
