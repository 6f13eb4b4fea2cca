#if canImport(Glibc)
import Glibc
#endif

/// Rows parsed but not yet appended to the per-axis arrays of ``_ParsedRows``: the hot loop
/// fills them with plain stores and they move in bulk (`append(contentsOf:)`, a copy of a few
/// hundred KiB), so no sample pays Array's per-append uniqueness and capacity checks (7-8 % of a
/// whole `plm analyze` of a CSV night in the profile before this batch; docs/benchmarks.md).
/// Before each move, the pages the rows will land on are mapped in one call per array
/// (``Swift/Array/populateSpare(_:)``) instead of one page fault per 4 KiB.
struct _RowBatch {
    /// Rows held before a flush: 16 Ki rows are 320 KiB of buffers, in L2.
    static let capacity = 16_384
    let x: UnsafeMutablePointer<Float>
    let y: UnsafeMutablePointer<Float>
    let z: UnsafeMutablePointer<Float>
    /// Seconds since the first sample, when the file has a time column.
    let timesS: UnsafeMutablePointer<Double>
    /// Rows held.
    var count = 0

    init() {
        x = .allocate(capacity: Self.capacity)
        y = .allocate(capacity: Self.capacity)
        z = .allocate(capacity: Self.capacity)
        timesS = .allocate(capacity: Self.capacity)
    }

    func deallocate() {
        x.deallocate()
        y.deallocate()
        z.deallocate()
        timesS.deallocate()
    }

    /// Appends the rows held to `rows` (and their times to `times` when `withTimes`) and empties the batch.
    mutating func flush(into rows: inout _ParsedRows, times: inout [Double], withTimes: Bool) {
        guard count > 0 else { return }
        rows.x.populateSpare(count)
        rows.y.populateSpare(count)
        rows.z.populateSpare(count)
        if withTimes { times.populateSpare(count) }
        rows.x.append(contentsOf: UnsafeBufferPointer(start: x, count: count))
        rows.y.append(contentsOf: UnsafeBufferPointer(start: y, count: count))
        rows.z.append(contentsOf: UnsafeBufferPointer(start: z, count: count))
        if withTimes { times.append(contentsOf: UnsafeBufferPointer(start: timesS, count: count)) }
        count = 0
    }
}

extension Array {
    /// `MADV_POPULATE_WRITE` (Linux 5.14): map a range's pages now, writable, in one call.
    private static var populateWriteAdvice: Int32 { 23 }

    /// Maps, in one `madvise` call, the memory pages that the next `elements` appended elements
    /// will occupy, when the array's reserved capacity already holds them: the whole pages
    /// between the end of the elements and the end of `elements` more.
    ///
    /// A large array's storage is fresh anonymous memory, and every 4 KiB of it written for the
    /// first time costs a page fault (about 10 % of the CPU of reading a CSV night, most of it
    /// appending the row batches). Populating the range in one call does the same work (the
    /// kernel zeroes and maps the same pages) without a fault per page. It maps only pages the
    /// append writes next, so the memory used does not change. Elsewhere (no Linux, capacity
    /// too small, or a kernel before 5.14, which refuses the advice) it does nothing and the
    /// pages fault in as before; the contents never change.
    @inline(__always)
    mutating func populateSpare(_ elements: Int) {
        #if os(Linux)
        let count = self.count
        guard elements > 0, capacity - count >= elements else { return }
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let page = _MappedFile.pageBytes
            let first = (Int(bitPattern: base + count) + page - 1) / page * page
            let end = Int(bitPattern: base + count + elements) / page * page
            guard end > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
            _ = madvise(start, end - first, Self.populateWriteAdvice)
        }
        #endif
    }
}
