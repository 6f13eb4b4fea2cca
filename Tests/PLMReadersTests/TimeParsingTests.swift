import Foundation
import Testing

import PLMCore
@testable import PLMReaders
import PLMTestSupport

@Suite("Timestamps and clock times")
struct TimeParsingTests {
    func parse(_ syntax: _TimeSyntax, _ text: String, decimalMark: UInt8 = 0x2E) -> _ParsedStamp? {
        syntax.parse(text, decimalMark: decimalMark)
    }

    /// Expected nanoseconds since 1970 from Python's `calendar.timegm` (UTC reading of the wall time).
    @Test(arguments: [
        ("2026-01-01T23:00:00", Int64(1_767_308_400) * 1_000_000_000),
        ("2026-01-01 23:00:00.5", Int64(1_767_308_400) * 1_000_000_000 + 500_000_000),
        ("2019-10-16T12:09:01.702+02:00", Int64(1_571_227_741) * 1_000_000_000 + 702_000_000),
        ("2017-09-12T15:00:00Z", Int64(1_505_228_400) * 1_000_000_000),
        ("2000-02-29 00:00:00.000001", Int64(951_782_400) * 1_000_000_000 + 1000),
        ("1969-12-31 23:59:59", -Int64(1_000_000_000)),
    ])
    func iso8601(_ text: String, _ localNs: Int64) throws {
        let stamp = try #require(parse(.pattern(.iso8601), text))
        #expect(stamp.localNs == localNs)
    }

    @Test(arguments: ["9999-12-31 23:59:59.999", "1000-01-01 00:00:00", "12/31/9999 23:59:59.999", "2201-01-01T00:00:00Z"])
    func yearsOutsideTheSupportedRangeAreRefusedNotTrapped(_ text: String) throws {
        #expect(parse(.pattern(.iso8601), text) == nil)
        let actiLife = try #require(_TimePattern.actiLife(dateFormat: "M/d/yyyy", withTime: true))
        #expect(parse(.pattern(actiLife), text) == nil)
        #expect(parse(.excelDays, "2958465.5") == nil)
    }

    @Test func offsetsAreKept() throws {
        let stamp = try #require(parse(.pattern(.iso8601), "2019-10-16T12:09:01.702-05:30"))
        #expect(stamp.hasOffset && stamp.offsetS == -(5 * 3600 + 30 * 60))
        #expect(stamp.instantNs(defaultOffsetS: 0) == stamp.localNs + Int64(5 * 3600 + 30 * 60) * 1_000_000_000)
    }

    @Test(arguments: ["2026-02-30 00:00:00", "2026-13-01 00:00:00", "2026-01-01 25:00:00", "2026-01-01", "2026-01-01T10:00:00+2", "garbage"])
    func invalidISO(_ text: String) {
        #expect(parse(.pattern(.iso8601), text) == nil)
    }

    @Test func dayCacheAgreesWithTokens() throws {
        // Consecutive rows through the cache give what the token matcher gives.
        var cache = _ISODayCache()
        let texts = ["2026-01-01 23:59:59.990", "2026-01-01 23:59:59.995", "2026-01-02 00:00:00.000", "2026-01-02 00:00:00.01", "2026-01-02T00:00:01"]
        for text in texts {
            var bytes = Array(text.utf8)
            let viaCache = bytes.withUnsafeMutableBufferPointer { b in cache.parse(b.baseAddress!, b.baseAddress! + b.count, pattern: .iso8601) }
            let viaTokens = bytes.withUnsafeMutableBufferPointer { b in _TimePattern.iso8601.parseTokens(b.baseAddress!, b.baseAddress! + b.count) }
            #expect(viaCache == viaTokens && viaCache != nil, "\(text)")
        }
    }

