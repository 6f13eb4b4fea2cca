import Foundation
import Testing
@testable import PLMBatch

/// The example digests of FIPS 180-2, appendix B, and the empty message (NIST's examples page).
@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownDigests(message: String, digest: String) {
        #expect(SHA256.hex(of: Array(message.utf8)) == digest)
    }

    @Test func oneMillionAsInUnevenPieces() {
        var hasher = SHA256()
        let piece = Array(repeating: UInt8(ascii: "a"), count: 999)
        var fed = 0
        while fed < 1_000_000 {
            let n = min(piece.count - (fed % 7), 1_000_000 - fed)
            hasher.update(piece[0..<n])
            fed += n
        }
        #expect(hasher.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func fileDigestAndSize() throws {
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        let path = try folder.write("abc", to: "abc.txt")
        let hashed = try #require(SHA256.file(at: path))
        #expect(hashed.bytes == 3)
        #expect(hashed.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.file(at: folder.file("missing")) == nil)
    }
}
