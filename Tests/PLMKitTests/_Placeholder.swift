import Testing
@testable import PLMKit

// Filled in as the module is written.
