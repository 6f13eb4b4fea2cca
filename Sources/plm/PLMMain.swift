import PLMCommands

/// Entry point of the `plm` executable. All behaviour lives in PLMCommands (argument parsing)
/// and PLMKit (the pipeline).
@main
enum PLMMain {
    static func main() async {
        await PLMCommand.runAsMain()
    }
}
