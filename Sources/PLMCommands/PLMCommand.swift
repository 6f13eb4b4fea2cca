import ArgumentParser

/// The `plm` command: periodic limb movement (PLM) scoring from ankle accelerometers.
///
/// Each subcommand lives in its own file and only parses arguments and calls PLMKit.
public struct PLMCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plm",
        abstract: "Score periodic limb movements from ankle accelerometer recordings.",
        discussion: """
            PLMKit finds leg movements in the raw acceleration recorded at each ankle and scores \
            them with the published WASM 2016 or AASM rules into a PLM index. The result is a \
            screening estimate, not a polysomnographic diagnosis.
            """,
        subcommands: [
            AnalyzeCommand.self, InspectCommand.self, ConvertCommand.self, ScoreCommand.self,
            SimulateCommand.self, EvaluateCommand.self, BenchCommand.self, BatchCommand.self,
        ])

    public init() {}
}
