import Foundation
import Testing

@testable import PLMReaders
import PLMTestSupport

/// `calibration.json` with `"isCalibrated": false` (CentrePoint devices): the raw counts are
/// calibrated with the file's method-2 coefficients, as ActiGraph's pygt3x does.
///
/// Independent reference: pygt3x's own test of its calibration (actigraph/pygt3x
/// `tests/test_calibration.py`) calibrates `tests/testresources/WRIST_rawLSB_032Hz.csv` (raw
/// counts, ActiLife export of a GT9X at 32 Hz) with the coefficients below and requires the
/// result to equal ActiLife's calibrated export `WRIST_rawCalibrated_032Hz.csv` within 1e-14.
/// The first second of the raw counts is copied here (32 rows); the calibrated rows come from
/// `../shared/corpus/pygt3x/WRIST_rawCalibrated_032Hz.csv` when it is present, and the first
/// three of them are written here as well (ActiLife's 18-decimal values).
@Suite("ActiGraph calibration.json")
struct GT3XCalibrationTests {
    static let coefficients = """
        {"isCalibrated": false, "calibrationMethod": 2,
         "offsetX_32": 37, "offsetY_32": 13, "offsetZ_32": 46,
         "sensitivityXX_32": 24804, "sensitivityYY_32": 26621, "sensitivityZZ_32": 24304,
         "sensitivityXY_32": -615, "sensitivityXZ_32": -222, "sensitivityYZ_32": -28,
         "positiveZeroGOffsetX_32": 256, "negativeZeroGOffsetX_32": -256, "zeroGOffsetX_32": 0}
        """

    static let rawCounts: [(Int, Int, Int)] = [
        (342, 47, 84), (361, 129, 46), (346, 203, 18), (389, 254, 60), (333, 245, 70), (311, 217, 58), (354, 178, 44),
        (393, 126, 23), (404, 120, 11), (382, 121, 16), (347, 108, 24), (309, 125, 25), (279, 132, 21), (261, 137, 20),
        (242, 131, 16), (221, 123, 10), (210, 115, 14), (188, 107, 24), (227, 104, 34), (251, 106, 36), (230, 82, 35),
        (276, 46, 21), (279, 29, 3), (270, 78, 8), (305, 136, 18), (359, 171, 14), (406, 173, 12), (385, 123, 26),
        (371, 95, 47), (365, 75, 40), (333, 68, 22), (299, 76, 24),
    ]

    static let firstCalibrated: [(Double, Double, Double)] = [
        (1.234432211285849013, 0.158658064504479085, 0.167436018814795001),
        (1.317943204871776075, 0.468431882812356981, 0.012131853621653213),
        (1.263930862000676614, 0.744769110776733134, -0.103281201585559160),
    ]

    /// ActiLife's calibrated rows of the same second, from the corpus; else the three above.
    static func expectedRows() throws -> [(Double, Double, Double)] {
        guard let corpus = TestFiles.corpus else { return firstCalibrated }
        let text = try String(contentsOf: corpus.appendingPathComponent("pygt3x/WRIST_rawCalibrated_032Hz.csv"), encoding: .utf8)
        let rows = text.split(whereSeparator: \.isNewline).dropFirst(11).prefix(rawCounts.count)
        return rows.map { line in
            let v = line.split(separator: ",").compactMap { Double($0) }
            return (v[0], v[1], v[2])
        }
    }

    func read(packed12Bit: Bool, calibration: String) throws -> AccelerationRecording {
        var encoder = GT3XTestEncoder()
        encoder.rateHz = 32
        encoder.extraEntries = [("calibration.json", Data(calibration.utf8))]
        let t0: UInt32 = 1_509_536_700
        let log = packed12Bit ? GT3XTestEncoder.activity(t0, Self.rawCounts) : GT3XTestEncoder.activity2(t0, Self.rawCounts)
        return try RecordingReader.read(path: try encoder.archive(log: log))
    }

