import Testing
@testable import PLMSignal

// Filled in as the module is written.
