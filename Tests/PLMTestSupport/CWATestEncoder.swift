import Foundation

/// Writes `.cwa` files for tests, straight from the layout in OpenMovement's `cwa.h` (written
/// independently of the reader: byte positions, packing and checksum spelled out here).
public struct CWATestEncoder {
    /// One data sector: integer samples (raw units, `perG` per g) and its time stamp.
    public struct Sector {
        public var samples: [(Int, Int, Int)]
        /// Whole seconds since 1970 of the time stamp (device clock).
        public var timestampS: Int
        /// Fraction of a second of the time stamp, in 1/32768 s (nil = old-style, no fraction).
        public var fraction32768: Int?
        /// Sample index (within the sector) the whole-second time stamp belongs to.
        public var timestampOffset: Int
        public var sequence: UInt32

        public init(samples: [(Int, Int, Int)], timestampS: Int, fraction32768: Int?, timestampOffset: Int, sequence: UInt32) {
            self.samples = samples
            self.timestampS = timestampS
            self.fraction32768 = fraction32768
            self.timestampOffset = timestampOffset
            self.sequence = sequence
        }
    }

    public enum Packing: Sendable { case packed10Bit, axes3Int16, ax6Int16 }

    public var packing: Packing = .packed10Bit
    /// Rate code: 0x4A = 100 Hz ±8 g (3200 / 2^(15-10) = 100; 16 >> 1 = 8).
    public var rateCode: UInt8 = 0x4A
    /// Accelerometer scale exponent in the light word's top 3 bits: perG = 2^(8+n).
    public var scaleExponent: Int = 0
    public var deviceID: UInt32 = 0x0001_2345
    public var annotation = "_p=left+ankle&_sc=7"

    public init(packing: Packing = .packed10Bit) { self.packing = packing }

    public var perG: Int { 1 << (8 + scaleExponent) }
    public var samplesPerSector: Int {
        switch packing {
        case .packed10Bit: 120
        case .axes3Int16: 80
        case .ax6Int16: 40
        }
    }

    public static func packedTime(_ seconds: Int) -> UInt32 {
        let days = seconds / 86_400, rest = seconds % 86_400
        let date = CivilCalendarTestHelper.date(daysSince1970: days)
        let y = UInt32(date.year - 2000), mo = UInt32(date.month), d = UInt32(date.day)
        let h = UInt32(rest / 3600), mi = UInt32(rest / 60 % 60), s = UInt32(rest % 60)
        return y << 26 | mo << 22 | d << 17 | h << 12 | mi << 6 | s
    }

    public func header() -> [UInt8] {
        var b = [UInt8](repeating: 0xFF, count: 1024)
        put16(&b, 0, 0x444D)  // "MD"
        put16(&b, 2, 1020)
        b[4] = packing == .ax6Int16 ? 0x64 : 0x17
        put16(&b, 5, UInt16(deviceID & 0xFFFF))
        put32(&b, 7, 42)  // session
        put16(&b, 11, UInt16(deviceID >> 16))
        put32(&b, 13, 0)
        put32(&b, 17, 0xFFFF_FFFF)
        b[35] = packing == .ax6Int16 ? 0x02 : 0x00
        b[36] = rateCode
        b[41] = 45
        put16(&b, 42, 0xFFFF)
        let text = Array(annotation.utf8)
        for (i, c) in text.enumerated() { b[64 + i] = c }
        for i in (64 + text.count)..<512 { b[i] = 0x20 }
        return b
    }

    public func sector(_ s: Sector) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: 512)
        put16(&b, 0, 0x5841)  // "AX"
        put16(&b, 2, 508)
        var offset = s.timestampOffset
        if let fraction = s.fraction32768 {
            put16(&b, 4, UInt16(0x8000 | fraction))
            // cwa.h: the device shifts the offset back by the whole samples of the fraction.
            offset -= (fraction * 2 * 100) >> 16
        }
        put32(&b, 6, 42)
        put32(&b, 10, s.sequence)
        put32(&b, 14, Self.packedTime(s.timestampS))
        put16(&b, 18, UInt16(scaleExponent << 13 | 0x0123))
        put16(&b, 20, 300)
        b[24] = rateCode
        switch packing {
        case .packed10Bit: b[25] = 0x30
        case .axes3Int16: b[25] = 0x32
        case .ax6Int16: b[25] = 0x62
        }
        put16(&b, 26, UInt16(bitPattern: Int16(offset)))
        put16(&b, 28, UInt16(s.samples.count))
        for (j, v) in s.samples.enumerated() {
            switch packing {
            case .packed10Bit:
                put32(&b, 30 + 4 * j, Self.pack(v))
            case .axes3Int16:
                for (a, value) in [v.0, v.1, v.2].enumerated() { put16(&b, 30 + 6 * j + 2 * a, UInt16(bitPattern: Int16(value))) }
            case .ax6Int16:
                let values = [1000 + j, -1000 - j, 7, v.0, v.1, v.2]  // gyro first, then accel
                for (a, value) in values.enumerated() { put16(&b, 30 + 12 * j + 2 * a, UInt16(bitPattern: Int16(value))) }
            }
        }
        var sum: UInt16 = 0
        for i in stride(from: 0, to: 510, by: 2) { sum &+= UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
        put16(&b, 510, 0 &- sum)
        return b
    }

    /// `eezzzzzz zzzzyyyy yyyyyyxx xxxxxxxx`: the smallest exponent that holds all three values.
    public static func pack(_ v: (Int, Int, Int)) -> UInt32 {
        for e in 0..<4 {
            let m = [v.0, v.1, v.2].map { $0 >> e }
            if m.allSatisfy({ (-512...511).contains($0) }) && zip(m, [v.0, v.1, v.2]).allSatisfy({ $0 << e == $1 }) {
                return UInt32(e) << 30 | UInt32(m[2] & 0x3FF) << 20 | UInt32(m[1] & 0x3FF) << 10 | UInt32(m[0] & 0x3FF)
            }
        }
        return 0
    }

    public func file(_ sectors: [Sector]) -> Data {
        var data = Data(header())
        for s in sectors { data.append(contentsOf: sector(s)) }
        return data
    }

    private func put16(_ b: inout [UInt8], _ at: Int, _ v: UInt16) {
        b[at] = UInt8(v & 0xFF)
        b[at + 1] = UInt8(v >> 8)
    }

    private func put32(_ b: inout [UInt8], _ at: Int, _ v: UInt32) {
        put16(&b, at, UInt16(v & 0xFFFF))
        put16(&b, at + 2, UInt16(v >> 16))
    }
}

/// Days since 1970 to a civil date (Howard Hinnant's algorithm, written out again for the tests).
public enum CivilCalendarTestHelper {
    public static func date(daysSince1970 z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
