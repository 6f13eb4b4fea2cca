import ArgumentParser

/// `plm inspect` (being written).
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Not yet available.")
    func run() async throws {
        throw ValidationError("plm inspect is not available yet")
    }
}
