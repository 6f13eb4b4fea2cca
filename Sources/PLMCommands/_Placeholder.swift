import ArgumentParser

/// The `plm` command: periodic limb movement scoring from ankle accelerometers.
public struct PLMCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "plm")
    public init() {}
    public func run() async throws {}
}
