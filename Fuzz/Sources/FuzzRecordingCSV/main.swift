import PLMFuzzHarness

/// libFuzzer entry point: one input through `FuzzHarness.recordingCSV`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecordingCSV(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    FuzzHarness.recordingCSV(bytes)
    return 0
}
