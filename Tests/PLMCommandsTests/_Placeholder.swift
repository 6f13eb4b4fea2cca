import Testing
@testable import PLMCommands

// Filled in as the module is written.
