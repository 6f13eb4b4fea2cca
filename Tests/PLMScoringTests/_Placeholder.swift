import Testing
@testable import PLMScoring

// Filled in as the module is written.
