import ArgumentParser

/// `plm simulate` (being written).
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulate", abstract: "Not yet available.")
    func run() async throws {
        throw ValidationError("plm simulate is not available yet")
    }
}
