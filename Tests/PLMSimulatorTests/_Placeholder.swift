import Testing
@testable import PLMSimulator

// Filled in as the module is written.
