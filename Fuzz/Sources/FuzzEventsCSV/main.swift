import PLMFuzzHarness

/// libFuzzer entry point: one input through `FuzzHarness.eventsCSV`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventsCSV(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    FuzzHarness.eventsCSV(bytes)
    return 0
}
