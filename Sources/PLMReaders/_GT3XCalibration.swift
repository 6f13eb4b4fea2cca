import Foundation
import PLMCore

/// The `calibration.json` of a `.gt3x` / `.agdc` archive (ActiGraph CentrePoint devices), and
/// what it means for the samples.
///
/// Most archives have none, or say `"isCalibrated": true`: the device calibrated the samples
/// itself and counts / Acceleration Scale is g (GT3X File Format, ACTIVITY2: "scale the resultant
/// by the scale factor"). An archive that says `"isCalibrated": false` with
/// `"calibrationMethod": 2` carries, per sample rate `R`, the offsets `offsetX_R` ... and the
/// sensitivities `sensitivityXX_R`, `sensitivityYY_R`, `sensitivityZZ_R`, `sensitivityXY_R`,
/// `sensitivityXZ_R`, `sensitivityYZ_R`; ActiGraph's own reader (pygt3x
/// `CalibrationV2Service`) then computes g = S (raw − offset) with the symmetric matrix
///
///     S_aa = 1 / (sensitivityAA × 0.01)
///     S_ab = 1 / (sensitivityAB × 0.01 + 250) − 0.004      (a ≠ b)
///
/// on the raw counts (no division by the Acceleration Scale). That is what ``apply`` does.
struct _GT3XCalibration {
    var offset: (x: Double, y: Double, z: Double)
    /// S_xx, S_yy, S_zz, S_xy, S_xz, S_yz.
    var xx: Double, yy: Double, zz: Double, xy: Double, xz: Double, yz: Double

    /// What the file says about calibration.
    enum State {
        /// Calibrated on the device (or nothing said): counts / Acceleration Scale.
        case onDevice(note: String)
        /// Not calibrated on the device, with coefficients this reader applies.
        case apply(_GT3XCalibration, note: String)
        /// Not calibrated on the device, and no coefficients this reader understands.
        case notApplied(note: String)

        var note: String {
            switch self {
            case .onDevice(let note), .apply(_, let note), .notApplied(let note): note
            }
        }
    }

    /// A JSON scalar (the file's values are numbers and booleans).
    private enum Scalar: Decodable {
        case bool(Bool), number(Double), other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else {
                self = .other
            }
        }
    }

    /// Reads `calibration.json` for a recording at `rateHz`.
    static func state(json: Data, rateHz: Double) -> State {
        guard let values = try? JSONDecoder().decode([String: Scalar].self, from: json) else {
            return .notApplied(note: "calibration.json present but not readable as a JSON object; values are counts / Acceleration Scale")
        }
        guard case .bool(let calibrated)? = values["isCalibrated"] else {
            return .onDevice(note: "calibration.json present without isCalibrated; values are counts / Acceleration Scale")
        }
        if calibrated { return .onDevice(note: "calibrated on the device (calibration.json)") }
        guard case .number(let method)? = values["calibrationMethod"], method == 2 else {
            return .notApplied(note: "NOT calibrated on the device, and calibration.json's method is not one this reader knows (2); values are counts / Acceleration Scale, uncalibrated")
        }
        let rate = Int(exactly: rateHz).map(String.init) ?? DecimalText.short(rateHz)
        func number(_ name: String) -> Double? {
            guard case .number(let value)? = values["\(name)_\(rate)"], value.isFinite else { return nil }
            return value
        }
        guard let ox = number("offsetX"), let oy = number("offsetY"), let oz = number("offsetZ"),
            let sxx = number("sensitivityXX"), let syy = number("sensitivityYY"), let szz = number("sensitivityZZ"),
            let sxy = number("sensitivityXY"), let sxz = number("sensitivityXZ"), let syz = number("sensitivityYZ")
        else {
            return .notApplied(note: "NOT calibrated on the device, and calibration.json has no method-2 coefficients for \(rate) Hz; values are counts / Acceleration Scale, uncalibrated")
        }
        let calibration = _GT3XCalibration(
            offset: (ox, oy, oz), xx: 1 / (sxx * 0.01), yy: 1 / (syy * 0.01), zz: 1 / (szz * 0.01),
            xy: 1 / (sxy * 0.01 + 250) - 0.004, xz: 1 / (sxz * 0.01 + 250) - 0.004, yz: 1 / (syz * 0.01 + 250) - 0.004)
        guard [calibration.xx, calibration.yy, calibration.zz, calibration.xy, calibration.xz, calibration.yz].allSatisfy(\.isFinite) else {
            return .notApplied(note: "NOT calibrated on the device, and calibration.json's sensitivities for \(rate) Hz are degenerate (zero); values are counts / Acceleration Scale, uncalibrated")
        }
        return .apply(calibration, note: "calibration.json applied (method 2, \(rate) Hz: offsets and sensitivity matrix on the raw counts)")
    }

    /// Calibrated g of one sample of raw counts.
    @inline(__always)
    func apply(_ x: Float, _ y: Float, _ z: Float) -> (x: Float, y: Float, z: Float) {
        let dx = Double(x) - offset.x, dy = Double(y) - offset.y, dz = Double(z) - offset.z
        return (
            Float(xx * dx + xy * dy + xz * dz),
            Float(xy * dx + yy * dy + yz * dz),
            Float(xz * dx + yz * dy + zz * dz)
        )
    }
}
