import PLMFuzzHarness

/// libFuzzer entry point: one input through `FuzzHarness.reportJSON`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReportJSON(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    FuzzHarness.reportJSON(bytes)
    return 0
}