    @Test(arguments: [false, true])
    func rawCountsAreCalibratedLikeActiLife(packed12Bit: Bool) throws {
        let r = try read(packed12Bit: packed12Bit, calibration: Self.coefficients)
        let expected = try Self.expectedRows()
        #expect(r.sampleCount == Self.rawCounts.count)
        #expect(expected.count >= 3)
        for (i, e) in expected.enumerated() {
            // Float32 samples: within 2e-7 g of ActiLife's 18 decimals.
            #expect(abs(Double(r.x[i]) - e.0) < 2e-7 && abs(Double(r.y[i]) - e.1) < 2e-7 && abs(Double(r.z[i]) - e.2) < 2e-7, "row \(i)")
        }
        let note = try #require(r.metadata.first { $0.key == "calibration" }?.value)
        #expect(note.contains("applied"))
    }

    @Test func calibratedOnTheDeviceIsCountsOverScale() throws {
        let r = try read(packed12Bit: false, calibration: "{\"isCalibrated\": true, \"calibrationMethod\": 2, \"offsetX_32\": 37}")
        #expect(Double(r.x[0]) == 342.0 / 256 && Double(r.y[0]) == 47.0 / 256 && Double(r.z[0]) == 84.0 / 256)
    }

    @Test func coefficientsForAnotherRateAreNotApplied() throws {
        let other = Self.coefficients.replacingOccurrences(of: "_32\"", with: "_30\"")
        let r = try read(packed12Bit: false, calibration: other)
        #expect(Double(r.x[0]) == 342.0 / 256)
        let note = try #require(r.metadata.first { $0.key == "calibration" }?.value)
        #expect(note.hasPrefix("NOT calibrated") && note.contains("32 Hz"))
    }

    /// info.txt without Acceleration Scale: the scale of the device family, by serial number
    /// (GT3X File Format, ACTIVITY2: NEO and CLE 341 LSB/g, MOS 256 LSB/g).
    @Test(arguments: [("CLE2B20130009", 341.0), ("NEO1C16110020", 341.0), ("MOS2E39180594", 256.0), ("TAS1E00000001", 256.0)])
    func scaleWithoutAccelerationScaleFollowsTheSerialNumber(serial: String, countsPerG: Double) throws {
        var encoder = GT3XTestEncoder()
        encoder.serial = serial
        encoder.statesScale = false
        let r = try RecordingReader.read(path: try encoder.archive(log: GT3XTestEncoder.activity2(1_616_169_420, Self.rawCounts)))
        #expect(r.x[0] == Float(342.0 / countsPerG) && r.z[1] == Float(46.0 / countsPerG))
    }

    /// The PARAMETERS record's ACCEL_SCALE (GT3X File Format, LogRecords/Parameters.md: item
    /// `00 00 37 00` + a float of 24-bit fraction and 8-bit exponent; the document's example
    /// `00 00 40 09` is 256) sets the scale when info.txt states none. 341 = 0x554000 / 2^23 × 2^9.
    @Test func parametersRecordScaleIsUsedWhenInfoStatesNone() throws {
        var encoder = GT3XTestEncoder()
        encoder.statesScale = false
        let parameters = GT3XTestEncoder.record(
            type: 0x15, timestamp: 1_616_169_400, payload: [0x00, 0x00, 0x06, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x37, 0x00, 0x00, 0x40, 0x55, 0x09])
        let log = parameters + GT3XTestEncoder.activity2(1_616_169_420, Self.rawCounts)
        let r = try RecordingReader.read(path: try encoder.archive(log: log))
        #expect(r.x[0] == Float(342.0 / 341) && r.y[0] == Float(47.0 / 341))
        let scale = try #require(r.metadata.first { $0.key == "scale" }?.value)
        #expect(scale.hasPrefix("341 counts per g") && scale.contains("PARAMETERS"))
    }
}
