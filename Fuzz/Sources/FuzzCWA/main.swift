import PLMFuzzHarness

/// libFuzzer entry point: one input through `FuzzHarness.cwa`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCWA(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { [UInt8](UnsafeBufferPointer(start: $0, count: count)) } ?? []
    FuzzHarness.cwa(bytes)
    return 0
}

/// The process entry. SwiftPM links executables on Linux with `main` defined as
/// `<Target>_main` (so that tests can link them), which replaces libFuzzer's own `main`: this
/// one hands the command line to libFuzzer's driver, as libFuzzer's `main` would.
@_cdecl("FuzzCWA_main")
public func fuzzCWAMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return _llvmFuzzerRunDriver(&count, &arguments, fuzzCWA)
}

/// `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *, size_t))`
/// from libFuzzer (linked by `-sanitize=fuzzer`).
@_silgen_name("LLVMFuzzerRunDriver")
func _llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
