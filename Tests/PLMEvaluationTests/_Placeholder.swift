import Testing
@testable import PLMEvaluation

// Filled in as the module is written.
