#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read in large chunks: plain files with `read(2)` straight into the buffer, or mapped
/// (``_MappedFile``, when the opener asks for it: the text reader does), gzip files (first bytes
/// 1f 8b) inflated on the fly by ``_GzipInflater`` (ISA-L when the build found it, zlib
/// otherwise). Memory stays at one chunk whatever the file size, and nothing is unpacked to disk.
///
/// The buffer always holds whole lines from ``start`` on except possibly a partial last line,
/// which ``refill()`` moves to the front before reading more. A mapped file's "buffer" is a
/// window onto the mapping: ``refill()`` moves the window instead of the bytes, so the unread
/// bytes start within the first page of ``buffer`` rather than at 0, the bytes are read-only, and
/// the byte at ``end`` is the file's next byte (0 only at the end of the file). Either way a
/// refill hands out the same bytes: the unread ones plus the next ones, up to `chunkBytes - 1`.
/// A gzip file's refill inflates at most ``inflateStepBytes`` more (the parser then reads them
/// from the L2 cache); a line longer than that takes several refills.
///
/// Not `Sendable`: one reader owns it for the length of one read.
final class _ByteStream {
    let path: String
    private let descriptor: Int32
    /// The inflater of a gzip file; nil for a plain file.
    private let gzip: _GzipInflater?
    /// The mapping of a plain file read in place; nil when it is read with `read(2)` or inflated.
    private var mapping: _MappedFile?
    /// The buffer `read(2)` and the inflater write to (a mapped file leaves it unused).
    private let ownBuffer: UnsafeMutablePointer<UInt8>
    /// Bytes `[start, end)` of `buffer` are unread; after a refill `buffer[end]` is readable and,
    /// at the end of the file, a 0 sentinel, so a parser may look at the byte just past the last
    /// line without a bounds check (within the data it is a line's line break).
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var start = 0
    private(set) var end = 0
    /// No more bytes to come from the file.
    private(set) var atEndOfFile = false

    /// Bytes per chunk: large enough that per-chunk costs vanish, small enough to stay in L2/L3-ish.
    /// Also the longest line read (``maximumLineBytes``): the buffer never grows.
    static let chunkBytes = 4 << 20
    /// Longest line, bytes (newline excluded): a line that does not end within one chunk (4 MiB,
    /// some 100 000 times a CSV row) is refused instead of growing the buffer until memory runs out;
    /// this also bounds a gzip stream inflating to endless bytes without a newline.
    static let maximumLineBytes = chunkBytes - 2
    /// Most bytes one refill inflates beyond those still unread: a quarter of the 1 MiB L2 cache
    /// of a core of the benchmark machine (AMD EPYC), so the parser finds them there.
    static let inflateStepBytes = 256 << 10
    /// Size of the file on disk (compressed size for `.gz`), for progress.
    let fileBytes: Int
    /// Byte offset (in the uncompressed file) of `buffer[0]`: the bytes moved out of the buffer's
    /// front so far, or the mapped window's start (for byte offsets in messages).
    private(set) var consumedBytes = 0

