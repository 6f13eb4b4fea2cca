import Foundation
import Testing

import PLMCore
@testable import PLMReaders

/// One hand-written fixture and what a person reads off it.
struct FixtureCase: CustomStringConvertible, Sendable {
    var file: String
    var options: ReadOptions = ReadOptions()
    var layout: RecordingLayout
    var samples: Int
    var first: (Double, Double, Double)
    var last: (Double, Double, Double)
    var rateHz: Double
    var rateTolerance = 1e-6
    var declaredRateHz: Double?
    /// ISO 8601 start as `RecordingClockTime.iso8601` writes it; nil when the file has no clock.
    var start: String?
    var durationS: Double
    var description: String { file }
}

private func options(_ change: (inout ReadOptions) -> Void) -> ReadOptions {
    var o = ReadOptions()
    change(&o)
    return o
}

let fixtureCases: [FixtureCase] = [
    // 8 rows 25 ms apart: 40 Hz; duration 7 x 0.025 + 0.025 = 0.2 s. Start from the first
    // timestamp (12:08:39.725), not the header's 11:27:00 (a cropped export).
    FixtureCase(
        file: "actigraph_timestamped.csv", layout: .actigraph, samples: 8, first: (-0.009, -0.053, -0.988),
        last: (0.021, -0.062, -1.003), rateHz: 40, declaredRateHz: 40, start: "2018-06-14T12:08:39.725", durationS: 0.2),
    // CRLF, ",," padded header, trailing blank line, no Timestamp: start = header 12/20/2021 11:55:00,
    // 7 rows at 30 Hz = 7/30 s.
    FixtureCase(
        file: "actigraph_no_timestamp_crlf_padded.csv", layout: .actigraph, samples: 7, first: (-0.015, 0.029, -1.006),
        last: (0.003, 0.041, -0.994), rateHz: 30, declaredRateHz: 30, start: "2021-12-20T11:55:00.000", durationS: 7.0 / 30),
    // No column-header line, two trailing blank lines: 8 rows at 30 Hz.
    FixtureCase(
        file: "actigraph_no_column_header.csv", layout: .actigraph, samples: 8, first: (0, 0, 0), last: (0.009, -1.000, 0.067),
        rateHz: 30, declaredRateHz: 30, start: "2012-06-27T10:54:00.000", durationS: 8.0 / 30),
    // Axis1..3 names, "Filter Nomral", "Current Memory Address 0", declared dd/MM/yyyy but written
    // 09-12-2017: only month-first fits the Download Date 09-19-2017, and the reader's first
    // fitting alternative (M-d-yyyy) gives 12 September. 4 rows at 50 Hz = 0.08 s.
    FixtureCase(
        file: "actigraph_axis_names_typos.csv", layout: .actigraph, samples: 4, first: (0.102, 0.945, -0.211),
        last: (0.101, 0.953, -0.203), rateHz: 50, declaredRateHz: 50, start: "2017-09-12T21:35:00.000", durationS: 0.08),
    // Unix seconds 1551178506 = 2019-02-26 10:55:06 UTC (Python datetime.utcfromtimestamp). Regular
    // steps 10, 9.7, 10.3, 10.3, 9.7, 10, 10 and 10 ms (after the gap): 8 steps in 0.08 s = 100 Hz.
    // Last time 0.28 s + 0.01 = 0.29 s.
    FixtureCase(
        file: "axivity_unix_jitter_gap.csv", layout: .axivity, samples: 10, first: (0.328125, 0.984375, 0.203125),
        last: (0.890625, -0.343750, -0.421875), rateHz: 100, start: "2019-02-26T10:55:06.000Z", durationS: 0.29),
    // Formatted time, 7 columns (gyro ignored): 5 rows 10 ms apart.
    FixtureCase(
        file: "axivity_ax6_formatted.csv", layout: .axivity, samples: 5, first: (0.007324, 0.071289, -0.998789),
        last: (0.004883, 0.073242, -0.999766), rateHz: 100, start: "2019-12-23T21:04:06.690", durationS: 0.05),
    // The same bytes gzip-compressed (make_fixtures.py).
    FixtureCase(
        file: "axivity_ax6_formatted.csv.gz", layout: .axivity, samples: 5, first: (0.007324, 0.071289, -0.998789),
        last: (0.004883, 0.073242, -0.999766), rateHz: 100, start: "2019-12-23T21:04:06.690", durationS: 0.05),
    // 100-line header, "Time Zone,GMT +01:00", colon before milliseconds, lux/button/temperature columns.
    FixtureCase(
        file: "geneactiv_export.csv", layout: .geneactiv, samples: 6, first: (-0.0547, 0.9648, -0.2461),
        last: (-0.0625, 0.9570, -0.2539), rateHz: 100, declaredRateHz: 100, start: "2013-06-24T15:11:41.500+01:00",
        durationS: 0.06),
    // mHealth: steps 13, 12, 12, 13 ms: 4 steps in 0.050 s = 80 Hz; duration 0.05 + 1/80.
    FixtureCase(
        file: "generic_mhealth.csv", layout: .generic, samples: 5, first: (0.396, 1.249, 0.161), last: (0.326, 1.117, 0.161),
        rateHz: 80, start: "2017-03-16T12:25:50.000", durationS: 0.0625),
    // ';', ISO with +02:00, milli-g integers (given as --units mg): 40 ms steps = 25 Hz.
    FixtureCase(
        file: "generic_garmin_semicolon_offset_mg.csv", options: options { $0.units = .milliG }, layout: .generic, samples: 4,
        first: (-0.012, 0.987, 0.104), last: (-0.011, 0.990, 0.106), rateHz: 25, start: "2019-10-16T12:09:01.702+02:00",
        durationS: 0.16),
    // Shimmer: "sep=;", names, units row (ms; m/(s^2)), trailing ';'. 1595933810034 ms =
    // 2020-07-28 10:56:50.034 UTC (Python). m/s^2 divided by 9.80665.
    FixtureCase(
        file: "generic_shimmer_units_row.csv", layout: .generic, samples: 3, first: (0.98 / 9.80665, 9.71 / 9.80665, -0.45 / 9.80665),
        last: (0.95 / 9.80665, 9.75 / 9.80665, -0.49 / 9.80665), rateHz: 100, start: "2020-07-28T10:56:50.034Z", durationS: 0.03),
    // Decimal comma, Excel days: 43265.5 = 2018-06-14 12:00 (1899-12-30 + 43265.5 days, Python).
    // Steps 0.0000001157 d = 9.996 ms and 0.0000001158 d = 10.005 ms (to the microsecond):
    // 2 steps in 20.002 ms = 99.990 Hz.
    FixtureCase(
        file: "generic_decimal_comma_excel.csv", layout: .generic, samples: 3, first: (0.012, -0.998, 0.051),
        last: (0.011, -1.001, 0.052), rateHz: 99.990, rateTolerance: 0.001, start: "2018-06-14T12:00:00.000",
        durationS: 0.020002 + 1 / 99.990),
    // x,y,z only, --rate 50: 5 samples = 0.1 s, no clock.
    FixtureCase(
        file: "generic_xyz_only.csv", options: options { $0.rateHz = 50 }, layout: .generic, samples: 5,
        first: (-0.6657, -0.2689, -0.7227), last: (-0.6735, -0.2141, -0.9008), rateHz: 50, start: nil, durationS: 0.1),
]

