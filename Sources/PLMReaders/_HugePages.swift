#if canImport(Glibc)
    import Glibc
#endif

/// Asks the kernel to back a large sample buffer with transparent huge pages (Linux
/// `madvise(MADV_HUGEPAGE)`; elsewhere nothing).
///
/// Why: the buffers of a long recording are written once, front to back, and every 4 KiB page
/// is a page fault on first touch. A day at 100 Hz is 173 MB of samples and times: about 42 000
/// faults, which cost the binary readers more CPU time in the kernel (fault handling, page
/// clearing, LRU bookkeeping) than the decoding itself (perf, `plm inspect` of a day's .cwa:
/// 235 ms system time against 103 ms user time). With 2 MiB pages it is about 90 faults. The
/// advice only concerns the pages of the buffer's own allocation (glibc serves buffers of this
/// size with their own `mmap`), changes no byte, and is ignored where THP is disabled.
enum _HugePages {
    /// Buffers smaller than this are left alone (a huge page is 2 MiB; glibc serves small
    /// allocations from its heap, whose pages are shared with other allocations).
    static let minimumBytes = 8 << 20
    static let hugePageBytes = 2 << 20

    /// Advises huge pages for the reserved capacity of `array` (call right after `reserveCapacity`).
    static func advise<Element>(_ array: inout [Element]) {
        #if os(Linux)
            let bytes = array.capacity * MemoryLayout<Element>.stride
            array.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                advise(UnsafeMutableRawPointer(base), bytes: bytes)
            }
        #endif
    }

    /// Advises huge pages for the whole 2 MiB pages inside `bytes` bytes from `start`.
    static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
            guard bytes >= minimumBytes else { return }
            let address = Int(bitPattern: start)
            let first = (address + hugePageBytes - 1) & ~(hugePageBytes - 1)
            let last = (address + bytes) & ~(hugePageBytes - 1)
            guard last > first, let pointer = UnsafeMutableRawPointer(bitPattern: first) else { return }
            _ = madvise(pointer, last - first, MADV_HUGEPAGE)
        #endif
    }
}
