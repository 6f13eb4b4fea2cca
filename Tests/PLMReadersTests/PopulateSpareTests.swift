#if canImport(Glibc)
import Glibc
#endif
import Testing

@testable import PLMReaders

/// `Array.populateSpare` (used by `_RowBatch.flush`) maps the pages the next elements will land
/// on without changing the array, and does nothing when the capacity does not hold them.
@Suite("Populating an array's spare capacity")
struct PopulateSpareTests {
    /// Pages of `[start, start + bytes)` that are resident, by `mincore`; nil where it is not available.
    static func residentPages(_ start: UnsafeRawPointer, _ bytes: Int) -> (resident: Int, pages: Int)? {
        #if os(Linux)
        let page = _MappedFile.pageBytes
        let first = Int(bitPattern: start) / page * page
        let pages = (Int(bitPattern: start) + bytes - first + page - 1) / page
        var vector = [UInt8](repeating: 0, count: pages)
        guard let base = UnsafeMutableRawPointer(bitPattern: first),
            mincore(base, pages * page, &vector) == 0
        else { return nil }
        return (vector.filter { $0 & 1 != 0 }.count, pages)
        #else
        return nil
        #endif
    }

    @Test("Contents, count and capacity are unchanged; appended values read back")
    func unchanged() {
        var values: [Float] = [1.5, -2.25, 3]
        values.reserveCapacity(1 << 20)
        let capacity = values.capacity
        values.populateSpare(500_000)
        #expect(values == [1.5, -2.25, 3])
        #expect(values.capacity == capacity)
        let added = (0..<500_000).map { Float($0) * 0.5 }
        values.append(contentsOf: added)
        #expect(values.count == 500_003)
        #expect(Array(values[3...]) == added)
        #expect(values.capacity == capacity)
        // More than the capacity holds, zero and negative counts: nothing happens.
        var small: [Double] = [7]
        small.populateSpare(small.capacity + 1)
        small.populateSpare(0)
        small.populateSpare(-5)
        #expect(small == [7])
    }

    @Test("The whole pages the next elements take are resident afterwards (Linux 5.14 and later)")
    func pagesAreMapped() throws {
        #if os(Linux)
        // A kernel that refuses MADV_POPULATE_WRITE (23) on fresh anonymous memory: nothing to check.
        let page = _MappedFile.pageBytes
        guard let probe = mmap(nil, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            probe != MAP_FAILED
        else { return }
        let supported = madvise(probe, page, 23) == 0
        munmap(probe, page)
        guard supported else { return }

        // 64 MiB reserved: fresh anonymous memory from mmap, no page touched past the header.
        var values: [Double] = [0]
        values.reserveCapacity(8 << 20)
        let elements = 1 << 20  // 8 MiB of Doubles after the first element
        let base = try #require(values.withUnsafeBufferPointer { $0.baseAddress })
        let spareStart = UnsafeRawPointer(base + 1)
        // Whole pages inside the range, away from the array's first page (which holds its header).
        let inner = try #require(UnsafeRawPointer(bitPattern: (Int(bitPattern: spareStart) + 2 * page - 1) / page * page))
        let innerBytes = elements * 8 - 2 * page
        let before = try #require(Self.residentPages(inner, innerBytes))
        values.populateSpare(elements)
        let after = try #require(Self.residentPages(inner, innerBytes))
        #expect(before.resident < before.pages / 2)
        #expect(after.resident == after.pages)
        #endif
    }
}