@Suite("Hand-written fixtures of every layout")
struct FixtureLayoutTests {
    @Test(arguments: fixtureCases)
    func readsFixture(_ c: FixtureCase) throws {
        let r = try RecordingReader.read(path: TestFiles.fixture(c.file), options: c.options)
        #expect(r.layout == c.layout)
        #expect(r.sampleCount == c.samples)
        #expect(r.y.count == c.samples && r.z.count == c.samples)
        #expect(r.x.first == Float(c.first.0) && r.y.first == Float(c.first.1) && r.z.first == Float(c.first.2))
        #expect(r.x.last == Float(c.last.0) && r.y.last == Float(c.last.1) && r.z.last == Float(c.last.2))
        #expect(close(r.sampleRateHz, c.rateHz, c.rateTolerance), "rate \(r.sampleRateHz)")
        #expect(r.declaredRateHz == c.declaredRateHz)
        #expect(r.start?.iso8601 == c.start)
        #expect(close(r.durationS, c.durationS, 1e-5), "duration \(r.durationS)")
        #expect(!r.layoutReason.isEmpty)
    }

    @Test func cleanFixturesHaveNoDefects() throws {
        for name in ["actigraph_timestamped.csv", "geneactiv_export.csv", "generic_mhealth.csv", "axivity_ax6_formatted.csv.gz"] {
            let r = try RecordingReader.read(path: TestFiles.fixture(name), options: ReadOptions())
            #expect(r.defects.isEmpty, "\(name): \(r.defects.map(\.detail))")
        }
    }

