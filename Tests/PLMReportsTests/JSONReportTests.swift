import Foundation
import PLMCore
import Testing

@testable import PLMReports

@Suite("JSON report")
struct JSONReportTests {
    @Test("Numbers are rounded to 0.001 and written without exponent", arguments: [
        // (value, expected text) worked out by hand: round half away from zero at the third decimal.
        (0.1 + 0.2, "0.3"), (2587.25, "2587.25"), (3.0, "3"), (-1.25, "-1.25"), (0.001, "0.001"),
        (0.0004, "0"), (-0.0004, "0"), (-0.0, "0"), (123_456.789_4, "123456.789"), (1.0e-9, "0"),
        (28_800.000_49, "28800"), (0.0125, "0.013"), (1_234_567_890.5, "1234567890.5"), (99.9996, "100"),
    ])
    func numberFormat(value: Double, expected: String) {
        #expect(DecimalText.json(value) == expected)
    }

    @Test("Non-finite numbers become null")
    func nonFinite() throws {
        #expect(DecimalText.json(.nan) == "null")
        #expect(DecimalText.json(.infinity) == "null")
        #expect(try DeterministicJSON.string([Double.nan, 1.5]) == "[null, 1.5]\n")
    }

    @Test("Fixed display formatting pads decimals", arguments: [
        (44.2704, 1, "44.3"), (0.6125, 2, "0.61"), (5.0, 1, "5.0"), (-0.04, 1, "0.0"), (0.05, 1, "0.1"), (12.0, 0, "12"),
    ])
    func fixedFormat(value: Double, decimals: Int, expected: String) {
        #expect(DecimalText.fixed(value, decimals) == expected)
    }

