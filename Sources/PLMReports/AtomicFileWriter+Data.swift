import Foundation
import PLMCore

extension AtomicFileWriter {
    /// Writes `data` to `path` atomically (``AtomicFileWriter/write(_:to:)-([UInt8],_)``).
    public static func write(_ data: Data, to path: String) throws(FileWriteError) {
        try write([UInt8](data), to: path)
    }
}
