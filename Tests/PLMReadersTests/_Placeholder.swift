import Testing
@testable import PLMReaders

// Filled in as the module is written.
