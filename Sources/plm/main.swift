import PLMCommands

// All behaviour lives in PLMCommands (argument parsing) and PLMKit (the pipeline).
await PLMCommand.main(nil)
