#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain file mapped into memory for ``_ByteStream``: the parser reads the page cache's pages
/// in place instead of having `read(2)` copy them (the copy was 6-8 % of a whole `plm analyze`
/// of a CSV night; docs/benchmarks.md, "Fifth reading pass").
///
/// The whole file is mapped read-only once, but only a window of it is kept: pages behind the
/// parser are unmapped as it moves on (``advance(windowStart:)``), and pages ahead are mapped
/// in one call per window (``populate(_:)``, `MADV_POPULATE_READ`, instead of a fault every few
/// pages). So the resident set holds about one window of the file, as the read buffer did, not
/// the whole file.
///
/// One zero page follows the file's last page (an anonymous mapping under the file's), so the
/// byte just past the file's last byte reads as 0 whatever the file size: the sentinel the
/// parsers rely on at the end of the data.
///
/// A file truncated by another program while it is read: `populate` fails (EFAULT) on pages
/// beyond the new end and the stream reports an I/O error; only a truncation between that call
/// and the parser's reads of the same pages (a few milliseconds) would end the process (SIGBUS).
/// A file still growing while it is read is read as long as it was when opened (`read(2)` would
/// also read what was appended before it got there).
struct _MappedFile {
    /// Start of the mapping: file byte `k` is at `base + k`.
    let base: UnsafeMutablePointer<UInt8>
    /// Bytes of the file (as it was when mapped).
    let fileBytes: Int
    /// Bytes mapped: the file rounded up to whole pages, plus one zero page.
    private let mappedBytes: Int
    /// The first byte still mapped (a page boundary): everything before it is unmapped.
    private(set) var windowStart = 0
    static let pageBytes = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))

    /// `MADV_POPULATE_READ` (Linux 5.14): map the pages of a range now, failing on pages beyond the
    /// end of the file. Older kernels refuse the advice (EINVAL) and the pages fault in as read.
    private static let populateReadAdvice: Int32 = 22

    /// Maps the regular, non-empty file open as `descriptor` of `fileBytes` bytes; nil when the
    /// system refuses (the caller then reads it with `read(2)`).
    init?(descriptor: Int32, fileBytes: Int) {
        #if os(Linux)
        let page = Self.pageBytes
        guard fileBytes > 0, fileBytes <= Int.max - 2 * page else { return nil }
        let fileMapped = (fileBytes + page - 1) / page * page
        let total = fileMapped + page
        // Reserve the whole range as anonymous zero pages, then put the file over its front.
        guard let reserved = mmap(nil, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            reserved != UnsafeMutableRawPointer(bitPattern: -1)
        else { return nil }
        guard let mapped = mmap(reserved, fileMapped, PROT_READ, MAP_PRIVATE | MAP_FIXED, descriptor, 0),
            mapped == reserved
        else {
            munmap(reserved, total)
            return nil
        }
        base = reserved.assumingMemoryBound(to: UInt8.self)
        self.fileBytes = fileBytes
        mappedBytes = total
        #else
        return nil
        #endif
    }

    /// Unmaps the pages before `newStart` (rounded down to a page); they are not read again.
    mutating func advance(windowStart newStart: Int) {
        let pageStart = newStart / Self.pageBytes * Self.pageBytes
        guard pageStart > windowStart else { return }
        munmap(base + windowStart, pageStart - windowStart)
        windowStart = pageStart
    }

    /// Maps file bytes `range` now (one call instead of page faults).
    /// - Returns: false when part of the range is no longer in the file (it was truncated).
    func populate(_ range: Range<Int>) -> Bool {
        #if os(Linux)
        guard !range.isEmpty else { return true }
        let pageStart = range.lowerBound / Self.pageBytes * Self.pageBytes
        if madvise(base + pageStart, range.upperBound - pageStart, Self.populateReadAdvice) != 0 {
            return errno != EFAULT
        }
        #endif
        return true
    }

    /// Unmaps everything still mapped.
    func unmap() {
        munmap(base + windowStart, mappedBytes - windowStart)
    }
}