    /// Opens `path`. Throws a `.missingFile` error when it does not exist or is not a readable file.
    /// - Parameter preferISAL: inflate gzip with ISA-L when the build has it (else zlib).
    /// - Parameter mapPlainFile: read a plain regular file through a mapping (``_MappedFile``)
    ///   instead of `read(2)`; for readers that only read the bytes (not the binary readers,
    ///   which keep the plain buffer's contract).
    init(path: String, preferISAL: Bool = _GzipInflater.preferISALByDefault, mapPlainFile: Bool = false) throws {
        self.path = path
        var info = stat()
        if stat(path, &info) != 0 {
            let reason = errno == ENOENT ? "no such file" : "cannot be examined (errno \(errno))"
            throw ReadError(kind: .missingFile, path: path, found: reason, expected: "a readable CSV or CSV.gz file")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw ReadError(kind: .missingFile, path: path, found: "a directory", expected: "a readable CSV or CSV.gz file")
        }
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ReadError(
                kind: .missingFile, path: path, found: "cannot be opened (errno \(errno))",
                expected: "a readable CSV or CSV.gz file")
        }
        fileBytes = Int(info.st_size)
        capacity = Self.chunkBytes
        ownBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        buffer = ownBuffer
        do {
            gzip = try _GzipInflater.openIfCompressed(descriptor: descriptor, path: path, preferISAL: preferISAL)
        } catch {
            close(descriptor)
            ownBuffer.deallocate()
            throw error
        }
        if mapPlainFile, gzip == nil, (info.st_mode & S_IFMT) == S_IFREG {
            mapping = _MappedFile(descriptor: descriptor, fileBytes: fileBytes)
            if let mapping { buffer = mapping.base }
        }
    }

    deinit {
        mapping?.unmap()
        close(descriptor)
        ownBuffer.deallocate()
    }

    /// Moves the unread bytes to the front and reads more after them.
    /// - Returns: false when the file had nothing more to give.
    @discardableResult
    func refill() throws -> Bool {
        guard !atEndOfFile else { return false }
        if mapping != nil { return try refillMapped() }
        let pending = end - start
        if pending > 0 && start > 0 {
            (buffer).update(from: buffer + start, count: pending)
        }
        consumedBytes += start
        start = 0
        end = pending
        // One byte is kept free after the data for a 0 sentinel (see `end`).
        if end == capacity - 1 {
            throw ReadError(
                kind: .malformedData, path: path,
                found: "a line of more than \(Self.maximumLineBytes) bytes without a newline, from byte offset \(consumedBytes)"
                    + (isCompressed ? " of the uncompressed data" : ""),
                expected: "CSV lines of at most 4 MiB (a raw acceleration row is a few dozen bytes)")
        }
        var readAny = false
        defer { buffer[end] = 0 }
        // Inflated bytes come a step at a time, so that the parser reads them while they are in
        // the core's L2 cache; a line longer than a step still fills the whole buffer.
        let fillEnd = gzip != nil ? min(capacity - 1, end + Self.inflateStepBytes) : capacity - 1
        while end < fillEnd {
            let got: Int
            if let gzip {
                got = try gzip.inflate(into: buffer + end, count: fillEnd - end, uncompressedOffset: consumedBytes + end)
            } else {
                got = try readPlain(into: buffer + end, count: capacity - 1 - end)
            }
            if got == 0 {
                atEndOfFile = true
                break
            }
            end += got
            readAny = true
        }
        return readAny
    }

    /// ``refill()`` of a mapped file: the window moves to the page of the first unread byte (the
    /// pages before it are unmapped) and takes the next bytes of the file, as many as a read into
    /// the buffer would (up to `capacity - 1` unread bytes), and the same end-of-file rule.
    private func refillMapped() throws -> Bool {
        guard var map = mapping else { return false }
        let absoluteStart = consumedBytes + start
        let absoluteEnd = consumedBytes + end
        if absoluteEnd - absoluteStart == capacity - 1 {
            consumedBytes = absoluteStart
            start = 0
            end = capacity - 1
            throw ReadError(
                kind: .malformedData, path: path,
                found: "a line of more than \(Self.maximumLineBytes) bytes without a newline, from byte offset \(absoluteStart)",
                expected: "CSV lines of at most 4 MiB (a raw acceleration row is a few dozen bytes)")
        }
        map.advance(windowStart: absoluteStart)
        mapping = map
        let newEnd = min(map.fileBytes, absoluteStart + capacity - 1)
        guard map.populate(absoluteEnd..<newEnd) else {
            throw ReadError(
                kind: .io, path: path, byteOffset: absoluteEnd, found: "the file ended early (it shrank while being read)",
                expected: "a file that stays as it is while it is read")
        }
        consumedBytes = map.windowStart
        buffer = map.base + map.windowStart
        start = absoluteStart - map.windowStart
        end = newEnd - map.windowStart
        // A read into the buffer stops when the buffer is full, else when the file gives nothing more.
        if newEnd - absoluteStart < capacity - 1 { atEndOfFile = true }
        return newEnd > absoluteEnd
    }

    /// Up to `count` bytes of a plain file; 0 at its end.
    private func readPlain(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        while true {
            let got = read(descriptor, destination, count)
            if got >= 0 { return got }
            if errno == EINTR { continue }
            throw ReadError(
                kind: .io, path: path, byteOffset: consumedBytes + end, found: "a read error (errno \(errno))",
                expected: "a readable file")
        }
    }

    /// The first `count` bytes of the file as a reader sees them (inflated when it is gzip):
    /// enough to recognise a compressed binary file (`.cwa.gz`) by its signature. Reads one
    /// chunk through the stream itself, so that one gzip reader serves every format. Fewer
    /// bytes for a shorter file.
    /// A gzip stream cut or damaged within the first chunk gives the bytes inflated before the
    /// damage (the reader meets the damage again, and says so, when it gets there).
    static func prefix(path: String, count: Int) throws -> [UInt8] {
        let stream = try _ByteStream(path: path)
        do {
            try stream.refill()
        } catch let error as ReadError where stream.isCompressed && error.kind == .malformedData {}
        return Array(UnsafeBufferPointer(start: stream.buffer, count: min(stream.end, max(0, count))))
    }

    /// Share of the file on disk read so far (0-1), for progress: the compressed offset for `.gz`.
    var fractionRead: Double {
        guard fileBytes > 0 else { return 1 }
        let offset = gzip?.compressedOffset ?? consumedBytes + end
        return min(1, max(0, Double(offset) / Double(fileBytes)))
    }

    /// Whether the file is gzip-compressed (being inflated rather than copied).
    var isCompressed: Bool { gzip != nil }

    /// The library inflating a gzip file ("ISA-L 2.30.0", "zlib 1.2.13"); nil for a plain file.
    var inflaterDescription: String? { gzip?.description }
}
