import CSystemZlib
import Foundation
import Testing

@testable import PLMReaders

/// The reader rows of issue 12's table.
@Suite("Hardening: the issue 12 table, reader rows")
struct IssueTableReaderTests {
    /// 100 Hz rows at rest (0, 0, 1 g) with `value` as x on line `badLine` (1-based; line 1 is the header).
    private func restingFile(rows: Int = 300, badLine: Int, value: String) throws -> String {
        var text = "time,x,y,z\n"
        for k in 0..<rows {
            let ms = k * 10
            let stamp = "2026-01-01T00:00:\(ms / 1000 < 10 ? "0" : "")\(ms / 1000).\(String(format: "%03d", ms % 1000))"
            text += "\(stamp),\(k + 2 == badLine ? value : "0.01"),0.02,0.99\n"
        }
        return try TestFiles.write(text)
    }

    @Test("A value of 1e39 (beyond Float) is an excluded out-of-range defect at its line, NaN, never infinity")
    func beyondFloatIsADefect() throws {
        let r = try RecordingReader.read(path: try restingFile(badLine: 101, value: "1e39"))
        #expect(r.sampleCount == 300)
        #expect(!r.x.contains { $0.isInfinite } && !r.y.contains { $0.isInfinite } && !r.z.contains { $0.isInfinite })
        #expect(r.x[99].isNaN)
        let defect = try #require(r.defects.first { $0.kind == .outOfRangeValue })
        #expect(defect.line == 101 && defect.sampleRange == 99..<100 && defect.excludesFromScoring)
        // Row 99 is 0.99 s after the first.
        #expect(abs(defect.span.startS - 0.99) < 1e-9)
    }

    @Test("Values beyond the documented bound (10^6 g) are out of range too; 65 535 raw counts are not", arguments: [
        ("2e6", true), ("-1.5e6", true), ("65535", false),
    ])
    func boundIsTheDocumentedOne(value: String, outOfRange: Bool) throws {
        #expect(DefectThresholds.largestValueG == 1e6)
        var options = ReadOptions()
        options.units = .g  // 65535 g fails the gravity check: the explicit unit makes it a warning
        let r = try RecordingReader.read(path: try restingFile(badLine: 50, value: value), options: options)
        #expect(r.defects.contains { $0.kind == .outOfRangeValue } == outOfRange)
    }

    @Test("--units g given: a 0.07 g file is read with a warning carrying the magnitude")
    func explicitUnitIsTaken() throws {
        var text = "time,x,y,z\n"
        for k in 0..<200 {
            text += "2026-01-01T00:00:\(k / 100 < 10 ? "0" : "")\(k / 100).\(String(format: "%03d", (k % 100) * 10)),0.03,0.02,0.06\n"
        }
        let path = try TestFiles.write(text)
        #expect(expectReadError(path)?.kind == .implausibleUnits)
        var options = ReadOptions()
        options.units = .g
        let r = try RecordingReader.read(path: path, options: options)
        #expect(r.sampleCount == 200)
        let warning = try #require(r.metadata.first { $0.key == "unitWarning" }?.value)
        #expect(warning.contains("0.07 g"), "\(warning)")
        #expect(FileInspection(r).metadata.contains { $0.key == "unitWarning" && $0.value == warning })
    }

    @Test("Epoch summaries are refused by name, with the epoch length", arguments: [
        // biobankAccelerometerAnalysis epoch.csv (5 s epochs; the zone name in brackets).
        ("time,enmoTrunc,enmoAbove0,xRange,yRange,zRange,temp,samples\n"
            + "2014-05-07 13:29:50.000+0100 [Europe/London],0.01,0.02,0.1,0.1,0.1,20,500\n"
            + "2014-05-07 13:29:55.000+0100 [Europe/London],0.02,0.03,0.1,0.1,0.1,20,500\n",
         "an epoch summary (5 s epochs of enmoTrunc, enmoAbove0, xRange ...), not raw samples"),
        // GGIR part 1 epoch output (5 s).
        ("timestamp,ENMO,anglez\n2020-01-01T00:00:00+0100,0.01,-40\n2020-01-01T00:00:05+0100,0.02,-41\n",
         "an epoch summary (5 s epochs of ENMO, anglez), not raw samples"),
        // ActiLife counts (10 s epochs).
        ("Date Time,Axis1,Axis2,Axis3,Vector Magnitude\n2020-01-01 00:00:00,10,2,3,12\n2020-01-01 00:00:10,11,2,3,13\n",
         "an epoch summary (10 s epochs of Vector Magnitude), not raw samples"),
        // Activity index (ActivityIndex R package, 60 s epochs).
        ("time,AI\n2020-01-01 00:00:00,1.5\n2020-01-01 00:01:00,2.5\n",
         "an epoch summary (60 s epochs of AI), not raw samples"),
    ])
    func epochSummaryRefusedByName(text: String, found: String) throws {
        let e = try #require(expectReadError(try TestFiles.write(text)))
        #expect(e.kind == .notRawAcceleration && e.exitStatus == .dataError)
        #expect(e.found == found, "\(e)")
        #expect(e.line == 1)
    }

    @Test("A line without a newline stops at the documented bound with the byte offset")
    func endlessLine() throws {
        var data = Data("time,x,y,z\n2026-01-01T00:00:00.000,0.01,0.02,0.99\n".utf8)
        data.append(Data(repeating: UInt8(ascii: "7"), count: _ByteStream.chunkBytes + 10))
        let e = try #require(expectReadError(try TestFiles.write(data)))
        #expect(e.kind == .malformedData)
        #expect(e.found.contains("without a newline, from byte offset"), "\(e)")
    }

    @Test("A gzip stream inflating to an endless line stops at the same bound")
    func gzipBomb() throws {
        // 64 MiB of "7" gzip-compressed to about 64 KiB: the reader stops after 4 MiB.
        let path = try TestFiles.write(Data(), name: "bomb.csv.gz")
        let file = try #require(gzopen(path, "wb9"))
        let head = Array("time,x,y,z\n2026-01-01T00:00:00.000,0.01,0.02,0.99\n".utf8)
        _ = head.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
        let chunk = [UInt8](repeating: UInt8(ascii: "7"), count: 1 << 20)
        for _ in 0..<64 { _ = chunk.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) } }
        gzclose(file)
        let compressedBytes = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(compressedBytes < 1 << 20)
        let e = try #require(expectReadError(path))
        #expect(e.kind == .malformedData)
        #expect(e.found.contains("of the uncompressed data"), "\(e)")
    }
}