    @Test func axivityJitterIsNotAGapButTheHoleIs() throws {
        // Steps of 9.7-10.3 ms are jitter; the 200 ms step between 0.07 s and 0.27 s is one gap
        // of 0.2/0.01 - 1 = 19 missing samples, spanning [0.07 + 0.01, 0.27), at line 9.
        let r = try RecordingReader.read(path: TestFiles.fixture("axivity_unix_jitter_gap.csv"), options: ReadOptions())
        #expect(r.defects.count == 1)
        let gap = try #require(r.defects.first)
        #expect(gap.kind == .gap)
        #expect(close(gap.span.startS, 0.08, 1e-6) && close(gap.span.endS, 0.27, 1e-6))
        #expect(gap.sampleCount == 19)
        #expect(gap.sampleRange == 8..<8)
        #expect(gap.line == 9)
        #expect(close(r.sampleTimesS?[2], 0.0197, 1e-9))
    }

    @Test func zeroRowsAndClippingInActiGraphFile() throws {
        // Rows 0-2 are 0,0,0 (lines 11-13); rows 5-6 reach -6.000 g, the GT3X+ range (lines 16-17).
        let r = try RecordingReader.read(path: TestFiles.fixture("actigraph_no_column_header.csv"), options: ReadOptions())
        let zero = try #require(r.defects.first { $0.kind == .zeroFill })
        #expect(zero.sampleRange == 0..<3 && zero.line == 11)
        #expect(close(zero.span.startS, 0) && close(zero.span.endS, 0.1))
        let clip = try #require(r.defects.first { $0.kind == .clipping })
        #expect(clip.sampleRange == 5..<7 && clip.sampleCount == 2 && clip.line == 16)
        #expect(close(clip.span.startS, 5.0 / 30) && close(clip.span.endS, 7.0 / 30))
        #expect(r.defects.count == 2)
    }

    @Test func geneActivHeaderFacts() throws {
        let r = try RecordingReader.read(path: TestFiles.fixture("geneactiv_export.csv"), options: ReadOptions())
        #expect(r.start?.utcOffsetS == 3600)
        #expect(r.metadata.contains { $0.key == "deviceLocation" && $0.value == "left ankle" })
        #expect(r.layoutReason.contains("100 lines"))
    }

    @Test func inspectionSummarises() throws {
        let i = try RecordingReader.inspect(path: TestFiles.fixture("axivity_unix_jitter_gap.csv"), options: ReadOptions())
        #expect(i.layout == .axivity && i.samples == 10)
        #expect(i.start == "2019-02-26T10:55:06.000Z" && i.end == "2019-02-26T10:55:06.290Z")
        #expect(i.defects.map(\.kind) == [.gap])
        #expect(close(i.measuredRateHz, 100, 1e-6) && i.declaredRateHz == nil)
        let json = try JSONEncoder().encode(i)
        let back = try JSONDecoder().decode(FileInspection.self, from: json)
        #expect(back == i)
        // Each defect says whether it leaves scoring (a gap does).
        #expect(String(decoding: json, as: UTF8.self).contains(#""excluded":true"#))
    }
}