    @Test func dayCacheAgreesWithTokensWithOffsets() throws {
        // Runs of consecutive rows with and without a UTC offset suffix, switching suffix and day,
        // plus mutated rows: the cache gives exactly what the token matcher gives, row by row.
        var cache = _ISODayCache()
        var g = SplitMix64(state: 2026)
        let suffixes = ["", "Z", "+01:00", "-05:30", "+0100", "+14:00", "-00:00"]
        var seconds = 0
        for i in 0..<30_000 {
            if i % 500 == 0 { seconds = Int.random(in: 0..<86_400 * 3, using: &g) }
            seconds += Int.random(in: 0...2, using: &g)
            let day = 14 + seconds / 86_400, s = seconds % 86_400
            func twoDigits(_ v: Int) -> String { String(String(v + 100).dropFirst()) }
            let millis = String(String(Int.random(in: 1000...1999, using: &g)).dropFirst())
            let clock: String = twoDigits(s / 3600) + ":" + twoDigits(s / 60 % 60) + ":" + twoDigits(s % 60)
            let text: String = "2026-01-\(day)T" + clock + "." + millis + suffixes[(i / 250) % suffixes.count]
            var bytes = Array(text.utf8)
            if i % 97 == 0 { bytes[Int.random(in: 0..<bytes.count, using: &g)] = UInt8(ascii: "9") }
            let viaCache: _ParsedStamp? = bytes.withUnsafeMutableBufferPointer { b in
                cache.parse(b.baseAddress!, b.baseAddress! + b.count, pattern: .iso8601)
            }
            let viaTokens: _ParsedStamp? = bytes.withUnsafeMutableBufferPointer { b in
                _TimePattern.iso8601.parseTokens(b.baseAddress!, b.baseAddress! + b.count)
            }
            #expect(viaCache == viaTokens, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func minuteCacheAgreesWithTokens() throws {
        // 100-Hz-like runs inside one minute (the minute fast path), with fraction lengths of 0-9
        // digits, ',' or '.', suffixes switching back and forth between rows of the same minute,
        // and bytes of the seconds, fraction or suffix damaged: row by row, what the tokens give.
        var cache = _ISODayCache()
        var g = SplitMix64(state: 1515)
        let suffixes = ["", "Z", "+01:00", "-05:30", "+14:00", "+0100"]
        var centiseconds = 0
        for i in 0..<40_000 {
            if i % 700 == 0 { centiseconds = Int.random(in: 0..<(86_400 * 100 * 2), using: &g) }
            centiseconds += 1
            let s = centiseconds / 100 % 86_400, day = 15 + centiseconds / 8_640_000
            func twoDigits(_ v: Int) -> String { String(String(v + 100).dropFirst()) }
            let fractionDigits = (i / 300) % 10
            let digits = String(String(centiseconds % 100 + 100).dropFirst()) + String(repeating: "7", count: 8)
            let fraction = String(digits.prefix(fractionDigits))
            let mark = i % 1300 < 1100 ? "." : ","
            let suffix = i % 37 == 0 ? suffixes[Int.random(in: 0..<suffixes.count, using: &g)] : suffixes[(i / 2000) % suffixes.count]
            var text = "2026-01-\(day)T" + twoDigits(s / 3600) + ":" + twoDigits(s / 60 % 60) + ":" + twoDigits(s % 60)
            if fractionDigits > 0 { text += mark + fraction }
            text += suffix
            var bytes = Array(text.utf8)
            if i % 53 == 0 {
                let at = Int.random(in: 16..<bytes.count, using: &g)
                bytes[at] = Array("0123456789:.,+-Z ".utf8)[Int.random(in: 0..<17, using: &g)]
            }
            let viaCache: _ParsedStamp? = bytes.withUnsafeMutableBufferPointer { b in
                cache.parse(b.baseAddress!, b.baseAddress! + b.count, pattern: .iso8601)
            }
            let viaTokens: _ParsedStamp? = bytes.withUnsafeMutableBufferPointer { b in
                _TimePattern.iso8601.parseTokens(b.baseAddress!, b.baseAddress! + b.count)
            }
            #expect(viaCache == viaTokens, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test(arguments: ["M/d/yyyy", "dd/MM/yyyy", "yyyy-MM-dd", "d.M.yyyy", "M-d-yy"])
    func dateTimeFastPathAgreesWithTokens(_ format: String) throws {
        let pattern = try #require(_TimePattern.actiLife(dateFormat: format, withTime: true))
        let fast = try #require(pattern.dateTimeFast)
        var g = SplitMix64(state: UInt64(format.utf8.count))
        let alphabet = Array("0123456789/-.: ,".utf8)
        for i in 0..<20_000 {
            // Valid stamps written in the format, and mutilated ones.
            let (y, m, d) = (Int.random(in: 1990...2030, using: &g), Int.random(in: 1...12, using: &g), Int.random(in: 1...28, using: &g))
            var text = format.replacingOccurrences(of: "yyyy", with: "\(y)").replacingOccurrences(of: "yy", with: String(y % 100 + 100).dropFirst())
                .replacingOccurrences(of: "MM", with: String(m + 100).dropFirst()).replacingOccurrences(of: "M", with: "\(m)")
                .replacingOccurrences(of: "dd", with: String(d + 100).dropFirst()).replacingOccurrences(of: "d", with: "\(d)")
            text += " \(Int.random(in: 0...23, using: &g)):" + String(Int.random(in: 100...159, using: &g)).dropFirst()
                + ":" + String(Int.random(in: 100...159, using: &g)).dropFirst()
            if Bool.random(using: &g) { text += "." + String(Int.random(in: 0...999_999, using: &g)) }
            var bytes = Array(text.utf8)
            let mutated = i % 3 == 0
            if mutated { bytes[Int.random(in: 0..<bytes.count, using: &g)] = alphabet.randomElement(using: &g)! }
            let (viaFast, viaTokens) = bytes.withUnsafeBufferPointer { b in
                (fast.parse(b.baseAddress!, b.baseAddress! + b.count), pattern.parseTokens(b.baseAddress!, b.baseAddress! + b.count))
            }
            if let viaFast { #expect(viaFast == viaTokens, "\(String(decoding: bytes, as: UTF8.self))") }
            if !mutated { #expect(viaFast != nil && viaTokens != nil, "\(text)") }
        }
    }

    @Test func geneActivColonMilliseconds() throws {
        let stamp = try #require(parse(.pattern(.geneactiv), "2013-06-24 15:11:41:500"))
        // calendar.timegm((2013, 6, 24, 15, 11, 41)) = 1372086701
        #expect(stamp.localNs == Int64(1_372_086_701) * 1_000_000_000 + 500_000_000)
    }

    @Test func actiLifeDeclaredFormats() throws {
        let us = try #require(_TimePattern.actiLife(dateFormat: "M/d/yyyy", withTime: true))
        let eu = try #require(_TimePattern.actiLife(dateFormat: "dd/MM/yyyy", withTime: true))
        let a = try #require(parse(.pattern(us), "6/14/2018 12:08:39.725"))
        let b = try #require(parse(.pattern(eu), "14/06/2018 12:08:39.725"))
        #expect(a == b)
        #expect(parse(.pattern(us), "14/6/2018 12:08:39.725") == nil)
    }

    @Test func strptimePatterns() throws {
        let p = try #require(_TimePattern.strptime("%d.%m.%Y %H:%M:%S,%f"))
        let a = try #require(parse(.pattern(p), "14.06.2018 12:08:39,725"))
        let b = try #require(parse(.pattern(.iso8601), "2018-06-14T12:08:39.725"))
        #expect(a == b)
        let named = try #require(_TimePattern.strptime("%d-%b-%Y %T"))
        #expect(parse(.pattern(named), "01-Oct-2009 17:00:00") == parse(.pattern(.iso8601), "2009-10-01 17:00:00"))
        #expect(_TimePattern.strptime("%H:%M") == nil)
        #expect(_TimePattern.strptime("%Y-%m-%d %Q") == nil)
    }

    @Test func unixAndExcel() throws {
        #expect(parse(.unixSeconds, "1551178506.0100")?.localNs == 1_551_178_506_010_000_000)
        #expect(parse(.unixMilliseconds, "1595933810034")?.localNs == 1_595_933_810_034_000_000)
        #expect(parse(.unixMilliseconds, "1.595933810034E12")?.localNs == 1_595_933_810_034_000_000)
        // Excel day 25569 is 1970-01-01; 43265.5 is 2018-06-14 12:00 (1899-12-30 + 43265.5 days).
        #expect(parse(.excelDays, "25569")?.localNs == 0)
        #expect(parse(.excelDays, "43265.5")?.localNs == Int64(1_528_977_600) * 1_000_000_000)
        #expect(parse(.unixSeconds, "12:00") == nil)
    }

    @Test func clockTimeFormatting() {
        #expect(RecordingClockTime(secondsSince1970: 1_767_308_400.25, utcOffsetS: nil).iso8601 == "2026-01-01T23:00:00.250")
        #expect(RecordingClockTime(secondsSince1970: 1_767_308_400, utcOffsetS: 3600).iso8601 == "2026-01-01T23:00:00.000+01:00")
        #expect(RecordingClockTime(secondsSince1970: 0, utcOffsetS: 0).iso8601 == "1970-01-01T00:00:00.000Z")
        #expect(RecordingClockTime(secondsSince1970: -0.5, utcOffsetS: -16_200).iso8601 == "1969-12-31T23:59:59.500-04:30")
    }

    @Test func commandLineDateTimes() throws {
        let plain = try #require(RecordingClockTime(iso8601: "2026-01-01T23:00:00"))
        #expect(plain.secondsSince1970 == 1_767_308_400 && plain.utcOffsetS == nil)
        let short = try #require(RecordingClockTime(iso8601: "2026-01-01 23:00"))
        #expect(short == plain)
        let zoned = try #require(RecordingClockTime(iso8601: "2026-01-01T23:00:00+01:00"))
        #expect(zoned.utcOffsetS == 3600 && zoned.utcSecondsSince1970 == 1_767_304_800)
        #expect(RecordingClockTime(iso8601: "2026-01-01T23:00:00.5Z")?.utcOffsetS == 0)
        #expect(RecordingClockTime(iso8601: "tomorrow") == nil)
        #expect(RecordingClockTime(iso8601: "2026-01-01") == nil)
        // Round trip through the formatter.
        #expect(RecordingClockTime(iso8601: zoned.iso8601) == zoned)
    }

    @Test func optionSpellings() {
        #expect(AccelerationUnit(argument: "mg") == .milliG)
        #expect(AccelerationUnit(argument: "m/s2") == .metresPerSecondSquared)
        #expect(AccelerationUnit(argument: "counts:64:128") == .counts(perG: 64, zero: 128))
        #expect(AccelerationUnit(argument: "furlongs") == nil)
        #expect(TimeFormat(argument: "unix-ms") == .unixMilliseconds)
        #expect(TimeFormat(argument: "%Y-%m-%d %H:%M:%S") == .pattern("%Y-%m-%d %H:%M:%S"))
        #expect(TimeFormat(argument: "sometime") == nil)
        #expect(ColumnRole.list(parsing: "-,time,x,y,z") == [.ignore, .time, .x, .y, .z])
        #expect(ColumnRole.list(parsing: "x,y") == nil)
        #expect(ColumnRole.list(parsing: "x,x,y,z") == nil)
    }
}
