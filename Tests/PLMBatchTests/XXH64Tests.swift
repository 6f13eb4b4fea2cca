import Foundation
import Testing
@testable import PLMBatch

/// Digests from the reference implementation (the `xxhash` 3.x C library through its Python
/// binding, `xxhash.xxh64(m, seed=0).hexdigest()`), covering the short path (< 32 bytes), the
/// stripe loop, and every tail length class (8-, 4- and 1-byte steps).
@Suite struct XXH64Tests {
    @Test(arguments: [
        ([UInt8](), "ef46db3751d8e999"),
        (Array("a".utf8), "d24ec4f1a98c6e5b"),
        (Array("abc".utf8), "44bc2cf5ad770999"),
        (Array("0123456789abcdef0123456789abcdef0".utf8), "e87684f08d6d0816"),
        (Array(repeating: Array(0...255) as [UInt8], count: 4).flatMap { $0 } + Array("xyz".utf8), "e146cb31b65bc21a"),
    ])
    func referenceDigests(message: [UInt8], digest: String) {
        #expect(XXH64.hex(of: message) == digest)
    }

    @Test func oneMillionAsInUnevenPieces() {
        var hasher = XXH64()
        let piece = Array(repeating: UInt8(ascii: "a"), count: 999)
        var fed = 0
        while fed < 1_000_000 {
            let n = min(piece.count - (fed % 7), 1_000_000 - fed)
            hasher.update(piece[0..<n])
            fed += n
        }
        #expect(hasher.hexDigest() == "dc483aaa9b4fdc40")
    }

    @Test func fileDigestAndSize() throws {
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        let path = try folder.write("abc", to: "abc.txt")
        let hashed = try #require(XXH64.file(at: path))
        #expect(hashed.bytes == 3)
        #expect(hashed.hex == "44bc2cf5ad770999")
        #expect(XXH64.file(at: folder.file("missing")) == nil)
    }
}