@Suite("Files the reader refuses, and why")
struct RefusalTests {
    @Test func epochCountFile() throws {
        let e = try #require(expectReadError(TestFiles.fixture("actigraph_epoch_counts.csv")))
        #expect(e.kind == .notRawAcceleration && e.exitStatus == .dataError)
        #expect(e.found.contains("counts per epoch") && e.found.contains("00:00:10"))
    }

    @Test func countColumnsWithoutActiLifeHeader() throws {
        let path = try TestFiles.write("TimeStamp,axis1,axis2,axis3,steps,vm\n2017-09-12T15:00:00Z,0,0,0,0,0\n2017-09-12T15:00:01Z,44,9,0,0,45\n")
        let e = try #require(expectReadError(path))
        #expect(e.kind == .notRawAcceleration)
        #expect(e.found == "an epoch summary (1 s epochs of steps, vm), not raw samples", "\(e)")
    }

    @Test func oneSamplePerSecondIsEpochData() throws {
        // 1 s steps (1 Hz < 5 Hz): epoch data even with x,y,z names and g-like values.
        let path = try TestFiles.write("time,x,y,z\n2020-01-01 00:00:00,0.1,0.2,0.97\n2020-01-01 00:00:01,0.1,0.2,0.97\n2020-01-01 00:00:02,0.1,0.2,0.98\n")
        let e = try #require(expectReadError(path))
        #expect(e.kind == .notRawAcceleration && e.found.contains("counts per epoch"))
    }

    @Test func absurdRatesAreRefused() throws {
        var o = ReadOptions()
        o.rateHz = 1e300
        #expect(expectReadError(TestFiles.fixture("generic_xyz_only.csv"), options: o)?.kind == .unknownLayout)
        let text = try String(contentsOfFile: TestFiles.fixture("actigraph_no_column_header.csv"), encoding: .utf8)
            .replacingOccurrences(of: "at 30 Hz", with: "at 1e308 Hz")
        #expect(expectReadError(try TestFiles.write(text))?.kind == .unknownLayout)
    }

    @Test func fileDescribedEntirelyByOptions() throws {
        // Two preamble lines, tab-separated, day-first dates with a comma before the milliseconds,
        // a skipped first column, milli-g values; every option given as on the command line.
        let text = "Logger 7\nexported by hand\n"
            + "17\t14.06.2018 12:08:39,725\t-9\t-53\t-988\n"
            + "18\t14.06.2018 12:08:39,745\t-9\t-53\t-982\n"
            + "19\t14.06.2018 12:08:39,765\t-12\t-50\t-985\n"
        var o = ReadOptions()
        o.format = .generic
        o.skipLines = 2
        o.delimiter = "\t"
        o.decimalMark = "."
        o.columns = ColumnRole.list(parsing: "-,time,x,y,z")
        o.timeFormat = TimeFormat(argument: "%d.%m.%Y %H:%M:%S,%f")
        o.units = AccelerationUnit(argument: "mg")
        o.utcOffsetS = 7200
        let r = try RecordingReader.read(path: try TestFiles.write(text), options: o)
        #expect(r.sampleCount == 3)
        #expect(r.x.first == Float(-0.009) && r.z.last == Float(-0.985))
        // 20 ms steps: 50 Hz; the given offset applies to the wall times.
        #expect(close(r.sampleRateHz, 50, 1e-6))
        #expect(r.start?.iso8601 == "2018-06-14T12:08:39.725+02:00")
    }

    @Test func byteOrderMarkBeforeHeaderlessData() throws {
        let text = "\u{FEFF}1551178506.0000,0.328125,0.984375,0.203125\n1551178506.0100,0.828125,-0.359375,-0.375000\n"
        let r = try RecordingReader.read(path: try TestFiles.write(text), options: ReadOptions())
        #expect(r.layout == .axivity && r.sampleCount == 2 && r.x.first == 0.328125)
    }

    @Test func singleTimestampedRowIsRead() throws {
        let r = try RecordingReader.read(path: try TestFiles.write("time,x,y,z\n2020-01-01 00:00:00.000,0.1,0.2,0.97\n"), options: ReadOptions())
        #expect(r.sampleCount == 1 && r.start?.iso8601 == "2020-01-01T00:00:00.000")
    }

