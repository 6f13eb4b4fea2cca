import ArgumentParser

/// `plm bench` (being written).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Not yet available.")
    func run() async throws {
        throw ValidationError("plm bench is not available yet")
    }
}
