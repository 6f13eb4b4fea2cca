/// Rows parsed but not yet appended to the per-axis arrays of ``_ParsedRows``: the hot loop
/// fills them with plain stores and they move in bulk (`append(contentsOf:)`, a copy of a few
/// hundred KiB), so no sample pays Array's per-append uniqueness and capacity checks (7-8 % of a
/// whole `plm analyze` of a CSV night in the profile before this batch; docs/benchmarks.md).
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
        rows.x.append(contentsOf: UnsafeBufferPointer(start: x, count: count))
        rows.y.append(contentsOf: UnsafeBufferPointer(start: y, count: count))
        rows.z.append(contentsOf: UnsafeBufferPointer(start: z, count: count))
        if withTimes { times.append(contentsOf: UnsafeBufferPointer(start: timesS, count: count)) }
        count = 0
    }
}