    @Test("Every key of the plm-report/1 contract is present")
    func requiredKeys() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: TinyReport.make().jsonData()) as? [String: Any])
        // Issue 2's contract, plus issue 7's additions.
        for key in ["schema", "tool", "recording", "settings", "analysisWindow", "legMovements", "candidateMovements", "series", "indices", "severity", "distributions", "quality"] {
            #expect(object[key] != nil, "\(key)")
        }
        #expect(object["schema"] as? String == "plm-report/1")
        let tool = try #require(object["tool"] as? [String: Any])
        #expect(Set(tool.keys) == ["name", "version"])
        let recording = try #require(object["recording"] as? [String: Any])
        #expect(recording["start"] as? String == "2024-02-28T23:59:59.500Z")
        let leg = try #require((recording["legs"] as? [[String: Any]])?.first)
        for key in ["side", "path", "layout", "sampleRateHz", "samples", "firstSample", "lastSample", "defects"] {
            #expect(leg[key] != nil, "legs[].\(key)")
        }
        let window = try #require(object["analysisWindow"] as? [String: Any])
        #expect(Set(window.keys) == ["startS", "endS", "timeInBedHours"])
        let lm = try #require((object["legMovements"] as? [[String: Any]])?.first)
        for key in ["side", "onsetS", "offsetS", "durationS", "peakAccelerationG", "tiltChangeDegrees", "shorterThanMinimum"] {
            #expect(lm[key] != nil, "legMovements[].\(key)")
        }
        let cm = try #require((object["candidateMovements"] as? [[String: Any]])?.first)
        for key in ["side", "onsetS", "offsetS", "durationS", "isCandidate", "periodic", "seriesNumber", "imiS", "exclusionReason", "respiratory", "arousal"] {
            #expect(cm[key] != nil, "candidateMovements[].\(key)")
        }
        let indices = try #require(object["indices"] as? [String: Any])
        for key in ["lmCount", "clmCount", "plmCount", "lmIndex", "clmIndex", "plmIndex", "periodicityIndex", "timeInBedHours",
                    "plmsIndex", "plmwIndex", "nonRespiratoryPLMIndex", "shortIMICLMIndex", "isolatedCLMIndex", "seriesCount",
                    "plmToClmRatio", "asymmetry", "validHours", "hoursBasis"] {
            #expect(indices[key] != nil, "indices.\(key)")
        }
        let severity = try #require(object["severity"] as? [String: Any])
        for key in ["band", "edges", "source", "note"] { #expect(severity[key] != nil, "severity.\(key)") }
        let distributions = try #require(object["distributions"] as? [String: Any])
        for key in ["imiHistogram", "lnIMIHistogram", "lnIMIMean", "lnIMISD", "plmsPerHour"] {
            #expect(distributions[key] != nil, "distributions.\(key)")
        }
        let quality = try #require((object["quality"] as? [[String: Any]])?.first)
        for key in ["validHours", "excludedHours", "defectCounts", "declaredRateHz", "measuredRateHz"] {
            #expect(quality[key] != nil, "quality[].\(key)")
        }
    }

    @Test("Unknown optional values are written as null, never left out")
    func nullsAreExplicit() throws {
        let text = try TinyReport.make().jsonString()
        #expect(text.contains("\"periodicityIndex\": null"))
        #expect(text.contains("\"plmsIndex\": null"))
        #expect(text.contains("\"lnIMIMean\": null"))
        // Candidate rows are one line each; the first has no series number and no IMI.
        #expect(text.contains("\"seriesNumber\": null, \"imiS\": null"))
    }

    @Test("Keys come in declaration order, maps in sorted order")
    func keyOrder() throws {
        let text = try TinyReport.make().jsonString()
        #expect(text.hasPrefix("{\n  \"schema\": \"plm-report/1\",\n  \"tool\": {\n    \"name\": \"plm\",\n    \"version\": \"0.1.0\"\n  },\n"))
        // Settings were given as rules, rateHz, onsetThresholdG, deriveSleep; written sorted.
        #expect(text.contains("""
              "settings": {
                "deriveSleep": false,
                "onsetThresholdG": 0.035,
                "rateHz": 100,
                "rules": "wasm2016"
              },
            """))
        let lm = "{\"side\": \"left\", \"onsetS\": 10.25, \"offsetS\": 12.75, \"durationS\": 2.5, \"peakAccelerationG\": 0.1, \"tiltChangeDegrees\": 4, \"shorterThanMinimum\": false, \"inAnalysisWindow\": true}"
        #expect(text.contains(lm))
    }

    @Test("Two renders give the same bytes")
    func byteIdentical() throws {
        #expect(try SampleNight.report().jsonData() == SampleNight.report().jsonData())
        #expect(try TinyReport.make().jsonData() == TinyReport.make().jsonData())
    }

    @Test("JSONDecoder reads the report back unchanged")
    func roundTrip() throws {
        let report = TinyReport.make()
        let decoded = try JSONDecoder().decode(PLMReport.self, from: report.jsonData())
        #expect(decoded == report)
        // And writing the decoded report again gives the same bytes.
        #expect(try decoded.jsonData() == report.jsonData())
    }

    @Test("Times in the sample night are written to the millisecond")
    func millisecondTimes() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: SampleNight.report().jsonData()) as? [String: Any])
        let lms = try #require(object["legMovements"] as? [[String: Any]])
        for lm in lms {
            let onset = try #require(lm["onsetS"] as? NSNumber).doubleValue
            #expect(abs(onset * 1000 - (onset * 1000).rounded()) < 1e-6)
        }
    }

    @Test("SortedObject keeps names sorted and unique")
    func sortedObject() throws {
        var map = SortedObject<Int>([("b", 2), ("a", 1), ("c", 3), ("a", 4)])
        #expect(map.entries.map(\.name) == ["a", "b", "c"])
        #expect(map["a"] == 4)
        map["b"] = nil
        map["Z"] = 0
        // Unicode scalar order: "Z" (U+005A) before "a" (U+0061).
        #expect(map.entries.map(\.name) == ["Z", "a", "c"])
        #expect(try DeterministicJSON.string(map) == "{\n  \"Z\": 0,\n  \"a\": 4,\n  \"c\": 3\n}\n")
    }

    @Test("Strings are escaped")
    func stringEscapes() throws {
        #expect(try DeterministicJSON.string(["a\"b\\c\nd\u{1}é"]) == "[\"a\\\"b\\\\c\\nd\\u0001é\"]\n")
    }

    @Test("Keys are escaped as strings are; tab, CR and U+001F too")
    func keyEscapes() throws {
        // By hand: " \ tab CR U+001F become \" \\ \t \r \u001f; é stays as its UTF-8 bytes.
        let map = SortedObject<Int>([("a\"b\\c\td\re\u{1F}é", 1)])
        #expect(try DeterministicJSON.string(map) == "{\n  \"a\\\"b\\\\c\\td\\re\\u001fé\": 1\n}\n")
        #expect(try DeterministicJSON.string(["x\ty\r\u{1F}"]) == "[\"x\\ty\\r\\u001f\"]\n")
        #expect(try DeterministicJSON.data(map) == Data(try DeterministicJSON.string(map).utf8))
    }
}

@Suite("Histograms")
struct HistogramTests {
    @Test("IMI bins are 2 s wide over 0-90 s, the upper edge open")
    func imiBins() {
        // 0 and 1.99 fall in bin 0, 2 in bin 1, 89.9 in bin 44; 90, -1 and NaN are not counted.
        let h = PLMReport.Histogram.imi([0, 1.99, 2, 89.9, 90, -1, .nan])
        #expect(h.binEdges.count == 46)
        #expect(h.binEdges.first == 0 && h.binEdges.last == 90)
        #expect(h.counts.count == 45)
        #expect(h.counts[0] == 2 && h.counts[1] == 1 && h.counts[44] == 1)
        #expect(h.counts.reduce(0, +) == 4)
    }

    @Test("ln(IMI) bins are 0.1 wide over 0-4.5")
    func lnBins() {
        // ln 20 = 2.9957 -> bin 29; ln 1 = 0 -> bin 0; ln 0.5 < 0 and ln 95 = 4.554 > 4.5 are not counted.
        let h = PLMReport.Histogram.lnIMI([20, 1, 0.5, 95, 0])
        #expect(h.counts.count == 45)
        #expect(h.counts[29] == 1 && h.counts[0] == 1)
        #expect(h.counts.reduce(0, +) == 2)
        #expect(abs((h.binEdges.last ?? 0) - 4.5) < 1e-12)
    }
}
