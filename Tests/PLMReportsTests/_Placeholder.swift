import Testing
@testable import PLMReports

// Filled in as the module is written.