    @Test func lsbCountsUnderAGHeader() throws {
        let e = try #require(expectReadError(TestFiles.fixture("actigraph_lsb_counts.csv")))
        #expect(e.kind == .implausibleUnits)
        #expect(e.hint?.contains("raw integer counts") == true)
    }

    @Test func milliGWithoutUnits() throws {
        let e = try #require(expectReadError(TestFiles.fixture("generic_garmin_semicolon_offset_mg.csv")))
        #expect(e.kind == .implausibleUnits)
        #expect(e.hint?.contains("--units mg") == true)
    }

    @Test func timelessFileNeedsRate() throws {
        let e = try #require(expectReadError(TestFiles.fixture("generic_xyz_only.csv")))
        #expect(e.kind == .unknownLayout)
        #expect(e.hint?.contains("--rate") == true)
    }

    @Test func unknownLayoutShowsFirstLinesAndOptions() throws {
        let e = try #require(expectReadError(TestFiles.fixture("unknown_layout.csv")))
        #expect(e.kind == .unknownLayout && e.exitStatus == .dataError)
        #expect(e.hint?.contains("1 | foo,bar,baz,qux") == true)
        #expect(e.hint?.contains("--columns") == true && e.hint?.contains("--time-format") == true)
    }

    @Test func unknownLayoutReadWithColumnsOption() throws {
        // The same file described on the command line: columns 2-4 are x, y, z at 10 Hz, in
        // counts of sqrt(6^2 + 7^2 + 8^2) = sqrt(149) per g, so that the median (upper of two)
        // magnitude, row 2's, is 1 g.
        var o = ReadOptions()
        o.columns = ColumnRole.list(parsing: "-,x,y,z")
        o.rateHz = 10
        let perG = 149.0.squareRoot()
        o.units = .counts(perG: perG, zero: 0)
        let r = try RecordingReader.read(path: TestFiles.fixture("unknown_layout.csv"), options: o)
        #expect(r.sampleCount == 2)
        #expect(r.x.first == Float(2 / perG))
    }

    @Test func missingFileIs66() throws {
        let e = try #require(expectReadError("/nonexistent/night.csv"))
        #expect(e.kind == .missingFile && e.exitStatus == .noInput)
        #expect(e.description.contains("/nonexistent/night.csv"))
    }

    @Test func directoryIsNotAFile() throws {
        let e = try #require(expectReadError(FileManager.default.temporaryDirectory.path))
        #expect(e.kind == .missingFile)
    }

    @Test func badNumberNamesLineAndColumn() throws {
        let path = try TestFiles.write("time,x,y,z\n2020-01-01 00:00:00.000,0.1,0.2,0.97\n2020-01-01 00:00:00.010,0.1,0x2q,0.97\n")
        let e = try #require(expectReadError(path))
        #expect(e.kind == .malformedData && e.line == 3 && e.column == 3)
        #expect(e.found == "'0x2q'")
    }

    @Test func corruptGzipIsAnError() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestFiles.fixture("axivity_ax6_formatted.csv.gz")))
        let path = try TestFiles.write(data.prefix(data.count / 2), name: "cut.csv.gz")
        let e = try #require(expectReadError(path))
        #expect(e.kind == .malformedData)
    }

    @Test func declaredRateDisagreeingWithTimestamps() throws {
        // The 40 Hz timestamped fixture with its header claiming 30 Hz.
        let text = try String(contentsOfFile: TestFiles.fixture("actigraph_timestamped.csv"), encoding: .utf8)
            .replacingOccurrences(of: "at 40 Hz", with: "at 30 Hz")
        let r = try RecordingReader.read(path: try TestFiles.write(text), options: ReadOptions())
        let mismatch = try #require(r.defects.first { $0.kind == .rateMismatch })
        #expect(mismatch.sampleRange == 0..<8 && !mismatch.excludesFromScoring)
        #expect(close(r.sampleRateHz, 40, 1e-6) && r.declaredRateHz == 30)
    }
}
