import PLMFuzzHarness

/// libFuzzer entry point: one input through `FuzzHarness.annotations`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnnotations(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    FuzzHarness.annotations(bytes)
    return 0
}
